// What a logged-in session must pass before any page or API call, and the page listing the sessions,
// in one router mounted right after the session user is read again (src/http/session-user.ts): a
// session past its lifetime ends first, then a password chosen by someone else must be replaced.
import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { ADMIN_ROOT } from '../admin/admin.js';
import type { AppConfig } from '../config.js';
import type { Clock } from '../domain/shared/clock.js';
import { requireOwnPassword } from './password-change-gate.js';
import { endSessionsPastLifetime } from './session-lifetime.js';
import { sessionsPage } from './sessions-page.js';

export function sessionRules(dataSource: DataSource, config: AppConfig, clock: Clock): Router {
  const router = Router();
  router.use(endSessionsPastLifetime(dataSource, config.sessionMaxHours, clock));
  router.use(ADMIN_ROOT, requireOwnPassword());
  router.use(ADMIN_ROOT, sessionsPage(dataSource, { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours }, clock));
  return router;
}
