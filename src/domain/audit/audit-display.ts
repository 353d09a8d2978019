// The journal in words (issue 13 §2), as an agent or an auditor reads it: the states by their
// labels (« Envoyée », not `envoyee`), the details as sentences instead of JSON, IPv4 addresses
// without the `::ffff:` prefix of an IPv4-mapped IPv6 socket. What is stored is not changed.
import { accessRequestStateLabels, incompleteReasonLabels } from '../access-request/access-request.workflow.js';
import { conventionStateLabels } from '../convention/convention.workflow.js';
import { habilitationStateLabels, revocationReasonLabels } from '../habilitation/habilitation.workflow.js';
import { CAMPAIGN_STATUS_LABELS } from '../password-campaign/password-campaign.validation.js';
import { suppressionRequestStateLabels } from '../suppression-request/suppression-request.workflow.js';
import { formatFrenchDate, isIsoDate } from '../shared/dates.js';

const STATE_LABELS: Record<string, Record<string, string>> = {
  AccessRequest: accessRequestStateLabels,
  Convention: conventionStateLabels,
  Habilitation: habilitationStateLabels,
  SuppressionRequest: suppressionRequestStateLabels,
  PasswordCampaign: CAMPAIGN_STATUS_LABELS,
  HabilitationManager: { 'en-fonction': 'En fonction', remplace: 'Remplacé' },
};

export function stateLabel(entityType: string | null | undefined, state: string | null | undefined): string | null {
  if (!state) return null;
  return STATE_LABELS[entityType ?? '']?.[state] ?? state;
}

/** A reason code (revocation, incompleteness) by its label; a free-text reason as it is. */
export function reasonLabel(reason: string | null | undefined): string | null {
  if (!reason) return null;
  return (revocationReasonLabels as Record<string, string>)[reason] ?? (incompleteReasonLabels as Record<string, string>)[reason] ?? reason;
}

export function displayIp(ip: string | null | undefined): string | null {
  if (!ip) return null;
  return ip.replace(/^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i, '$1');
}

/** The names of the details' keys, as the journal writes them (src/domain/**: `details: {…}`). */
const DETAIL_LABELS: Record<string, string> = {
  identifier: 'Identifiant', number: 'Convention n°', profile: 'Profil', partnerId: 'Partenaire n°', conventionId: 'Convention (fiche n°)',
  habilitationId: 'Habilitation (fiche n°)', supersededId: 'Désignation remplacée (fiche n°)', scanId: 'Numérisation n°',
  letterDocumentId: 'Courrier (document n°)', formReference: 'Référence du formulaire', reference: 'Référence', receivedDate: 'Reçue le',
  effectiveDate: 'À compter du', designationDate: 'Désigné le', endDate: 'Fin le', incompleteSince: 'Incomplète depuis le',
  reminderDays: 'Relance après (jours)', closureDays: 'Classement après (jours)', suspendedDate: 'Suspendue le', reactivatedDate: 'Réactivée le',
  revokedDate: 'Révoquée le', alreadyRevoked: 'Déjà révoquée', details: 'Précisions', warnings: 'Avertissements', revocation: 'Révocation',
  reasonCode: 'Motif', date: 'Date', job: 'Tâche', changeDate: 'Changement de mot de passe le', scope: 'Périmètre', noticeDays: 'Préavis (jours)',
  recipients: 'Destinataires', copies: 'Copies', habilitations: 'Habilitations', passwordChangedDate: 'Mot de passe changé le',
  nextPasswordChangeDate: 'Prochain changement le', kind: 'Type de document', subjectType: 'Concerne', subjectId: 'Fiche n°',
};

function valueInWords(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'string' && isIsoDate(value)) return formatFrenchDate(value);
  if (key === 'reasonCode' && typeof value === 'string') return reasonLabel(value) ?? value;
  if (Array.isArray(value)) return value.length ? value.map((v) => valueInWords(key, v)).join(' ; ') : 'aucun';
  if (typeof value === 'object') return detailsInWords(value as Record<string, unknown>, ', ');
  return String(value);
}

function detailsInWords(details: Record<string, unknown>, separator: string): string {
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${DETAIL_LABELS[k] ?? k} : ${valueInWords(k, v)}`)
    .join(separator);
}

/** The details (stored as JSON) as sentences: « Identifiant : CP78-00012. Révoquée le : 01/12/2026. » */
export function detailsSentence(json: string | null | undefined): string | null {
  if (!json) return null;
  let details: unknown;
  try {
    details = JSON.parse(json);
  } catch {
    return json;
  }
  if (!details || typeof details !== 'object' || Array.isArray(details)) return json;
  const text = detailsInWords(details as Record<string, unknown>, '. ');
  return text ? `${text}.` : null;
}
