// Second factor of the staff: enrolment (a secret shown once as a QR code, confirmed by a first
// code, then 8 single-use recovery codes), the code asked after the password, and the
// Administrateur's reset. A code is checked like a password: its attempt is reserved first and
// counts towards the same lockout (login-attempts.ts); each TOTP step and each recovery code is
// accepted once, by a conditional UPDATE, so a replayed or doubly submitted code fails.
import { IsNull, type DataSource } from 'typeorm';
import { StaffUser } from '../entities/staff-user.entity.js';
import { StaffRecoveryCode } from '../entities/staff-recovery-code.entity.js';
import { Session } from '../entities/session.entity.js';
import { recordAudit, type Actor } from '../domain/audit/audit.js';
import { forUpdate, runInTransaction } from '../domain/shared/transaction.js';
import type { StaffRole } from '../policies/roles.js';
import { CLEARED_ATTEMPTS, journalFailure, reserveAttempt } from './login-attempts.js';
import { isRecoveryCode, newRecoveryCodes, normalizeCode, recoveryCodeHash, totpStep } from './totp.js';

export type SecondFactorStep = 'enrol' | 'code';

type FactorColumns = Pick<StaffUser, 'role' | 'totpSecret' | 'totpEnrolledAt'>;

export const isEnrolled = (user: Pick<StaffUser, 'totpSecret' | 'totpEnrolledAt'>): boolean => Boolean(user.totpSecret && user.totpEnrolledAt);

/** What a right password still needs: the code of an enrolled agent, enrolment where the role requires it, or nothing. */
export function secondFactorStep(user: FactorColumns, mfaRoles: readonly StaffRole[]): SecondFactorStep | null {
  if (isEnrolled(user)) return 'code';
  return mfaRoles.includes(user.role) ? 'enrol' : null;
}

const parisTime = (date: Date) => date.toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });

export const SECOND_FACTOR_MESSAGES = {
  wrongCode: 'Code incorrect : saisissez le code à 6 chiffres affiché maintenant par votre application, ou un code de secours non utilisé.',
  wrongEnrolmentCode: "Code incorrect : vérifiez que votre téléphone est à l'heure, puis saisissez le code à 6 chiffres affiché maintenant.",
  locked: (until: Date) => `Trop d'essais infructueux : votre compte est verrouillé jusqu'à ${parisTime(until)}. Réessayez ensuite.`,
  alreadyEnrolled: 'Un second facteur est déjà enregistré pour ce compte.',
  notEnrolled: "Aucun second facteur n'est enregistré pour cet agent : il n'y a rien à réinitialiser.",
  unknownUser: 'Agent introuvable.',
} as const;

/** A code typed while the account is locked: not checked, journaled, the end of the lock told. */
async function lockedOut(dataSource: DataSource, actor: Actor, staffUserId: number, lockedUntil: Date, now: Date): Promise<{ ok: false; message: string }> {
  await recordAudit(dataSource.manager, actor, {
    action: 'login.mfa-failure', entityType: 'StaffUser', entityId: staffUserId, reason: 'compte verrouillé', details: { lockedUntil: lockedUntil.toISOString() },
  }, now);
  return { ok: false, message: SECOND_FACTOR_MESSAGES.locked(lockedUntil) };
}

export type CodeOutcome = { ok: true; recovery: boolean } | { ok: false; message: string };

/**
 * Checks the code typed after the password (a TOTP code or a recovery code). Success completes the
 * login: the failure count is cleared and the login journaled, with the code's consumption, in one
 * transaction.
 */
export async function verifySecondFactor(
  dataSource: DataSource, actor: Actor, staffUserId: number, input: unknown, now: Date,
): Promise<CodeOutcome> {
  const user = await dataSource.getRepository(StaffUser).findOneBy({ id: staffUserId });
  if (!user || !isEnrolled(user)) return { ok: false, message: SECOND_FACTOR_MESSAGES.wrongCode };
  const reservation = await reserveAttempt(dataSource, user.id, now);
  if (!reservation.reserved) return lockedOut(dataSource, actor, user.id, reservation.lockedUntil, now);
  const code = normalizeCode(input);
  const step = totpStep(user.totpSecret!, code, now);
  const accepted = await runInTransaction<{ reason: string } | { recovery: boolean }>(dataSource, async (manager) => {
    let recovery = false;
    if (step !== null) {
      const taken = await manager.createQueryBuilder().update(StaffUser).set({ totpLastStep: step })
        .where('id = :id AND (totpLastStep IS NULL OR totpLastStep < :step)', { id: user.id, step }).execute();
      if (taken.affected !== 1) return { reason: 'code déjà utilisé' };
    } else if (isRecoveryCode(code)) {
      const used = await manager.createQueryBuilder().update(StaffRecoveryCode).set({ usedAt: now })
        .where('staffUserId = :id AND codeHash = :hash AND usedAt IS NULL', { id: user.id, hash: recoveryCodeHash(code) }).execute();
      if (used.affected !== 1) return { reason: 'code de secours inconnu ou déjà utilisé' };
      recovery = true;
    } else {
      return { reason: 'code incorrect' };
    }
    await manager.update(StaffUser, { id: user.id }, { ...CLEARED_ATTEMPTS, lastLoginAt: now });
    await recordAudit(manager, actor, {
      action: 'login.mfa-success', entityType: 'StaffUser', entityId: user.id, reason: recovery ? 'code de secours' : null,
      details: recovery ? { remainingRecoveryCodes: await manager.countBy(StaffRecoveryCode, { staffUserId: user.id, usedAt: IsNull() }) } : undefined,
    }, now);
    return { recovery };
  });
  if ('reason' in accepted) {
    await journalFailure(dataSource, actor, reservation, { action: 'login.mfa-failure', reason: accepted.reason }, now);
    return { ok: false, message: SECOND_FACTOR_MESSAGES.wrongCode };
  }
  return { ok: true, recovery: accepted.recovery };
}

