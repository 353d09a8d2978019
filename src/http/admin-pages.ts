// The back-office's pages that AdminJS does not answer in French (issue 13 §2): a page of an action
// the agent's role may not use (AdminJS showed « Page introuvable », a red toast and internal names
// « (AccessRequest / approve) ») and an address under /admin that nothing answers (Express's
// « Cannot GET »). Both are whole pages, with a way back.
import { Router, type RequestHandler } from 'express';
import { can } from '../policies/policy.js';
import type { ActionName } from '../policies/policy.js';
import { RESOURCES } from '../policies/policy.js';
import { accountPageHtml } from './account-layout.js';

export const REFUSED_ACTION = "Vous n'avez pas le droit d'effectuer cette action";
const BACK = '<p><a href="/admin">Retour à l’accueil du back-office</a></p>';

/** GET of an action's page the role may not open: a French 403 page (the API keeps its JSON 403). */
export function refusedActionPages(): Router {
  const router = Router();
  const refuse: RequestHandler = (req, res, next) => {
    const user = req.session.adminUser;
    const { resource, action } = req.params as { resource: string; action: string };
    if (!user || !(RESOURCES as readonly string[]).includes(resource) || can(user.role, resource, action as ActionName)) return next();
    res.status(403).type('html').send(accountPageHtml(REFUSED_ACTION, `<p>Votre rôle ne permet pas cette action. Si vous en avez besoin, demandez-la à l’administrateur du back-office.</p>${BACK}`, { accountNav: false }));
  };
  router.get('/resources/:resource/actions/:action', refuse);
  router.get('/resources/:resource/records/:id/:action', refuse);
  router.get('/resources/:resource/bulk/:action', refuse);
  return router;
}

/** The last page handler under /admin: an address that nothing answers. */
export function notFoundPage(): RequestHandler {
  return (req, res) => {
    if (req.originalUrl.includes('/api/')) {
      res.status(404).json({ notice: { message: 'Cette adresse n’existe pas.', type: 'error' } });
      return;
    }
    res.status(404).type('html').send(accountPageHtml('Page introuvable', `<p>Cette adresse ne correspond à aucune page du back-office : le lien est peut-être ancien ou mal recopié.</p>${BACK}`, { accountNav: false }));
  };
}
