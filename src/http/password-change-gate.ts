// A password chosen by someone else (account created by an Administrateur, reset) is known to them:
// until the agent has chosen their own, every page leads to the password change and every API call
// is refused. Only the change itself and logging out stay open.
import type { RequestHandler } from 'express';
import { ADMIN_ROOT } from '../admin/admin.js';
import { ACCOUNT_PASSWORD_PATH } from './account-layout.js';
import { refuse } from './api-guard.js';

export const MUST_CHANGE_PASSWORD = "Vous devez d'abord changer votre mot de passe.";

const OPEN_PATHS = new Set([ACCOUNT_PASSWORD_PATH, '/login', '/logout']);

/** Mounted on ADMIN_ROOT, after the session user has been read again (src/http/session-user.ts). */
export function requireOwnPassword(): RequestHandler {
  return (req, res, next) => {
    if (!req.session?.adminUser?.mustChangePassword || OPEN_PATHS.has(req.path)) return next();
    if (req.path.startsWith('/api/')) return refuse(res, 403, MUST_CHANGE_PASSWORD);
    res.redirect(`${ADMIN_ROOT}${ACCOUNT_PASSWORD_PATH}`);
  };
}
