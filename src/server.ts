// The Express application: security headers, health, database sessions, cross-site refusal, the
// second factor, the policy guard and the AdminJS back-office.
import AdminJSExpress from '@adminjs/express';
import express, { type Express } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './config.js';
import { ADMIN_ROOT, buildAdmin } from './admin/admin.js';
import { authenticateStaff, toSessionUser } from './auth/login.js';
import { DatabaseSessionStore } from './auth/session-store.js';
import { recordAudit } from './domain/audit/audit.js';
import { frenchNotices } from './http/french-notices.js';
import { apiGuard } from './http/api-guard.js';
import { rejectCrossSite } from './http/cross-site.js';
import { refreshSessionUser } from './http/session-user.js';
import { actorOf } from './http/actor.js';
import { accountPage } from './http/account-page.js';
import { fileRoutes } from './http/file-routes.js';
import { campaignProofRoute } from './http/campaign-proof.js';
import { ENROLMENT_PATH, requireSecondFactor, SECOND_FACTOR_PATH } from './http/second-factor-guard.js';
import { secondFactorPages } from './http/second-factor-pages.js';
import { FileStorage } from './adapters/storage.js';
import { setServices } from './admin/services.js';
import { registerNotificationHandlers } from './domain/notifications/notification-handlers.js';
import { systemClock, type Clock } from './domain/shared/clock.js';
import { MAX_SCAN_BYTES } from './domain/scans/scan-upload.js';
import path from 'node:path';

export const SESSION_COOKIE = 'cafpro.sid';

export interface App {
  app: Express;
  sessionStore: DatabaseSessionStore;
}

export function createApp(config: AppConfig, dataSource: DataSource, clock: Clock = systemClock): App {
  const storage = new FileStorage(path.join(config.dataDir, 'files'));
  setServices({ dataSource, storage, clock });
  // Decisions queue their emails through these handlers, inside the decision's transaction.
  registerNotificationHandlers({ clock });
  const app = express();
  app.disable('x-powered-by');
  if (config.env === 'production') app.set('trust proxy', 1);

  app.use(helmet({
    contentSecurityPolicy: {
      directives: {
        // AdminJS boots from an inline script (window.REDUX_STATE) and inline styles.
        'script-src': ["'self'", "'unsafe-inline'"],
        'style-src': ["'self'", "'unsafe-inline'", 'https:'],
        'img-src': ["'self'", 'data:', 'blob:'],
        'upgrade-insecure-requests': config.env === 'production' ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // helmet's default « no-referrer » makes browsers send `Origin: null`, which the anti-CSRF check
    // must refuse; « same-origin » keeps our own origin visible and still leaks nothing outside.
    referrerPolicy: { policy: 'same-origin' },
  }));

  app.get('/health', async (_req, res) => {
    try {
      await dataSource.query('SELECT 1');
      res.json({ status: 'ok', database: 'ok' });
    } catch {
      res.status(503).json({ status: 'erreur', database: 'injoignable' });
    }
  });
  app.get('/', (_req, res) => res.redirect(ADMIN_ROOT));

  const idleMs = config.sessionIdleMinutes * 60_000;
  const sessionStore = new DatabaseSessionStore(dataSource, idleMs);
  const sessionOptions: session.SessionOptions = {
    store: sessionStore,
    secret: config.sessionSecret,
    name: SESSION_COOKIE,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.env === 'production', maxAge: idleMs },
  };
  // Mounted here (not only inside the AdminJS router) so every route shares the same session;
  // the AdminJS router's own session middleware then sees req.session and steps aside.
  app.use(session(sessionOptions));
  app.use(rejectCrossSite(config.publicUrl));
  app.use(refreshSessionUser(dataSource));
  app.use(ADMIN_ROOT, requireSecondFactor(ADMIN_ROOT, config.mfaRoles));
  app.use(ADMIN_ROOT, secondFactorPages(dataSource, ADMIN_ROOT, config.mfaRoles, clock));
  app.use(ADMIN_ROOT, apiGuard());
  app.use(`${ADMIN_ROOT}/api`, frenchNotices());
  app.use(ADMIN_ROOT, accountPage(dataSource));
  app.use(ADMIN_ROOT, fileRoutes(dataSource, storage));
  app.use(ADMIN_ROOT, campaignProofRoute(dataSource));
  app.get(`${ADMIN_ROOT}/logout`, (req, _res, next) => {
    if (!req.session.adminUser) return next();
    recordAudit(dataSource.manager, actorOf(req), { action: 'logout', entityType: 'StaffUser', entityId: req.session.adminUser.id })
      .then(() => next(), next);
  });

  const admin = buildAdmin();
  const router = AdminJSExpress.buildAuthenticatedRouter(admin, {
    cookieName: SESSION_COOKIE,
    cookiePassword: config.sessionSecret,
    authenticate: async (email, password, context) => {
      const req = context?.req as express.Request;
      const accepted = await authenticateStaff(dataSource, email, password, { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null }, {
        now: clock.now(), mfaRoles: config.mfaRoles,
      });
      if (!accepted) return null;
      // A new session id at login: a session id planted before login is worthless afterwards.
      await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
      if (accepted.secondFactor) {
        // Logged in by password only: requireSecondFactor lets this session reach the second factor, nothing else.
        req.session.secondFactor = 'pending';
        req.session.redirectTo = `${ADMIN_ROOT}${accepted.secondFactor === 'enrol' ? ENROLMENT_PATH : SECOND_FACTOR_PATH}`;
      }
      return toSessionUser(accepted.user);
    },
  }, null, sessionOptions, {
    // A little above the 10 MB limit so that the domain answers an oversized scan with a French message.
    maxFileSize: MAX_SCAN_BYTES + 1024 * 1024,
  });
  app.use(ADMIN_ROOT, router);
  return { app, sessionStore };
}
