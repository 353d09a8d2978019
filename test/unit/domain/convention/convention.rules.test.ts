import { describe, it, expect } from '@jest/globals';
import { addDays, diffInDays, isBefore } from '../../../../src/domain/shared/dates.js';
import {
  anniversary,
  checkResiliationEndDate,
  conventionKinds,
  conventionKindRules,
  type ConventionKind,
  formatConventionNumber,
  isNoticeInTime,
  lastActiveDay,
  nextAnniversary,
  noticeDeadline,
  parseConventionNumber,
  renewalDeadlines,
  renewalDue,
  renewalNoticeDueOn,
  terminationEndDate,
  terminationSchedule,
} from '../../../../src/domain/convention/convention.rules.js';

describe('formatConventionNumber', () => {
  const parts = { department: '78', year: 2016, sequence: 42, suffix: 'AS', profileCode: 'T2' };

  it('formats the number as on the Yvelines convention, with an en dash', () => {
    const number = formatConventionNumber(parts);
    expect(number).toBe('78/2016/0042AS \u2013 T2');
    expect(number).toContain(' \u2013 ');
  });

  it('pads the sequence to 4 digits and lets it grow beyond 9999', () => {
    expect(formatConventionNumber({ ...parts, sequence: 1 })).toBe('78/2016/0001AS – T2');
    expect(formatConventionNumber({ ...parts, sequence: 9999 })).toBe('78/2016/9999AS – T2');
    expect(formatConventionNumber({ ...parts, sequence: 12345 })).toBe('78/2016/12345AS – T2');
  });

  it('accepts an empty suffix and Corsican or overseas départements', () => {
    expect(formatConventionNumber({ ...parts, department: '2A', suffix: '' })).toBe('2A/2016/0042 – T2');
    expect(formatConventionNumber({ ...parts, department: '971', profileCode: 'T10' })).toBe('971/2016/0042AS – T10');
  });

  it.each([
    { department: '7', year: 2016, sequence: 1, suffix: 'AS', profileCode: 'T2' },
    { department: '78', year: 16, sequence: 1, suffix: 'AS', profileCode: 'T2' },
    { department: '78', year: 2016, sequence: 0, suffix: 'AS', profileCode: 'T2' },
    { department: '78', year: 2016, sequence: 1.5, suffix: 'AS', profileCode: 'T2' },
    { department: '78', year: 2016, sequence: 1, suffix: 'as', profileCode: 'T2' },
    { department: '78', year: 2016, sequence: 1, suffix: 'A1', profileCode: 'T2' },
    { department: '78', year: 2016, sequence: 1, suffix: 'AS', profileCode: '' },
  ])('throws on invalid parts %p', (bad) => {
    expect(() => formatConventionNumber(bad)).toThrow(RangeError);
  });
});

describe('parseConventionNumber', () => {
  it('reads back what formatConventionNumber writes', () => {
    for (const parts of [
      { department: '78', year: 2016, sequence: 42, suffix: 'AS', profileCode: 'T2' },
      { department: '2B', year: 2026, sequence: 123456, suffix: '', profileCode: 'T1' },
      { department: '974', year: 2030, sequence: 7, suffix: 'XYZ', profileCode: 'T3' },
    ]) {
      expect(parseConventionNumber(formatConventionNumber(parts))).toEqual(parts);
    }
  });

  it('tolerates a hyphen, an em dash and loose spacing typed from paper', () => {
    const expected = { department: '78', year: 2016, sequence: 42, suffix: 'AS', profileCode: 'T2' };
    expect(parseConventionNumber('78/2016/0042AS - T2')).toEqual(expected);
    expect(parseConventionNumber('78/2016/0042AS—T2')).toEqual(expected);
    expect(parseConventionNumber('  78/2016/0042AS –  T2 ')).toEqual(expected);
  });

  it.each(['', '78/2016/XXXAS – T2', '78/2016/42AS – T2', '78-2016-0042AS – T2', '78/2016/0042AS', '78/2016/0000AS – T2', '78/2016/0042as – T2'])(
    'returns null for %p',
    (value) => {
      expect(parseConventionNumber(value)).toBeNull();
    },
  );
});

