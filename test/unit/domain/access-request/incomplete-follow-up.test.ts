// The rules of an incomplete request's follow-up: reminded once per return, closed « sans suite » after
// the longer delay, and the dates the request page announces.
import { describe, expect, it } from '@jest/globals';
import {
  DEFAULT_FOLLOW_UP_DELAYS, dueIfReturnedBy, followUpDates, followUpDue, followUpText, remindedThisRound,
} from '../../../../src/domain/access-request/incomplete-follow-up.js';
import { addDays } from '../../../../src/domain/shared/dates.js';
import { validateSettings, SETTINGS_MESSAGES } from '../../../../src/domain/settings/settings.validation.js';

const SINCE = '2026-10-01';
const waiting = (overrides: Partial<{ status: string; incompleteSince: string | null; incompleteReminderSentOn: string | null }> = {}) =>
  ({ status: 'incomplete', incompleteSince: SINCE, incompleteReminderSentOn: null, ...overrides });
const delays = DEFAULT_FOLLOW_UP_DELAYS;

describe('followUpDue', () => {
  it('nothing before the reminder delay, the reminder on the 30th day, then nothing until the closure', () => {
    expect(delays).toEqual({ reminderDays: 30, closureDays: 90 });
    expect(followUpDue(waiting(), addDays(SINCE, 29), delays)).toBeNull();
    expect(followUpDue(waiting(), addDays(SINCE, 30), delays)).toBe('reminder');
    expect(followUpDue(waiting(), addDays(SINCE, 89), delays)).toBe('reminder');
    const reminded = waiting({ incompleteReminderSentOn: addDays(SINCE, 30) });
    expect(followUpDue(reminded, addDays(SINCE, 31), delays)).toBeNull();
    expect(followUpDue(reminded, addDays(SINCE, 89), delays)).toBeNull();
    expect(followUpDue(reminded, addDays(SINCE, 90), delays)).toBe('closure');
  });

  it('a request overdue for both (a job that did not run for months) is closed, not reminded', () => {
    expect(followUpDue(waiting(), addDays(SINCE, 200), delays)).toBe('closure');
  });

  it('only incomplete requests: a completed, approved, refused or closed one has nothing due', () => {
    for (const status of ['recue', 'approuvee', 'refusee', 'classee']) expect(followUpDue(waiting({ status }), addDays(SINCE, 120), delays)).toBeNull();
    expect(followUpDue(waiting({ incompleteSince: null }), addDays(SINCE, 120), delays)).toBeNull();
  });

  it('returned a second time after a complement: a reminder of the first round does not count', () => {
    const secondRound = waiting({ incompleteSince: '2026-12-01', incompleteReminderSentOn: '2026-10-31' });
    expect(remindedThisRound(secondRound)).toBe(false);
    expect(followUpDue(secondRound, '2026-12-30', delays)).toBeNull();
    expect(followUpDue(secondRound, '2026-12-31', delays)).toBe('reminder');
    // A reminder sent on the very day of a new return belongs to the previous round too.
    expect(remindedThisRound(waiting({ incompleteSince: '2026-12-01', incompleteReminderSentOn: '2026-12-01' }))).toBe(false);
  });

  it('follows the Settings: other delays, other days', () => {
    const short = { reminderDays: 7, closureDays: 14 };
    expect(followUpDue(waiting(), addDays(SINCE, 7), short)).toBe('reminder');
    expect(followUpDue(waiting(), addDays(SINCE, 14), short)).toBe('closure');
  });
});

describe('dates shown and read', () => {
  it('announces the reminder, then says when it went out, and always the closure date', () => {
    expect(followUpDates(SINCE, delays)).toEqual({ reminderOn: '2026-10-31', closureOn: '2026-12-30' });
    expect(followUpText({ ...waiting(), incompleteSince: SINCE }, delays)).toBe('Relance prévue le 31 octobre 2026 ; classée sans suite le 30 décembre 2026 si aucun complément n’est reçu d’ici là.');
    expect(followUpText({ ...waiting({ incompleteReminderSentOn: '2026-11-02' }), incompleteSince: SINCE }, delays))
      .toBe('Relance envoyée le 2 novembre 2026 ; classée sans suite le 30 décembre 2026 si aucun complément n’est reçu d’ici là.');
  });

  it('the job reads requests returned at least the shorter delay ago', () => {
    expect(dueIfReturnedBy('2026-10-31', delays)).toBe(SINCE);
    expect(dueIfReturnedBy('2026-10-31', { reminderDays: 40, closureDays: 20 })).toBe('2026-10-11');
  });
});

describe('Settings', () => {
  const errorsOf = (input: Record<string, string>) => {
    const result = validateSettings(input);
    return Array.isArray(result) ? Object.fromEntries(result.map((e) => [e.field, e.message])) : {};
  };

  it('the closure comes after the reminder, both whole numbers of days', () => {
    expect(errorsOf({ incompleteReminderDays: '30', incompleteClosureDays: '30' })).toMatchObject({ incompleteClosureDays: SETTINGS_MESSAGES.closureAfterReminder });
    expect(errorsOf({ incompleteReminderDays: '0', incompleteClosureDays: '90' })).toMatchObject({ incompleteReminderDays: SETTINGS_MESSAGES.reminderDays });
    expect(errorsOf({ incompleteReminderDays: '30', incompleteClosureDays: 'trois mois' })).toMatchObject({ incompleteClosureDays: SETTINGS_MESSAGES.closureDays });
    const ok = errorsOf({ incompleteReminderDays: '15', incompleteClosureDays: '45' });
    expect(ok.incompleteReminderDays).toBeUndefined();
    expect(ok.incompleteClosureDays).toBeUndefined();
  });
});
