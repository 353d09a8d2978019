// Every page of the back-office, in a real browser, on the demo data of `npm start`: the
// Administrateur opens the list, a record, the creation and the correction form of every resource;
// every role opens its home page and the lists it may read. Each page must render (no « Javascript
// Error » box), in French (no AdminJS English, no property names instead of labels).
import { expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { RESOURCE_DEFINITIONS } from '../../src/admin/resources.js';
import { can } from '../../src/policies/policy.js';
import { STAFF_ROLES } from '../../src/policies/roles.js';
import { describeBrowser, withBrowser } from '../support/browser.js';

const ENGLISH = /\b(Javascript Error|Select\.\.\.|No options|Create new|Filter|Show|Edit|Delete|Save|Dashboard|Log ?out|There are no|Loading)\b/;
const resources = RESOURCE_DEFINITIONS.map((d) => d.options.id as string);

// A label left untranslated shows its property name (« receivedDate ») or AdminJS's start case of
// it (« Received Date »): no line of a page may read so.
const propertyNames = new Set(RESOURCE_DEFINITIONS.flatMap(({ options }) => [
  ...(options.listProperties ?? []), ...(options.showProperties ?? []), ...(options.editProperties ?? []), ...(options.filterProperties ?? []),
]).filter((name) => /[a-z][A-Z]/.test(name)));
const untranslated = new Set([...propertyNames].flatMap((name) => [name, name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase())]));

describeBrowser('every page in a browser', () => {
  const session = withBrowser({ demoData: true });

  /** Opens the page and returns its text once AdminJS has rendered it. */
  async function visit(page: Page, url: string): Promise<string> {
    await page.goto(`${session.baseUrl}${url}`);
    await page.waitForLoadState('networkidle');
    await page.locator('section').first().waitFor();
    return page.locator('body').innerText();
  }

  const expectFrench = (url: string, text: string) => {
    expect({ url, english: ENGLISH.exec(text)?.[0] ?? null }).toEqual({ url, english: null });
    expect({ url, untranslated: text.split('\n').map((line) => line.trim()).filter((line) => untranslated.has(line)) }).toEqual({ url, untranslated: [] });
  };

  it('the Administrateur: list, record, creation and correction of every resource', async () => {
    const page = await session.loggedIn('administrateur');
    for (const resource of resources) {
      const list = `/admin/resources/${resource}`;
      expectFrench(list, await visit(page, list));
      const api = await page.request.get(`${session.baseUrl}/admin/api/resources/${resource}/actions/list`);
      const first = ((await api.json()) as { records: Array<{ id: string; recordActions: Array<{ name: string }> }> }).records[0];
      if (can('administrateur', resource, 'new')) expectFrench(`${list}/actions/new`, await visit(page, `${list}/actions/new`));
      if (!first) continue;
      expectFrench(`${list}/records/${first.id}/show`, await visit(page, `${list}/records/${first.id}/show`));
      if (first.recordActions.some((a) => a.name === 'edit')) {
        expectFrench(`${list}/records/${first.id}/edit`, await visit(page, `${list}/records/${first.id}/edit`));
      }
    }
    await page.close();
  }, 300_000);

  it('every role: its home page; Consultation: every list, without a button it may not use', async () => {
    for (const role of STAFF_ROLES) {
      const page = await session.loggedIn(role);
      const home = await visit(page, '/admin');
      expectFrench(`/admin (${role})`, home);
      // Either its work queues, or the sentence saying it has none (never an empty home page).
      await page.getByText(/^(À traiter|Aucune file de travail pour votre rôle)/).first().waitFor();
      if (role === 'consultation') {
        for (const resource of resources.filter((r) => can(role, r, 'list'))) {
          const text = await visit(page, `/admin/resources/${resource}`);
          expectFrench(`/admin/resources/${resource} (${role})`, text);
          expect({ resource, creates: /\bCréer\b/.test(text) }).toEqual({ resource, creates: false });
        }
      }
      await page.close();
    }
  }, 300_000);
});
