// The home page as the Directeur sees it (issue 13 §6, issue 15 §2): « Échéances » cards with their
// counts, each opening its conventions; « Recertifications sans réponse » among « À traiter »; and the
// campaign page of a month with its figures and the evidence download.
import { beforeAll, expect, it } from '@jest/globals';
import { services } from '../../src/admin/services.js';
import { SYSTEM_ACTOR } from '../../src/domain/audit/audit.js';
import { issueRenewalNotice } from '../../src/domain/documents/renewal-notices.js';
import { markRecertificationUnanswered } from '../../src/domain/recertification/recertification-reminders.use-cases.js';
import { addDays, addYears, todayInParis } from '../../src/domain/shared/dates.js';
import { Recertification } from '../../src/entities/recertification.entity.js';
import { makeConvention } from '../support/factories.js';
import type { TestServer } from '../support/http.js';
import { describeBrowser, withBrowser } from '../support/browser.js';

describeBrowser('the home page of the Directeur, in a browser', () => {
  const session = withBrowser();
  let server: TestServer;
  let baseUrl: string;
  const today = todayInParis(new Date());
  beforeAll(() => { ({ server, baseUrl } = session); });

  it('shows « Échéances » and « Recertifications sans réponse », each card opening its records; the campaign page shows its figures', async () => {
    const effectiveDate = addYears(addDays(today, 10), -2);
    const soon = await makeConvention(server.dataSource, { status: 'signee', effectiveDate, cafSignedDate: effectiveDate });
    const later = addYears(addDays(today, 200), -2);
    const notSoon = await makeConvention(server.dataSource, { status: 'signee', effectiveDate: later, cafSignedDate: later });
    const notice = await server.dataSource.transaction((m) => issueRenewalNotice(m, services().storage, soon.id, addDays(today, 10), SYSTEM_ACTOR));
    const recertification = await server.dataSource.getRepository(Recertification).findOneByOrFail({ documentId: notice.document.id });
    await server.dataSource.transaction((m) => markRecertificationUnanswered(m, SYSTEM_ACTOR, recertification.id, new Date(`${addDays(recertification.dueDate, 1)}T10:00:00Z`)));

    const page = await session.loggedIn('directeur');
    const due = page.locator('[data-testid="due-dates"]');
    await due.waitFor();
    expect(await due.innerText()).toContain('Échéances');
    for (const label of ['Anniversaires dans les 30 jours', 'Anniversaires dans les 90 jours', 'Avis de reconduction non produits',
      'Dernier jour pour dénoncer dans les 7 jours', 'En attente de signature depuis plus de 30 jours']) {
      expect(await due.innerText()).toContain(label);
    }
    const anniversaries = page.locator('[data-queue="anniversaries-30"]');
    expect(await anniversaries.innerText()).toMatch(/^1\s*Anniversaires dans les 30 jours/);
    const unanswered = page.locator('[data-testid="work-queues"] [data-queue="recertifications-unanswered"]');
    expect(await unanswered.innerText()).toMatch(/^1\s*Recertifications sans réponse/);

    await anniversaries.click();
    await page.waitForURL(/\/admin\/resources\/Convention\?.*filters\.due=anniversaries-30/);
    await page.getByText(soon.number).first().waitFor();
    expect(await page.locator('body').innerText()).not.toContain(notSoon.number);

    await page.goto(`${baseUrl}/admin/resources/Recertification/actions/campaign?mois=${recertification.anniversary.slice(0, 7)}`);
    const figures = page.locator('[data-testid="campaign-figures"]');
    await figures.waitFor();
    expect(await page.locator('[data-figure="notices"]').innerText()).toMatch(/^1\s*Avis envoyés/);
    expect(await page.locator('[data-figure="unanswered"]').innerText()).toMatch(/^1\s*Sans réponse/);
    expect(await page.getByRole('link', { name: 'Télécharger le fichier de preuve (XLSX)' }).getAttribute('href'))
      .toBe(`/admin/recertifications/campagne/${recertification.anniversary.slice(0, 7)}.xlsx`);
    expect(await page.locator('[data-testid="recertification-campaign"]').innerText()).toContain(soon.number);
    await page.close();
  }, 90_000);
});
