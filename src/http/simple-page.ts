// The shell of the few pages served outside AdminJS (account, logout, refusals): French, readable
// without JavaScript, with the back-office's colours. `body` is HTML the caller has escaped.
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function simplePage(title: string, body: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Cafpro</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1c1c38;line-height:1.4}
label{display:block;margin-top:1rem;font-weight:600}input{width:100%;padding:.5rem;margin-top:.25rem;box-sizing:border-box}
button{margin-top:1.5rem;padding:.6rem 1.2rem;background:#3040d6;color:#fff;border:0;border-radius:4px;font-size:1rem;cursor:pointer}
a{color:#3040d6}table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ddd}
.erreur{background:#fde8e8;padding:.75rem;border-left:4px solid #c20012}.succes{background:#e6f6ec;padding:.75rem;border-left:4px solid #1a7f37}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>
${body}</main></body></html>`;
}
