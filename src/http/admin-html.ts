// The HTML pages AdminJS renders (login, every back-office page) are adjusted on their way out:
// - each inline <script> gets this response's CSP nonce, so the policy can forbid every other inline
//   script ('unsafe-inline' is gone from script-src: an injected script or javascript: URL never runs);
// - the Roboto font AdminJS fetches from Google's CDN is served by the product itself (a closed
//   intranet cannot reach the CDN, and every page load sent the agent's IP outside).
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import express, { type RequestHandler, type Response } from 'express';

const GOOGLE_FONTS = /<link[^>]+href="https:\/\/fonts\.googleapis\.com\/[^"]*"[^>]*>/g;
const FONT_WEIGHTS = [300, 400, 500, 700];

/** Where the local font is served (under the back-office root). */
export const FONTS_PATH = '/fonts/roboto';

export const cspNonce = (res: Response): string => res.locals.cspNonce as string;

/** Gives each response a fresh nonce, read by the CSP header (helmet) and by the page rewrite. */
export const nonceForEachResponse: RequestHandler = (_req, res, next) => {
  res.locals.cspNonce = randomBytes(18).toString('base64');
  next();
};

export function rewriteAdminHtml(html: string, nonce: string, fontsUrl: string): string {
  const fonts = FONT_WEIGHTS.map((w) => `<link rel="stylesheet" href="${fontsUrl}/${w}.css" type="text/css">`).join('\n      ');
  return html
    .replace(GOOGLE_FONTS, fonts)
    .replace(/<script(?![^>]*\bnonce=)/g, `<script nonce="${nonce}"`);
}

/** Wraps res.send for the AdminJS router: HTML documents are rewritten, everything else passes. */
export function adminHtml(adminRoot: string): RequestHandler {
  const fontsUrl = `${adminRoot}${FONTS_PATH}`;
  return (_req, res, next) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (typeof body === 'string' && /^\s*<!DOCTYPE html>/i.test(body)) return send(rewriteAdminHtml(body, cspNonce(res), fontsUrl));
      return send(body);
    };
    next();
  };
}

/** The font's CSS and woff2 files, from the @fontsource/roboto package (Apache 2.0 licence). */
export function localFonts(): RequestHandler {
  const dir = path.dirname(createRequire(import.meta.url).resolve('@fontsource/roboto/package.json'));
  return express.static(dir, { index: false, immutable: true, maxAge: '30d', fallthrough: false });
}
