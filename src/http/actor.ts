import type { Request } from 'express';
import type { Actor } from '../domain/audit/audit.js';

/** The staff member behind a request, for the journal. */
export function actorOf(req: Request): Actor {
  const user = req.session?.adminUser;
  return {
    staffUserId: user?.id ?? null,
    email: user?.email ?? null,
    role: user?.role ?? null,
    ip: req.ip ?? null,
    userAgent: req.get('user-agent') ?? null,
  };
}
