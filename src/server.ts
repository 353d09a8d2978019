// The Express application: security headers, health, database sessions, cross-site refusal, the
// second factor, the policy guard and the AdminJS back-office.
import AdminJSExpress from '@adminjs/express';
import express, { type Express } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import type { DataSource } from 'typeorm';
import type { AppConfig } from './config.js';
import { ADMIN_ROOT, buildAdmin } from './admin/admin.js';
import { authenticateStaff, LOGIN_UNAVAILABLE, toSessionUser } from './auth/login.js';
import { DatabaseSessionStore } from './auth/session-store.js';
import { frenchNotices } from './http/french-notices.js';
import { apiGuard } from './http/api-guard.js';
import { rejectCrossSite } from './http/cross-site.js';
import { refreshSessionUser } from './http/session-user.js';
import { accountPage } from './http/account-page.js';
import { fileRoutes } from './http/file-routes.js';
import { campaignProofRoute } from './http/campaign-proof.js';
import { sessionRules } from './http/session-rules.js';
import { recordLogin } from './http/session-lifetime.js';
import { ENROLMENT_PATH, requireSecondFactor, SECOND_FACTOR_PATH } from './http/second-factor-guard.js';
import { secondFactorPages } from './http/second-factor-pages.js';
import { openStorage } from './adapters/open-storage.js';
import { setServices } from './admin/services.js';
import { registerNotificationHandlers } from './domain/notifications/notification-handlers.js';
import { systemClock, type Clock } from './domain/shared/clock.js';
import { MAX_SCAN_BYTES } from './domain/scans/scan-upload.js';
import { uploadParser } from './http/upload-parser.js';
import { errorPage } from './http/error-page.js';
import { createLogger, requestLogger, type Logger } from './adapters/logger.js';
import { logoutRoutes } from './http/logout.js';
import { adminHtml, cspNonce, FONTS_PATH, localFonts, nonceForEachResponse } from './http/admin-html.js';
import { stripUnsafeRedirects } from './http/safe-redirects.js';
import { responseHeaders } from './http/response-headers.js';
import { listParameters } from './http/list-parameters.js';
import { healthRoute } from './http/health.js';
import { importPage } from './http/import-page.js';
import { listExportRoutes } from './http/list-export.js';
import { searchPage } from './http/search-page.js';
import { recipientRegisterRoute } from './http/recipient-register.js';
import { recertificationCampaignRoute } from './http/recertification-campaign.js';
import compression from 'compression';
import { notFoundPage, refusedActionPages } from './http/admin-pages.js';
import path from 'node:path';

export const SESSION_COOKIE = 'cafpro.sid';
/** Text fields of one form, all together: far above any real form, far below what hurts the server. */
const MAX_FIELDS_BYTES = 2 * 1024 * 1024;

export interface App {
  app: Express;
  sessionStore: DatabaseSessionStore;
}

