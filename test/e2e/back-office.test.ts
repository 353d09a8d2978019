// A real browser (Debian's Chromium driven by playwright-core): log in and see the French partner list.
import { beforeAll, expect, it } from '@jest/globals';
import { accessRequestPayload, makeConvention, makePartner } from '../support/factories.js';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { Convention } from '../../src/entities/convention.entity.js';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { addDays, addYears, todayInParis } from '../../src/domain/shared/dates.js';
import { Document } from '../../src/entities/document.entity.js';
import { emailOf, TEST_PASSWORD, type TestServer } from '../support/http.js';
import { describeBrowser, withBrowser } from '../support/browser.js';

describeBrowser('back-office in a browser', () => {
  const session = withBrowser();
  const { loggedIn } = session;
  // Read when the tests run (set by withBrowser's beforeAll).
  let server: TestServer;
  let baseUrl: string;
  beforeAll(async () => {
    ({ server, baseUrl } = session);
    await makePartner(server.dataSource);
  });

  it('logs in and shows the French partner list', async () => {
    const page = await session.newPage();
    await page.goto(`${baseUrl}/admin/login`);
    await expect(page.getByText('Bienvenue').first().isVisible()).resolves.toBe(true);
    await page.fill('input[name="email"]', emailOf('gestionnaire-conventions'));
    await page.fill('input[name="password"]', TEST_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${baseUrl}/admin`);
    await page.getByText('Back-office Cafpro').first().waitFor();

    await page.goto(`${baseUrl}/admin/resources/Partner`);
    await page.getByText('Raison sociale').first().waitFor();
    const body = await page.locator('body').innerText();
    expect(body).toContain('Partenaires');
    expect(body).toContain('Raison sociale');
    expect(body).toContain("Ville d'Essai");
    expect(body).toContain('Commune');
    expect(body).not.toMatch(/\b(Create new|Filter|Log out|Dashboard)\b/);

    // The journal reads in French: the login just made, its date as 23/11/2026 and Paris time.
    await page.goto(`${baseUrl}/admin/resources/AuditEvent`);
    await page.getByText('Connexion', { exact: true }).first().waitFor();
    const journal = await page.locator('body').innerText();
    expect(journal).toContain(todayInParis(new Date()).split('-').reverse().join('/'));
    expect(journal).not.toContain('login.success');
    await page.close();
  }, 60_000);

  it('runs a workflow action through its form: a refused date shows a French error, then the convention is sent', async () => {
    const convention = await makeConvention(server.dataSource);
    const page = await loggedIn('gestionnaire-conventions');

    await page.goto(`${baseUrl}/admin/resources/Convention/records/${convention.id}/send`);
    await page.getByText('Envoyée au partenaire le').first().waitFor();
    // A date in the future is refused, with the message next to the field, and nothing changes.
    await page.fill('input[name="sentDate"]', '2099-01-01');
    await page.getByRole('button', { name: 'Enregistrer l’envoi' }).click();
    await page.getByRole('alert').first().waitFor();
    expect((await server.dataSource.getRepository(Convention).findOneByOrFail({ id: convention.id })).status).toBe('brouillon');

    const today = todayInParis(new Date());
    await page.fill('input[name="sentDate"]', today);
    await page.getByRole('button', { name: 'Enregistrer l’envoi' }).click();
    await page.waitForURL(`${baseUrl}/admin/resources/Convention/records/${convention.id}/show`);
    const after = await server.dataSource.getRepository(Convention).findOneByOrFail({ id: convention.id });
    expect(after.status).toBe('envoyee');
    expect(after.sentDate).toBe(today);
    expect(await server.dataSource.getRepository(AuditEvent).existsBy({ entityType: 'Convention', entityId: String(convention.id), toState: 'envoyee' })).toBe(true);
    await page.getByText('Envoyée').first().waitFor();
    // The seven PDF of a convention are grouped in one dropdown, next to its transitions.
    await page.getByText('Documents (PDF)').first().click();
    await page.getByText('Formulaire de demande d’accès (PDF)').first().waitFor();
    const header = await page.locator('body').innerText();
    expect(header).toContain('Enregistrer la signature');
    await page.close();
  }, 60_000);

  it('shows the progress of a long renewal run while it works', async () => {
    const today = todayInParis(new Date());
    const effective = addDays(addYears(today, -1), 10); // anniversary in 10 days
    for (let i = 0; i < 300; i++) {
      await makeConvention(server.dataSource, { status: 'signee', effectiveDate: effective, cafSignedDate: effective, partnerSignedDate: effective, sentDate: effective });
    }
    const page = await loggedIn('directeur');
    await page.goto(`${baseUrl}/admin/resources/Convention/actions/renewalRun`);
    await page.getByRole('button', { name: 'Lancer la tournée' }).click();
    await page.getByText(/Avancement : \d+ \/ 30\d/).first().waitFor({ timeout: 30_000 });
    // The run goes on to its end: one notice per convention.
    let notices = 0;
    for (let i = 0; i < 120 && notices < 300; i++) {
      await page.waitForTimeout(500);
      notices = await server.dataSource.getRepository(Document).countBy({ kind: 'renewal-notice' });
    }
    expect(notices).toBe(300);
    await page.close();
  }, 120_000);

  it('« À traiter » opens the requests to decide; the status filter takes several values', async () => {
    const today = todayInParis(new Date());
    const convention = await makeConvention(server.dataSource, { status: 'signee', effectiveDate: addYears(today, -1), cafSignedDate: addYears(today, -1) });
    const save = (overrides: Partial<AccessRequest>) => server.dataSource.getRepository(AccessRequest)
      .save({ ...accessRequestPayload(convention.id), ...overrides } as Partial<AccessRequest>);
    await save({ status: 'recue', lastName: 'Aubépine', receivedDate: addDays(today, -4) });
    await save({ status: 'incomplete', lastName: 'Bérénice', receivedDate: addDays(today, -9), incompleteSince: addDays(today, -6) });
    await save({ status: 'refusee', lastName: 'Célestin', receivedDate: addDays(today, -9), refusalReason: 'Doublon' });

    const page = await loggedIn('gestionnaire-habilitations');
    const queue = page.locator('[data-queue="access-requests-to-decide"]');
    await queue.waitFor();
    expect(await queue.innerText()).toMatch(/1\s*Demandes d'accès à décider[\s\S]*le plus ancien : il y a 4 jours/);
    await queue.click();
    await page.waitForURL(/\/admin\/resources\/AccessRequest\?.*filters\.status=recue/);
    await page.getByText('Aubépine').first().waitFor();
    expect(await page.locator('body').innerText()).not.toContain('Bérénice');

    // Both « Reçue » and « Incomplète », from the filter drawer.
    // The link shows how many filters apply: « Filtrer (1) ».
    await page.getByText('Filtrer (1)').first().click();
    // Every drop-down speaks French (react-select's own texts are English).
    const drawer = await page.locator('form').last().innerText();
    expect(drawer).toContain('Choisir…');
    expect(drawer).not.toContain('Select...');
    const statuses = page.locator('#filter-status');
    await statuses.click();
    await page.getByText('Incomplète', { exact: true }).last().click();
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await page.waitForURL(/filters\.status=recue(%2C|,)incomplete/);
    await page.getByText('Bérénice').first().waitFor();
    const body = await page.locator('section, main, body').first().innerText();
    expect(body).toContain('Aubépine');
    expect(body).not.toContain('Célestin');

    // « Reçue le » du … au …, with native date inputs: both days included.
    // The drawer stays open after « Appliquer les filtres ».
    await page.fill('#filter-receivedDate-from', addDays(today, -5));
    await page.fill('#filter-receivedDate-to', addDays(today, -4));
    await page.getByRole('button', { name: 'Appliquer les filtres' }).click();
    await page.waitForURL(/filters\.receivedDate(~~|%7E%7E)to=\d{4}-\d{2}-\d{2}/);
    await page.waitForFunction(() => !document.body.innerText.includes('Bérénice'));
    expect(await page.locator('body').innerText()).toContain('Aubépine');
    await page.close();
  }, 60_000);

  it('« Créer » a demande d’accès with its scan in one step: the request, the scan and the journal entry', async () => {
    const today = todayInParis(new Date());
    const convention = await makeConvention(server.dataSource, { status: 'signee', effectiveDate: addYears(today, -1), cafSignedDate: addYears(today, -1) });
    const form = {
      conventionId: String(convention.id), civility: 'Madame', lastName: 'Dupré-Œuvray', firstName: 'Maëlys', professionalAddress: '16 rue de Pontoise',
      phone: '0130872010', email: 'maelys.dupre@essai.fr', position: 'Agent d’accueil', contractType: 'CDI', receivedDate: today,
      userSigned: 'true', employerSigned: 'true',
    };
    const page = await loggedIn('gestionnaire-conventions');
    await page.goto(`${baseUrl}/admin/resources/AccessRequest/actions/new?${new URLSearchParams(form).toString()}`);
    await page.locator('input[name="scan"]').waitFor();
    // Every field has its French label, the date fields (native date inputs) included.
    const labels = await page.locator('form label').allInnerTexts();
    expect(labels.join(' | ')).toContain('Reçue le');
    expect(labels.join(' | ')).not.toMatch(/receivedDate|contractEndDate/);
    await page.locator('input[name="scan"]').setInputFiles({ name: 'demande-signée.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% demande\n') });
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/admin\/resources\/AccessRequest\/records\/\d+\/show/);
    await page.getByText(/Demande d’accès n° \d+ de .*Dupré-Œuvray.* enregistrée/i).first().waitFor();
    const id = Number(/records\/(\d+)\/show/.exec(page.url())![1]);
    const recorded = await server.dataSource.getRepository(AccessRequest).findOneByOrFail({ id });
    expect(recorded).toMatchObject({ lastName: 'Dupré-Œuvray', status: 'recue', conventionId: convention.id });
    expect(recorded.scanId).not.toBeNull();
    expect(await server.dataSource.getRepository(AuditEvent).countBy({ action: 'access-request.record', entityId: String(id) })).toBe(1);
    // The record page opens the scan, and shows its dates the French way.
    const link = page.getByRole('link', { name: 'Ouvrir le fichier numérisé' });
    expect(await link.getAttribute('href')).toBe(`/admin/scans/${recorded.scanId}`);
    const scan = await page.request.get(`${baseUrl}/admin/scans/${recorded.scanId}`);
    expect((await scan.body()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(await page.locator('body').innerText()).toContain(today.split('-').reverse().join('/'));
    await page.close();
  }, 60_000);
});