export type EnrolmentOutcome = { ok: true; recoveryCodes: string[] } | { ok: false; message: string };

/**
 * Confirms an enrolment: the first code proves the app holds `secret`; the secret is then stored,
 * 8 recovery codes are made (returned once, stored hashed) and the enrolment journaled, in one
 * transaction. `completesLogin`: the enrolment is the second step of a login (journaled as such).
 */
export async function confirmEnrolment(
  dataSource: DataSource, actor: Actor, staffUserId: number, secret: string, input: unknown, now: Date, completesLogin: boolean,
): Promise<EnrolmentOutcome> {
  const user = await dataSource.getRepository(StaffUser).findOneBy({ id: staffUserId });
  if (!user) return { ok: false, message: SECOND_FACTOR_MESSAGES.unknownUser };
  if (isEnrolled(user)) return { ok: false, message: SECOND_FACTOR_MESSAGES.alreadyEnrolled };
  const reservation = await reserveAttempt(dataSource, user.id, now);
  if (!reservation.reserved) return lockedOut(dataSource, actor, user.id, reservation.lockedUntil, now);
  const step = totpStep(secret, normalizeCode(input), now);
  if (step === null) {
    await journalFailure(dataSource, actor, reservation, { action: 'login.mfa-failure', reason: "code incorrect à l'enregistrement" }, now);
    return { ok: false, message: SECOND_FACTOR_MESSAGES.wrongEnrolmentCode };
  }
  const recoveryCodes = newRecoveryCodes();
  const enrolled = await runInTransaction(dataSource, async (manager) => {
    // Only if no factor was enrolled meanwhile (another session of the same agent).
    const result = await manager.createQueryBuilder().update(StaffUser)
      .set({ totpSecret: secret, totpEnrolledAt: now, totpLastStep: step, ...CLEARED_ATTEMPTS, ...(completesLogin ? { lastLoginAt: now } : {}) })
      .where('id = :id AND totpEnrolledAt IS NULL', { id: user.id }).execute();
    if (result.affected !== 1) return false;
    await manager.delete(StaffRecoveryCode, { staffUserId: user.id });
    await manager.insert(StaffRecoveryCode, recoveryCodes.map((code) => ({ staffUserId: user.id, codeHash: recoveryCodeHash(code) })));
    await recordAudit(manager, actor, { action: 'staff.mfa-enrol', entityType: 'StaffUser', entityId: user.id, details: { recoveryCodes: recoveryCodes.length } }, now);
    if (completesLogin) await recordAudit(manager, actor, { action: 'login.mfa-success', entityType: 'StaffUser', entityId: user.id, reason: 'second facteur enregistré' }, now);
    return true;
  });
  return enrolled ? { ok: true, recoveryCodes } : { ok: false, message: SECOND_FACTOR_MESSAGES.alreadyEnrolled };
}

export type ResetOutcome = { ok: true; message: string } | { ok: false; message: string };

/**
 * Administrateur: forgets an agent's second factor (a lost phone): secret and recovery codes are
 * deleted and the agent's sessions closed; the agent enrols again at the next login (or from « Mon
 * compte » when the role does not require it).
 */
export async function resetSecondFactor(dataSource: DataSource, actor: Actor, staffUserId: number): Promise<ResetOutcome> {
  return runInTransaction(dataSource, async (manager) => {
    const user = await manager.findOne(StaffUser, { where: { id: staffUserId }, ...forUpdate(manager) });
    if (!user) return { ok: false, message: SECOND_FACTOR_MESSAGES.unknownUser };
    if (!user.totpSecret && !user.totpEnrolledAt) return { ok: false, message: SECOND_FACTOR_MESSAGES.notEnrolled };
    await manager.update(StaffUser, { id: user.id }, { totpSecret: null, totpEnrolledAt: null, totpLastStep: null });
    await manager.delete(StaffRecoveryCode, { staffUserId: user.id });
    await manager.delete(Session, { staffUserId: user.id });
    await recordAudit(manager, actor, { action: 'staff.mfa-reset', entityType: 'StaffUser', entityId: user.id });
    return { ok: true, message: `Second facteur de ${user.name} réinitialisé et ses sessions fermées : il en enregistrera un nouveau à sa prochaine connexion (ou depuis « Mon compte »).` };
  });
}

/** Recovery codes not used yet (shown in « Mon compte »). */
export function remainingRecoveryCodes(dataSource: DataSource, staffUserId: number): Promise<number> {
  return dataSource.getRepository(StaffRecoveryCode).countBy({ staffUserId, usedAt: IsNull() });
}
