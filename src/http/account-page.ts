// « Mon compte » : an agent changes their own password (any role). A plain server-rendered form:
// it must work even when the agent may see nothing else.
import express, { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { changeOwnPassword } from '../domain/staff/staff-accounts.js';
import { actorOf } from './actor.js';

export const ACCOUNT_PASSWORD_PATH = '/mon-compte/mot-de-passe';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(message: { type: 'erreur' | 'succes'; text: string } | null): string {
  const notice = message
    ? `<p class="${message.type}" role="${message.type === 'erreur' ? 'alert' : 'status'}">${escape(message.text)}</p>` : '';
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Changer mon mot de passe — Cafpro</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#1c1c38}
label{display:block;margin-top:1rem;font-weight:600}input{width:100%;padding:.5rem;margin-top:.25rem;box-sizing:border-box}
button{margin-top:1.5rem;padding:.6rem 1.2rem;background:#3040d6;color:#fff;border:0;border-radius:4px}
.erreur{background:#fde8e8;padding:.75rem;border-left:4px solid #c20012}.succes{background:#e6f6ec;padding:.75rem;border-left:4px solid #1a7f37}</style></head>
<body><p><a href="/admin">← Retour au back-office</a></p><h1>Changer mon mot de passe</h1>${notice}
<p>Au moins 12 caractères, dont une minuscule, une majuscule, un chiffre et un caractère spécial.</p>
<form method="post"><label for="current">Mot de passe actuel</label><input id="current" name="current" type="password" autocomplete="current-password" required>
<label for="next">Nouveau mot de passe</label><input id="next" name="next" type="password" autocomplete="new-password" minlength="12" required>
<label for="confirmation">Confirmation du nouveau mot de passe</label><input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required>
<button type="submit">Enregistrer</button></form></body></html>`;
}

export function accountPage(dataSource: DataSource): Router {
  const router = Router();
  const requireLogin = (req: Request, res: Response, next: () => void) => (req.session.adminUser ? next() : res.redirect('/admin/login'));
  router.get(ACCOUNT_PASSWORD_PATH, requireLogin, (_req, res) => { res.type('html').send(page(null)); });
  router.post(ACCOUNT_PASSWORD_PATH, requireLogin, express.urlencoded({ extended: false, limit: '10kb' }), async (req, res, next) => {
    try {
      const { current = '', next: newPassword = '', confirmation = '' } = req.body as Record<string, string>;
      const result = await changeOwnPassword(dataSource, actorOf(req), req.session.adminUser!.id, current, newPassword, confirmation);
      if (result.ok) res.type('html').send(page({ type: 'succes', text: 'Votre mot de passe a été changé.' }));
      else res.status(400).type('html').send(page({ type: 'erreur', text: result.errors[0].message }));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
