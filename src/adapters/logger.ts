// Structured logs (pino): JSON lines in production (for the Caf's log collector), readable lines in
// development, nothing in tests unless a test captures them. One line per request (request id,
// method, path, status, duration) and the errors. What a log must never hold — passwords, session
// ids (cookies), TOTP secrets and codes, email bodies, query strings (they carry searches on names and
// emails) — is either never put in a line or redacted by path.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type DestinationStream, type Logger } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import type { AppConfig } from '../config.js';

export type { Logger };

const REDACT = [
  'password', '*.password', 'passwordHash', '*.passwordHash', 'totpSecret', '*.totpSecret', 'code', '*.code',
  'html', '*.html', 'text', '*.text', 'err.parameters', 'req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]',
];

export function createLogger(config: Pick<AppConfig, 'env'>, destination?: DestinationStream): Logger {
  const options = { level: process.env.LOG_LEVEL ?? 'info', redact: { paths: REDACT, censor: '[masqué]' }, base: { service: 'cafpro-backoffice' } };
  if (destination) return pino(options, destination);
  if (config.env === 'test') return pino({ ...options, level: 'silent' });
  if (config.env === 'development') {
    return pino({ ...options, transport: { target: 'pino-pretty', options: {
      translateTime: 'SYS:HH:MM:ss', singleLine: true, ignore: 'pid,hostname,service,req,res,responseTime', messageFormat: '{msg} {responseTime} ms',
    } } });
  }
  return pino(options);
}

// Express rewrites req.url inside mounted routers: the path the browser asked for is originalUrl.
const pathOf = (req: IncomingMessage) => ((req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '').split('?')[0];

// A proxy's request id is kept when it looks like one (it joins our lines to the proxy's).
const REQUEST_ID = /^[\w.-]{8,64}$/;

/** The access log: one line per request, once the response is finished. */
export function requestLogger(logger: Logger): HttpLogger {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Only what the line needs: never the headers (cookies) nor the query string.
    serializers: {
      req: (req: { id: string; method: string; raw: IncomingMessage }) => ({ id: req.id, method: req.method, path: pathOf(req.raw) }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    customSuccessMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    // Static bundles and fonts would drown the lines that matter.
    autoLogging: { ignore: (req) => /\/(frontend\/assets|fonts)\//.test(pathOf(req)) },
  });
}
