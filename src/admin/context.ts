import type { ActionContext } from 'adminjs';
import type { Actor } from '../domain/audit/audit.js';
import type { StaffRole } from '../policies/roles.js';

/** The journal's actor from an AdminJS action (the request's IP travels in the session user). */
export function actorOfContext(context: ActionContext): Actor {
  const admin = context.currentAdmin as { id?: number; email?: string; role?: StaffRole; ip?: string; userAgent?: string } | undefined;
  return {
    staffUserId: admin?.id ?? null,
    email: admin?.email ?? null,
    role: admin?.role ?? null,
    ip: admin?.ip ?? null,
    userAgent: admin?.userAgent ?? null,
  };
}
