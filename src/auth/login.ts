// Staff login: argon2id check, a lockout whose delay grows with each failure (kept in the database and
// counted before each check, see login-attempts.ts), a journal entry for every attempt, and the second
// factor still to come for the roles that need it.
import type { DataSource } from 'typeorm';
import { StaffUser } from '../entities/staff-user.entity.js';
import { recordAudit, type Actor } from '../domain/audit/audit.js';
import type { StaffRole } from '../policies/roles.js';
import { verifyPassword } from './password.js';
import { CLEARED_ATTEMPTS, journalFailure, releaseAttempt, reserveAttempt } from './login-attempts.js';
import { secondFactorStep, type SecondFactorStep } from './second-factor.js';

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

// Verifying against a real hash when the email is unknown or the account locked keeps the timing of
// every refusal alike (a locked account answering at once would reveal that it exists).
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$00+r/cWFDSACcDmsyxnxqw$+xX5pZtqLYp7jC78FJER319VAvY1XCVz2UFUXqkEgdA';

export interface LoginOptions {
  now?: Date;
  /** Roles that must give a second factor after their password (config MFA_ROLES). */
  mfaRoles?: readonly StaffRole[];
}

/** A right password: the account, and the second-factor step still needed (null: logged in). */
export interface PasswordAccepted {
  user: StaffUser;
  secondFactor: SecondFactorStep | null;
}

export async function authenticateStaff(
  dataSource: DataSource, emailInput: string, password: string, origin: Pick<Actor, 'ip' | 'userAgent'>, options: LoginOptions = {},
): Promise<PasswordAccepted | null> {
  const now = options.now ?? new Date();
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
  // Counted before the check: parallel guesses cannot all be checked before the lock.
  const reservation = await reserveAttempt(dataSource, user.id, now);
  if (!reservation.reserved) {
    await verifyPassword(DUMMY_HASH, password ?? '');
    await audit('login.failure', 'compte verrouillé', { lockedUntil: reservation.lockedUntil.toISOString() });
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password ?? ''))) {
    await journalFailure(dataSource, actor, reservation, { action: 'login.failure', reason: 'mot de passe incorrect' }, now);
    return null;
  }
  if (!user.active) {
    // The right password of a deactivated account is refused, but is no failed guess.
    await releaseAttempt(dataSource, reservation);
    await audit('login.failure', 'compte désactivé');
    return null;
  }
  const secondFactor = secondFactorStep(user, options.mfaRoles ?? []);
  if (secondFactor) {
    // Not logged in yet: the count goes on until the code (a failed code counts, a right one clears it),
    // so that knowing the password does not reset the lockout of the code.
    await releaseAttempt(dataSource, reservation);
    await audit('login.mfa-required', null, { step: secondFactor });
    return { user, secondFactor };
  }
  await users.update({ id: user.id }, { ...CLEARED_ATTEMPTS, lastLoginAt: now });
  await audit('login.success', null);
  return { user, secondFactor: null };
}

export function toSessionUser(user: StaffUser): SessionUser {
  return { id: user.id, email: user.email, name: user.name, role: user.role, title: user.name, mustChangePassword: user.mustChangePassword };
}