/** `logger`: where the access log and errors go (tests pass one that captures them). */
export function createApp(config: AppConfig, dataSource: DataSource, clock: Clock = systemClock, logger: Logger = createLogger(config)): App {
  const storage = openStorage(config);
  setServices({ dataSource, storage, clock });
  // Decisions queue their emails through these handlers, inside the decision's transaction.
  registerNotificationHandlers({ clock });
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogger(logger));
  // Only the proxies TRUST_PROXY names may tell the client's IP (written in the journal) and protocol.
  app.set('trust proxy', config.trustProxy ?? false);
  app.use(compression());
  app.use(nonceForEachResponse);
  app.use(helmet({
    contentSecurityPolicy: {
      directives: {
        // AdminJS boots from inline scripts (window.REDUX_STATE…): each carries this response's nonce
        // (admin-html.ts), so no other inline script, event handler or javascript: URL runs.
        'script-src': ["'self'", (_req, res) => `'nonce-${cspNonce(res as express.Response)}'`],
        // styled-components writes <style> elements at run time without a nonce: inline styles stay allowed.
        'style-src': ["'self'", "'unsafe-inline'"],
        'font-src': ["'self'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'"],
        'form-action': ["'self'"],
        // The decision screen shows the scan (GET /admin/scans/:id) and the letter's preview (a blob:
        // PDF) in frames of our own pages; no other site may frame them.
        'frame-src': ["'self'", 'blob:'],
        'frame-ancestors': ["'self'"],
        'upgrade-insecure-requests': config.env === 'production' ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // helmet's default « no-referrer » makes browsers send `Origin: null`, which the anti-CSRF check
    // must refuse; « same-origin » keeps our own origin visible and still leaks nothing outside.
    referrerPolicy: { policy: 'same-origin' },
  }));
  app.use(responseHeaders([`${ADMIN_ROOT}/frontend/assets/`, `${ADMIN_ROOT}${FONTS_PATH}/`]));

  app.get('/health', healthRoute(dataSource));
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
  // Second factor first (a password alone opens nothing, not even « Mon compte »), then the session's
  // lifetime and the forced password change.
  app.use(ADMIN_ROOT, requireSecondFactor(ADMIN_ROOT, config.mfaRoles));
  app.use(ADMIN_ROOT, secondFactorPages(dataSource, ADMIN_ROOT, config.mfaRoles, clock));
  app.use(sessionRules(dataSource, config, clock));
  app.use(ADMIN_ROOT, apiGuard());
  app.use(ADMIN_ROOT, stripUnsafeRedirects);
  app.use(`${ADMIN_ROOT}${FONTS_PATH}`, localFonts());
  app.use(`${ADMIN_ROOT}/api`, frenchNotices());
  app.use(ADMIN_ROOT, accountPage(dataSource));
  app.use(ADMIN_ROOT, fileRoutes(dataSource, storage));
  app.use(ADMIN_ROOT, campaignProofRoute(dataSource));
  app.use(logoutRoutes(dataSource, { logout: `${ADMIN_ROOT}/logout`, login: `${ADMIN_ROOT}/login` }));

  const admin = buildAdmin();
  const router = AdminJSExpress.buildAuthenticatedRouter(admin, {
    cookieName: SESSION_COOKIE,
    cookiePassword: config.sessionSecret,
    authenticate: async (email, password, context) => {
      const req = context?.req as express.Request;
      let accepted;
      try {
        accepted = await authenticateStaff(dataSource, email, password, { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null }, {
          now: clock.now(), mfaRoles: config.mfaRoles,
        });
      } catch (error) {
        // The detail (a database error naming tables) is for the log, never for an anonymous visitor.
        req.log.error({ err: error }, 'Connexion impossible : la vérification des identifiants a échoué');
        throw new Error(LOGIN_UNAVAILABLE);
      }
      if (!accepted) return null;
      // A new session id at login: a session id planted before login is worthless afterwards.
      await new Promise<void>((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
      recordLogin(req, clock.now());
      if (accepted.secondFactor) {
        // Logged in by password only: requireSecondFactor lets this session reach the second factor, nothing else.
        req.session.secondFactor = 'pending';
        req.session.redirectTo = `${ADMIN_ROOT}${accepted.secondFactor === 'enrol' ? ENROLMENT_PATH : SECOND_FACTOR_PATH}`;
      }
      return toSessionUser(accepted.user);
    },
  }, null, sessionOptions);
  app.use(ADMIN_ROOT, listParameters(admin));
  app.use(ADMIN_ROOT, listExportRoutes(admin, dataSource));
  app.use(ADMIN_ROOT, recipientRegisterRoute(dataSource, clock));
  app.use(ADMIN_ROOT, recertificationCampaignRoute(dataSource));
  app.use(ADMIN_ROOT, adminHtml(ADMIN_ROOT));
  app.use(ADMIN_ROOT, uploadParser({
    tempDir: path.join(config.dataDir, 'tmp', 'uploads'), maxFileBytes: MAX_SCAN_BYTES, maxFieldsBytes: MAX_FIELDS_BYTES,
  }));
  // After the upload parser: the import's file goes through the same limits as every upload.
  app.use(ADMIN_ROOT, importPage(dataSource, clock, ADMIN_ROOT));
  app.use(ADMIN_ROOT, searchPage(dataSource, ADMIN_ROOT));
  app.use(ADMIN_ROOT, refusedActionPages());
  app.use(ADMIN_ROOT, router);
  app.use(ADMIN_ROOT, notFoundPage());
  app.use(errorPage());
  return { app, sessionStore };
}
