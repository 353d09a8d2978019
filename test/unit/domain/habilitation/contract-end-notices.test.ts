// The « fin de CDD » notice days: the Settings' list, and which notice a daily run sends.
import { describe, expect, it } from '@jest/globals';
import { dueNoticeDays, noticeHorizon, parseNoticeDays } from '../../../../src/domain/habilitation/contract-end-notices.js';
import { addDays, type IsoDate } from '../../../../src/domain/shared/dates.js';

const END: IsoDate = '2027-01-15';
const before = (days: number) => addDays(END, -days);

describe('parseNoticeDays', () => {
  it('reads the list as a person types it, largest first, each once', () => {
    expect(parseNoticeDays('14,1')).toEqual({ ok: true, value: [14, 1] });
    expect(parseNoticeDays(' 1 ; 14, 7 ,14')).toEqual({ ok: true, value: [14, 7, 1] });
    expect(parseNoticeDays('30')).toEqual({ ok: true, value: [30] });
  });

  it('refuses what is not a list of days between 1 and 90, in French', () => {
    for (const bad of ['', '  ', '14,x', '0', '91', '14,-1', '1,2,3,4,5,6', '1.5']) {
      expect(parseNoticeDays(bad)).toMatchObject({ ok: false, message: expect.stringContaining('jours avant la fin') });
    }
  });

  it('looks as far ahead as the largest day', () => {
    expect(noticeHorizon([14, 1])).toBe(14);
  });
});

describe('dueNoticeDays (J-14 and J-1)', () => {
  const days = [14, 1];

  it('nothing before J-14, J-14 from 14 days before, J-1 from the day before until the end date itself', () => {
    expect(dueNoticeDays(END, before(15), days, null)).toBeNull();
    expect(dueNoticeDays(END, before(14), days, null)).toBe(14);
    expect(dueNoticeDays(END, before(2), days, null)).toBe(14);
    expect(dueNoticeDays(END, before(1), days, null)).toBe(1);
    expect(dueNoticeDays(END, END, days, null)).toBe(1);
    expect(dueNoticeDays(END, addDays(END, 1), days, null)).toBeNull();
  });

  it('once only: nothing after the same notice, the next one when its day comes', () => {
    expect(dueNoticeDays(END, before(14), days, 14)).toBeNull();
    expect(dueNoticeDays(END, before(5), days, 14)).toBeNull();
    expect(dueNoticeDays(END, before(1), days, 14)).toBe(1);
    expect(dueNoticeDays(END, before(1), days, 1)).toBeNull();
    expect(dueNoticeDays(END, END, days, 1)).toBeNull();
  });

  it('a late run sends only the most pressing notice, never the earlier ones in a burst', () => {
    // The job did not run for two weeks: on J-1 only the J-1 notice goes; J-14 is not sent afterwards.
    expect(dueNoticeDays(END, before(1), days, null)).toBe(1);
    expect(dueNoticeDays(END, END, days, 1)).toBeNull();
  });
});
