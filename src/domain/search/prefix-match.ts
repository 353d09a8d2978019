// « Starts with », the one text match that reads a range of an index (issue 14): `LIKE 'dup%'` on
// MariaDB. SQLite's LIKE is case-insensitive and so never uses an ordinary (binary) index; there the
// same rows are the range [prefix, next prefix) — exact on the folded columns, compared byte by byte.
import { And, LessThan, Like, MoreThanOrEqual, type DataSource, type EntityManager, type FindOperator } from 'typeorm';

const isSqlite = (db: DataSource | EntityManager) => ('connection' in db ? db.connection : db).options.type === 'better-sqlite3';

/** The smallest string greater than every string starting with `prefix`. */
function nextPrefix(prefix: string): string {
  const chars = Array.from(prefix);
  const last = chars.pop()!.codePointAt(0)!;
  return chars.join('') + String.fromCodePoint(last + 1);
}

/** MySQL LIKE's wildcards (and its escape character) taken literally. */
const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `LIKE '%text%'` with the text's wildcards taken literally: only on a folded column of a small table. */
export const contains = (text: string): FindOperator<string> => Like(`%${escapeLike(text)}%`);

/** The condition « column starts with prefix » (prefix non-empty, already folded as the column is). */
export function startsWith(db: DataSource | EntityManager, prefix: string): FindOperator<string> {
  if (!prefix) throw new Error('startsWith: préfixe vide');
  return isSqlite(db) ? And(MoreThanOrEqual(prefix), LessThan(nextPrefix(prefix))) : Like(`${escapeLike(prefix)}%`);
}
