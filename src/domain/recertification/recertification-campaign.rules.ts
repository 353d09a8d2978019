// The yearly recertification as a campaign (issue 15 §2): the notices of one anniversary month, what
// came back, and the follow-up of the lists never returned. A list « sans réponse » is never revoked
// automatically; it stays on the home page of the Gestionnaire habilitations and the Directeur until
// it is handled: returned late (recorded as any return) or closed by an agent with a reason (the
// partner answered by other means, the convention is being denounced…), journaled.
import { daysInMonth, type IsoDate } from '../shared/dates.js';
import type { Checked } from '../shared/validators.js';
import type { LineOutcome, RecertificationState } from './recertification.rules.js';

export const CLOSURE_REASON_MAX = 500;

export const CAMPAIGN_MESSAGES = {
  month: 'Mois de campagne invalide : choisissez un mois (AAAA-MM).',
  reason: `Indiquez le motif du classement (au plus ${CLOSURE_REASON_MAX} caractères) : ce que l’agent a fait ou constaté.`,
  notUnanswered: 'Seule une recertification « sans réponse » se classe sans retour.',
} as const;

/** Only a list past its due date and not returned may be closed without a return. */
export const canCloseUnanswered = (state: RecertificationState): boolean => state === 'sans-reponse';

/** The closure reason, trimmed and required. */
export function validateClosureReason(input: unknown): Checked<string> {
  const reason = String(input ?? '').trim();
  if (!reason || reason.length > CLOSURE_REASON_MAX) return { ok: false, message: CAMPAIGN_MESSAGES.reason };
  return { ok: true, value: reason };
}

export interface CampaignMonth {
  /** « 2026-12 » */
  month: string;
  first: IsoDate;
  last: IsoDate;
}

/** « 2026-12 » → its first and last day; the campaign of a month gathers the notices of the anniversaries in it. */
export function parseCampaignMonth(input: unknown): Checked<CampaignMonth> {
  const match = /^(\d{4})-(\d{2})$/.exec(String(input ?? '').trim());
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  if (!match || year < 2000 || year > 2100 || month < 1 || month > 12) return { ok: false, message: CAMPAIGN_MESSAGES.month };
  const mm = String(month).padStart(2, '0');
  return { ok: true, value: { month: `${year}-${mm}`, first: `${year}-${mm}-01`, last: `${year}-${mm}-${String(daysInMonth(year, month)).padStart(2, '0')}` } };
}

const FRENCH_MONTH_NAMES = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** « 2026-12 » → « décembre 2026 ». */
export const frenchMonth = (month: string): string => `${FRENCH_MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

export interface CampaignFigures {
  notices: number;
  returned: number;
  /** Reminded at least once, whatever came next. */
  reminded: number;
  unanswered: number;
  /** « sans réponse » closed by an agent with a reason. */
  closed: number;
  /** Sent, not returned, due date not passed. */
  pending: number;
  confirmed: number;
  /** Revoked on the return, or scheduled for the date the partner gave. */
  revoked: number;
  /** Lines of a return that found the habilitation already revoked or gone. */
  other: number;
}

/** The figures of a campaign from its recertifications and the outcomes of their lines. */
export function campaignFigures(
  recertifications: Array<{ status: RecertificationState; reminderDays: number | null }>, outcomes: Array<LineOutcome | null>,
): CampaignFigures {
  const state = (s: RecertificationState) => recertifications.filter((r) => r.status === s).length;
  const outcome = (...o: LineOutcome[]) => outcomes.filter((x) => x !== null && o.includes(x)).length;
  return {
    notices: recertifications.length,
    returned: state('retournee'),
    reminded: recertifications.filter((r) => r.reminderDays !== null).length,
    unanswered: state('sans-reponse'),
    closed: state('classee'),
    pending: state('envoyee') + state('relancee'),
    confirmed: outcome('conservee'),
    revoked: outcome('revoquee', 'programmee'),
    other: outcome('deja-revoquee', 'introuvable'),
  };
}

/** The evidence file's word for a line: what the partner's answer did to the habilitation. */
export function evidenceDecision(recertificationState: RecertificationState, outcome: LineOutcome | null): string {
  switch (outcome) {
    case 'conservee': return 'Confirmée';
    case 'revoquee': return 'Révoquée';
    case 'programmee': return 'Révocation programmée';
    case 'deja-revoquee': return 'Déjà révoquée';
    case 'introuvable': return 'Introuvable';
    default: return recertificationState === 'classee' ? 'Sans retour (classée)' : recertificationState === 'sans-reponse' ? 'Sans réponse' : 'En attente du retour';
  }
}

/**
 * The day the answer took effect on the habilitation: the revocation date when it was revoked (now or
 * later by the daily job), the scheduled date while it waits, the day the return was applied for a
 * confirmation; none without a return.
 */
export function evidenceAppliedOn(
  outcome: LineOutcome | null, line: { effectiveDate: IsoDate | null }, habilitation: { revokedDate: IsoDate | null } | null, appliedOn: IsoDate | null,
): IsoDate | null {
  if (outcome === 'revoquee' || outcome === 'programmee') return habilitation?.revokedDate ?? (outcome === 'programmee' ? line.effectiveDate : appliedOn);
  if (outcome === 'conservee') return appliedOn;
  return null;
}
