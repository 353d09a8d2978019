import { describe, it, expect } from '@jest/globals';
import {
  addDays,
  addMonths,
  addYears,
  compareDates,
  daysInMonth,
  diffInDays,
  formatFrenchDate,
  isAfter,
  isBefore,
  isIsoDate,
  isLeapYear,
  todayInParis,
} from '../../../../src/domain/shared/dates.js';

describe('isIsoDate', () => {
  it.each(['2026-11-23', '2024-02-29', '2000-02-29', '1999-12-31'])('accepts %s', (value) => {
    expect(isIsoDate(value)).toBe(true);
  });
  it.each(['2025-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-1-5', '23/11/2026', '', ' 2026-11-23'])(
    'refuses %p',
    (value) => {
      expect(isIsoDate(value)).toBe(false);
    },
  );
  it('refuses non-strings', () => {
    expect(isIsoDate(20261123)).toBe(false);
    expect(isIsoDate(null)).toBe(false);
  });
});

describe('isLeapYear / daysInMonth', () => {
  it('follows the Gregorian rules', () => {
    expect([2024, 2000, 2028].map(isLeapYear)).toEqual([true, true, true]);
    expect([2025, 1900, 2100].map(isLeapYear)).toEqual([false, false, false]);
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2025, 2)).toBe(28);
    expect(daysInMonth(2025, 4)).toBe(30);
    expect(daysInMonth(2025, 12)).toBe(31);
  });
});

describe('todayInParis', () => {
  it('is already the next day in Paris late in the UTC evening (winter, UTC+1)', () => {
    expect(todayInParis(new Date('2026-01-15T22:59:59Z'))).toBe('2026-01-15');
    expect(todayInParis(new Date('2026-01-15T23:00:00Z'))).toBe('2026-01-16');
  });

  it('2026-03-28T23:30:00Z is already 29 March in Paris (the night of the switch to summer time)', () => {
    expect(todayInParis(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(todayInParis(new Date('2026-03-28T22:59:00Z'))).toBe('2026-03-28');
  });

  it('uses UTC+2 in summer', () => {
    expect(todayInParis(new Date('2026-03-29T21:59:00Z'))).toBe('2026-03-29');
    expect(todayInParis(new Date('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
    expect(todayInParis(new Date('2026-07-14T22:30:00Z'))).toBe('2026-07-15');
  });

  it('switches back to UTC+1 on the last Sunday of October', () => {
    expect(todayInParis(new Date('2026-10-24T22:30:00Z'))).toBe('2026-10-25');
    expect(todayInParis(new Date('2026-10-25T22:30:00Z'))).toBe('2026-10-25');
    expect(todayInParis(new Date('2026-10-25T23:00:00Z'))).toBe('2026-10-26');
  });

  it('changes year at midnight Paris time', () => {
    expect(todayInParis(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31');
    expect(todayInParis(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('refuses an invalid instant', () => {
    expect(() => todayInParis(new Date('nonsense'))).toThrow(RangeError);
  });
});

describe('addDays', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-29', 0)).toBe('2026-03-29');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
  });
  it('is not affected by the change to summer time', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
  });
  it('throws on an invalid date (programming error)', () => {
    expect(() => addDays('2025-02-29', 1)).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it('keeps the day when it exists', () => {
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonths('2026-11-15', 2)).toBe('2027-01-15');
    expect(addMonths('2026-03-15', -2)).toBe('2026-01-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
  });
  it('clamps to the end of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2026-04-30', -2)).toBe('2026-02-28');
    expect(addMonths('2026-05-31', -3)).toBe('2026-02-28');
    expect(addMonths('2026-12-31', -1)).toBe('2026-11-30');
  });
});

describe('addYears', () => {
  it('29 February + 1 year is 28 February', () => {
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
  });
  it('adds whole years otherwise', () => {
    expect(addYears('2016-03-21', 10)).toBe('2026-03-21');
    expect(addYears('2025-02-28', 1)).toBe('2026-02-28');
  });
});

describe('compareDates / isBefore / isAfter', () => {
  it('orders calendar dates', () => {
    expect(compareDates('2026-01-01', '2026-01-02')).toBe(-1);
    expect(compareDates('2026-01-02', '2026-01-02')).toBe(0);
    expect(compareDates('2027-01-01', '2026-12-31')).toBe(1);
    expect(isBefore('2026-01-01', '2026-01-02')).toBe(true);
    expect(isBefore('2026-01-02', '2026-01-02')).toBe(false);
    expect(isAfter('2026-01-03', '2026-01-02')).toBe(true);
    expect(isAfter('2026-01-02', '2026-01-02')).toBe(false);
  });
});

describe('diffInDays', () => {
  it('counts days from the first date to the second', () => {
    expect(diffInDays('2026-01-01', '2026-01-31')).toBe(30);
    expect(diffInDays('2026-01-31', '2026-01-01')).toBe(-30);
    expect(diffInDays('2026-03-01', '2026-03-01')).toBe(0);
    expect(diffInDays('2024-02-28', '2024-03-01')).toBe(2);
    expect(diffInDays('2026-01-01', '2027-01-01')).toBe(365);
    expect(diffInDays('2024-01-01', '2025-01-01')).toBe(366);
  });
  it('is exact across daylight saving changes', () => {
    expect(diffInDays('2026-03-28', '2026-03-30')).toBe(2);
    expect(diffInDays('2026-10-24', '2026-10-26')).toBe(2);
  });
});

describe('formatFrenchDate', () => {
  it('writes the date as French letters do', () => {
    expect(formatFrenchDate('2026-11-23')).toBe('23 novembre 2026');
    expect(formatFrenchDate('2016-03-17')).toBe('17 mars 2016');
    expect(formatFrenchDate('2026-08-15')).toBe('15 août 2026');
    expect(formatFrenchDate('2026-02-09')).toBe('9 février 2026');
    expect(formatFrenchDate('2026-12-31')).toBe('31 décembre 2026');
  });
  it('writes the first of the month « 1er »', () => {
    expect(formatFrenchDate('2027-01-01')).toBe('1er janvier 2027');
  });
});
