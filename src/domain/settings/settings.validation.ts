// What the Paramètres de la Caf must satisfy (DOMAIN.md « Settings »): they are printed on every
// letter and form (letterhead, director, service contact) and make the convention numbers
// (`{département}/{année}/{séquence}{suffixe} – {profil}`, convention.rules.ts).
import { CIVILITIES } from '../../entities/partner.entity.js';
import { accepted, rejected, validatePostalCode } from '../shared/validators.js';
import { formatNoticeDays, parseNoticeDays } from '../habilitation/contract-end-notices.js';
import { parseReminderDays } from '../recertification/recertification.rules.js';
import { bool, choice, email, FormCheck, integer, phone, requiredText, text, type FormInput, type FormResult } from '../shared/form.validation.js';

/** Same rule as formatConventionNumber: metropolitan (2 digits, 2A, 2B) or overseas (3 digits). */
const DEPARTMENT = /^(\d{2,3}|2[AB])$/;

export const SETTINGS_MESSAGES = {
  department: 'Code département invalide : 2 ou 3 caractères, par exemple 78, 2A ou 971.',
  suffix: 'Le suffixe ne peut contenir que des lettres sans accent (8 au plus), par exemple AS, ou rester vide.',
  leadDays: "Le délai de l'avis de reconduction doit être un nombre entier de jours entre 1 et 270 (jours avant le dernier jour pour dénoncer).",
  periodDays: 'La période de changement des mots de passe doit être un nombre entier de jours entre 1 et 3650.',
  noticeDays: "Le délai d'information avant un changement de mot de passe doit être un nombre entier de jours, au moins 1.",
  noticeWithinPeriod: "Le délai d'information doit être plus court que la période de changement des mots de passe.",
  delegate: 'Le nom et la qualité du signataire par délégation vont ensemble : renseignez les deux ou aucun.',
  reminderDays: 'La relance d’une demande incomplète se fait après un nombre entier de jours entre 1 et 365.',
  closureDays: 'Le classement sans suite d’une demande incomplète se fait après un nombre entier de jours entre 2 et 730.',
  closureAfterReminder: 'Le classement sans suite doit venir après la relance : choisissez un délai plus long que celui de la relance.',
  traceRetention: 'Les traces de connexion sont conservées au moins 6 mois (convention, art. 3) : un nombre entier de mois entre 6 et 120.',
  sentEmailRetention: 'Les courriels envoyés sont conservés un nombre entier de mois entre 1 et 120.',
  decisionRetention: 'Les décisions du journal sont conservées la durée légale fixée par la Caf : un nombre entier d’années entre 1 et 30.',
} as const;

/** Checks and normalises the Settings fields the form sends (`stored`: the row being edited). */
export function validateSettings(input: FormInput, stored?: FormInput): FormResult {
  const form = new FormCheck(input, stored);
  for (const field of ['cafName', 'addressLine1', 'directorName', 'directorTitle', 'contactName']) form.check(field, requiredText(120));
  form.check('city', requiredText(100));
  for (const field of ['addressLine2', 'website']) form.check(field, text({ max: 120 }));
  form.check('postalCode', validatePostalCode);
  form.check('directorCivility', choice(CIVILITIES, 'Choisissez « Madame » ou « Monsieur ».'));
  form.check('contactPhone', phone(true));
  form.check('contactEmail', email(true));
  form.check('departmentCode', (raw) => {
    const code = (raw ?? '').replace(/\s/g, '').toUpperCase();
    return DEPARTMENT.test(code) ? accepted(code) : rejected(SETTINGS_MESSAGES.department);
  });
  form.check('numberSuffix', (raw) => {
    const suffix = (raw ?? '').replace(/\s/g, '').toUpperCase();
    return /^[A-Z]{0,8}$/.test(suffix) ? accepted(suffix) : rejected(SETTINGS_MESSAGES.suffix);
  });
  form.check('doubleCheck', bool);

  // The « par délégation » signature prints a name and a title.
  const delegate = form.sendsAny('delegateName', 'delegateTitle');
  const delegateName = form.check('delegateName', text({ max: 120 }), delegate);
  const delegateTitle = form.check('delegateTitle', text({ max: 120 }), delegate);
  if (delegate && (delegateName === null) !== (delegateTitle === null) && delegateName !== undefined && delegateTitle !== undefined) {
    form.error(delegateName === null ? 'delegateName' : 'delegateTitle', SETTINGS_MESSAGES.delegate);
  }

  // art. 3 of the convention: « traces … conservées pendant 6 mois »; a shorter retention is not allowed.
  form.check('traceRetentionMonths', integer({ min: 6, max: 120, required: true, message: SETTINGS_MESSAGES.traceRetention }));
  // Sent emails and decision entries: purged by the daily job after these (issue 14 §5).
  form.check('sentEmailRetentionMonths', integer({ min: 1, max: 120, required: true, message: SETTINGS_MESSAGES.sentEmailRetention }));
  form.check('decisionRetentionYears', integer({ min: 1, max: 30, required: true, message: SETTINGS_MESSAGES.decisionRetention }));
  // The notice leaves the partner this many days before its last day to denounce (renewalNoticeDueOn);
  // that day falls at least 273 days after the previous anniversary (3 months' notice), so a longer
  // lead could not be kept.
  form.check('renewalLeadDays', integer({ min: 1, max: 270, required: true, message: SETTINGS_MESSAGES.leadDays }));
  const periods = form.sendsAny('passwordPeriodDays', 'passwordNoticeDays');
  const period = form.check('passwordPeriodDays', integer({ min: 1, max: 3650, required: true, message: SETTINGS_MESSAGES.periodDays }), periods);
  const notice = form.check('passwordNoticeDays', integer({ min: 1, required: true, message: SETTINGS_MESSAGES.noticeDays }), periods);
  if (typeof period === 'number' && typeof notice === 'number' && notice >= period) form.error('passwordNoticeDays', SETTINGS_MESSAGES.noticeWithinPeriod);
  // An incomplete request is reminded, then « classée sans suite » (incomplete-follow-up.ts): in that order.
  const followUp = form.sendsAny('incompleteReminderDays', 'incompleteClosureDays');
  const reminder = form.check('incompleteReminderDays', integer({ min: 1, max: 365, required: true, message: SETTINGS_MESSAGES.reminderDays }), followUp);
  const closure = form.check('incompleteClosureDays', integer({ min: 2, max: 730, required: true, message: SETTINGS_MESSAGES.closureDays }), followUp);
  if (typeof reminder === 'number' && typeof closure === 'number' && closure <= reminder) form.error('incompleteClosureDays', SETTINGS_MESSAGES.closureAfterReminder);
  // Lists of days before a date (« 14,1 »): the CDD notices, the recertification reminders.
  const dayList = (parse: (input: string | null | undefined) => ReturnType<typeof parseNoticeDays>) => (input: string | null | undefined) => {
    const days = parse(input);
    return days.ok ? accepted(formatNoticeDays(days.value)) : days;
  };
  form.check('contractEndNoticeDays', dayList(parseNoticeDays));
  form.check('recertificationReminderDays', dayList(parseReminderDays));
  return form.result();
}
