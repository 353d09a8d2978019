// The clock is injected (STYLE.md habit 5: « a fixed clock where dates matter »), so that rules
// depending on « today » (notice deadlines, scheduled revocations) are testable.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = {
  now: () => new Date(),
};

/** A clock stopped at `iso` (e.g. '2026-03-28T23:30:00Z'); each call returns a fresh Date so callers cannot move it. */
export function fixedClock(iso: string): Clock {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) throw new RangeError(`Instant invalide : « ${iso} ».`);
  return { now: () => new Date(time) };
}
