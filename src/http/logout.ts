// Logging out changes state (it ends the session), so it answers only to a POST from our own pages:
// a link or an image on another site (GET, which SameSite=Lax lets through) cannot log an agent out.
// GET shows the confirmation form that AdminJS's « Se déconnecter » link leads to.
import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { recordAudit } from '../domain/audit/audit.js';
import { actorOf } from './actor.js';
import { accountPageHtml } from './account-layout.js';

export function logoutRoutes(dataSource: DataSource, paths: { logout: string; login: string }): Router {
  const router = Router();
  router.get(paths.logout, (req, res) => {
    if (!req.session.adminUser) return res.redirect(paths.login);
    res.type('html').send(accountPageHtml('Se déconnecter', `<p>Fermer votre session sur le back-office Cafpro ?</p>
<form method="post" action="${paths.logout}"><button type="submit">Se déconnecter</button></form>
<p><a href="/admin">Annuler et revenir au back-office</a></p>`, { accountNav: false }));
  });
  router.post(paths.logout, async (req, res, next) => {
    try {
      const user = req.session.adminUser;
      if (user) await recordAudit(dataSource.manager, actorOf(req), { action: 'logout', entityType: 'StaffUser', entityId: user.id });
      req.session.destroy((error) => (error ? next(error) : res.redirect(303, paths.login)));
    } catch (error) { next(error); }
  });
  return router;
}
