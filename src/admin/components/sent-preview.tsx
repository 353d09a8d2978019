// What a decision will send, shown before it is confirmed (issue 13 §5): the email as the outbox will
// queue it (recipients, subject, text) and the letter as a PDF (an « APERÇU », not a registered
// document), inline and in a new tab.
import React, { useEffect, useState } from 'react';
import { Box, H4, Text } from '@adminjs/design-system';
import type { PreviewDetails } from '../workflow-form.types.js';

function usePdfUrl(base64: string | null | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!base64) { setUrl(null); return undefined; }
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const objectUrl = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [base64]);
  return url;
}

export const SentPreview: React.FC<{ details: PreviewDetails }> = ({ details }) => {
  const letterUrl = usePdfUrl(details.letterPdf);
  return (
    <Box as="section" aria-labelledby="sent-preview" data-sent-preview mt="xl">
      <H4 id="sent-preview">Ce qui sera envoyé</H4>
      <Box flex flexDirection="row" flexWrap="wrap" style={{ gap: 24 }}>
        <Box data-email-preview style={{ flex: '1 1 360px', minWidth: 300 }}>
          {details.email ? (
            <>
              <Text><strong>Courriel à :</strong> {details.email.to.join(', ')}</Text>
              <Text><strong>Objet :</strong> <span data-email-subject>{details.email.subject}</span></Text>
              {/* Focusable: a scrolling region must be reachable with the keyboard (axe scrollable-region-focusable). */}
              <pre data-email-text tabIndex={0} role="region" aria-label="Texte du courriel" style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', background: '#f6f7fb', padding: 12, border: '1px solid #c0c0ca', maxHeight: 420, overflow: 'auto' }}>
                {details.email.text}
              </pre>
            </>
          ) : (
            <Text>Aucun courriel : ni le responsable habilitations ni le partenaire n’ont d’adresse électronique (le journal le dira).</Text>
          )}
        </Box>
        {letterUrl ? (
          <Box data-letter-preview style={{ flex: '1 1 360px', minWidth: 300 }}>
            <Text><strong>Courrier de notification</strong> (aperçu, à imprimer après l’approbation)</Text>
            <iframe src={letterUrl} title="Aperçu du courrier de notification" style={{ width: '100%', height: 420, border: '1px solid #c0c0ca' }} />
            <Text variant="sm"><a href={letterUrl} target="_blank" rel="noopener noreferrer" data-letter-link>Ouvrir l’aperçu du courrier (PDF)</a></Text>
          </Box>
        ) : null}
      </Box>
    </Box>
  );
};
