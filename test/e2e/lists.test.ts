// Lists an agent reads at a glance (issue 13 §2), in a real browser on the demo data: no name, number
// or date broken across lines (a long one cut with an ellipsis, whole on hover), state badges coloured
// by meaning and readable, and the dates recorded on the day the paper arrives starting at today.
import { expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { Convention } from '../../src/entities/convention.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import { todayInParis } from '../../src/domain/shared/dates.js';
import { describeBrowser, withBrowser } from '../support/browser.js';

/** The longest partner name of the demo data (four lines in the access request list before). */
const LONG_NAME = "Communauté d'agglomération de Saint-Quentin-en-Yvelines";

/** WCAG contrast ratio of two CSS colours « rgb(r, g, b) ». */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, bl] = css.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describeBrowser('lists in a browser', () => {
  const session = withBrowser({ demoData: true });

  async function openList(page: Page, resource: string) {
    await page.goto(`${session.baseUrl}/admin/resources/${resource}`);
    await page.locator('tbody tr td[data-property-name]').first().waitFor();
    await page.waitForLoadState('networkidle');
  }

  /** Every cell of the list whose text takes more than one line (sentence columns aside). */
  const wrappedCells = (page: Page) => page.locator('tbody td[data-property-name]').evaluateAll((cells) => cells.flatMap((cell) => {
    if (cell.querySelector('[data-cell-text]') && getComputedStyle(cell.querySelector('[data-cell-text]')!).whiteSpace !== 'nowrap') return [];
    // The lines of its text: the tops of the boxes of its text nodes (a word broken in two has two).
    const tops: number[] = [];
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of Array.from(range.getClientRects())) if (rect.width > 0) tops.push(rect.top);
    }
    const lines = tops.sort((a, b) => a - b).filter((top, i) => i === 0 || top - tops[i - 1] > 6).length;
    return lines > 1 ? [`${cell.getAttribute('data-property-name')}: ${(cell as HTMLElement).innerText}`] : [];
  }));

  it('no cell of the main lists runs on two lines; a long name is cut and whole on hover', async () => {
    const page = await session.loggedIn('administrateur');
    await page.setViewportSize({ width: 1280, height: 900 });
    for (const resource of ['AccessRequest', 'Habilitation', 'Convention', 'Partner', 'SuppressionRequest', 'AuditEvent', 'HabilitationManager']) {
      await openList(page, resource);
      expect({ resource, wrapped: await wrappedCells(page) }).toEqual({ resource, wrapped: [] });
    }
    await openList(page, 'AccessRequest');
    const long = page.locator(`td[data-property-name="partnerId"] [title="${LONG_NAME}"]`).first();
    const box = await long.evaluate((e) => ({ height: e.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(e).lineHeight), cut: e.scrollWidth > e.clientWidth }));
    expect(box.height).toBeLessThan(box.lineHeight * 1.5);
    expect(box.cut).toBe(true);
    // Its link still opens the partner.
    const partner = await session.server.dataSource.getRepository(Partner).findOneByOrFail({ name: LONG_NAME });
    await long.click();
    await page.waitForURL(`${session.baseUrl}/admin/resources/Partner/records/${partner.id}/show`);
    await page.close();
  }, 180_000);

  it('state badges: one colour per meaning, text readable (4.5:1 at least)', async () => {
    const page = await session.loggedIn('gestionnaire-habilitations');
    await openList(page, 'AccessRequest');
    const badges = await page.locator('td[data-property-name="status"] [data-tone]').evaluateAll((els) => els.map((e) => ({
      text: (e as HTMLElement).innerText, tone: e.getAttribute('data-tone'), color: getComputedStyle(e).color, background: getComputedStyle(e).backgroundColor,
    })));
    const byText = new Map(badges.map((b) => [b.text, b]));
    expect(Object.fromEntries(['Reçue', 'Incomplète', 'Approuvée', 'Refusée'].map((t) => [t, byText.get(t)?.tone]))).toEqual({
      Reçue: 'todo', Incomplète: 'waiting', Approuvée: 'done', Refusée: 'refused',
    });
    const backgrounds = new Set(['Reçue', 'Incomplète', 'Approuvée', 'Refusée'].map((t) => byText.get(t)!.background));
    expect(backgrounds.size).toBe(4);
    for (const badge of badges) expect({ badge: badge.text, readable: contrast(badge.color, badge.background) >= 4.5 }).toEqual({ badge: badge.text, readable: true });
    await page.close();
  }, 60_000);

  it('« Reçue le », « Envoyée le », « Complément reçu le » start at today; a stored date is left as it is', async () => {
    const today = todayInParis(new Date());
    const { dataSource } = session.server;
    const draft = await dataSource.getRepository(Convention).findOneByOrFail({ status: 'brouillon' });
    const incomplete = await dataSource.getRepository(AccessRequest).findOneByOrFail({ status: 'incomplete' });
    const received = await dataSource.getRepository(AccessRequest).findOneOrFail({ where: { status: 'recue' }, order: { receivedDate: 'ASC' } });
    expect(received.receivedDate).not.toBe(today);
    const forms: Array<[role: 'gestionnaire-habilitations' | 'gestionnaire-conventions', url: string, field: string, value: string]> = [
      ['gestionnaire-habilitations', '/admin/resources/AccessRequest/actions/new', 'receivedDate', today],
      ['gestionnaire-habilitations', '/admin/resources/SuppressionRequest/actions/new', 'receivedDate', today],
      ['gestionnaire-habilitations', `/admin/resources/AccessRequest/records/${incomplete.id}/complete`, 'complementReceivedDate', today],
      ['gestionnaire-conventions', `/admin/resources/Convention/records/${draft.id}/send`, 'sentDate', today],
      ['gestionnaire-habilitations', `/admin/resources/AccessRequest/records/${received.id}/edit`, 'receivedDate', received.receivedDate],
    ];
    for (const [role, url, field, value] of forms) {
      const page = await session.loggedIn(role);
      await page.goto(`${session.baseUrl}${url}`);
      const input = page.locator(`input[name="${field}"]`);
      await input.waitFor();
      await expect(input.inputValue()).resolves.toBe(value);
      await page.close();
    }
  }, 120_000);
});
