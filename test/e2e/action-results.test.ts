// Every action says what it did (issue 13 §1): the result is on the page the agent lands on, the
// PDF it produced is offered (download, print in a new tab) instead of opened, the required fields
// are checked before the confirmation, and the confirmation is the back-office's own French dialog.
import { beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { accessRequestPayload, makeConvention } from '../support/factories.js';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { Convention } from '../../src/entities/convention.entity.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { addDays, addYears, todayInParis } from '../../src/domain/shared/dates.js';
import type { TestServer } from '../support/http.js';
import { describeBrowser, withBrowser } from '../support/browser.js';

describeBrowser('what an action did, in a browser', () => {
  const session = withBrowser();
  let server: TestServer;
  let baseUrl: string;
  const today = todayInParis(new Date());
  beforeAll(() => { ({ server, baseUrl } = session); });

  const signedConvention = () => makeConvention(server.dataSource, { status: 'signee', effectiveDate: addYears(today, -1), cafSignedDate: addYears(today, -1) });
  const newRequest = async () => server.dataSource.getRepository(AccessRequest)
    .save({ ...accessRequestPayload((await signedConvention()).id), status: 'recue', receivedDate: today } as Partial<AccessRequest>);
  const result = (page: Page) => page.locator('[data-action-result]');
  // Any native dialog (window.confirm, alert) fails the test: the confirmation is ours.
  const refuseNativeDialogs = (page: Page) => page.on('dialog', (d) => { void d.dismiss(); throw new Error(`Boîte de dialogue du navigateur : ${d.message()}`); });

  it('a transition shows its French message on the record page it lands on', async () => {
    const convention = await makeConvention(server.dataSource);
    const page = await session.loggedIn('gestionnaire-conventions');
    await page.goto(`${baseUrl}/admin/resources/Convention/records/${convention.id}/send`);
    await page.fill('input[name="sentDate"]', today);
    await page.getByRole('button', { name: 'Enregistrer l’envoi' }).click();
    await page.waitForURL(`${baseUrl}/admin/resources/Convention/records/${convention.id}/show`);
    await result(page).waitFor();
    expect(await result(page).innerText()).toContain(convention.number);
    expect((await server.dataSource.getRepository(Convention).findOneByOrFail({ id: convention.id })).status).toBe('envoyee');
    // Still there a few seconds later (AdminJS's toasts vanish after 3 s).
    await page.waitForTimeout(3500);
    expect(await result(page).isVisible()).toBe(true);
    await page.close();
  }, 60_000);

  it('« Refuser » checks the reason first, then asks in French, and says what it did', async () => {
    const request = await newRequest();
    const page = await session.loggedIn('gestionnaire-habilitations');
    refuseNativeDialogs(page);
    await page.goto(`${baseUrl}/admin/resources/AccessRequest/records/${request.id}/refuse`);
    const submit = page.getByRole('button', { name: /Refuser/ }).last();
    await submit.click();
    await page.getByText('Ce champ est obligatoire.').waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);

    await page.fill('textarea[name="reason"]', 'Doublon d’une demande déjà traitée.');
    await submit.click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.innerText()).toMatch(/définitif|Refuser/);
    // « Annuler » changes nothing.
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect((await server.dataSource.getRepository(AccessRequest).findOneByOrFail({ id: request.id })).status).toBe('recue');

    await submit.click();
    await page.getByRole('dialog').getByRole('button', { name: /Refuser/ }).click();
    await page.waitForURL(`${baseUrl}/admin/resources/AccessRequest/records/${request.id}/show`);
    await result(page).waitFor();
    expect(await result(page).innerText()).toMatch(/refus/i);
    expect((await server.dataSource.getRepository(AccessRequest).findOneByOrFail({ id: request.id })).status).toBe('refusee');
    await page.close();
  }, 60_000);

  it('« Approuver » lands back on the request with the new identifier and the letter offered, not opened', async () => {
    const request = await newRequest();
    const page = await session.loggedIn('gestionnaire-habilitations');
    refuseNativeDialogs(page);
    await page.goto(`${baseUrl}/admin/resources/AccessRequest/records/${request.id}/approve`);
    // The checks come without asking (issue 13 §5: one click « Approuver », one confirmation).
    await page.getByText(/Tous les contrôles sont satisfaits/).waitFor();
    await page.getByRole('button', { name: 'Approuver', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Approuver', exact: true }).click();
    await page.waitForURL(`${baseUrl}/admin/resources/AccessRequest/records/${request.id}/show`);
    await result(page).waitFor();
    const habilitation = await server.dataSource.getRepository(Habilitation).findOneByOrFail({ email: request.email });
    expect(await result(page).innerText()).toContain(habilitation.identifier);
    const download = result(page).getByRole('link', { name: 'Télécharger le courrier' });
    const print = result(page).getByRole('link', { name: 'Imprimer' });
    const href = await download.getAttribute('href');
    expect(href).toMatch(/^\/admin\/documents\/\d+\/download$/);
    expect(await download.getAttribute('download')).not.toBeNull();
    expect(await print.getAttribute('href')).toBe(href);
    expect(await print.getAttribute('target')).toBe('_blank');
    const pdf = await page.request.get(`${baseUrl}${href}`);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.close();
  }, 60_000);

  it('the renewal run ends on its report: produced, already produced, each with its link', async () => {
    const effective = addDays(addYears(today, -1), 10); // anniversary in 10 days
    const due = [];
    for (let i = 0; i < 2; i++) {
      due.push(await makeConvention(server.dataSource, { status: 'signee', effectiveDate: effective, cafSignedDate: effective, partnerSignedDate: effective, sentDate: effective }));
    }
    const page = await session.loggedIn('directeur');
    const run = async () => {
      await page.goto(`${baseUrl}/admin/resources/Convention/actions/renewalRun`);
      await page.getByRole('button', { name: 'Lancer la tournée' }).click();
      await result(page).waitFor({ timeout: 30_000 });
      expect(page.url()).toBe(`${baseUrl}/admin/resources/Convention/actions/renewalRun`);
      return result(page).innerText();
    };
    const first = await run();
    expect(first).toMatch(/Avis produits \(\d+\)/);
    for (const convention of due) expect(first).toContain(convention.number);
    const line = result(page).locator('[data-report-section="Avis produits"] a').first();
    expect(await line.getAttribute('href')).toMatch(/^\/admin\/documents\/\d+\/download$/);
    expect(await result(page).getByRole('link', { name: 'Télécharger les avis (PDF)' }).count()).toBe(1);

    const second = await run();
    expect(second).toMatch(/Déjà produits auparavant \(\d+\)/);
    expect(second).not.toMatch(/Avis produits \(/);
    await page.close();
  }, 90_000);
});
