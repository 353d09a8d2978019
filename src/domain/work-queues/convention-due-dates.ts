// « Échéances » of the convention desk (issue 13 §6; GLPI's « préavis dans moins de 7 / 30 jours »):
// the anniversaries coming, the renewal notices not produced while the last day to denounce nears,
// the last days to denounce coming, the conventions sent and not signed for a month. Each is a `where`
// on Convention used for its count on the home page AND for the list its card opens
// (`filters.due=<id>`, resources/convention.resource.ts), so both show the same records.
//
// Anniversaries are not stored: they are computed from the effective date (convention.rules.ts,
// addYears with the 29 February clamping). « An anniversary falls in [from, to] » is turned into
// exact ranges of effective dates, one per year back (addYears is monotonic, so the effective dates
// whose k-th anniversary is in the window form one interval), which the database answers from the
// effectiveDate index, on SQLite and MariaDB alike.
import { Equal, LessThan, Raw, type FindOptionsWhere } from 'typeorm';
import type { Convention } from '../../entities/convention.entity.js';
import { conventionKinds, conventionKindRules, type ConventionKind } from '../convention/convention.rules.js';
import { addDays, addMonths, addYears, compareDates, type IsoDate } from '../shared/dates.js';
import { EARLIEST_DATE } from '../shared/validators.js';

export const ANNIVERSARY_HORIZONS = [30, 60, 90] as const;
export const DENUNCIATION_HORIZONS = [7, 30] as const;
/** A renewal notice not produced shows once the last day to denounce is this close (or passed, until the anniversary). */
export const RENEWAL_NOTICE_HORIZON_DAYS = 30;
/** A convention sent and not signed back for longer than this shows. */
export const SIGNATURE_WAIT_DAYS = 30;

/** The smallest date ≥ `start`'s neighbourhood with f(date) ≥ bound, f non-decreasing (a few steps around `start`). */
function firstWith(f: (d: IsoDate) => IsoDate, bound: IsoDate, start: IsoDate): IsoDate {
  let d = start;
  while (compareDates(f(d), bound) < 0) d = addDays(d, 1);
  while (compareDates(f(addDays(d, -1)), bound) >= 0) d = addDays(d, -1);
  return d;
}

/** The largest date with f(date) ≤ bound, f non-decreasing. */
function lastWith(f: (d: IsoDate) => IsoDate, bound: IsoDate, start: IsoDate): IsoDate {
  let d = start;
  while (compareDates(f(d), bound) > 0) d = addDays(d, -1);
  while (compareDates(f(addDays(d, 1)), bound) <= 0) d = addDays(d, 1);
  return d;
}

/** The effective dates (from EARLIEST_DATE) with an anniversary in [from, to], as one interval per year back. */
export function effectiveDatesWithAnniversaryIn(from: IsoDate, to: IsoDate): Array<[IsoDate, IsoDate]> {
  const ranges: Array<[IsoDate, IsoDate]> = [];
  const years = Number(to.slice(0, 4)) - Number(EARLIEST_DATE.slice(0, 4));
  for (let k = 1; k <= years; k++) {
    const first = firstWith((d) => addYears(d, k), from, addYears(from, -k));
    const last = lastWith((d) => addYears(d, k), to, addYears(to, -k));
    if (compareDates(first, last) <= 0) ranges.push([first, last]);
  }
  return ranges;
}

/** The anniversaries whose last day to denounce (anniversary − notice months, clamped) is in [from, to]. */
export function anniversariesWithDeadlineIn(from: IsoDate, to: IsoDate, kind: ConventionKind): [IsoDate, IsoDate] {
  const months = conventionKindRules[kind].noticeMonths;
  const deadline = (a: IsoDate) => addMonths(a, -months);
  return [firstWith(deadline, from, addMonths(from, months)), lastWith(deadline, to, addMonths(to, months))];
}

/** SQL over the convention table (alias c): its effective date in one of the ranges. */
function effectiveIn(ranges: Array<[IsoDate, IsoDate]>, params: Record<string, string>, prefix: string): string {
  if (!ranges.length) return '1 = 0';
  return `(${ranges.map(([a, b], i) => {
    params[`${prefix}a${i}`] = a;
    params[`${prefix}b${i}`] = b;
    return `c.effectiveDate BETWEEN :${prefix}a${i} AND :${prefix}b${i}`;
  }).join(' OR ')})`;
}

/** The conventions (by id) matching `condition` over the convention table aliased c. */
const idsWhere = (condition: string, params: Record<string, string>): FindOptionsWhere<Convention> => ({
  id: Raw((alias) => `${alias} IN (SELECT c.id FROM convention c WHERE ${condition})`, params) as never,
});

