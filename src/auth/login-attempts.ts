// The lockout of staff logins (password or second-factor code), held under parallel attempts and
// across instances: each attempt is RESERVED in the database before its secret is checked, by a
// compare-and-set UPDATE (WHERE failedAttempts = the value read AND the account is not locked); the
// reservation that reaches the threshold sets the lock in the same statement. So once 5 attempts
// are reserved, nothing else is checked until the lock ends, however many requests arrive at once.
// Reading the lock first and counting after the check (as before) let 200 parallel guesses through.
import type { DataSource } from 'typeorm';
import { StaffUser } from '../entities/staff-user.entity.js';
import { recordAudit, type Actor } from '../domain/audit/audit.js';
import { runInTransaction } from '../domain/shared/transaction.js';

/** Failures allowed before the first lock; then 1, 2, 4, 8… minutes, at most one hour. */
export const FREE_ATTEMPTS = 5;
const MAX_LOCK_MINUTES = 60;
// A lost compare-and-set means another attempt was counted meanwhile: read again and retry. Past
// this many losses the attempt is refused unchecked (only a flood of guesses gets there).
const MAX_RACES = 50;

export function lockMinutes(failedAttempts: number): number {
  if (failedAttempts < FREE_ATTEMPTS) return 0;
  return Math.min(2 ** (failedAttempts - FREE_ATTEMPTS), MAX_LOCK_MINUTES);
}

interface Counter { failedAttempts: number; lockedUntil: Date | null }

export type Reservation =
  | { reserved: true; staffUserId: number; failedAttempts: number; locksUntil: Date | null; previous: Counter }
  | { reserved: false; lockedUntil: Date };

const isLocked = (lockedUntil: Date | null, now: Date) => lockedUntil !== null && lockedUntil.getTime() > now.getTime();

/** Counts one attempt before its secret is checked, or says the account is locked (nothing to check). */
export async function reserveAttempt(dataSource: DataSource, staffUserId: number, now: Date): Promise<Reservation> {
  const users = dataSource.getRepository(StaffUser);
  for (let race = 0; race < MAX_RACES; race++) {
    const row = await users.findOne({ select: { id: true, failedAttempts: true, lockedUntil: true }, where: { id: staffUserId } });
    if (!row) return { reserved: false, lockedUntil: now };
    if (isLocked(row.lockedUntil, now)) return { reserved: false, lockedUntil: row.lockedUntil! };
    const failedAttempts = row.failedAttempts + 1;
    const minutes = lockMinutes(failedAttempts);
    const locksUntil = minutes ? new Date(now.getTime() + minutes * 60_000) : null;
    const result = await users.createQueryBuilder().update(StaffUser)
      .set(locksUntil ? { failedAttempts, lockedUntil: locksUntil } : { failedAttempts })
      .where('id = :id AND failedAttempts = :seen AND (lockedUntil IS NULL OR lockedUntil <= :now)', { id: staffUserId, seen: row.failedAttempts, now })
      .execute();
    if (result.affected === 1) return { reserved: true, staffUserId, failedAttempts, locksUntil, previous: { failedAttempts: row.failedAttempts, lockedUntil: row.lockedUntil } };
  }
  return { reserved: false, lockedUntil: now };
}

/**
 * Gives a reserved attempt back (a right password that still needs its second factor: it is not a
 * failure, nor a login). Only if nothing was counted since: otherwise the attempt stays counted.
 */
export async function releaseAttempt(dataSource: DataSource, reservation: Reservation): Promise<void> {
  if (!reservation.reserved) return;
  await dataSource.getRepository(StaffUser).createQueryBuilder().update(StaffUser)
    .set({ failedAttempts: reservation.previous.failedAttempts, lockedUntil: reservation.previous.lockedUntil })
    .where('id = :id AND failedAttempts = :reserved', { id: reservation.staffUserId, reserved: reservation.failedAttempts })
    .execute();
}

/** The columns that end the count after a complete login (spread into the update of the login). */
export const CLEARED_ATTEMPTS = { failedAttempts: 0, lockedUntil: null } as const;

/**
 * Journals the failed check of a reserved attempt (`login.failure` or `login.mfa-failure`) and, when
 * its reservation set the lock, the lockout; both in one transaction.
 */
export async function journalFailure(
  dataSource: DataSource, actor: Actor, reservation: Reservation & { reserved: true },
  failure: { action: 'login.failure' | 'login.mfa-failure'; reason: string }, now: Date,
): Promise<void> {
  const { staffUserId, failedAttempts, locksUntil } = reservation;
  await runInTransaction(dataSource, async (manager) => {
    if (locksUntil) {
      await recordAudit(manager, actor, {
        action: 'login.lockout', entityType: 'StaffUser', entityId: staffUserId, reason: `${failedAttempts} échecs consécutifs`,
        details: { minutes: lockMinutes(failedAttempts), lockedUntil: locksUntil.toISOString() },
      }, now);
    }
    await recordAudit(manager, actor, { action: failure.action, entityType: 'StaffUser', entityId: staffUserId, reason: failure.reason, details: { failedAttempts } }, now);
  });
}
