// AdminJS's pages follow the `redirectUrl` of their address when the agent presses « Annuler »
// (`window.location.href = redirectUrl`): `?redirectUrl=javascript:…` in a link ran a script on the
// back-office. Only a path of our own origin is ever honoured; any other value is removed from the
// address before the page is served.
import type { RequestHandler } from 'express';

const BASE = 'http://cafpro.invalid';

export function isSafeRedirect(value: unknown): boolean {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return false;
  // Browsers read « /\host » as « //host »; control characters hide a scheme.
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    return new URL(value, BASE).origin === BASE;
  } catch {
    return false;
  }
}

export const stripUnsafeRedirects: RequestHandler = (req, res, next) => {
  if (req.method !== 'GET' || !Object.keys(req.query).some((k) => k.startsWith('redirectUrl'))) return next();
  const url = new URL(req.originalUrl, BASE);
  const unsafe = url.searchParams.getAll('redirectUrl').some((v) => !isSafeRedirect(v)) || [...url.searchParams.keys()].some((k) => k.startsWith('redirectUrl') && k !== 'redirectUrl');
  if (!unsafe) return next();
  for (const key of [...url.searchParams.keys()]) if (key.startsWith('redirectUrl')) url.searchParams.delete(key);
  res.redirect(302, url.pathname + url.search);
};
