// Every email the back-office sends (DOMAIN.md « Emails »), one kind each, typed data in, French
// subject/text/HTML out (STYLE.md habit 7). The wording is in templates/emails/<kind>.{txt,html};
// this module shapes nothing, it only checks the kind and fills the template with the layout.
// No kind carries a password: the back-office never has one (DOMAIN.md « Habilitation »).
import type { Settings } from '../../entities/settings.entity.js';
import { loadTemplate, renderTemplate, type TemplateScope } from './email-templates.js';

export const EMAIL_KINDS = [
  'access-request-approved',
  'access-request-refused',
  'access-request-incomplete',
  'access-request-reminder',
  'access-request-closed',
  'suppression-request-processed',
  'suppression-request-rejected',
  'habilitation-reissued',
  'contract-ending',
  'renewal-notice',
  'convention-ended',
  'password-change-notice',
  'password-change-notice-copy',
  'recertification-returned',
  'recertification-reminder',
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

/** French label of each kind (back-office lists). */
export const EMAIL_KIND_LABELS: Record<EmailKind, string> = {
  'access-request-approved': 'Demande d’accès approuvée',
  'access-request-refused': 'Demande d’accès refusée',
  'access-request-incomplete': 'Demande d’accès incomplète',
  'access-request-reminder': 'Demande d’accès incomplète : relance',
  'access-request-closed': 'Demande d’accès classée sans suite',
  'suppression-request-processed': 'Suppression d’accès traitée',
  'suppression-request-rejected': 'Suppression d’accès rejetée',
  'habilitation-reissued': 'Habilitation rééditée',
  'contract-ending': 'Fin de CDD : habilitations qui prennent fin',
  'renewal-notice': 'Avis de reconduction',
  'convention-ended': 'Fin de convention : habilitations révoquées',
  'password-change-notice': 'Changement de mot de passe (utilisateur)',
  'password-change-notice-copy': 'Changement de mot de passe (copie au responsable)',
  'recertification-returned': 'Recertification annuelle : liste retournée appliquée',
  'recertification-reminder': 'Recertification annuelle : relance',
};

/** The Caf's contact printed at the foot of every email (Settings). */
export interface CafContact extends TemplateScope {
  cafName: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  /** One line: « 2 avenue des Prés, 78180 Montigny-le-Bretonneux ». */
  address: string;
}

export interface PersonData extends TemplateScope {
  civility: string;
  firstName: string;
  lastName: string;
  position: string;
}

/** What the decision emails share: the person concerned and the convention. Dates are French (« 23 novembre 2026 »). */
interface DecisionBase extends TemplateScope {
  person: PersonData;
  conventionNumber: string;
  partnerName: string;
  receivedDate: string;
}

export interface EmailDataByKind {
  'access-request-approved': DecisionBase & {
    decisionDate: string; identifier: string; profileCode: string; profileLabel: string; grantedDate: string;
    endDate: string | null; hasLetter: boolean;
  };
  'access-request-refused': DecisionBase & { decisionDate: string; reason: string };
  'access-request-incomplete': DecisionBase & { reasonLabel: string; details: string | null };
  'access-request-reminder': DecisionBase & { reasonLabel: string; details: string | null; incompleteSince: string; closureDate: string; hasLetter: boolean };
  'access-request-closed': DecisionBase & {
    reasonLabel: string; details: string | null; incompleteSince: string; closedDate: string; closureDays: number; hasLetter: boolean;
  };
  'suppression-request-processed': DecisionBase & { identifier: string; revocationDate: string; revokedNow: boolean };
  'suppression-request-rejected': DecisionBase & { identifier: string; reason: string };
  'habilitation-reissued': Omit<DecisionBase, 'receivedDate'> & {
    decisionDate: string; oldIdentifier: string; newIdentifier: string; profileCode: string; profileLabel: string; hasLetter: boolean;
  };
  'contract-ending': {
    conventionNumber: string; partnerName: string; count: number;
    users: Array<{ civility: string; firstName: string; lastName: string; identifier: string; endDate: string; suspended: boolean }>;
    /** Extension forms attached (none when the convention takes no more requests). */
    hasForms: boolean;
    /** The convention's own end, when one is set: an extension cannot go past it. */
    conventionEndDate: string | null;
  };
  'renewal-notice': {
    conventionNumber: string; partnerName: string; anniversary: string; lastNoticeDay: string;
    /** A late notice (a missed run, a first start): the last day to terminate is past; the next one is given. */
    noticePassed: boolean;
    followingAnniversary: string; followingLastNoticeDay: string;
    /** A Cafpro convention (habilitations listed in the letter), or a data-provision one (article 3, no habilitation). */
    cafproAccess: boolean;
    activeCount: number; suspendedCount: number;
  };
  'convention-ended': {
    conventionNumber: string; partnerName: string; endDate: string;
    /** Résiliation (art. 4) rather than dénonciation (art. 5). */
    terminated: boolean;
    count: number;
    users: Array<{ civility: string; firstName: string; lastName: string; identifier: string }>;
  };
  'password-change-notice': { identifier: string; conventionNumber: string; partnerName: string; changeDate: string; managerName: string | null };
  'password-change-notice-copy': {
    changeDate: string; count: number;
    users: Array<{ lastName: string; firstName: string; identifier: string; conventionNumber: string }>;
  };
  'recertification-returned': {
    conventionNumber: string; partnerName: string; anniversary: string; returnedDate: string; signatory: string | null;
    /** One line each: « CP78-000123 Hélène LEFÈVRE : révoquée le … » (recertification.rules.ts lineReport). */
    lines: Array<{ report: string }>;
    removedCount: number; keptCount: number;
    hasNewUsers: boolean; newUsers: Array<{ name: string }>;
  };
  'recertification-reminder': { conventionNumber: string; partnerName: string; anniversary: string; dueDate: string; count: number; last: boolean };
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function cafContact(settings: Settings): CafContact {
  return {
    cafName: settings.cafName,
    contactName: settings.contactName,
    contactPhone: settings.contactPhone,
    contactEmail: settings.contactEmail,
    address: [settings.addressLine1, settings.addressLine2, `${settings.postalCode} ${settings.city}`].filter(Boolean).join(', '),
  };
}

/** « Madame Lefèvre, » for one known person, « Madame, Monsieur, » otherwise (several, or nobody known). */
export function greetingFor(person?: { civility: string; lastName: string } | null): string {
  if (!person || (person.civility !== 'Madame' && person.civility !== 'Monsieur')) return 'Madame, Monsieur,';
  return `${person.civility} ${person.lastName.trim()},`.replace(/\s+,$/, ',');
}

const SUBJECT = /^Objet\s*:\s*(.+)\r?\n/;

export function renderEmail<K extends EmailKind>(kind: K, data: EmailDataByKind[K], caf: CafContact, greeting: string): RenderedEmail {
  const vars: TemplateScope = { ...(data as TemplateScope), caf, greeting };
  const textSource = renderTemplate(loadTemplate(`${kind}.txt`), vars, { html: false, name: `${kind}.txt` });
  const match = SUBJECT.exec(textSource);
  if (!match) throw new Error(`Modèle de courriel « ${kind}.txt » : la première ligne doit être « Objet : … »`);
  const subject = match[1].trim();
  const body = textSource.slice(match[0].length).replace(/^\s+/, '').replace(/\n{3,}/g, '\n\n').trimEnd();
  const text = renderTemplate(loadTemplate('layout.txt'), { ...vars, content: body }, { html: false, name: 'layout.txt' })
    .replace(/\n{3,}/g, '\n\n').trim() + '\n';
  const htmlBody = renderTemplate(loadTemplate(`${kind}.html`), vars, { html: true, name: `${kind}.html` }).trim();
  const html = renderTemplate(loadTemplate('layout.html'), { ...vars, subject, content: htmlBody }, { html: true, name: 'layout.html' }).trim() + '\n';
  return { subject, text, html };
}
