// Deciding in one screen (issue 13 §5), as the agent does it in a browser: the approval screen shows
// the request's fields and its scan side by side, the checks, and the email and the letter that will
// go out (the letter's PDF read back); one click « Approuver », one French confirmation. « Refuser »
// offers the Administrateur's modèles de motif filled for the request; the one picked is edited, the
// email follows the edit, and the reason stored is the edited text. After each decision taken from a
// filtered list, « Suivant » opens the next request of that list.
import { beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { accessRequestPayload, makeConvention, makeRecord } from '../support/factories.js';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import { ReasonTemplate } from '../../src/entities/reason-template.entity.js';
import { addDays, addYears, todayInParis } from '../../src/domain/shared/dates.js';
import { pdfText } from '../support/pdf-text.js';
import type { TestServer } from '../support/http.js';
import { describeBrowser, withBrowser } from '../support/browser.js';

describeBrowser('deciding a demande d’accès in one screen', () => {
  const session = withBrowser();
  let server: TestServer;
  let baseUrl: string;
  const today = todayInParis(new Date());
  beforeAll(() => { ({ server, baseUrl } = session); });

  // The queue: three requests of one convention, newest first (the list's order), the first with its scan.
  const queueOfThree = async () => {
    const convention = await makeConvention(server.dataSource, { status: 'signee', effectiveDate: addYears(today, -1), cafSignedDate: addYears(today, -1) });
    const partner = await server.dataSource.getRepository(Partner).findOneByOrFail({ id: convention.partnerId });
    const scan = await makeRecord(server.dataSource, 'Scan');
    const names = ['Lefèvre', 'Benali', 'Moreau'];
    const requests = [];
    for (const [i, lastName] of names.entries()) {
      requests.push(await server.dataSource.getRepository(AccessRequest).save({
        ...accessRequestPayload(convention.id), lastName, firstName: 'Hélène', status: 'recue', receivedDate: addDays(today, -i),
        scanId: i === 0 ? scan.id : null,
      } as Partial<AccessRequest>));
    }
    return { convention, partner, requests, queue: `${baseUrl}/admin/resources/AccessRequest?filters.conventionId=${convention.id}&filters.status=recue` };
  };
  const result = (page: Page) => page.locator('[data-action-result]');
  const refuseNativeDialogs = (page: Page) => page.on('dialog', (d) => { void d.dismiss(); throw new Error(`Boîte de dialogue du navigateur : ${d.message()}`); });
  const showUrl = (id: number) => `${baseUrl}/admin/resources/AccessRequest/records/${id}/show`;

  it('« Approuver »: fields, scan, checks, the email and the letter on one screen; one click, one confirmation; « Suivant »', async () => {
    const { convention, partner, requests: [first, second], queue } = await queueOfThree();
    const page = await session.loggedIn('gestionnaire-habilitations');
    refuseNativeDialogs(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(queue);
    await page.getByText('Lefèvre').first().waitFor();
    const lastPreview = page.waitForResponse((r) => r.url().includes(`/records/${first.id}/approve`) && r.request().method() === 'POST')
      .then((r) => r.json() as Promise<{ previewDetails?: { letterPdf?: string } }>);
    await page.goto(`${baseUrl}/admin/resources/AccessRequest/records/${first.id}/approve`);

    const screen = page.locator('[data-decision-screen]');
    await screen.waitFor();
    // The fields and the scan, side by side.
    const fields = page.locator('[data-decision-fields]');
    expect(await fields.innerText()).toContain('Lefèvre');
    expect(await fields.innerText()).toContain(convention.number);
    const scanFrame = page.getByTitle('Formulaire numérisé de la demande');
    expect(await scanFrame.getAttribute('src')).toBe(`/admin/scans/${first.scanId}`);
    const [fieldsBox, scanBox] = [await fields.boundingBox(), await scanFrame.boundingBox()];
    expect(scanBox!.x).toBeGreaterThan(fieldsBox!.x + fieldsBox!.width - 1);
    expect(Math.abs(scanBox!.y - fieldsBox!.y)).toBeLessThan(120);

    // The checks, without asking, and what will be sent.
    await page.getByText(/Tous les contrôles sont satisfaits/).waitFor();
    const email = page.locator('[data-email-preview]');
    await email.waitFor();
    expect(await email.locator('[data-email-subject]').innerText()).toBe('Habilitation Cafpro accordée – Hélène Lefèvre (identifiant attribué à l’approbation)');
    expect(await email.innerText()).toContain(`Courriel à : ${partner.email}`);
    expect(await email.locator('[data-email-text]').innerText()).toContain(`convention n° ${convention.number} (${partner.name})`);
    // The letter's preview, read back from the PDF the page shows (the last preview's answer).
    expect(await page.locator('[data-letter-link]').getAttribute('href')).toMatch(/^blob:/);
    const letterPdf = (await lastPreview).previewDetails?.letterPdf;
    expect(letterPdf).toBeTruthy();
    const letterBytes = Buffer.from(letterPdf!, 'base64');
    const letter = await pdfText(letterBytes);
    expect(letter.flat).toContain('Votre habilitation au service Cafpro');
    expect(letter.flat).toContain('Hélène Lefèvre');
    expect(letter.flat).toContain('attribué à l’approbation');
    expect(letter.flat).toContain('APERÇU');
    await page.screenshot({ path: '/tmp/approval-screen-1280.png', fullPage: true });

    // One click, one confirmation.
    await page.getByRole('button', { name: 'Approuver', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Approuver', exact: true }).click();
    await page.waitForURL(showUrl(first.id));
    await result(page).waitFor();
    const habilitation = await server.dataSource.getRepository(Habilitation).findOneByOrFail({ accessRequestId: first.id });
    expect(await result(page).innerText()).toContain(habilitation.identifier);
    expect((await server.dataSource.getRepository(AccessRequest).findOneByOrFail({ id: first.id })).status).toBe('approuvee');

    // « Suivant »: the next request of the filtered list, though the approved one has left it.
    const next = result(page).getByRole('link', { name: 'Suivant' });
    expect(await next.getAttribute('href')).toBe(`/admin/resources/AccessRequest/records/${second.id}/show`);
    expect(await result(page).getByRole('link', { name: 'Retour à la file' }).getAttribute('href'))
      .toBe(`/admin/resources/AccessRequest?filters.conventionId=${convention.id}&filters.status=recue`);
    await next.click();
    await page.waitForURL(showUrl(second.id));
    await page.close();
  }, 120_000);

  it('« Refuser »: a modèle de motif picked, filled for the request, edited, confirmed; the email follows; « Suivant » to the end', async () => {
    const { convention, partner, requests: [, second, third], queue } = await queueOfThree();
    await server.dataSource.getRepository(ReasonTemplate).save([
      { decision: 'refuse', label: 'Fonction hors finalité', incompleteReason: null, active: true,
        text: 'La fonction de {nom} ne relève pas de la finalité de la convention n° {convention} signée avec {partenaire}.' },
      { decision: 'refuse', label: 'Modèle retiré', incompleteReason: null, active: false, text: 'Jamais proposé.' },
      { decision: 'incomplete', label: 'Signature manquante (incomplète)', incompleteReason: 'signature-manquante', active: true, text: 'Pas de signature.' },
    ] as Array<Partial<ReasonTemplate>>);
    const page = await session.loggedIn('gestionnaire-habilitations');
    refuseNativeDialogs(page);
    await page.goto(queue);
    await page.getByText('Benali').first().waitFor();
    await page.goto(`${baseUrl}/admin/resources/AccessRequest/records/${second.id}/refuse`);
    await page.locator('[data-decision-screen]').waitFor();

    const picker = page.getByLabel('Modèle de motif');
    await picker.waitFor();
    const offered = await picker.locator('option').allInnerTexts();
    expect(offered).toContain('Fonction hors finalité');
    expect(offered).not.toContain('Modèle retiré');
    expect(offered).not.toContain('Signature manquante (incomplète)');
    await picker.selectOption({ label: 'Fonction hors finalité' });
    const reason = page.locator('textarea[name="reason"]');
    const filled = `La fonction de Hélène BENALI ne relève pas de la finalité de la convention n° ${convention.number} signée avec ${partner.name}.`;
    expect(await reason.inputValue()).toBe(filled);
    const edited = `${filled} Une nouvelle demande pourra être adressée pour un autre agent.`;
    await reason.fill(edited);
    // The email that will go out follows the edit.
    await page.locator('[data-email-text]', { hasText: 'pourra être adressée pour un autre agent' }).waitFor();
    expect(await page.locator('[data-email-subject]').innerText()).toBe('Demande d’accès Cafpro refusée – Hélène Benali');

    await page.getByRole('button', { name: 'Refuser la demande' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Refuser la demande' }).click();
    await page.waitForURL(showUrl(second.id));
    await result(page).waitFor();
    expect(await result(page).innerText()).toContain('est refusée');
    const refused = await server.dataSource.getRepository(AccessRequest).findOneByOrFail({ id: second.id });
    expect(refused.status).toBe('refusee');
    expect(refused.refusalReason).toBe(edited);

    await result(page).getByRole('link', { name: 'Suivant' }).click();
    await page.waitForURL(showUrl(third.id));
    // The last of the list: its decision says so instead of « Suivant ».
    await page.goto(`${baseUrl}/admin/resources/AccessRequest/records/${third.id}/refuse`);
    await page.locator('textarea[name="reason"]').fill('Demande en double.');
    await page.getByRole('button', { name: 'Refuser la demande' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Refuser la demande' }).click();
    await result(page).waitFor();
    expect(await result(page).innerText()).toContain('C’était la dernière demande de cette file.');
    expect(await result(page).getByRole('link', { name: 'Suivant' }).count()).toBe(0);
    await page.close();
  }, 120_000);
});
