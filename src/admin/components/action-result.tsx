// What an action did, on the page the agent lands on: the French message, the PDF it produced
// (« Télécharger le courrier », « Imprimer »: opened only when asked, in a new tab) and, for a run,
// its report (produced, already produced, failed with the reason), each line a link; after a decision
// taken from a filtered queue, « Suivant » (its next record) and « Retour à la file ».
import React from 'react';
import { Box, Button, H5, MessageBox, Text } from '@adminjs/design-system';
import type { WorkflowResult } from '../workflow-form.types.js';

export const ActionResult: React.FC<{ result: WorkflowResult }> = ({ result }) => (
  <Box mb="lg" data-action-result role="status">
    <MessageBox variant="success" message={result.message}>
      {result.document ? (
        <Box flex flexDirection="row" flexWrap="wrap" mt="default" style={{ gap: 8 }}>
          <Button as="a" href={result.document.url} download variant="contained" size="sm">
            {result.document.label ?? 'Télécharger le courrier'}
          </Button>
          <Button as="a" href={result.document.url} target="_blank" rel="noopener" variant="outlined" size="sm">Imprimer</Button>
        </Box>
      ) : null}
      {result.queue ? (
        <Box flex flexDirection="row" flexWrap="wrap" alignItems="center" mt="default" style={{ gap: 8 }} data-queue>
          {result.queue.nextUrl
            ? <Button as="a" href={result.queue.nextUrl} variant="contained" size="sm">Suivant</Button>
            : <Text as="span">C’était la dernière demande de cette file.</Text>}
          <Button as="a" href={result.queue.listUrl} variant="outlined" size="sm">Retour à la file</Button>
        </Box>
      ) : null}
    </MessageBox>
    {(result.report ?? []).map((section) => (
      <Box key={section.title} mt="lg" data-report-section={section.title}>
        <H5>{`${section.title} (${section.lines.length})`}</H5>
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {section.lines.map((line) => (
            <li key={line.text}>
              {line.href ? <a href={line.href} target={line.href.startsWith('/admin/resources/') ? undefined : '_blank'} rel="noopener">{line.text}</a> : <Text as="span">{line.text}</Text>}
            </li>
          ))}
        </ul>
      </Box>
    ))}
  </Box>
);
