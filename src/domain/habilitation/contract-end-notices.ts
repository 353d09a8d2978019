// « Fin de CDD » notices (issue 15 §3): a habilitation given for a fixed-term contract ends with it
// (DOMAIN.md « Habilitation »: end date = CDD end; habilitation-expiry.job.ts revokes it the day after).
// So that the partner can ask for an extension in time, its responsable habilitations is told some
// days before the end: the Settings hold the list of those days (« 14,1 »: J-14 and J-1). Each
// habilitation keeps the last notice sent for its current end date, so every notice goes once; a late
// run sends only the most pressing one that has come, never the earlier ones in a burst.
import { accepted, rejected, type Checked } from '../shared/validators.js';
import { diffInDays, type IsoDate } from '../shared/dates.js';

export const CONTRACT_END_NOTICE_MESSAGE =
  'Les avis de fin de CDD se donnent en jours avant la fin, séparés par des virgules, par exemple « 14,1 » : des nombres entiers entre 1 et 90, au plus 5.';

/** « 14, 1 » → [14, 1] (largest first, each once); refused in French (`message`) when it is not such a list. */
export function parseNoticeDays(input: string | null | undefined, message: string = CONTRACT_END_NOTICE_MESSAGE): Checked<number[]> {
  const parts = (input ?? '').split(/[,;\s]+/).filter(Boolean);
  if (parts.length === 0 || parts.length > 5 || parts.some((p) => !/^\d{1,2}$/.test(p))) return rejected(message);
  const days = [...new Set(parts.map(Number))].sort((a, b) => b - a);
  if (days.some((d) => d < 1 || d > 90)) return rejected(message);
  return accepted(days);
}

/** The stored form of a valid list: « 14,1 ». */
export const formatNoticeDays = (days: number[]): string => days.join(',');

/**
 * The notice due on `today` for a contract ending on `endDate` (its last day of access), as the number
 * of days before the end it stands for, or null: the closest notice day that has come (J-14 from 14 days
 * before, J-1 from the day before, until the end date itself), unless that one or a closer one was sent.
 */
export function dueNoticeDays(endDate: IsoDate, today: IsoDate, noticeDays: number[], lastSent: number | null): number | null {
  const left = diffInDays(today, endDate);
  if (left < 0) return null;
  const come = noticeDays.filter((d) => d >= left);
  if (come.length === 0) return null;
  const closest = Math.min(...come);
  return lastSent !== null && lastSent <= closest ? null : closest;
}

/** The first day any notice may be due for a list of notice days: habilitations ending by then are looked at. */
export const noticeHorizon = (noticeDays: number[]): number => Math.max(...noticeDays);
