// Headers helmet does not set: what a browser may do on our pages (Permissions-Policy) and that
// nothing an agent sees is kept in a cache (shared proxy, browser history on a shared workstation).
import type { RequestHandler } from 'express';

const PERMISSIONS = 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()';

export function responseHeaders(cacheablePrefixes: string[]): RequestHandler {
  return (req, res, next) => {
    res.set('Permissions-Policy', PERMISSIONS);
    // Static bundles and fonts hold no personal data; every page, API answer and file does.
    if (!cacheablePrefixes.some((prefix) => req.path.startsWith(prefix))) res.set('Cache-Control', 'no-store');
    next();
  };
}
