// Keyset pagination over a sorted list (TypeORM `where` conditions): the rows that come after a given
// row in the order « column direction, id ascending ». Used by the export of a list (every page of it,
// src/admin/list-export.ts) and by « Suivant » of a work queue (work-queues/next-in-queue.ts).
import { And, Equal, FindOperator, IsNull, LessThan, MoreThan, Not } from 'typeorm';

export type Where = Record<string, unknown>;

function asOperator(value: unknown): FindOperator<unknown> {
  return value instanceof FindOperator ? value : Equal(value);
}

/** `where` AND `extra`: a column filtered by both keeps both conditions. */
export function and(where: Where, extra: Where): Where {
  const merged: Where = { ...where };
  for (const [key, condition] of Object.entries(extra)) {
    merged[key] = key in where ? And(asOperator(where[key]), condition as FindOperator<unknown>) : condition;
  }
  return merged;
}

/**
 * The rows after (`value`, `id`) in the order « column direction, id ascending ». Both SQLite and
 * MySQL/MariaDB put NULL first in ascending order and last in descending order.
 */
export function after(column: string, idName: string, direction: 'asc' | 'desc', last: { value: unknown; id: unknown }): Where[] {
  const afterId = { [idName]: MoreThan(last.id) };
  if (column === idName) return [{ [idName]: direction === 'asc' ? MoreThan(last.id) : LessThan(last.id) }];
  if (last.value === null || last.value === undefined) {
    return direction === 'asc' ? [{ [column]: IsNull(), ...afterId }, { [column]: Not(IsNull()) }] : [{ [column]: IsNull(), ...afterId }];
  }
  const branches: Where[] = [
    { [column]: direction === 'asc' ? MoreThan(last.value) : LessThan(last.value) },
    { [column]: Equal(last.value), ...afterId },
  ];
  if (direction === 'desc') branches.push({ [column]: IsNull() });
  return branches;
}

/** The order of such a list: the column, then the id ascending (the id alone when it is the column). */
export function keysetOrder(column: string, idName: string, direction: 'asc' | 'desc'): Record<string, 'ASC' | 'DESC'> {
  const dir = direction === 'desc' ? 'DESC' : 'ASC';
  return column === idName ? { [idName]: dir } : { [column]: dir, [idName]: 'ASC' };
}