describe('anniversaries (art. 5: one year from the signature, tacitly renewed)', () => {
  it('anniversary n is the effective date + n years', () => {
    expect(anniversary('2016-03-21', 1)).toBe('2017-03-21');
    expect(anniversary('2016-03-21', 10)).toBe('2026-03-21');
    expect(() => anniversary('2016-03-21', 0)).toThrow(RangeError);
  });

  it('nextAnniversary is strictly after the given day', () => {
    expect(nextAnniversary('2024-03-15', '2024-03-15')).toBe('2025-03-15');
    expect(nextAnniversary('2024-03-15', '2025-03-14')).toBe('2025-03-15');
    expect(nextAnniversary('2024-03-15', '2025-03-15')).toBe('2026-03-15');
    expect(nextAnniversary('2024-03-15', '2025-03-16')).toBe('2026-03-15');
  });

  it('finds the anniversary many renewals later, across the new year', () => {
    expect(nextAnniversary('2016-03-21', '2026-01-10')).toBe('2026-03-21');
    expect(nextAnniversary('2016-03-21', '2026-11-23')).toBe('2027-03-21');
    expect(nextAnniversary('2019-12-20', '2026-12-31')).toBe('2027-12-20');
    expect(nextAnniversary('2019-12-20', '2027-01-02')).toBe('2027-12-20');
  });

  it('is the first anniversary for a day before the effective date', () => {
    expect(nextAnniversary('2026-05-10', '2026-01-01')).toBe('2027-05-10');
  });

  it('a convention signed on 29 February 2024 has its anniversary on 28 February in common years', () => {
    expect(nextAnniversary('2024-02-29', '2024-06-01')).toBe('2025-02-28');
    expect(nextAnniversary('2024-02-29', '2025-02-28')).toBe('2026-02-28');
    expect(nextAnniversary('2024-02-29', '2027-03-01')).toBe('2028-02-29');
    expect(nextAnniversary('2024-02-29', '2028-02-28')).toBe('2028-02-29');
    expect(nextAnniversary('2024-02-29', '2028-02-29')).toBe('2029-02-28');
  });
});

describe('noticeDeadline (art. 5: two months; data provision art. 3: three months)', () => {
  it('is the anniversary minus the notice period', () => {
    expect(conventionKindRules.cafpro.noticeMonths).toBe(2);
    expect(conventionKindRules['data-provision'].noticeMonths).toBe(3);
    expect(noticeDeadline('2025-03-15', 'cafpro')).toBe('2025-01-15');
    expect(noticeDeadline('2025-03-15', 'data-provision')).toBe('2024-12-15');
  });

  it('clamps to the end of the month', () => {
    expect(noticeDeadline('2025-04-30', 'cafpro')).toBe('2025-02-28');
    expect(noticeDeadline('2024-04-30', 'cafpro')).toBe('2024-02-29');
    expect(noticeDeadline('2025-05-31', 'data-provision')).toBe('2025-02-28');
    expect(noticeDeadline('2025-12-31', 'cafpro')).toBe('2025-10-31');
  });

  it('the deadline day itself is in time, the day after is late', () => {
    expect(isNoticeInTime('2025-03-15', '2025-01-14', 'cafpro')).toBe(true);
    expect(isNoticeInTime('2025-03-15', '2025-01-15', 'cafpro')).toBe(true);
    expect(isNoticeInTime('2025-03-15', '2025-01-16', 'cafpro')).toBe(false);
    expect(isNoticeInTime('2025-03-15', '2024-12-15', 'data-provision')).toBe(true);
    expect(isNoticeInTime('2025-03-15', '2024-12-16', 'data-provision')).toBe(false);
  });
});

