// A password alone opens nothing for an agent who needs a second factor (role in MFA_ROLES, or
// enrolled): until the code is given, the session reaches only the second-factor pages, the logout,
// the login page and AdminJS's static files. Pages are redirected to the second-factor page, API
// calls get a 401 with a French notice. Mounted before the API guard and every other route.
import type { RequestHandler } from 'express';
import type { SessionData } from 'express-session';
import type { StaffRole } from '../policies/roles.js';

/** Paths under /admin: the code asked after the password, and the enrolment (at login or from « Mon compte »). */
export const SECOND_FACTOR_PATH = '/second-facteur';
export const ENROLMENT_PATH = '/second-facteur/inscription';

export const SECOND_FACTOR_REQUIRED = "Second facteur requis : saisissez d'abord le code de votre application d'authentification.";

declare module 'express-session' {
  interface SessionData {
    /** 'pending': right password, code still to give; 'verified': code given in this session. */
    secondFactor?: 'pending' | 'verified';
    /** Secret shown on the enrolment page of this session, stored on the account once a first code confirms it. */
    enrolmentSecret?: string;
  }
}

/** The session has a right password but not yet the second factor it needs. */
export function secondFactorPending(session: Partial<SessionData> | undefined, mfaRoles: readonly StaffRole[]): boolean {
  const user = session?.adminUser;
  if (!user || session.secondFactor === 'verified') return false;
  // A role put into MFA_ROLES (or given to the agent) after the login needs it too.
  return session.secondFactor === 'pending' || mfaRoles.includes(user.role);
}

// Exact paths (no prefix that '..' could abuse), except AdminJS's static files.
const OPEN_PATHS = new Set([SECOND_FACTOR_PATH, ENROLMENT_PATH, '/logout', '/login']);
const OPEN_PREFIX = '/frontend/assets/';

export function requireSecondFactor(adminRoot: string, mfaRoles: readonly StaffRole[]): RequestHandler {
  return (req, res, next) => {
    if (!secondFactorPending(req.session, mfaRoles) || OPEN_PATHS.has(req.path) || req.path.startsWith(OPEN_PREFIX)) return next();
    if (req.path.toLowerCase().startsWith('/api/')) {
      res.status(401).json({ notice: { message: SECOND_FACTOR_REQUIRED, type: 'error' } });
      return;
    }
    res.redirect(req.method === 'GET' || req.method === 'HEAD' ? 302 : 303, `${adminRoot}${SECOND_FACTOR_PATH}`);
  };
}
