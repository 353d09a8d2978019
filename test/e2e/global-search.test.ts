// The one search box (issue 13 §4) as an agent meets it in Chromium: in the top bar of every page,
// « dupont » + Enter shows the results grouped by kind, each a link to its record; a printed
// reference (DA-…) + Enter lands on the access request keyed from that paper.
import { beforeAll, expect, it } from '@jest/globals';
import type { TestServer } from '../support/http.js';
import { describeBrowser, withBrowser } from '../support/browser.js';
import { seedSearch, type SearchFixture } from '../support/search-fixture.js';

describeBrowser('the search box of the top bar, in a browser', () => {
  const session = withBrowser();
  let server: TestServer;
  let baseUrl: string;
  let seeded: SearchFixture;
  beforeAll(async () => {
    ({ server, baseUrl } = session);
    seeded = await seedSearch(server.dataSource);
  });

  it('« dupont » then Enter: the results grouped by kind; a result opens its record', async () => {
    const page = await session.loggedIn('gestionnaire-habilitations');
    // On a list page as on the home page: the box is in the top bar.
    await page.goto(`${baseUrl}/admin/resources/Convention`);
    const box = page.getByRole('searchbox', { name: 'Rechercher' });
    await box.fill('dupont');
    await box.press('Enter');
    await page.waitForURL(/\/admin\/recherche\?q=dupont$/);
    expect(await page.locator('h1').innerText()).toBe('Recherche « dupont »');
    expect(await page.locator('h2').allInnerTexts()).toEqual(['Habilitations (2)', 'Demandes d’accès (1)', 'Demandes de suppression (1)']);
    await page.screenshot({ path: '/tmp/search-results.png', fullPage: true });
    await page.getByRole('link', { name: `${seeded.habilitation.identifier} — DUPONT Jérôme`, exact: true }).click();
    await page.waitForURL(`${baseUrl}/admin/resources/Habilitation/records/${seeded.habilitation.id}/show`);
    await page.close();
  }, 90_000);

  it('a printed reference then Enter: lands on the access request', async () => {
    const page = await session.loggedIn('gestionnaire-conventions');
    const box = page.getByRole('searchbox', { name: 'Rechercher' });
    await box.fill('da-2026-123');
    await page.screenshot({ path: '/tmp/search-topbar.png' });
    await box.press('Enter');
    await page.waitForURL(`${baseUrl}/admin/resources/AccessRequest/records/${seeded.requestId}/show`);
    await page.close();
  }, 90_000);
});
