// AdminJS has no CSRF protection: every state-changing request must come from our own pages.
// Browsers send Origin (or at least Referer) on a POST; a request with neither, or from another
// origin, is refused before it reaches any handler.
import type { RequestHandler } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function rejectCrossSite(publicUrl: string): RequestHandler {
  const publicOrigin = new URL(publicUrl).origin;
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const sameHost = `${req.protocol}://${req.get('host')}`;
    let origin = req.get('origin');
    if (!origin) {
      const referer = req.get('referer');
      try { origin = referer ? new URL(referer).origin : undefined; } catch { origin = undefined; }
    }
    if (origin && (origin === publicOrigin || origin === sameHost)) return next();
    res.status(403).type('text/plain; charset=utf-8').send('Requête refusée : elle ne provient pas du back-office (contrôle anti-CSRF).');
  };
}
