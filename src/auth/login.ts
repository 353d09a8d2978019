// Staff login: argon2id check, a lockout whose delay grows with each failure (kept in the database,
// so a restart or a second instance does not reset it), and a journal entry for every attempt.
import type { DataSource } from 'typeorm';
import { StaffUser } from '../entities/staff-user.entity.js';
import { recordAudit, type Actor } from '../domain/audit/audit.js';
import type { StaffRole } from '../policies/roles.js';
import { verifyPassword } from './password.js';

/** Failures allowed before the first lock; then 1, 2, 4, 8… minutes, at most one hour. */
export const FREE_ATTEMPTS = 5;
const MAX_LOCK_MINUTES = 60;

export function lockMinutes(failedAttempts: number): number {
  if (failedAttempts < FREE_ATTEMPTS) return 0;
  return Math.min(2 ** (failedAttempts - FREE_ATTEMPTS), MAX_LOCK_MINUTES);
}

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: StaffRole;
  title: string;
  /** Someone else chose the password: every page leads to the password change (src/http/password-change-gate.ts). */
  mustChangePassword: boolean;
  ip?: string;
  userAgent?: string;
}

/** The same answer for an unknown email, a wrong password, a locked or a deactivated account. */
export const LOGIN_REFUSED = 'invalidCredentials';
/** The answer when the check itself failed (database down…): a message key of the login page. */
export const LOGIN_UNAVAILABLE = 'loginUnavailable';

// Verifying against a real hash when the email is unknown keeps the timing of both answers alike.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$00+r/cWFDSACcDmsyxnxqw$+xX5pZtqLYp7jC78FJER319VAvY1XCVz2UFUXqkEgdA';

export async function authenticateStaff(
  dataSource: DataSource, emailInput: string, password: string, origin: Pick<Actor, 'ip' | 'userAgent'>, now = new Date(),
): Promise<StaffUser | null> {
  const email = String(emailInput ?? '').trim().toLowerCase();
  const users = dataSource.getRepository(StaffUser);
  const user = email ? await users.findOneBy({ email }) : null;
  const actor: Actor = { staffUserId: user?.id ?? null, email: email.slice(0, 254) || null, role: user?.role ?? null, ...origin };
  const audit = (action: string, reason: string | null, details?: Record<string, unknown>) =>
    recordAudit(dataSource.manager, actor, { action, entityType: 'StaffUser', entityId: user?.id, reason, details }, now);

  if (!user) {
    await verifyPassword(DUMMY_HASH, password ?? '');
    await audit('login.failure', 'compte inconnu');
    return null;
  }
  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
    await audit('login.failure', 'compte verrouillé', { lockedUntil: user.lockedUntil.toISOString() });
    return null;
  }
  const valid = await verifyPassword(user.passwordHash, password ?? '');
  if (!valid || !user.active) {
    if (!valid) {
      // Increment in SQL: two instances failing at once both count.
      await users.increment({ id: user.id }, 'failedAttempts', 1);
      const { failedAttempts } = await users.findOneByOrFail({ id: user.id });
      const minutes = lockMinutes(failedAttempts);
      if (minutes > 0) {
        const lockedUntil = new Date(now.getTime() + minutes * 60_000);
        await users.update({ id: user.id }, { lockedUntil });
        await audit('login.lockout', `${failedAttempts} échecs consécutifs`, { minutes, lockedUntil: lockedUntil.toISOString() });
      }
      await audit('login.failure', 'mot de passe incorrect', { failedAttempts });
    } else {
      await audit('login.failure', 'compte désactivé');
    }
    return null;
  }
  await users.update({ id: user.id }, { failedAttempts: 0, lockedUntil: null, lastLoginAt: now });
  await audit('login.success', null);
  return user;
}

export function toSessionUser(user: StaffUser): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role, title: user.name, mustChangePassword: user.mustChangePassword };
}
