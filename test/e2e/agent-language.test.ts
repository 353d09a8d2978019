// Pages that speak the agent's language (issue 13 §2), in a real browser on the demo data: record
// pages titled by the record, buttons that neither overlap the title nor run off the page, every
// action's breadcrumb in French, the refused and unknown pages in French, the journal in words.
import { expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { Convention } from '../../src/entities/convention.entity.js';
import { STAFF_ROLES } from '../../src/policies/roles.js';
import { describeBrowser, withBrowser } from '../support/browser.js';

/** AdminJS's fallback for a label it cannot translate: the action's name in start case (« Renewal Run »). */
const startCase = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());
const ENGLISH = /\b(Show|Edit|New|List|Delete|Send|Sign|Approve|Refuse|Reject|Process|Suspend|Reactivate|Revoke|Download|Export|Proof|Lookup|Reference|Run|Dashboard|History)\b/;

describeBrowser('pages in the agent’s language', () => {
  const session = withBrowser({ demoData: true });

  async function open(page: Page, url: string) {
    await page.goto(`${session.baseUrl}${url}`);
    await page.locator('[data-breadcrumbs]').first().waitFor();
  }

  it('a record page is titled by its record; its buttons stay clear of the title and inside the page', async () => {
    const { dataSource } = session.server;
    const convention = await dataSource.getRepository(Convention).findOneOrFail({ where: { status: 'signee' }, order: { id: 'ASC' } });
    const request = await dataSource.getRepository(AccessRequest).findOneOrFail({ where: {}, order: { id: 'ASC' } });
    const page = await session.loggedIn('administrateur');
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 800 });
      await open(page, `/admin/resources/Convention/records/${convention.id}/show`);
      const title = page.locator('.adminjs_ActionHeader h2');
      expect(await title.innerText()).toBe(`Convention ${convention.number}`);
      const titleBox = (await title.boundingBox())!;
      const buttons = page.locator('[data-action-buttons] a, [data-action-buttons] button');
      expect(await buttons.count()).toBeGreaterThan(2);
      for (const box of await buttons.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect))) {
        expect({ width, right: Math.min(box.right, width) }).toEqual({ width, right: box.right });
        const overlaps = box.left < titleBox.x + titleBox.width && box.right > titleBox.x && box.top < titleBox.y + titleBox.height && box.bottom > titleBox.y;
        expect({ width, overlaps }).toEqual({ width, overlaps: false });
      }
    }
    await open(page, `/admin/resources/AccessRequest/records/${request.id}/show`);
    expect(await page.locator('.adminjs_ActionHeader h2').innerText()).toBe(`Demande d'accès de ${request.firstName} ${request.lastName.toUpperCase()}`);
    expect(await page.locator('[data-breadcrumbs]').innerText()).not.toContain('Afficher');
    await page.close();
  }, 60_000);

  it('every action of every resource has a French breadcrumb', async () => {
    const seen = new Set<string>();
    for (const role of STAFF_ROLES) {
      const page = await session.loggedIn(role);
      // The resources and their actions as AdminJS gives them to this role.
      const resources = await page.evaluate(() => (window as unknown as { REDUX_STATE: { resources: Array<{ id: string; resourceActions: Array<{ name: string }> }> } })
        .REDUX_STATE.resources.map((r) => ({ id: r.id, actions: r.resourceActions.map((a) => a.name) })));
      const pages: Array<{ key: string; url: string; name: string }> = [];
      for (const resource of resources) {
        for (const name of resource.actions.filter((a) => a !== 'search')) {
          pages.push({ key: `${resource.id}/${name}`, name, url: name === 'list' ? `/admin/resources/${resource.id}` : `/admin/resources/${resource.id}/actions/${name}` });
        }
        const api = await page.request.get(`${session.baseUrl}/admin/api/resources/${resource.id}/actions/list?perPage=20`);
        const records = ((await api.json()) as { records?: Array<{ id: string; recordActions: Array<{ name: string; component?: unknown }> }> }).records ?? [];
        for (const record of records) {
          for (const action of record.recordActions.filter((a) => a.name !== 'delete' && a.name !== 'history' && a.name !== 'download')) {
            pages.push({ key: `${resource.id}/${action.name}`, name: action.name, url: `/admin/resources/${resource.id}/records/${record.id}/${action.name}` });
          }
        }
      }
      for (const { key, url, name } of pages) {
        if (seen.has(key)) continue;
        seen.add(key);
        await open(page, url);
        const crumbs = await page.locator('[data-breadcrumbs]').innerText();
        const untranslated = crumbs.split('/').some((crumb) => crumb.trim() === startCase(name));
        expect({ url, english: ENGLISH.exec(crumbs)?.[0] ?? null, untranslated }).toEqual({ url, english: null, untranslated: false });
      }
      await page.close();
    }
    // The walk reached the actions the issue names.
    for (const key of ['Convention/send', 'Convention/renewalRun', 'Convention/lookupReference', 'AccessRequest/approve', 'Habilitation/suspend']) expect([...seen]).toContain(key);
  }, 600_000);

  it('the journal reads in words: state labels, details as sentences, IPv4 without ::ffff:', async () => {
    const event = await session.server.dataSource.getRepository(AuditEvent).save({
      occurredAt: new Date(), action: 'convention.send', entityType: 'Convention', entityId: '1', fromState: 'brouillon', toState: 'envoyee',
      details: JSON.stringify({ number: '78/2026/0004AS – T2', sentDate: '2026-11-20' }), ip: '::ffff:10.1.2.3', legalHold: false,
    } as Partial<AuditEvent>);
    const page = await session.loggedIn('administrateur');
    await open(page, '/admin/resources/AuditEvent');
    await page.getByText('10.1.2.3').first().waitFor();
    const list = await page.locator('section').first().innerText();
    expect(list).not.toContain('::ffff:');
    expect(list).toContain('Envoyée');
    await open(page, `/admin/resources/AuditEvent/records/${event.id}/show`);
    await page.getByText('Convention n° : 78/2026/0004AS – T2').first().waitFor();
    const show = await page.locator('section').first().innerText();
    expect(show).not.toMatch(/[{}"]|envoyee|brouillon|::ffff:/);
    await page.close();
  }, 60_000);
});
