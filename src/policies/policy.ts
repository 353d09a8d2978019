// Who may do what: ONE table of roles × resources × actions, read by every AdminJS action
// (isAccessible / isVisible), by the API guard in front of AdminJS and by every other route.
// Anything not listed is refused (deny by default). DOMAIN.md « Who uses it » is the source.
import type { StaffRole } from './roles.js';

export const RESOURCES = [
  'Partner', 'AccessProfile', 'Convention', 'HabilitationManager', 'AccessRequest', 'Habilitation',
  'SuppressionRequest', 'PasswordCampaign', 'PasswordCampaignRecipient', 'Document', 'OutboxEmail', 'AuditEvent',
  'JobRun', 'Settings', 'StaffUser', 'Scan', 'Recertification', 'ReasonTemplate',
] as const;
export type ResourceId = (typeof RESOURCES)[number];

/** AdminJS's built-in actions; workflow actions (send, sign, approve…) are added per resource. */
export const BUILT_IN_ACTIONS = ['list', 'search', 'show', 'new', 'edit', 'delete', 'bulkDelete'] as const;
export type ActionName = (typeof BUILT_IN_ACTIONS)[number] | (string & {});

const ADMIN: StaffRole = 'administrateur';
const CONVENTIONS: StaffRole = 'gestionnaire-conventions';
const HABILITATIONS: StaffRole = 'gestionnaire-habilitations';
const DIRECTOR: StaffRole = 'directeur';
const READER: StaffRole = 'consultation';
const EVERYONE: StaffRole[] = [ADMIN, CONVENTIONS, HABILITATIONS, DIRECTOR, READER];

const read = (roles: StaffRole[] = EVERYONE) => ({ list: roles, search: roles, show: roles });
const write = (roles: StaffRole[]) => ({ new: roles, edit: roles });

