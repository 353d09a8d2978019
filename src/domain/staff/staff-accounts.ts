// Staff accounts (Administrateur only, except changing one's own password). Every change is journaled
// in the same transaction; passwords are only ever stored as argon2id hashes.
import { Not, type DataSource, type EntityManager } from 'typeorm';
import { StaffUser } from '../../entities/staff-user.entity.js';
import { Session } from '../../entities/session.entity.js';
import { generatePassword, hashPassword, passwordPolicyError, verifyPassword } from '../../auth/password.js';
import { isStaffRole, ROLE_LABELS } from '../../policies/roles.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { forUpdate, runInTransaction } from '../shared/transaction.js';
import { changedFields, RECORD_ACTIONS } from '../audit/record-changes.js';
import { collectErrors, validateEmail, validateRequiredText, type FieldError } from '../shared/validators.js';

export type StaffResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };
const fail = (field: string, message: string): { ok: false; errors: FieldError[] } => ({ ok: false, errors: [{ field, message }] });

/** Checks the fields of a new or edited account (only those present when editing). */
export async function validateStaffUser(
  manager: EntityManager, input: Record<string, unknown>, editedId?: number,
): Promise<FieldError[] | Record<string, unknown>> {
  const errors = collectErrors();
  const out: Record<string, unknown> = {};
  const isNew = editedId === undefined;
  if (isNew || 'email' in input) {
    const email = errors.take('email', validateEmail(input.email == null ? null : String(input.email)));
    if (email !== undefined) {
      const owner = await manager.findOneBy(StaffUser, { email });
      if (owner && owner.id !== editedId) errors.add('email', 'Un agent utilise déjà cette adresse électronique.');
      else out.email = email;
    }
  }
  if (isNew || 'name' in input) {
    const name = errors.take('name', validateRequiredText(input.name == null ? null : String(input.name)));
    if (name !== undefined) out.name = name;
  }
  if (isNew || 'role' in input) {
    if (isStaffRole(input.role)) out.role = input.role;
    else errors.add('role', `Choisissez un rôle : ${Object.values(ROLE_LABELS).join(', ')}.`);
  }
  if ('active' in input) out.active = input.active === true || input.active === 'true';
  if (isNew) {
    const policy = passwordPolicyError(String(input.password ?? ''));
    if (policy) errors.add('password', policy);
    else out.passwordHash = await hashPassword(String(input.password));
    // The Administrateur knows this password: the agent replaces it at the first login.
    out.mustChangePassword = true;
  }
  return errors.hasErrors() ? errors.errors : out;
}

/** Journal of an account change made through the back-office (create, role change, deactivation). */
export async function auditStaffChange(manager: EntityManager, actor: Actor, before: StaffUser | null, after: StaffUser): Promise<void> {
  if (!before) {
    await recordAudit(manager, actor, { action: 'staff.create', entityType: 'StaffUser', entityId: after.id, toState: after.role, details: { email: after.email, mustChangePassword: after.mustChangePassword } });
    return;
  }
  if (before.role !== after.role) {
    await recordAudit(manager, actor, { action: 'staff.role-change', entityType: 'StaffUser', entityId: after.id, fromState: before.role, toState: after.role });
  }
  if (before.active !== after.active) {
    await recordAudit(manager, actor, { action: after.active ? 'staff.reactivate' : 'staff.deactivate', entityType: 'StaffUser', entityId: after.id });
    // A deactivated agent is logged out everywhere at once.
    if (!after.active) await manager.delete(Session, { staffUserId: after.id });
  }
}

export const LAST_ADMINISTRATOR = 'Impossible : il ne resterait aucun Administrateur actif.';

const isActiveAdministrator = (user: Pick<StaffUser, 'role' | 'active'>) => user.role === 'administrateur' && user.active;

/**
 * Administrateur: corrects an account (email, name, role, active), journaled in the same transaction.
 * A change that would leave no active Administrateur (nobody could manage accounts or settings any
 * more) is refused. The active Administrateurs are locked first, always in the same order: two of
 * them demoting each other at the same moment, from two instances, are run one after the other and
 * the second sees that the first left only one (SQLite has a single writer and runInTransaction
 * queues the transactions of a file).
 */
