// TypeORM gives every query runner of a better-sqlite3 DataSource the same connection, so two
// overlapping transactions of one process fail (« cannot start a transaction within a transaction »).
// On SQLite every transaction of the process is therefore queued behind the previous one (a second
// process on the same file waits on the database lock instead: busy_timeout). MySQL/MariaDB need no
// queue: each transaction has its own pooled connection and row locks serialise what must be.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

const insideQueuedTransaction = new AsyncLocalStorage<boolean>();

export function queueSqliteTransactions(dataSource: DataSource): void {
  const manager = dataSource.manager;
  const original = manager.transaction.bind(manager) as (...args: unknown[]) => Promise<unknown>;
  let tail: Promise<unknown> = Promise.resolve();
  (manager as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = (...args: unknown[]) => {
    // Re-entrant call from inside a queued transaction: let TypeORM answer as it always does.
    if (insideQueuedTransaction.getStore()) return original(...args);
    const run = () => insideQueuedTransaction.run(true, () => original(...args));
    const result = tail.then(run, run);
    tail = result.catch(() => undefined);
    return result;
  };
}
