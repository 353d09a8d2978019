// Accessible (issue 13 §7): axe-core run in Chromium on the pages an agent uses most, on the demo
// data of `npm start`. Every page must have no critical and no serious violation and a <main>
// landmark; the approval screen must be usable with the keyboard alone. A violation fails the test
// with its rule, the element and the page.
//
// To check one more page, add a line to PAGES: who opens it, its address (a function of the demo
// records when it needs an id) and, when the page needs a gesture before it is complete (filters
// opened…), `prepare`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import type { StaffRole } from '../../src/policies/roles.js';
import { describeBrowser, withBrowser } from '../support/browser.js';

/** Records of the demo data the addresses need. */
interface DemoRecords { receivedRequestId: number }

interface AuditedPage {
  name: string;
  /** null: not logged in. */
  role: StaffRole | null;
  url: string | ((demo: DemoRecords) => string);
  prepare?: (page: Page) => Promise<void>;
}

export const PAGES: AuditedPage[] = [
  { name: 'connexion', role: null, url: '/admin/login' },
  { name: 'accueil', role: 'gestionnaire-habilitations', url: '/admin' },
  {
    name: 'liste avec filtres', role: 'gestionnaire-habilitations', url: '/admin/resources/AccessRequest',
    prepare: async (page) => {
      await page.getByText('Filtrer', { exact: true }).first().click();
      await page.locator('[data-css$="filter-drawer-content"]').first().waitFor({ state: 'visible' });
      await page.waitForTimeout(500); // the panel slides in
    },
  },
  { name: 'fiche', role: 'gestionnaire-habilitations', url: (d) => `/admin/resources/AccessRequest/records/${d.receivedRequestId}/show` },
  { name: 'formulaire de création', role: 'gestionnaire-habilitations', url: '/admin/resources/AccessRequest/actions/new' },
  { name: 'formulaire d’action (refuser)', role: 'gestionnaire-habilitations', url: (d) => `/admin/resources/AccessRequest/records/${d.receivedRequestId}/refuse` },
  { name: 'journal', role: 'administrateur', url: '/admin/resources/AuditEvent' },
  { name: 'import', role: 'administrateur', url: '/admin/import' },
  { name: 'écran d’approbation', role: 'gestionnaire-habilitations', url: (d) => `/admin/resources/AccessRequest/records/${d.receivedRequestId}/approve` },
  // The demo's partners: « CCAS de Versailles », a request of Benoît Caron… : results of several kinds.
  { name: 'résultats de recherche', role: 'gestionnaire-habilitations', url: '/admin/recherche?q=ca' },
  { name: 'campagne de recertification', role: 'gestionnaire-habilitations', url: '/admin/resources/Recertification' },
];

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A short line per failing element: « rule (impact) on page: selector — message ». */
export type Finding = string;

/** Runs axe-core on the page as it is (injected through the DevTools protocol: the CSP forbids inline scripts). */
export async function axeFindings(page: Page, pageName: string): Promise<Finding[]> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return results.violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) sur « ${pageName} » : ${n.target.join(' ')} — ${n.failureSummary?.split('\n').slice(1).join(' ').trim() ?? v.help}`));
}

describeBrowser('accessibility of the agent’s pages', () => {
  const session = withBrowser({ demoData: true });
  let demo: DemoRecords;
  beforeAll(async () => {
    const request = await session.server.dataSource.getRepository(AccessRequest).findOneOrFail({ where: { status: 'recue' }, order: { id: 'ASC' } });
    demo = { receivedRequestId: request.id };
  });

  async function open(role: StaffRole | null, url: string): Promise<Page> {
    const page = role ? await session.loggedIn(role) : await session.newPage();
    await page.goto(`${session.baseUrl}${url}`);
    await page.locator('main, section, form').first().waitFor();
    await page.waitForTimeout(1000); // AdminJS draws the page from its API's answers
    return page;
  }

  it.each(PAGES.map((p) => [p.name, p] as const))('%s: no critical or serious axe violation, a <main> landmark', async (_name, audited) => {
    const url = typeof audited.url === 'function' ? audited.url(demo) : audited.url;
    const page = await open(audited.role, url);
    await audited.prepare?.(page);
    const findings = await axeFindings(page, `${audited.name} (${url})`);
    const mains = await page.locator('main, [role="main"]').count();
    await page.close();
    expect({ page: audited.name, findings, mains }).toEqual({ page: audited.name, findings: [], mains: 1 });
  }, 90_000);

  it('the approval screen with the keyboard alone: Tab to the fields, fill, confirm in the French dialog', async () => {
    const page = await open('gestionnaire-habilitations', `/admin/resources/AccessRequest/records/${demo.receivedRequestId}/approve`);
    page.on('dialog', (d) => { void d.dismiss(); throw new Error(`Boîte de dialogue du navigateur : ${d.message()}`); });
    /** Presses Tab until the focused element matches, and says what has the focus. */
    const tabTo = async (wanted: (focused: { tag: string; name: string; text: string }) => boolean, what: string) => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const e = document.activeElement as HTMLElement | null;
          return { tag: e?.tagName.toLowerCase() ?? '', name: e?.getAttribute('name') ?? '', text: (e?.innerText ?? '').trim() };
        });
        if (wanted(focused)) return;
      }
      throw new Error(`Impossible d’atteindre au clavier : ${what}`);
    };
    await tabTo((f) => f.name === 'accessCode', 'le champ « Code d’accès complémentaire »');
    await page.keyboard.type('BAIL-42');
    // « Vérifier la demande » first when the screen asks for it, then « Approuver… ».
    if (await page.getByRole('button', { name: /^Vérifier/ }).count()) {
      await tabTo((f) => f.tag === 'button' && /^Vérifier/.test(f.text), '« Vérifier la demande »');
      await page.keyboard.press('Enter');
      await page.getByRole('button', { name: /^Approuver/ }).and(page.locator(':enabled')).first().waitFor();
    }
    await tabTo((f) => f.tag === 'button' && /^Approuver/.test(f.text), 'le bouton « Approuver »');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // The dialog takes the focus, on its confirmation; Enter confirms.
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')))).toBe(true);
    expect(await dialog.innerText()).toMatch(/Annuler/);
    expect(await axeFindings(page, 'dialogue de confirmation de l’approbation')).toEqual([]);
    await page.keyboard.press('Enter');
    await page.locator('[data-action-result]').waitFor();
    const after = await session.server.dataSource.getRepository(AccessRequest).findOneByOrFail({ id: demo.receivedRequestId });
    expect(after.status).toBe('approuvee');
    await page.close();
  }, 90_000);
});
