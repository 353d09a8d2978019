// « Rechercher » (issue 13 §4): the top bar's search box (src/admin/components/top-bar.tsx) sends
// GET /admin/recherche?q=…. An exact reference redirects to its record; anything else is a French page
// of the matches grouped by kind, each a link to its record, only the kinds the role may see (the
// service asks the policy table). Plain server-rendered HTML, like the « Mon compte » pages.
import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { escapeHtml } from '../domain/notifications/email-templates.js';
import { globalSearch, SEARCH_MESSAGES, type SearchGroup } from '../domain/search/global-search.js';
import { accountPageHtml, noticeHtml } from './account-layout.js';

export const SEARCH_PATH = '/recherche';

const recordUrl = (root: string, resource: string, id: number) => `${root}/resources/${resource}/records/${id}/show`;

function searchForm(root: string, query: string): string {
  return `<form method="get" action="${root}${SEARCH_PATH}" role="search">
<label for="recherche-q">Nom, e-mail, SIRET, identifiant, n° de convention ou référence</label>
<input id="recherche-q" name="q" type="search" value="${escapeHtml(query)}" autofocus>
<button type="submit">Rechercher</button></form>`;
}

function groupHtml(root: string, group: SearchGroup): string {
  const items = group.hits.map((hit) =>
    `<li><a href="${recordUrl(root, group.kind, hit.id)}">${escapeHtml(hit.title)}</a><br><small>${escapeHtml(hit.detail)}</small></li>`).join('');
  const more = group.more ? `<p><small>D’autres résultats existent : précisez la recherche.</small></p>` : '';
  return `<section data-kind="${group.kind}"><h2>${escapeHtml(group.label)} (${group.hits.length}${group.more ? '+' : ''})</h2><ul>${items}</ul>${more}</section>`;
}

export function searchPage(dataSource: DataSource, root: string): Router {
  const router = Router();
  router.get(SEARCH_PATH, async (req, res, next) => {
    try {
      const user = req.session.adminUser;
      if (!user) return res.redirect(`${root}/login`);
      const query = typeof req.query.q === 'string' ? req.query.q : '';
      const outcome = await globalSearch(dataSource.manager, user.role, query);
      if (outcome.kind === 'record') return res.redirect(303, recordUrl(root, outcome.resource, outcome.recordId));
      const nav = `<nav><a href="${root}">← Retour au back-office</a></nav>`;
      let body: string;
      if (outcome.kind === 'refused') body = noticeHtml(query.trim() ? { type: 'erreur', text: outcome.message } : null);
      else if (!outcome.groups.length) body = `<p role="status">${escapeHtml(SEARCH_MESSAGES.none(outcome.query))}</p>`;
      else body = outcome.groups.map((group) => groupHtml(root, group)).join('');
      const title = query.trim() ? `Recherche « ${query.trim().slice(0, 100)} »` : 'Recherche';
      return res.type('html').send(accountPageHtml(title, `${nav}${searchForm(root, query)}${body}`, { large: true, accountNav: false }));
    } catch (error) {
      return next(error);
    }
  });
  return router;
}
