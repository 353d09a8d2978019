// The « related records » panel of each record page, from what src/domain/related sent with the record.
// A part absent from the data is one the agent's role may not read: it is not shown at all.
import React from 'react';
import { Box, Button, Text } from '@adminjs/design-system';
import { Link } from 'react-router-dom';
import type {
  AccessRequestRelated, ConventionRelated, HabilitationRelated, PartnerRelated, RelatedLine,
} from '../../domain/related/related-records.types.js';
import { Counts, Empty, Facts, Latest, Lines, RelatedLink, Section } from './related-parts.js';
import ScanViewer from './scan-viewer.js';

const One: React.FC<{ line: RelatedLine | null; empty: string }> = ({ line, empty }) => <Lines lines={line ? [line] : []} empty={empty} />;

export const PartnerPanel: React.FC<{ related: PartnerRelated }> = ({ related }) => (
  <>
    {related.conventions ? (
      <Section id="conventions" title={`Conventions (${related.conventions.total})`}>
        <Lines lines={related.conventions.lines} empty="Aucune convention pour ce partenaire." />
        {related.conventions.total ? <Text mt="sm"><RelatedLink link={{ label: 'Voir la liste', href: related.conventions.href }}>Voir la liste de ses conventions</RelatedLink></Text> : null}
      </Section>
    ) : null}
    {related.createConvention ? (
      <Box mb="xl">
        <Button as={Link} to={related.createConvention.href} variant="contained" data-related="create-convention">{related.createConvention.label}</Button>
      </Box>
    ) : null}
  </>
);

export const ConventionPanel: React.FC<{ related: ConventionRelated }> = ({ related }) => (
  <>
    {related.responsable !== undefined ? (
      <Section id="responsable" title="Responsable habilitations en fonction">
        <One line={related.responsable} empty="Aucun responsable désigné." />
      </Section>
    ) : null}
    <Section id="calendar" title="Échéances"><Facts facts={related.calendar} /></Section>
    {related.accessRequests ? (
      <Section id="access-requests" title="Demandes d'accès"><Counts counts={related.accessRequests} empty="Aucune demande d'accès." /></Section>
    ) : null}
    {related.habilitations ? (
      <Section id="habilitations" title="Habilitations"><Counts counts={related.habilitations} empty="Aucune habilitation." /></Section>
    ) : null}
    {related.documents ? (
      <Section id="documents" title={`Documents produits (${related.documents.total})`}><Latest of={related.documents} empty="Aucun document produit." /></Section>
    ) : null}
    {related.scans ? (
      <Section id="scans" title={`Numérisations (${related.scans.total})`}><Latest of={related.scans} empty="Aucune numérisation." /></Section>
    ) : null}
    {related.history ? (
      <Section id="history" title="Historique"><Latest of={related.history} empty="Aucune entrée au journal." /></Section>
    ) : null}
  </>
);

export const HabilitationPanel: React.FC<{ related: HabilitationRelated }> = ({ related }) => (
  <>
    {related.origin !== undefined ? (
      <Section id="origin" title="Demande d'origine"><One line={related.origin} empty="Aucune demande d'accès enregistrée pour cette habilitation." /></Section>
    ) : null}
    <Section id="planned-revocation" title="Révocation prévue">
      {related.plannedRevocation ? <RelatedLink link={related.plannedRevocation} /> : <Empty>Aucune révocation prévue.</Empty>}
    </Section>
    {related.replaces ? <Section id="replaces" title="Remplace (perte ou vol)"><One line={related.replaces} empty="" /></Section> : null}
    {related.replacedBy?.length ? <Section id="replaced-by" title="Remplacée par (perte ou vol)"><Lines lines={related.replacedBy} empty="" /></Section> : null}
  </>
);

/** The scan first (beside the fields), then what the same person already has. */
export const AccessRequestPanel: React.FC<{ related: AccessRequestRelated }> = ({ related }) => (
  <>
    {related.scan !== undefined ? (
      <Section id="scan" title="Formulaire numérisé">
        {related.scan ? <ScanViewer {...related.scan} /> : <Empty>Le formulaire signé n’a pas été numérisé.</Empty>}
      </Section>
    ) : null}
    {related.otherRequests ? (
      <Section id="other-requests" title={`Autres demandes de la même personne (${related.otherRequests.length})`}>
        <Lines lines={related.otherRequests} empty="Aucune autre demande, chez aucun partenaire." />
      </Section>
    ) : null}
    {related.habilitations ? (
      <Section id="person-habilitations" title={`Habilitations de la même personne (${related.habilitations.length})`}>
        <Lines lines={related.habilitations} empty="Aucune habilitation, chez aucun partenaire." />
      </Section>
    ) : null}
  </>
);