/** Signed (not denounced) conventions with an anniversary in [today, today + days]. */
export function anniversaryWithinWhere(today: IsoDate, days: number): FindOptionsWhere<Convention> {
  const params: Record<string, string> = {};
  return idsWhere(`c.status = 'signee' AND ${effectiveIn(effectiveDatesWithAnniversaryIn(today, addDays(today, days)), params, 'dueann')}`, params);
}

/** Signed conventions whose anniversary falls in the window, by kind (each kind has its own notice period). */
function byKindWithAnniversaryIn(window: (kind: ConventionKind) => [IsoDate, IsoDate], params: Record<string, string>): string {
  return `(${conventionKinds.map((kind, i) => {
    const [from, to] = window(kind);
    params[`duekind${i}`] = kind;
    return `(c.kind = :duekind${i} AND ${effectiveIn(effectiveDatesWithAnniversaryIn(from, to), params, `duek${i}`)})`;
  }).join(' OR ')})`;
}

/** Signed conventions whose last day to denounce (before their next anniversary) is in [today, today + days]. */
export function denunciationDeadlineWithinWhere(today: IsoDate, days: number): FindOptionsWhere<Convention> {
  const params: Record<string, string> = {};
  return idsWhere(`c.status = 'signee' AND ${byKindWithAnniversaryIn((kind) => anniversariesWithDeadlineIn(today, addDays(today, days), kind), params)}`, params);
}

/**
 * Signed conventions whose next anniversary's renewal notice was not produced (no recertification
 * frozen for a coming anniversary: every notice freezes one) while its last day to denounce is within
 * RENEWAL_NOTICE_HORIZON_DAYS, or already passed with the anniversary still to come.
 */
export function renewalNoticeMissingWhere(today: IsoDate): FindOptionsWhere<Convention> {
  const params: Record<string, string> = { duetoday: today };
  const window = (kind: ConventionKind): [IsoDate, IsoDate] =>
    [addDays(today, 1), anniversariesWithDeadlineIn(today, addDays(today, RENEWAL_NOTICE_HORIZON_DAYS), kind)[1]];
  return idsWhere(`c.status = 'signee' AND ${byKindWithAnniversaryIn(window, params)}`
    + ' AND NOT EXISTS (SELECT 1 FROM recertification r WHERE r.conventionId = c.id AND r.anniversary > :duetoday)', params);
}

/** Sent to the partner more than SIGNATURE_WAIT_DAYS ago and not signed back. */
export const signatureOverdueWhere = (today: IsoDate): FindOptionsWhere<Convention> =>
  ({ status: Equal('envoyee') as never, sentDate: LessThan(addDays(today, -SIGNATURE_WAIT_DAYS)) });

export interface DueCard {
  id: string;
  label: string;
  hint: string;
  where: (today: IsoDate) => FindOptionsWhere<Convention>;
}

export const CONVENTION_DUE_CARDS: DueCard[] = [
  ...ANNIVERSARY_HORIZONS.map((days) => ({
    id: `anniversaries-${days}`, label: `Anniversaires dans les ${days} jours`, hint: 'conventions signées reconduites tacitement à cette date',
    where: (today: IsoDate) => anniversaryWithinWhere(today, days),
  })),
  {
    id: 'renewal-notices-missing', label: 'Avis de reconduction non produits',
    hint: `dernier jour pour dénoncer dans moins de ${RENEWAL_NOTICE_HORIZON_DAYS} jours (ou passé) et avis pas encore produit`,
    where: renewalNoticeMissingWhere,
  },
  ...DENUNCIATION_HORIZONS.map((days) => ({
    id: `denunciation-deadlines-${days}`, label: `Dernier jour pour dénoncer dans les ${days} jours`,
    hint: 'après cette date, une dénonciation ne prend effet qu’à l’anniversaire suivant',
    where: (today: IsoDate) => denunciationDeadlineWithinWhere(today, days),
  })),
  {
    id: 'signature-overdue', label: `En attente de signature depuis plus de ${SIGNATURE_WAIT_DAYS} jours`,
    hint: 'envoyées au partenaire, exemplaire signé toujours pas reçu : à relancer', where: signatureOverdueWhere,
  },
];

/** The `where` of the card `id` (the list filter `filters.due=<id>`), or null for an unknown one. */
export function conventionDueWhere(id: string, today: IsoDate): FindOptionsWhere<Convention> | null {
  return CONVENTION_DUE_CARDS.find((card) => card.id === id)?.where(today) ?? null;
}
