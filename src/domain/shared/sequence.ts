// Named counters (SequenceCounter): the next value of a numbering (convention numbers, register
// numbers per year, form references, habilitation identifiers…), unique and never reused, also with
// two server instances. Runs inside the caller's transaction: the UPDATE takes the row's exclusive
// lock (MySQL/MariaDB; the database write lock on SQLite) until commit, so concurrent callers queue
// behind it, and a caller that rolls back gives its number back with everything else.
import mysql from 'mysql2/promise';
import type { EntityManager } from 'typeorm';
import { SequenceCounter } from '../../entities/sequence-counter.entity.js';

/**
 * First use of a counter: the row must exist before anybody locks it. On MySQL/MariaDB it is created
 * on a connection of its own, committed at once: inserting it inside the caller's transaction would
 * leave gap/shared locks that concurrent first callers try to upgrade together (a deadlock), and
 * borrowing from the pool while every pooled connection waits in a transaction would never return.
 * On SQLite transactions are serialised, so the caller's connection does it.
 */
async function createCounter(manager: EntityManager, name: string): Promise<void> {
  const options = manager.connection.options as { type: string; url?: string };
  if (options.type === 'mysql' || options.type === 'mariadb') {
    const connection = await mysql.createConnection(options.url!);
    try {
      await connection.query('INSERT IGNORE INTO `sequence_counter` (`name`, `value`) VALUES (?, 0)', [name]);
    } finally {
      await connection.end();
    }
    return;
  }
  await manager.createQueryBuilder().insert().into(SequenceCounter).values({ name, value: 0 }).orIgnore().execute();
}

export async function nextSequenceValue(manager: EntityManager, name: string): Promise<number> {
  if (!manager.queryRunner?.isTransactionActive) throw new Error(`nextSequenceValue(${name}) must run inside a transaction`);
  // A plain (non-locking) read: no lock is taken on a missing row.
  if (!(await manager.existsBy(SequenceCounter, { name }))) await createCounter(manager, name);
  const escape = (column: string) => manager.connection.driver.escape(column);
  await manager.createQueryBuilder().update(SequenceCounter)
    .set({ value: () => `${escape('value')} + 1` })
    .where(`${escape('name')} = :name`, { name })
    .execute();
  return (await manager.findOneByOrFail(SequenceCounter, { name })).value;
}

/**
 * Moves a counter to at least `value` (an import of numbers given elsewhere, issue 12 §2): the next
 * nextSequenceValue() returns value + 1 or more, so an imported number is never given again.
 */
export async function advanceSequence(manager: EntityManager, name: string, value: number): Promise<void> {
  if (!manager.queryRunner?.isTransactionActive) throw new Error(`advanceSequence(${name}) must run inside a transaction`);
  if (!(await manager.existsBy(SequenceCounter, { name }))) await createCounter(manager, name);
  const escape = (column: string) => manager.connection.driver.escape(column);
  await manager.createQueryBuilder().update(SequenceCounter)
    .set({ value })
    .where(`${escape('name')} = :name AND ${escape('value')} < :value`, { name, value })
    .execute();
}
