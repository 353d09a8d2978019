// Absolute lifetime of a session: however active it is, a session ends SESSION_MAX_HOURS after its
// login. The idle expiry alone let a session (or a stolen cookie) live for ever as long as it was used.
import type { Request, RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import { ADMIN_ROOT } from '../admin/admin.js';
import type { Clock } from '../domain/shared/clock.js';
import { endSessionPastLifetime, isPastLifetime, type SessionLogin } from '../domain/staff/staff-sessions.js';
import { actorOf } from './actor.js';
import { refuse } from './api-guard.js';

declare module 'express-session' {
  interface SessionData { login?: SessionLogin }
}

export const SESSION_TOO_OLD = 'Votre session a atteint sa durée maximale : reconnectez-vous.';

/** At login, in the new session: its opening time, and where from (listed in « Mes sessions »). */
export function recordLogin(req: Request, now: Date): void {
  req.session.login = { at: now.toISOString(), ip: req.ip ?? null, userAgent: req.get('user-agent')?.slice(0, 255) ?? null };
}

/** A page goes back to the login; an API call is answered 401 with a French notice. */
export function endSessionsPastLifetime(dataSource: DataSource, maxHours: number, clock: Clock): RequestHandler {
  return (req, res, next) => {
    if (!req.session?.adminUser || !isPastLifetime(req.session.login, clock.now(), maxHours)) return next();
    const actor = actorOf(req);
    endSessionPastLifetime(dataSource, actor, req.sessionID, req.session.login, maxHours)
      .then(() => new Promise<void>((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve()))))
      .then(() => {
        if (req.originalUrl.startsWith(`${ADMIN_ROOT}/api/`)) refuse(res, 401, SESSION_TOO_OLD);
        else res.redirect(`${ADMIN_ROOT}/login`);
      }, next);
  };
}
