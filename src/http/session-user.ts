// The staff member behind a session is re-read on every request: a role change or a deactivation by
// the Administrateur applies at once, not at the next login.
import type { RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { StaffUser } from '../entities/staff-user.entity.js';
import { toSessionUser, type SessionUser } from '../auth/login.js';

declare module 'express-session' {
  interface SessionData { adminUser?: SessionUser; redirectTo?: string }
}

export function refreshSessionUser(dataSource: DataSource): RequestHandler {
  return (req, res, next) => {
    const current = req.session?.adminUser;
    if (!current) return next();
    dataSource.getRepository(StaffUser).findOneBy({ id: current.id }).then((user) => {
      if (!user || !user.active) {
        req.session.destroy(() => next());
        return;
      }
      // IP and user agent ride along so that AdminJS actions can journal them.
      req.session.adminUser = { ...toSessionUser(user), ip: req.ip, userAgent: req.get('user-agent') };
      next();
    }, next);
  };
}
