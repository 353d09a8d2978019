// The frame of the « Mon compte » pages (password, sessions): plain server-rendered HTML, readable even
// when the agent may see nothing else of the back-office.
import { escapeHtml } from '../domain/notifications/email-templates.js';

export const ACCOUNT_PASSWORD_PATH = '/mon-compte/mot-de-passe';
export const ACCOUNT_SESSIONS_PATH = '/mon-compte/sessions';

export type AccountNotice = { type: 'erreur' | 'succes'; text: string } | null;

const STYLE = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1c1c38}
body.large{max-width:60rem}nav a{margin-right:1.25rem}
label{display:block;margin-top:1rem;font-weight:600}input{width:100%;padding:.5rem;margin-top:.25rem;box-sizing:border-box}
button{margin-top:1.5rem;padding:.6rem 1.2rem;background:#3040d6;color:#fff;border:0;border-radius:4px}
table{border-collapse:collapse;width:100%;margin-top:1rem}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #dde;vertical-align:top}
td button{margin-top:0;padding:.35rem .8rem}small{color:#555}.courante{font-weight:600;color:#1a7f37}
.erreur{background:#fde8e8;padding:.75rem;border-left:4px solid #c20012}.succes{background:#e6f6ec;padding:.75rem;border-left:4px solid #1a7f37}
code{font-size:1.1rem;letter-spacing:.05em}.codes{list-style:none;padding:0;columns:2}.codes li{margin:.4rem 0}.qr svg{width:14rem;height:14rem}`;

export function noticeHtml(notice: AccountNotice): string {
  if (!notice) return '';
  return `<p class="${notice.type}" role="${notice.type === 'erreur' ? 'alert' : 'status'}">${escapeHtml(notice.text)}</p>`;
}

const ACCOUNT_NAV = `<nav><a href="/admin">← Retour au back-office</a><a href="/admin${ACCOUNT_PASSWORD_PATH}">Mon mot de passe</a><a href="/admin${ACCOUNT_SESSIONS_PATH}">Mes sessions</a></nav>`;

/**
 * A whole page: `title` (plain text) as heading, `body` (HTML, escaped by the caller). Also the frame of
 * the few other pages served outside AdminJS (logout, refused upload, error): `accountNav: false`.
 */
export function accountPageHtml(title: string, body: string, options: { large?: boolean; accountNav?: boolean } = {}): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} — Cafpro</title>
<style>${STYLE}</style></head>
<body${options.large ? ' class="large"' : ''}>${options.accountNav === false ? '' : ACCOUNT_NAV}
<main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}
