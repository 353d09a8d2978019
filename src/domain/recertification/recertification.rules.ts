// The yearly recertification (issue 15; convention art. 3: the partner reports every change or end of
// mission; art. 5: the tacit renewal is the Caf's yearly review). Each renewal notice issued freezes the
// list of the partner's active and suspended habilitations; the partner returns it with « à conserver /
// à supprimer » ticked by the due date (the last day to denounce). States:
//   envoyee → retournee (the return recorded: date, scan, signatory)
//   envoyee → relancee (a reminder sent) → retournee
//   envoyee | relancee → sans-reponse (due date passed: shown to the agents, NO automatic revocation)
//   sans-reponse → retournee (a late return is still recorded)
//   sans-reponse → classee (closed by an agent with a reason, e.g. followed up by phone; journaled;
//                  a return received afterwards is still recorded: classee → retournee)
import { dueNoticeDays, parseNoticeDays } from '../habilitation/contract-end-notices.js';
import type { HabilitationState } from '../habilitation/habilitation.workflow.js';
import { habilitationStateLabels } from '../habilitation/habilitation.workflow.js';
import { compareDates, formatFrenchDate, isAfter, isIsoDate, type IsoDate } from '../shared/dates.js';
import type { Checked } from '../shared/validators.js';

export const recertificationStates = ['envoyee', 'relancee', 'retournee', 'sans-reponse', 'classee'] as const;
export type RecertificationState = (typeof recertificationStates)[number];

export const recertificationStateLabels: Record<RecertificationState, string> = {
  'envoyee': 'Envoyée',
  'relancee': 'Relancée',
  'retournee': 'Retournée',
  'sans-reponse': 'Sans réponse',
  'classee': 'Classée sans retour',
};

export const lineDecisions = ['conserver', 'supprimer'] as const;
export type LineDecision = (typeof lineDecisions)[number];
export const lineDecisionLabels: Record<LineDecision, string> = { conserver: 'À conserver', supprimer: 'À supprimer' };

export const lineOutcomes = ['conservee', 'revoquee', 'programmee', 'deja-revoquee', 'introuvable'] as const;
export type LineOutcome = (typeof lineOutcomes)[number];
export const lineOutcomeLabels: Record<LineOutcome, string> = {
  'conservee': 'conservée',
  'revoquee': 'révoquée',
  'programmee': 'programmée',
  'deja-revoquee': 'déjà révoquée',
  'introuvable': 'introuvable',
};

/** The reason written on every habilitation the partner asked to remove on its returned list. */
export const RECERTIFICATION_REVOCATION_DETAILS = 'Suppression demandée — recertification annuelle';

export const RECERTIFICATION_MESSAGES = {
  unknown: 'Cette recertification n’existe pas.',
  alreadyReturned: (date: string) => `Le retour de cette recertification a déjà été enregistré le ${date} : il ne s’applique qu’une fois.`,
  concurrent: 'Cette recertification vient d’être enregistrée par un autre agent : rechargez la page.',
  returnedDate: 'Indiquez la date de réception de la liste retournée (au plus tard aujourd’hui).',
  decision: 'Choisissez « à conserver » ou « à supprimer ».',
  effectiveDate: 'Date d’effet invalide : une date au format JJ/MM/AAAA (vide : la date anniversaire).',
  pastedEmpty: 'Collez au moins une ligne : un identifiant (CP78-000123) ou une adresse électronique par ligne.',
  pastedTooMany: 'Au plus 500 lignes à la fois.',
  invalidForm: 'Le formulaire contient des erreurs : corrigez les champs signalés.',
} as const;

/**
 * The last day to return the list: the last day to denounce (the partner who keeps nobody may as well
 * denounce); a notice issued after that day (a late run) gives until the anniversary instead.
 */
export function recertificationDueDate(lastNoticeDay: IsoDate, anniversary: IsoDate, noticeDate: IsoDate): IsoDate {
  return isAfter(noticeDate, lastNoticeDay) ? anniversary : lastNoticeDay;
}

/** May the return be recorded in this state? (Once: a recorded return is not applied twice.) */
export function canRecordReturn(state: RecertificationState): boolean {
  return state !== 'retournee';
}

/**
 * The state after the due date: a list not returned by the day after its due date is « sans réponse »
 * (never a revocation: a silent revocation of every user of a town hall is worse than none).
 */
export function isUnanswered(state: RecertificationState, dueDate: IsoDate, today: IsoDate): boolean {
  return (state === 'envoyee' || state === 'relancee') && isAfter(today, dueDate);
}

// --- Reminders (issue 15 §2) ---------------------------------------------------------------------------

export const RECERTIFICATION_REMINDER_MESSAGE =
  'Les relances de recertification se donnent en jours avant l’échéance, séparés par des virgules, par exemple « 30,7 » : des nombres entiers entre 1 et 90, au plus 5.';

/** The Settings' list of reminder days, « 30,7 » → [30, 7] (the same form as the CDD notices' list). */
export const parseReminderDays = (input: string | null | undefined): Checked<number[]> => parseNoticeDays(input, RECERTIFICATION_REMINDER_MESSAGE);

