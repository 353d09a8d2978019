// The first Administrateur of a new installation (or a rescue account), created from the command
// line: production creates no account by itself. The password is one-time — printed once, to be
// replaced at the first login (mustChangePassword) — and the creation is journaled as a system action.
import type { DataSource } from 'typeorm';
import { StaffUser } from '../../entities/staff-user.entity.js';
import { generatePassword } from '../../auth/password.js';
import { recordAudit, SYSTEM_ACTOR } from '../audit/audit.js';
import { runInTransaction } from '../shared/transaction.js';
import type { FieldError } from '../shared/validators.js';
import { validateStaffUser } from './staff-accounts.js';

export type FirstAdministratorResult = { ok: true; user: StaffUser; password: string } | { ok: false; errors: FieldError[] };

export async function createAdministrator(
  dataSource: DataSource, input: { email: string; name: string; password?: string },
): Promise<FirstAdministratorResult> {
  const password = input.password ?? generatePassword();
  return runInTransaction(dataSource, async (manager) => {
    const values = await validateStaffUser(manager, { email: input.email, name: input.name, role: 'administrateur', active: 'true', password });
    if (Array.isArray(values)) return { ok: false, errors: values };
    const user = await manager.save(StaffUser, manager.create(StaffUser, { ...values, mustChangePassword: true }));
    await recordAudit(manager, { ...SYSTEM_ACTOR, email: 'système (ligne de commande)' }, {
      action: 'staff.create', entityType: 'StaffUser', entityId: user.id, toState: user.role,
      reason: 'premier administrateur (commande admin:create)', details: { email: user.email, mustChangePassword: true },
    });
    return { ok: true, user, password };
  });
}
