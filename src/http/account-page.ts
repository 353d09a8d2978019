// « Mon compte » : an agent changes their own password (any role). A plain server-rendered form:
// it must work even when the agent may see nothing else.
import express, { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { changeOwnPassword } from '../domain/staff/staff-accounts.js';
import { actorOf } from './actor.js';
import { ACCOUNT_PASSWORD_PATH, accountPageHtml, noticeHtml, type AccountNotice } from './account-layout.js';

// The path lives with the page frame (shared with « Mes sessions »); still importable from here.
export { ACCOUNT_PASSWORD_PATH };

const FORCED = "Vous devez d'abord changer votre mot de passe : celui que vous avez reçu a été choisi par un administrateur.";

function page(message: AccountNotice, forced: boolean): string {
  return accountPageHtml('Changer mon mot de passe', `${noticeHtml(message ?? (forced ? { type: 'erreur', text: FORCED } : null))}
<p>Au moins 12 caractères, dont une minuscule, une majuscule, un chiffre et un caractère spécial.</p>
<form method="post"><label for="current">Mot de passe actuel</label><input id="current" name="current" type="password" autocomplete="current-password" required>
<label for="next">Nouveau mot de passe</label><input id="next" name="next" type="password" autocomplete="new-password" minlength="12" required>
<label for="confirmation">Confirmation du nouveau mot de passe</label><input id="confirmation" name="confirmation" type="password" autocomplete="new-password" required>
<button type="submit">Enregistrer</button></form>`);
}

const changed = (ended: number) => `Votre mot de passe a été changé.${
  ended === 0 ? '' : ended === 1 ? ' Votre autre session a été fermée.' : ` Vos ${ended} autres sessions ont été fermées.`}`;

export function accountPage(dataSource: DataSource): Router {
  const router = Router();
  const requireLogin = (req: Request, res: Response, next: () => void) => (req.session.adminUser ? next() : res.redirect('/admin/login'));
  const forced = (req: Request) => req.session.adminUser?.mustChangePassword === true;
  router.get(ACCOUNT_PASSWORD_PATH, requireLogin, (req, res) => { res.type('html').send(page(null, forced(req))); });
  router.post(ACCOUNT_PASSWORD_PATH, requireLogin, express.urlencoded({ extended: false, limit: '10kb' }), async (req, res, next) => {
    try {
      const { current = '', next: newPassword = '', confirmation = '' } = req.body as Record<string, string>;
      const result = await changeOwnPassword(dataSource, actorOf(req), req.session.adminUser!.id, current, newPassword, confirmation, req.sessionID);
      if (result.ok) res.type('html').send(page({ type: 'succes', text: changed(result.value) }, false));
      else res.status(400).type('html').send(page({ type: 'erreur', text: result.errors[0].message }, forced(req)));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