export async function updateStaffUser(
  dataSource: DataSource, actor: Actor, staffUserId: number, input: Record<string, unknown>,
): Promise<StaffResult<StaffUser>> {
  return runInTransaction(dataSource, async (manager) => {
    const administrators = await manager.find(StaffUser, { where: { role: 'administrateur', active: true }, order: { id: 'ASC' }, ...forUpdate(manager) });
    const before = await manager.findOne(StaffUser, { where: { id: staffUserId }, ...forUpdate(manager) });
    if (!before) return fail('id', 'Agent introuvable.');
    const values = await validateStaffUser(manager, input, staffUserId);
    if (Array.isArray(values)) return { ok: false, errors: values };
    const after = { ...before, ...values } as StaffUser;
    if (isActiveAdministrator(before) && !isActiveAdministrator(after) && administrators.every((a) => a.id === before.id)) {
      return fail(after.active ? 'role' : 'active', LAST_ADMINISTRATOR);
    }
    if (Object.keys(values).length) await manager.update(StaffUser, { id: before.id }, values);
    const updated = await manager.findOneByOrFail(StaffUser, { id: before.id });
    await auditStaffChange(manager, actor, before, updated);
    // Email and name: a form correction like any other (role and activity have entries of their own).
    const { role: _role, active: _active, ...corrected } = changedFields({ ...before }, { ...updated });
    if (Object.keys(corrected).length) {
      await recordAudit(manager, actor, { action: RECORD_ACTIONS.edit, entityType: 'StaffUser', entityId: updated.id, details: { changes: corrected } });
    }
    return { ok: true, value: updated };
  });
}

/** Administrateur: a new temporary password, returned once to be handed over, never stored in clear. */
export async function resetStaffPassword(dataSource: DataSource, actor: Actor, staffUserId: number): Promise<StaffResult<string>> {
  return dataSource.transaction(async (manager) => {
    const user = await manager.findOneBy(StaffUser, { id: staffUserId });
    if (!user) return fail('id', 'Agent introuvable.');
    const password = generatePassword();
    await manager.update(StaffUser, { id: user.id }, {
      passwordHash: await hashPassword(password), passwordChangedAt: new Date(), failedAttempts: 0, lockedUntil: null,
      mustChangePassword: true,
    });
    await manager.delete(Session, { staffUserId: user.id });
    await recordAudit(manager, actor, { action: 'staff.password-reset', entityType: 'StaffUser', entityId: user.id, details: { mustChangePassword: true } });
    return { ok: true, value: password };
  });
}

/**
 * Any agent: changes their own password, knowing the current one. Their other sessions end with the
 * old password (one of them may be a thief's); the session making the change (`currentSessionId`)
 * goes on. Returns the number of sessions ended.
 */
export async function changeOwnPassword(
  dataSource: DataSource, actor: Actor, staffUserId: number, current: string, next: string, confirmation: string,
  currentSessionId: string,
): Promise<StaffResult<number>> {
  return dataSource.transaction(async (manager) => {
    const user = await manager.findOneBy(StaffUser, { id: staffUserId });
    if (!user || !(await verifyPassword(user.passwordHash, current))) return fail('current', 'Le mot de passe actuel est incorrect.');
    if (next !== confirmation) return fail('confirmation', 'Les deux saisies du nouveau mot de passe sont différentes.');
    const policy = passwordPolicyError(next);
    if (policy) return fail('next', policy);
    if (next === current) return fail('next', "Le nouveau mot de passe doit être différent de l'actuel.");
    await manager.update(StaffUser, { id: user.id }, { passwordHash: await hashPassword(next), passwordChangedAt: new Date(), mustChangePassword: false });
    const { affected } = await manager.delete(Session, { staffUserId: user.id, id: Not(currentSessionId) });
    await recordAudit(manager, actor, {
      action: 'staff.password-change', entityType: 'StaffUser', entityId: user.id,
      reason: user.mustChangePassword ? 'mot de passe provisoire remplacé' : null,
      details: { otherSessionsEnded: affected ?? 0 },
    });
    return { ok: true, value: affected ?? 0 };
  });
}
