// Second line of defence in front of AdminJS's API: the policy table is checked on the route itself,
// so a direct call to /admin/api/... for an action the role may not run gets a 403 and changes nothing
// (AdminJS alone would answer 200 with a notice).
import { Router } from 'express';
import { can, RESOURCES } from '../policies/policy.js';
import type { SessionUser } from '../auth/login.js';

/** An API refusal as AdminJS shows it: a French notice. */
export function refuse(res: import('express').Response, status: number, message: string) {
  res.status(status).json({ notice: { message, type: 'error' } });
}

export function apiGuard(): Router {
  const router = Router();
  const check = (resourceId: string, action: string, req: import('express').Request, res: import('express').Response, next: () => void) => {
    const user = (req.session as { adminUser?: SessionUser } | undefined)?.adminUser;
    if (!user) return refuse(res, 401, 'Session expirée : reconnectez-vous.');
    if (!(RESOURCES as readonly string[]).includes(resourceId)) return refuse(res, 404, 'Ressource inconnue.');
    if (!can(user.role, resourceId, action)) return refuse(res, 403, "Vous n'avez pas le droit d'effectuer cette action.");
    // AdminJS's own « new » throws on a GET (a 500): a creation is only ever a POST of its form.
    if (action === 'new' && req.method !== 'POST') return refuse(res, 405, 'Une création se fait depuis son formulaire.');
    next();
  };
  // AdminJS reads a GET as « show the form » and anything else as « do it »: a HEAD request (which a link
  // can also trigger) ran the built-in delete. Its API answers only GET and POST.
  router.use('/api', (req, res, next) => (req.method === 'GET' || req.method === 'POST' ? next() : refuse(res, 405, 'Méthode refusée : seules les demandes GET et POST sont acceptées.')));
  router.all('/api/resources/:resourceId/actions/:action', (req, res, next) => check(req.params.resourceId, req.params.action, req, res, next));
  router.all('/api/resources/:resourceId/actions/:action/:query', (req, res, next) => check(req.params.resourceId, req.params.action, req, res, next));
  router.all('/api/resources/:resourceId/records/:recordId/:action', (req, res, next) => check(req.params.resourceId, req.params.action, req, res, next));
  router.all('/api/resources/:resourceId/bulk/:action', (req, res, next) => check(req.params.resourceId, req.params.action, req, res, next));
  router.all('/api/resources/:resourceId/search/:query?', (req, res, next) => check(req.params.resourceId, 'search', req, res, next));
  return router;
}
