// What the journal keeps of a record created, corrected or deleted from the back-office forms (the
// workflow transitions journal themselves, with their own action names): the fields that changed,
// each as [before, after], or the values of the record created or deleted. Timestamps the database
// maintains are left out; secrets never reach the journal.
export const RECORD_ACTIONS = { create: 'record.create', edit: 'record.edit', delete: 'record.delete' } as const;

const IGNORED = new Set(['createdAt', 'updatedAt', 'passwordHash', 'totpSecret']);

type Values = Record<string, unknown>;

/** A JSON-safe copy of a column value (dates as ISO strings, booleans as booleans). */
function plain(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value === undefined) return null;
  if (typeof value === 'object' && value !== null) return JSON.parse(JSON.stringify(value)) as unknown;
  return value;
}

/** The column values of a record, as the journal keeps them. */
export function journalValues(record: Values): Values {
  return Object.fromEntries(Object.entries(record).filter(([key, value]) => !IGNORED.has(key) && typeof value !== 'function').map(([key, value]) => [key, plain(value)]));
}

const asBoolean = (value: unknown) => value === true || value === 1 || value === '1' || value === 'true';

/** Same value for the person reading the journal: 1 and true (MySQL booleans), 42 and '42', '' and null. */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'boolean' || typeof b === 'boolean') return asBoolean(a) === asBoolean(b);
  const text = (value: unknown) => (value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value));
  return text(a) === text(b);
}

/** The fields whose value differs between two states of a record: { field: [before, after] }. */
export function changedFields(before: Values, after: Values): Record<string, [unknown, unknown]> {
  const was = journalValues(before);
  const now = journalValues(after);
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) {
    if (!same(was[key], now[key])) changes[key] = [was[key] ?? null, now[key] ?? null];
  }
  return changes;
}
