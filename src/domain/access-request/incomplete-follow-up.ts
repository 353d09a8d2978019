// What becomes of a demande d'accès returned as incomplete when the partner never sends the complement
// (issue 15 « The other things that must not expire silently »): after `reminderDays` (Settings, default
// 30) the responsable gets one reminder; after `closureDays` (default 90) the request is « classée sans
// suite » and the responsable is told so. Both count from the day it was returned (incompleteSince), so a
// request returned a second time after a complement starts again from zero. Rules only: the job
// (src/jobs/access-request-follow-up.job.ts) applies them through the use cases.
import { addDays, diffInDays, formatFrenchDate, isBefore, type IsoDate } from '../shared/dates.js';

export interface FollowUpDelays {
  reminderDays: number;
  closureDays: number;
}

export const DEFAULT_FOLLOW_UP_DELAYS: FollowUpDelays = { reminderDays: 30, closureDays: 90 };

export interface IncompleteFacts {
  status: string;
  incompleteSince: IsoDate | null;
  /** The day the last reminder went out (any round). */
  incompleteReminderSentOn: IsoDate | null;
}

export type FollowUpStep = 'reminder' | 'closure';

/**
 * The reminder of this round was sent: a reminder is sent at least one day after the return, so one
 * dated on or before incompleteSince belongs to an earlier round.
 */
export const remindedThisRound = (request: IncompleteFacts): boolean =>
  Boolean(request.incompleteSince && request.incompleteReminderSentOn && isBefore(request.incompleteSince, request.incompleteReminderSentOn));

/** What is due today for this request, if anything. Closure wins: a request overdue for both is closed, not reminded. */
export function followUpDue(request: IncompleteFacts, today: IsoDate, delays: FollowUpDelays): FollowUpStep | null {
  if (request.status !== 'incomplete' || !request.incompleteSince) return null;
  const waited = diffInDays(request.incompleteSince, today);
  if (waited >= delays.closureDays) return 'closure';
  if (waited >= delays.reminderDays && !remindedThisRound(request)) return 'reminder';
  return null;
}

/** The day of the reminder and of the closure, shown on the request while it waits. */
export function followUpDates(incompleteSince: IsoDate, delays: FollowUpDelays): { reminderOn: IsoDate; closureOn: IsoDate } {
  return { reminderOn: addDays(incompleteSince, delays.reminderDays), closureOn: addDays(incompleteSince, delays.closureDays) };
}

/** What the request page says while it waits: « Relance le 2 janvier 2027 ; classée sans suite le 3 mars 2027 sans complément ». */
export function followUpText(request: IncompleteFacts & { incompleteSince: IsoDate }, delays: FollowUpDelays): string {
  const { reminderOn, closureOn } = followUpDates(request.incompleteSince, delays);
  const reminder = remindedThisRound(request)
    ? `Relance envoyée le ${formatFrenchDate(request.incompleteReminderSentOn!)}`
    : `Relance prévue le ${formatFrenchDate(reminderOn)}`;
  return `${reminder} ; classée sans suite le ${formatFrenchDate(closureOn)} si aucun complément n’est reçu d’ici là.`;
}

/**
 * Only requests returned on or before this day can have something due today: the job reads that
 * range only, whatever the two delays are.
 */
export const dueIfReturnedBy = (today: IsoDate, delays: FollowUpDelays): IsoDate =>
  addDays(today, -Math.min(delays.reminderDays, delays.closureDays));