export const POLICY: Record<ResourceId, Partial<Record<ActionName, StaffRole[]>>> = {
  // « Registre des destinataires »: who receives the Caf's data, dated and signed by the Directeur.
  Partner: { ...read(), ...write([ADMIN, CONVENTIONS]), delete: [ADMIN], recipientRegister: [ADMIN, DIRECTOR] },
  AccessProfile: { ...read(), ...write([ADMIN]) },
  Convention: {
    ...read(), ...write([ADMIN, CONVENTIONS]), delete: [ADMIN, CONVENTIONS],
    // Lifecycle: the convention staff send the pack and record the signed copy; the Directeur gives
    // notice (art. 5) and terminates for breach (art. 4).
    send: [ADMIN, CONVENTIONS], sign: [ADMIN, CONVENTIONS], denounce: [ADMIN, DIRECTOR], terminate: [ADMIN, DIRECTOR],
    // Blank/pre-filled forms are printed by the convention staff, and so is the pack's cover letter, which
    // the Directeur signs on paper (issue 13 §6); the other letters are the Directeur's.
    generateConvention: [ADMIN, CONVENTIONS, DIRECTOR], generateAccessRequestForm: [ADMIN, CONVENTIONS],
    generateDesignationForm: [ADMIN, CONVENTIONS], generateSuppressionForm: [ADMIN, CONVENTIONS],
    generateCoverLetter: [ADMIN, DIRECTOR, CONVENTIONS], generateRenewalNotice: [ADMIN, DIRECTOR], generateTerminationLetter: [ADMIN, DIRECTOR],
    renewalRun: [ADMIN, DIRECTOR],
    // Typing or scanning the reference printed on a returned form.
    lookupReference: [ADMIN, CONVENTIONS, HABILITATIONS],
  },
  HabilitationManager: {
    ...read(), ...write([ADMIN, CONVENTIONS]), delete: [ADMIN], designate: [ADMIN, CONVENTIONS],
    // The designation is recorded by the convention staff (it changes who signs for the partner): its
    // scan is attached by those who record it, not by the habilitation staff who only read it.
    attachScan: [ADMIN, CONVENTIONS],
  },
  // Paper forms are recorded by the convention staff; requests are instructed by the habilitation staff.
  AccessRequest: {
    ...read(), ...write([ADMIN, CONVENTIONS, HABILITATIONS]), delete: [ADMIN],
    markIncomplete: [ADMIN, HABILITATIONS], complete: [ADMIN, CONVENTIONS, HABILITATIONS],
    approve: [ADMIN, HABILITATIONS], refuse: [ADMIN, HABILITATIONS],
    attachScan: [ADMIN, CONVENTIONS, HABILITATIONS],
  },
  // A habilitation is created only by approving a request and is never deleted (it is revoked).
  Habilitation: {
    ...read(), edit: [ADMIN, HABILITATIONS],
    suspend: [ADMIN, HABILITATIONS], reactivate: [ADMIN, HABILITATIONS], revoke: [ADMIN, HABILITATIONS],
    reportLoss: [ADMIN, HABILITATIONS], generateLetter: [ADMIN, HABILITATIONS],
    generateSuppressionForm: [ADMIN, CONVENTIONS, HABILITATIONS],
  },
  SuppressionRequest: {
    ...read(), ...write([ADMIN, CONVENTIONS, HABILITATIONS]), delete: [ADMIN], process: [ADMIN, HABILITATIONS], reject: [ADMIN, HABILITATIONS],
    attachScan: [ADMIN, CONVENTIONS, HABILITATIONS],
  },
  PasswordCampaign: { ...read(), ...write([ADMIN, HABILITATIONS]), delete: [ADMIN], exportProof: EVERYONE },
  PasswordCampaignRecipient: { ...read() },
  // Download of the PDF: whoever may see the document (its subject is readable by every role).
  Document: { ...read(), download: EVERYONE, printToPost: [ADMIN, CONVENTIONS, DIRECTOR] },
  OutboxEmail: { ...read(), resend: [ADMIN, CONVENTIONS, HABILITATIONS] },
  // The journal is read-only for everybody, administrators included.
  AuditEvent: { ...read(), setLegalHold: [ADMIN], releaseLegalHold: [ADMIN] },
  JobRun: { ...read() },
  // One row, edited, never created nor deleted from the back-office.
  Settings: { ...read([ADMIN]), edit: [ADMIN] },
  StaffUser: { ...read([ADMIN]), ...write([ADMIN]), resetPassword: [ADMIN], resetSecondFactor: [ADMIN] },
  // Scans of signed forms are not an AdminJS resource: only the download route (GET /admin/scans/:id).
  Scan: { show: EVERYONE },
  // One per renewal notice, created by it: the habilitation staff record what the partner returned (issue 15).
  Recertification: {
    ...read(), recordReturn: [ADMIN, HABILITATIONS], recordPastedReturn: [ADMIN, HABILITATIONS],
    // A list never returned is followed up by the habilitation staff and the Directeur (« Recertifications
    // sans réponse » on their home page), who close it with a reason; the campaign's figures and evidence are theirs too.
    closeUnanswered: [ADMIN, HABILITATIONS, DIRECTOR], campaign: [ADMIN, HABILITATIONS, DIRECTOR],
  },
  // Modèles de motif (« incomplète », « refusée »): written by the Administrateur, read by whoever decides
  // (the forms offer them already filled).
  ReasonTemplate: { ...read([ADMIN, HABILITATIONS]), ...write([ADMIN]), delete: [ADMIN] },
};

/** Resources whose records show their « Historique » (the journal entries about the record). */
export const WITH_HISTORY: ResourceId[] = [
  'Partner', 'Convention', 'HabilitationManager', 'AccessRequest', 'Habilitation', 'SuppressionRequest', 'PasswordCampaign', 'StaffUser',
  'Recertification',
];

export function can(role: StaffRole | undefined | null, resource: string, action: ActionName): boolean {
  if (!role) return false;
  // « Historique » is reading: whoever may see the record may see its journal entries.
  // « Exporter » a list is reading it: whoever may list a resource may export its rows.
  if (action === 'export') return resource !== 'Scan' && can(role, resource, 'list');
  if (action === 'history' && WITH_HISTORY.includes(resource as ResourceId)) return can(role, resource, 'show') && can(role, 'AuditEvent', 'list');
  const rules = POLICY[resource as ResourceId];
  return Boolean(rules?.[action]?.includes(role));
}

/** Every (resource, action) pair of the table, for the tests that walk it. */
export function policyEntries(): Array<{ resource: ResourceId; action: ActionName; roles: StaffRole[] }> {
  return RESOURCES.flatMap((resource) =>
    Object.entries(POLICY[resource]).map(([action, roles]) => ({ resource, action, roles: roles ?? [] })));
}

/** Every action name of a resource: built-in, workflow, and « Historique » where it applies. */
export function actionsOf(resource: ResourceId): ActionName[] {
  return [...new Set<ActionName>([...BUILT_IN_ACTIONS, ...Object.keys(POLICY[resource]), ...(WITH_HISTORY.includes(resource) ? ['history'] : [])])];
}
