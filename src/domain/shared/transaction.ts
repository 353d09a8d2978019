// Transactions of the use cases: one place for how a change is run (queued on SQLite, retried after
// a deadlock on MySQL/MariaDB) and how a French refusal rolls it back.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import type { Refusal } from './validators.js';

export type Outcome<T> = ({ ok: true; message: string } & T) | Refusal;

// --- Transactions -------------------------------------------------------------------------------
//
// TypeORM gives every query runner of a SQLite DataSource the same connection, so two overlapping
// transactions of one process would mix (the second becomes a savepoint of the first). Transactions
// run through `runInTransaction` are queued one behind the other per SQLite FILE (two DataSources on
// the same file, as in the « two instances » tests, share the queue); another process waits on the
// database lock (busy_timeout). On MySQL/MariaDB each transaction has its own connection: a deadlock
// or a lock wait timeout rolls the whole transaction back and it is simply run again.
// NOTE: never call runInTransaction from inside `work` on the same SQLite database (it would wait for itself).
// src/db/sqlite-transactions.ts also queues plain dataSource.transaction() calls per DataSource (AdminJS
// saves, staff accounts…); this per-file queue comes first and adds the deadlock retry.

const sqliteQueues = new Map<string, Promise<unknown>>();

function sqliteFile(dataSource: DataSource): string | null {
  const { type } = dataSource.options;
  return type === 'better-sqlite3' || type === 'sqlite' ? String(dataSource.options.database) : null;
}

function driverError(error: unknown): { errno?: number; code?: string; message?: string } {
  const e = error as { driverError?: unknown } | null;
  return ((e && typeof e === 'object' && e.driverError) || e || {}) as { errno?: number; code?: string; message?: string };
}

/** MySQL/MariaDB deadlock (1213) or lock wait timeout (1205); SQLite « database is locked ». */
export function isTransientLockError(error: unknown): boolean {
  const d = driverError(error);
  return d.errno === 1213 || d.errno === 1205 || (typeof d.code === 'string' && d.code.startsWith('SQLITE_BUSY'));
}

/** A unique index refused the row (MySQL 1062, SQLite UNIQUE constraint). */
export function isUniqueViolation(error: unknown): boolean {
  const d = driverError(error);
  return d.errno === 1062 || d.code === 'ER_DUP_ENTRY' || d.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed/.test(d.message ?? '');
}

/** A foreign key refused the change: the row is still referenced (MySQL 1451/1217, SQLite FOREIGN KEY). */
export function isForeignKeyViolation(error: unknown): boolean {
  const d = driverError(error);
  return d.errno === 1451 || d.errno === 1217 || d.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' || /FOREIGN KEY constraint failed/.test(d.message ?? '');
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// --- Side effects outside the database -------------------------------------------------------------
//
// A transaction may write a file (a scan, a PDF) before it fails: the rows pointing to it are rolled
// back, the file would stay on disk, unused. What undoes such an effect is registered with
// `onRollback` while the transaction runs, and run if it rolls back (a refusal, a unique index, a
// deadlock before its retry).

const rollbackUndos = new AsyncLocalStorage<Array<() => Promise<unknown>>>();

/** Registers what undoes an effect outside the database if the current transaction rolls back. */
export function onRollback(undo: () => Promise<unknown>): void {
  rollbackUndos.getStore()?.push(undo);
}

/** Runs `work` in one transaction (queued on SQLite, run again after a deadlock on MySQL/MariaDB). */
export function runInTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const attempt = async (): Promise<T> => {
    for (let n = 1; ; n++) {
      const undos: Array<() => Promise<unknown>> = [];
      try {
        return await rollbackUndos.run(undos, () => dataSource.transaction(work));
      } catch (error) {
        await Promise.allSettled(undos.map((undo) => undo()));
        if (!isTransientLockError(error) || n >= 6) throw error;
        await pause(5 * n + Math.floor(Math.random() * 20));
      }
    }
  };
  const file = sqliteFile(dataSource);
  if (!file) return attempt();
  const previous = sqliteQueues.get(file) ?? Promise.resolve();
  const result = previous.then(attempt, attempt);
  sqliteQueues.set(file, result.catch(() => undefined));
  return result;
}

/** Thrown inside a transaction to roll it back and answer the user with a French refusal. */
export class RefusalError extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/** Runs a use case's transaction; a RefusalError rolls it back and becomes the answer. */
export async function refusable<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<Outcome<T>>): Promise<Outcome<T>> {
  try {
    return await runInTransaction(dataSource, work);
  } catch (error) {
    if (error instanceof RefusalError) return error.refusal;
    throw error;
  }
}

// --- Row locks -----------------------------------------------------------------------------------
//
// MySQL/MariaDB: SELECT … FOR UPDATE locks the row until commit, and reads the latest committed
// version (not the transaction's snapshot). SQLite: TypeORM refuses lock modes
// (LockNotSupportedOnGivenDriverError), and needs none: runInTransaction queues the transactions of
// a database file and SQLite has a single writer.

/** `{ lock: pessimistic_write }` on MySQL/MariaDB, nothing on SQLite: spread into find options. */
export function forUpdate(manager: EntityManager): { lock?: { mode: 'pessimistic_write' } } {
  const { type } = manager.connection.options;
  return type === 'mysql' || type === 'mariadb' ? { lock: { mode: 'pessimistic_write' } } : {};
}