describe('terminationEndDate', () => {
  it('a notice received on the deadline day ends the convention at the next anniversary', () => {
    expect(terminationEndDate('2024-03-15', '2025-01-15', 'cafpro')).toBe('2025-03-15');
    expect(terminationSchedule('2024-03-15', '2025-01-15', 'cafpro')).toEqual({
      endDate: '2025-03-15',
      noticeDeadline: '2025-01-15',
      late: false,
    });
  });

  it('a notice received the day after the deadline runs one more year', () => {
    expect(terminationEndDate('2024-03-15', '2025-01-16', 'cafpro')).toBe('2026-03-15');
    expect(terminationSchedule('2024-03-15', '2025-01-16', 'cafpro')).toEqual({
      endDate: '2026-03-15',
      noticeDeadline: '2026-01-15',
      late: true,
    });
  });

  it('applies three months for a data-provision convention', () => {
    expect(terminationEndDate('2024-03-15', '2024-12-15', 'data-provision')).toBe('2025-03-15');
    expect(terminationEndDate('2024-03-15', '2024-12-16', 'data-provision')).toBe('2026-03-15');
    // In time for cafpro on the same day.
    expect(terminationEndDate('2024-03-15', '2024-12-16', 'cafpro')).toBe('2025-03-15');
  });

  it('a notice received on an anniversary day ends at the following one', () => {
    expect(terminationEndDate('2024-03-15', '2025-03-15', 'cafpro')).toBe('2026-03-15');
  });

  it('a notice received right after the signature ends at the first anniversary', () => {
    expect(terminationEndDate('2024-03-15', '2024-03-15', 'cafpro')).toBe('2025-03-15');
  });

  it('handles a convention signed on 29 February 2024', () => {
    // Anniversary 2025-02-28, deadline 2024-12-28.
    expect(terminationSchedule('2024-02-29', '2024-12-28', 'cafpro')).toEqual({ endDate: '2025-02-28', noticeDeadline: '2024-12-28', late: false });
    expect(terminationSchedule('2024-02-29', '2024-12-29', 'cafpro')).toEqual({ endDate: '2026-02-28', noticeDeadline: '2025-12-28', late: true });
    // Late for 2027-02-28 (deadline 2026-12-28): ends on the leap-year anniversary 2028-02-29.
    expect(terminationSchedule('2024-02-29', '2026-12-29', 'cafpro')).toEqual({ endDate: '2028-02-29', noticeDeadline: '2027-12-29', late: true });
    expect(terminationSchedule('2024-02-29', '2027-12-29', 'cafpro')).toEqual({ endDate: '2028-02-29', noticeDeadline: '2027-12-29', late: false });
  });

  it('works across the new year and many renewals later', () => {
    // Signed 21 March 2016; anniversary 2026-03-21, deadline 2026-01-21.
    expect(terminationEndDate('2016-03-21', '2025-12-20', 'cafpro')).toBe('2026-03-21');
    expect(terminationEndDate('2016-03-21', '2026-01-21', 'cafpro')).toBe('2026-03-21');
    expect(terminationEndDate('2016-03-21', '2026-01-22', 'cafpro')).toBe('2027-03-21');
  });
});

