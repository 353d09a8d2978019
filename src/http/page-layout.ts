// Server-rendered pages outside AdminJS (they must work when the agent may see nothing else): one
// look, the one of « Mon compte » (account-page.ts), French, every value escaped.
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export type PageNotice = { type: 'erreur' | 'succes'; text: string } | null;

const STYLE = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1c1c38}
label{display:block;margin-top:1rem;font-weight:600}input{width:100%;padding:.5rem;margin-top:.25rem;box-sizing:border-box}
button{margin-top:1.5rem;padding:.6rem 1.2rem;background:#3040d6;color:#fff;border:0;border-radius:4px}
.erreur{background:#fde8e8;padding:.75rem;border-left:4px solid #c20012}.succes{background:#e6f6ec;padding:.75rem;border-left:4px solid #1a7f37}
code{font-size:1.1rem;letter-spacing:.05em}.codes{list-style:none;padding:0;columns:2}.codes li{margin:.4rem 0}.qr svg{width:14rem;height:14rem}`;

/** A whole page: `body` is HTML already escaped by the caller; `title` and the notice are escaped here. */
export function renderPage(options: { title: string; notice?: PageNotice; body: string; back?: { href: string; label: string } | null }): string {
  const { title, notice, body } = options;
  const back = options.back === undefined ? { href: '/admin', label: '← Retour au back-office' } : options.back;
  const message = notice
    ? `<p class="${notice.type}" role="${notice.type === 'erreur' ? 'alert' : 'status'}">${escapeHtml(notice.text)}</p>` : '';
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${escapeHtml(title)} — Cafpro</title>
<style>${STYLE}</style></head>
<body>${back ? `<p><a href="${escapeHtml(back.href)}">${escapeHtml(back.label)}</a></p>` : ''}<h1>${escapeHtml(title)}</h1>${message}
${body}</body></html>`;
}
