// The ranges of effective dates behind « Échéances » checked against the anniversary rules themselves
// (convention.rules.ts), date by date, around month ends and 29 February.
import { describe, expect, it } from '@jest/globals';
import { nextAnniversary, noticeDeadline, type ConventionKind } from '../../../../src/domain/convention/convention.rules.js';
import { addDays, compareDates, type IsoDate } from '../../../../src/domain/shared/dates.js';
import { anniversariesWithDeadlineIn, effectiveDatesWithAnniversaryIn } from '../../../../src/domain/work-queues/convention-due-dates.js';

const TODAYS = ['2026-12-04', '2027-02-28', '2028-02-29', '2027-12-31'];
const inRanges = (date: IsoDate, ranges: Array<[IsoDate, IsoDate]>) => ranges.some(([a, b]) => compareDates(a, date) <= 0 && compareDates(date, b) <= 0);
const between = (date: IsoDate, from: IsoDate, to: IsoDate) => compareDates(from, date) <= 0 && compareDates(date, to) <= 0;

function effectiveDates(today: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let d = addDays(today, -4 * 366); compareDates(d, today) <= 0; d = addDays(d, 1)) dates.push(d);
  return dates;
}

describe('convention due dates', () => {
  it('anniversary within N days: exactly the effective dates whose next anniversary (from today) is in the window', () => {
    for (const today of TODAYS) {
      for (const days of [30, 60, 90]) {
        const to = addDays(today, days);
        const ranges = effectiveDatesWithAnniversaryIn(today, to);
        for (const effective of effectiveDates(today)) {
          const expected = between(nextAnniversary(effective, addDays(today, -1)), today, to);
          if (inRanges(effective, ranges) !== expected) throw new Error(`${today} +${days} j, effet ${effective} : attendu ${expected}`);
        }
      }
    }
    // One interval per year back, from 2000.
    expect(effectiveDatesWithAnniversaryIn('2026-12-04', '2027-01-03')[0]).toEqual(['2025-12-04', '2026-01-03']);
    expect(effectiveDatesWithAnniversaryIn('2026-12-04', '2027-01-03')).toHaveLength(27);
  });

  it('last day to denounce within N days, by kind (2 or 3 months before the anniversary, clamped at month ends)', () => {
    for (const today of TODAYS) {
      for (const kind of ['cafpro', 'data-provision'] as ConventionKind[]) {
        for (const days of [7, 30]) {
          const [from, to] = anniversariesWithDeadlineIn(today, addDays(today, days), kind);
          const ranges = effectiveDatesWithAnniversaryIn(from, to);
          for (const effective of effectiveDates(today)) {
            const next = nextAnniversary(effective, addDays(today, -1));
            const following = nextAnniversary(effective, next);
            const expected = [next, following].some((a) => between(noticeDeadline(a, kind), today, addDays(today, days)));
            if (inRanges(effective, ranges) !== expected) throw new Error(`${kind} ${today} +${days} j, effet ${effective} : attendu ${expected}`);
          }
        }
      }
    }
    // 30 April − 2 months is 28 February: every anniversary from 28 to 30 April has its deadline on 28 February 2027.
    expect(anniversariesWithDeadlineIn('2027-02-28', '2027-02-28', 'cafpro')).toEqual(['2027-04-28', '2027-04-30']);
  });
});