describe('renewalDue: the notice leaves the lead time before the last day to denounce', () => {
  it('is null until the lead time before the deadline, then due until the eve of the anniversary', () => {
    // Anniversary 2025-03-15, deadline 2025-01-15 (cafpro); 90 days before: 2024-10-17.
    expect(renewalNoticeDueOn('2025-03-15', 'cafpro', 90)).toBe('2024-10-17');
    expect(renewalDue('2024-03-15', '2024-10-16', 90, 'cafpro')).toBeNull();
    expect(renewalDue('2024-03-15', '2024-10-17', 90, 'cafpro')).toEqual({ anniversary: '2025-03-15', noticeDeadline: '2025-01-15', daysLeft: 149 });
    // Still due after the deadline (a late run, a first start): the notice then says it has passed.
    expect(renewalDue('2024-03-15', '2025-03-14', 90, 'cafpro')).toEqual({ anniversary: '2025-03-15', noticeDeadline: '2025-01-15', daysLeft: 1 });
  });

  it('a data-provision convention effective on 5 February 2026 is notified by 7 August, before its deadline of 5 November', () => {
    // With the lead counted from the anniversary (2027-02-05 − 90 days = 2026-11-07), the notice came after the deadline.
    expect(renewalDue('2026-02-05', '2026-08-06', 90, 'data-provision')).toBeNull();
    expect(renewalDue('2026-02-05', '2026-08-07', 90, 'data-provision')).toEqual({ anniversary: '2027-02-05', noticeDeadline: '2026-11-05', daysLeft: 182 });
  });

  it('moves to the following year on the anniversary day', () => {
    expect(renewalDue('2024-03-15', '2025-03-15', 90, 'cafpro')).toBeNull();
    expect(renewalDue('2024-03-15', '2025-10-17', 90, 'cafpro')).toMatchObject({ anniversary: '2026-03-15', noticeDeadline: '2026-01-15' });
  });

  it('refuses a negative or fractional lead time', () => {
    expect(() => renewalDue('2024-03-15', '2024-12-15', -1, 'cafpro')).toThrow(RangeError);
    expect(() => renewalDue('2024-03-15', '2024-12-15', 1.5, 'cafpro')).toThrow(RangeError);
  });

  // Every effective date of a leap year and of a common year, both kinds, lead times of the Settings
  // (default 90, at most 270), first and second anniversary: the daily job first finds the notice due
  // exactly `lead` days before the last day to denounce, and it stays due through that day.
  describe.each([2028, 2027])('effective dates of %i', (year) => {
    const days = Array.from({ length: diffInDays(`${year}-01-01`, `${year + 1}-01-01`) }, (_, i) => addDays(`${year}-01-01`, i));
    it.each(conventionKinds.flatMap((kind) => [1, 90, 270].map((lead) => [kind, lead] as [ConventionKind, number])))('%s, lead time %i days', (kind, lead) => {
      expect(days).toHaveLength(year === 2028 ? 366 : 365);
      const problems: string[] = [];
      for (const effective of days) {
        for (const rank of [1, 2]) {
          const due = anniversary(effective, rank);
          const deadline = noticeDeadline(due, kind);
          // `lead` days before the deadline, and after the previous anniversary (so the job can notify that day)
          const first = addDays(deadline, -lead);
          const notifies = (day: string) => renewalDue(effective, day, lead, kind)?.anniversary === due;
          if (!isBefore(rank === 1 ? effective : anniversary(effective, rank - 1), first)
            || notifies(addDays(first, -1)) || !notifies(first) || !notifies(deadline)) {
            problems.push(`${effective}, échéance ${due} : dernier jour ${deadline}, avis dû le ${first} ?`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  });
});

describe('renewalDeadlines', () => {
  it('gives the last day of the anniversary and, for a late notice, the next anniversary and its own last day', () => {
    expect(renewalDeadlines('2016-03-21', '2027-03-21', 'cafpro')).toEqual({
      anniversary: '2027-03-21', lastNoticeDay: '2027-01-21', following: { anniversary: '2028-03-21', lastNoticeDay: '2028-01-21' },
    });
    expect(renewalDeadlines('2024-02-29', '2027-02-28', 'data-provision')).toEqual({
      anniversary: '2027-02-28', lastNoticeDay: '2026-11-28', following: { anniversary: '2028-02-29', lastNoticeDay: '2027-11-29' },
    });
  });
});

describe('résiliation (art. 4)', () => {
  it('ends on the chosen date, which may be the effective date or later', () => {
    expect(checkResiliationEndDate('2024-03-15', '2024-03-15')).toBeNull();
    expect(checkResiliationEndDate('2024-03-15', '2026-06-01')).toBeNull();
  });

  it('cannot end before the effective date', () => {
    expect(checkResiliationEndDate('2024-03-15', '2024-03-14')).toBe(
      "La date de fin de la résiliation ne peut pas précéder la date d'effet de la convention.",
    );
  });

  it('may only bring forward the end already fixed by a dénonciation', () => {
    expect(checkResiliationEndDate('2024-03-15', '2025-03-15', '2025-03-15')).toBeNull();
    expect(checkResiliationEndDate('2024-03-15', '2025-01-01', '2025-03-15')).toBeNull();
    expect(checkResiliationEndDate('2024-03-15', '2025-03-16', '2025-03-15')).toBe(
      'La date de fin de la résiliation ne peut pas être postérieure à la fin déjà fixée par la dénonciation.',
    );
  });

  it('lastActiveDay is the eve of the exclusive end date', () => {
    expect(lastActiveDay('2025-03-15')).toBe('2025-03-14');
    expect(lastActiveDay('2025-03-01')).toBe('2025-02-28');
  });
});
