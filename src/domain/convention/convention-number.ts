// The next convention number (DOMAIN.md « Convention »: `{département}/{année}/{séquence}{suffixe} –
// {profil}`, generated, unique, never reused). The sequence restarts each year and is kept in the
// SequenceCounter row `convention:{année}`; département and suffix come from the Settings row.
import type { EntityManager } from 'typeorm';
import { SequenceCounter } from '../../entities/sequence-counter.entity.js';
import { formatConventionNumber, parseConventionNumber } from './convention.rules.js';

export interface ConventionNumbering {
  /** Settings.departmentCode, e.g. '78'. */
  departmentCode: string;
  /** Settings.numberSuffix, e.g. 'AS' (may be empty). */
  numberSuffix: string;
}

export interface ConventionNumber {
  number: string;
  year: number;
  sequence: number;
}

export const conventionCounterName = (year: number) => `convention:${year}`;

// TypeORM gives all the query runners of a SQLite DataSource the same connection: two overlapping
// transactions fail (« cannot start a transaction within a transaction »). Numbering transactions
// of this process are therefore queued one behind the other on SQLite; a second process on the same
// file waits on the database lock instead (busy_timeout). MySQL/MariaDB need no queue: each
// transaction has its own connection and the row lock serialises them.
const sqliteQueues = new WeakMap<object, Promise<unknown>>();

function queuedOnSqlite<T>(manager: EntityManager, run: () => Promise<T>): Promise<T> {
  const type = manager.connection.options.type;
  if (type !== 'better-sqlite3' && type !== 'sqlite') return run();
  const previous = sqliteQueues.get(manager.connection) ?? Promise.resolve();
  const result = previous.then(run, run);
  sqliteQueues.set(manager.connection, result.catch(() => undefined));
  return result;
}

// MySQL/MariaDB « Deadlock found when trying to get lock »: only possible on the first number of a
// year, when several callers create the counter row together; the transaction is simply run again.
const isDeadlock = (error: unknown) =>
  (error as { driverError?: { errno?: number } })?.driverError?.errno === 1213 || (error as { errno?: number })?.errno === 1213;

/**
 * Increments the counter row and returns its new value. The UPDATE comes first: it takes the row's
 * exclusive lock straight away (MySQL/MariaDB; the write lock of the database on SQLite), so
 * concurrent callers queue up behind it until commit. Only when the row does not exist yet is it
 * inserted (a concurrent insert is ignored) and updated. Inserting first with INSERT IGNORE would
 * leave a shared lock on the existing row that two callers then both try to upgrade: a deadlock on
 * every concurrent call, not only on the first of the year.
 */
async function increment(manager: EntityManager, name: string): Promise<number> {
  const escape = (column: string) => manager.connection.driver.escape(column);
  const bump = () => manager.createQueryBuilder().update(SequenceCounter)
    .set({ value: () => `${escape('value')} + 1` })
    .where(`${escape('name')} = :name`, { name })
    .execute();
  const updated = await bump();
  if (!updated.affected) {
    await manager.createQueryBuilder().insert().into(SequenceCounter).values({ name, value: 0 }).orIgnore().execute();
    await bump();
  }
  const row = await manager.findOneByOrFail(SequenceCounter, { name });
  return row.value;
}

/**
 * Reserves the next number of `year` for a convention of profile `profileCode`, in the caller's
 * transaction when `manager` runs one (the number is then given back if the caller rolls back),
 * otherwise in a transaction of its own, committed at once: a convention that then fails to be saved
 * leaves a gap, never a duplicate. Numbers are unique even with two server instances.
 */
export async function nextConventionNumber(
  manager: EntityManager, settings: ConventionNumbering, profileCode: string, year: number,
): Promise<ConventionNumber> {
  const name = conventionCounterName(year);
  const format = (sequence: number): ConventionNumber => ({
    number: formatConventionNumber({ department: settings.departmentCode, year, sequence, suffix: settings.numberSuffix, profileCode }),
    year,
    sequence,
  });
  // Checked before reserving anything: a bad Settings row must not burn numbers.
  format(1);
  if (manager.queryRunner?.isTransactionActive) return format(await increment(manager, name));
  for (let attempt = 1; ; attempt++) {
    try {
      return format(await queuedOnSqlite(manager, () => manager.transaction((tx) => increment(tx, name))));
    } catch (error) {
      if (!isDeadlock(error) || attempt >= 5) throw error;
    }
  }
}

/**
 * The number of a draft whose profile is changed: same département, year, sequence and suffix, new
 * profile code (the sequence stays reserved to that convention, so nothing is reused).
 */
export function renumberForProfile(number: string, profileCode: string): string {
  const parts = parseConventionNumber(number);
  if (!parts) throw new RangeError(`Numéro de convention illisible : « ${number} ».`);
  return formatConventionNumber({ ...parts, profileCode });
}