/**
 * The reminder due on `today` for a list not returned, as its number of days before the due date, or
 * null: the closest reminder day that has come, until the due date itself, unless that one or a closer
 * one was sent (a late run sends only the most pressing one, never a burst); none once returned.
 */
export function dueReminderDays(
  recertification: { status: RecertificationState; dueDate: IsoDate; reminderDays: number | null }, today: IsoDate, reminderDays: number[],
): number | null {
  if (recertification.status !== 'envoyee' && recertification.status !== 'relancee') return null;
  return dueNoticeDays(recertification.dueDate, today, reminderDays, recertification.reminderDays);
}

/** The last reminder of the list (the closest to the due date) also goes to the partner (legal representative). */
export const isLastReminder = (days: number, reminderDays: number[]): boolean => days === Math.min(...reminderDays);

/** The habilitation as it is now, to compare with the frozen line (null: it no longer exists). */
export interface CurrentHabilitation {
  status: HabilitationState;
  identifier: string;
  revokedDate: IsoDate | null;
}

export interface LineResult {
  outcome: LineOutcome;
  /** Set when the habilitation changed since the list was frozen: always reported, never skipped silently. */
  changed: string | null;
}

/**
 * What applying one line does: « à supprimer » revokes now when its date is today or past, or
 * schedules it for that date (a processed suppression with a future « à compter de »); a habilitation
 * revoked meanwhile is « déjà révoquée »; one that no longer exists is « introuvable »; « à conserver »
 * changes nothing. A change of status since the notice was produced is reported beside the outcome.
 */
export function lineOutcome(
  frozen: { statusThen: HabilitationState }, current: CurrentHabilitation | null, decision: LineDecision, effectiveDate: IsoDate, today: IsoDate,
): LineResult {
  if (!current) return { outcome: 'introuvable', changed: 'l’habilitation n’existe plus' };
  const changed = current.status === frozen.statusThen ? null
    : `${habilitationStateLabels[frozen.statusThen].toLowerCase()} sur l’avis, ${habilitationStateLabels[current.status].toLowerCase()} aujourd’hui`
      + (current.status === 'revoquee' && current.revokedDate ? ` (le ${formatFrenchDate(current.revokedDate)})` : '');
  if (decision === 'conserver') return { outcome: 'conservee', changed };
  if (current.status === 'revoquee') return { outcome: 'deja-revoquee', changed };
  return { outcome: compareDates(effectiveDate, today) > 0 ? 'programmee' : 'revoquee', changed };
}

/** « CP78-000123 Hélène LEFÈVRE : révoquée (le 23 novembre 2026) — a changé : … ». */
export function lineReport(
  line: { identifier: string; name: string }, result: LineResult, effectiveDate: IsoDate | null, revokedOn: IsoDate | null,
): string {
  const when = result.outcome === 'programmee' && effectiveDate ? ` le ${formatFrenchDate(effectiveDate)}`
    : result.outcome === 'revoquee' && revokedOn ? ` le ${formatFrenchDate(revokedOn)}` : '';
  const changed = result.changed ? ` — changement depuis l’avis : ${result.changed}` : '';
  return `${line.identifier} ${line.name} : ${lineOutcomeLabels[result.outcome]}${when}${changed}`;
}

/**
 * The effective date of a line: blank means the anniversary; a date already past revokes on the day
 * it is applied (access stops when the Caf acts, never backdated); null when it is not a date.
 */
export function lineEffectiveDate(input: unknown, anniversary: IsoDate): IsoDate | null {
  const raw = String(input ?? '').trim();
  if (!raw) return anniversary;
  return toIsoDate(raw);
}

/** « 31/12/2026 » or « 2026-12-31 » → '2026-12-31'; null otherwise. */
export function toIsoDate(raw: string): IsoDate | null {
  const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(raw.trim());
  const iso = french ? `${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}` : raw.trim();
  return isIsoDate(iso) ? iso : null;
}

// --- Pasted list (« liste des départs ») -------------------------------------------------------------

const IDENTIFIER = /\b(CP[0-9AB]{2,3}-\d{6,})\b/i;
const EMAIL = /[^\s;,<>"']+@[^\s;,<>"']+\.[^\s;,<>"']+/;
const DATE_IN_LINE = /\b(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2})\b/;

export interface PastedLine {
  /** The line as pasted (trimmed), for the report. */
  text: string;
  identifier: string | null;
  email: string | null;
  /** A date written on the line (« 31/12/2026 »), overriding the one given for the whole list. */
  date: IsoDate | null;
}

/**
 * The lines pasted from the partner's spreadsheet (cells separated by tabs, « ; » or « , »): each names
 * a habilitation by its identifier or its holder's email, optionally with a date; empty lines and a
 * header line (no identifier, no email) are dropped.
 */
export function parsePastedList(text: string): PastedLine[] {
  return String(text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean).flatMap((line) => {
    const identifier = IDENTIFIER.exec(line)?.[1].toUpperCase() ?? null;
    const email = EMAIL.exec(line)?.[0].toLowerCase() ?? null;
    if (!identifier && !email) return [];
    const dateText = DATE_IN_LINE.exec(line)?.[1];
    return [{ text: line.slice(0, 200), identifier, email, date: dateText ? toIsoDate(dateText) : null }];
  });
}
