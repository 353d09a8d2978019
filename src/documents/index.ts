// The documents engine: one pure function per kind, from typed data to a PDF Buffer.
// No database, no AdminJS: the caller maps its entities and the Settings to the data types of
// ./document-data.ts; the same data always gives the same bytes (CreationDate = ModDate =
// generatedAt to the second, /ID from the content: file-id.ts), so a lost file can be regenerated
// from its record and checked against its SHA-256.
import { renderAccessRequestForm } from './access-request-form.pdf.js';
import { renderConventionDocument } from './convention.pdf.js';
import { renderCoverLetter } from './cover-letter.pdf.js';
import type {
  AccessRequestFormData,
  ConventionDocumentData,
  CoverLetterData,
  HabilitationLetterData,
  IncompleteFollowUpLetterData,
  ManagerDesignationFormData,
  RenewalNoticeData,
  SuppressionRequestFormData,
  TerminationLetterData,
} from './document-data.js';
import { renderHabilitationLetter } from './habilitation-letter.pdf.js';
import { renderIncompleteFollowUpLetter } from './incomplete-follow-up-letter.pdf.js';
import { renderManagerDesignationForm } from './manager-designation-form.pdf.js';
import { renderRenewalNotice } from './renewal-notice.pdf.js';
import { renderSuppressionRequestForm } from './suppression-request-form.pdf.js';
import { renderTerminationLetter } from './termination-letter.pdf.js';

export type * from './document-data.js';
export {
  renderAccessRequestForm,
  renderConventionDocument,
  renderCoverLetter,
  renderHabilitationLetter,
  renderIncompleteFollowUpLetter,
  renderManagerDesignationForm,
  renderRenewalNotice,
  renderSuppressionRequestForm,
  renderTerminationLetter,
};
export { frenchLongDate, formatSiret } from './format.js';
export { mergePdfs, type MergedPdfOptions } from './merge.js';

/** The data each kind of document is made from. */
export interface DocumentDataByKind {
  'cover-letter': CoverLetterData;
  convention: ConventionDocumentData;
  'access-request-form': AccessRequestFormData;
  'manager-designation-form': ManagerDesignationFormData;
  'suppression-request-form': SuppressionRequestFormData;
  'renewal-notice': RenewalNoticeData;
  'habilitation-letter': HabilitationLetterData;
  'termination-letter': TerminationLetterData;
  'incomplete-reminder-letter': IncompleteFollowUpLetterData & { step: 'reminder' };
  'incomplete-closure-letter': IncompleteFollowUpLetterData & { step: 'closure' };
}

export type DocumentKind = keyof DocumentDataByKind;

const renderers: { [K in DocumentKind]: (data: DocumentDataByKind[K]) => Promise<Buffer> } = {
  'cover-letter': renderCoverLetter,
  convention: renderConventionDocument,
  'access-request-form': renderAccessRequestForm,
  'manager-designation-form': renderManagerDesignationForm,
  'suppression-request-form': renderSuppressionRequestForm,
  'renewal-notice': renderRenewalNotice,
  'habilitation-letter': renderHabilitationLetter,
  'termination-letter': renderTerminationLetter,
  'incomplete-reminder-letter': renderIncompleteFollowUpLetter,
  'incomplete-closure-letter': renderIncompleteFollowUpLetter,
};

export const DOCUMENT_KINDS = Object.keys(renderers) as DocumentKind[];

/** French label of each kind (lists, file names, audit trail). */
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  'cover-letter': 'Courrier d’envoi de la convention',
  convention: 'Convention de service (deux exemplaires)',
  'access-request-form': 'Demande d’accès',
  'manager-designation-form': 'Désignation d’un responsable habilitations',
  'suppression-request-form': 'Demande de suppression d’accès',
  'renewal-notice': 'Avis de reconduction',
  'habilitation-letter': 'Notification d’habilitation',
  'termination-letter': 'Courrier de fin de convention',
  'incomplete-reminder-letter': 'Relance d’une demande d’accès incomplète',
  'incomplete-closure-letter': 'Classement sans suite d’une demande d’accès',
};

export function isDocumentKind(value: string): value is DocumentKind {
  return Object.prototype.hasOwnProperty.call(renderers, value);
}

/** Renders a document of `kind` from its data. */
export function renderDocument<K extends DocumentKind>(kind: K, data: DocumentDataByKind[K]): Promise<Buffer> {
  const render = renderers[kind] as (data: DocumentDataByKind[K]) => Promise<Buffer>;
  if (!render) return Promise.reject(new Error(`Type de document inconnu : « ${String(kind)} »`));
  return render(data);
}
