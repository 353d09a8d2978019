import { describe, it, expect } from '@jest/globals';
import { fixedClock, systemClock } from '../../../../src/domain/shared/clock.js';
import { todayInParis } from '../../../../src/domain/shared/dates.js';

describe('clock', () => {
  it('systemClock gives the current time', () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('fixedClock always gives the same instant, and cannot be moved by a caller', () => {
    const clock = fixedClock('2026-03-28T23:30:00Z');
    const first = clock.now();
    first.setFullYear(2000);
    expect(clock.now().toISOString()).toBe('2026-03-28T23:30:00.000Z');
    expect(todayInParis(clock.now())).toBe('2026-03-29');
  });

  it('fixedClock refuses an invalid instant', () => {
    expect(() => fixedClock('pas une date')).toThrow(RangeError);
  });
});
