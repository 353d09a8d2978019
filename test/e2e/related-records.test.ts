// Related records on the record page (issue 13 §3), in a real browser: each page shows what hangs on
// its record, a link opens exactly the records it names, a new partner opens on its page where
// « Créer une convention » arrives pre-filled, and the scan of a demande d'accès is read beside its
// fields. Each page is photographed at 1280 px (in the temporary folder, cafpro-related-shots/) and
// must not be wider than the window.
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from '@jest/globals';
import PDFDocument from 'pdfkit';
import type { Page } from 'playwright-core';
import { services } from '../../src/admin/services.js';
import { addYears, todayInParis } from '../../src/domain/shared/dates.js';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { HabilitationManager } from '../../src/entities/habilitation-manager.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import { Scan } from '../../src/entities/scan.entity.js';
import { accessRequestPayload, makeConvention, makeHabilitation, managerPayload, partnerPayload } from '../support/factories.js';
import type { TestServer } from '../support/http.js';
import { describeBrowser, withBrowser } from '../support/browser.js';

const SHOTS = path.join(os.tmpdir(), 'cafpro-related-shots');

/** A one-page PDF, as a scanner would give it (pdfkit). */
function scannedForm(text: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.fontSize(20).text(text, 72, 72);
    doc.end();
  });
}

describeBrowser('related records on the record page, in a browser', () => {
  const session = withBrowser();
  let server: TestServer;
  let baseUrl: string;
  const today = todayInParis(new Date());
  beforeAll(() => {
    ({ server, baseUrl } = session);
    mkdirSync(SHOTS, { recursive: true });
  });

  const repo = <T extends object>(entity: new () => T) => server.dataSource.getRepository(entity);
  const signedConvention = (partnerId?: number) => makeConvention(server.dataSource, {
    status: 'signee', effectiveDate: addYears(today, -1), cafSignedDate: addYears(today, -1), ...(partnerId ? { partnerId } : {}),
  });
  const storeScan = async (content: Buffer, mimeType: string, originalName: string) => {
    const stored = await services().storage.store('scans/test', mimeType === 'application/pdf' ? 'pdf' : 'png', content);
    return repo(Scan).save({ originalName, mimeType, size: content.length, sha256: stored.sha256, storagePath: stored.path });
  };
  const panel = (page: Page, part: string) => page.locator(`[data-related-panel] [data-related="${part}"]`);
  /** The ids of the rows of the list on screen. */
  const listedIds = async (page: Page) => {
    await page.locator('table tbody tr[data-id]').first().waitFor();
    return (await page.locator('table tbody tr[data-id]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-id'))))).sort((a, b) => a - b);
  };
  /** Photographed at 1280 px; the page is no wider than the window. */
  const photograph = async (page: Page, name: string) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SHOTS}/related-${name}.png`, fullPage: true });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  };

  it('a new partner opens on its page, whose « Créer une convention » arrives pre-filled with the partner and its representative', async () => {
    const page = await session.loggedIn('gestionnaire-conventions');
    const form = { ...partnerPayload(), name: 'Commune de Fourqueux-Essai', representativeName: 'Hélène Lœwy', representativeCivility: 'Madame' };
    await page.goto(`${baseUrl}/admin/resources/Partner/actions/new?${new URLSearchParams(form).toString()}`);
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.waitForURL(/\/admin\/resources\/Partner\/records\/\d+\/show/);
    const partner = await repo(Partner).findOneByOrFail({ name: form.name });
    expect(page.url()).toContain(`/admin/resources/Partner/records/${partner.id}/show`);
    await panel(page, 'conventions').getByText('Aucune convention pour ce partenaire.').waitFor();
    await photograph(page, 'partner-new');

    await page.locator('[data-related="create-convention"]').click();
    await page.waitForURL(/\/admin\/resources\/Convention\/actions\/new\?/);
    await expect(page.locator('input[name="signatoryName"]').inputValue()).resolves.toBe('Hélène Lœwy');
    await expect(page.locator('input[name="signatoryTitle"]').inputValue()).resolves.toBe(form.representativeTitle);
    const form_ = page.locator('form');
    await form_.getByText('Madame', { exact: true }).waitFor();
    await form_.getByText(form.name, { exact: true }).waitFor();
    await page.close();
  }, 90_000);

  it('a partner page lists its conventions, each opening its own page', async () => {
    const first = await signedConvention();
    const second = await makeConvention(server.dataSource, { partnerId: first.partnerId });
    const page = await session.loggedIn('consultation');
    await page.goto(`${baseUrl}/admin/resources/Partner/records/${first.partnerId}/show`);
    const conventions = panel(page, 'conventions');
    await conventions.getByText(`Convention ${first.number}`).waitFor();
    expect(await conventions.innerText()).toContain(`Convention ${second.number}`);
    expect(await conventions.innerText()).toMatch(/Signée \(active\) · T2 – .* · anniversaire le /);
    // Reading only: nothing to create.
    expect(await page.locator('[data-related="create-convention"]').count()).toBe(0);
    await photograph(page, 'partner');
    await conventions.getByRole('link', { name: `Convention ${second.number}` }).click();
    await page.waitForURL(`${baseUrl}/admin/resources/Convention/records/${second.id}/show`);
    await page.getByRole('heading', { name: `Convention ${second.number}` }).waitFor();
    await page.close();
  }, 60_000);

  it('a convention page: responsable, dates, demandes and habilitations by state; a count opens exactly its records', async () => {
    const convention = await signedConvention();
    const other = await signedConvention();
    await repo(HabilitationManager).save({ ...managerPayload(convention.id), currentFor: convention.id } as Partial<HabilitationManager>);
    const request = (conventionId: number, status: AccessRequest['status'], lastName: string) =>
      repo(AccessRequest).save({ ...accessRequestPayload(conventionId), lastName, status, receivedDate: today } as Partial<AccessRequest>);
    const received = [await request(convention.id, 'recue', 'Aubert'), await request(convention.id, 'recue', 'Bazin')];
    await request(convention.id, 'refusee', 'Carré');
    await request(other.id, 'recue', 'Dumas');
    const active = [await makeHabilitation(server.dataSource, convention.id), await makeHabilitation(server.dataSource, convention.id)];
    await makeHabilitation(server.dataSource, other.id);

    const page = await session.loggedIn('gestionnaire-habilitations');
    await page.goto(`${baseUrl}/admin/resources/Convention/records/${convention.id}/show`);
    await panel(page, 'responsable').getByText('Monsieur François GAËTAN').waitFor();
    expect(await panel(page, 'calendar').innerText()).toMatch(/Prochain anniversaire[\s\S]*Dernier jour pour dénoncer/);
    expect(await panel(page, 'access-requests').innerText()).toMatch(/Reçue : 2[\s\S]*Refusée : 1[\s\S]*Tout voir \(3\)/);
    await page.getByRole('heading', { name: `Convention ${convention.number}` }).waitFor();
    await photograph(page, 'convention');

    await panel(page, 'access-requests').getByRole('link', { name: 'Reçue : 2' }).click();
    await page.waitForURL(/\/admin\/resources\/AccessRequest\?/);
    expect(await listedIds(page)).toEqual(received.map((r) => r.id).sort((a, b) => a - b));

    await page.goBack();
    await panel(page, 'habilitations').getByRole('link', { name: 'Active : 2' }).click();
    await page.waitForURL(/\/admin\/resources\/Habilitation\?/);
    expect(await listedIds(page)).toEqual(active.map((h) => h.id).sort((a, b) => a - b));
    await page.close();
  }, 90_000);

  it('a habilitation page: the request it came from and the one it replaces after a loss, each a link', async () => {
    const convention = await signedConvention();
    const origin = await repo(AccessRequest).save({ ...accessRequestPayload(convention.id), status: 'approuvee', formReference: 'DA-2026-880001' } as Partial<AccessRequest>);
    const lost = await makeHabilitation(server.dataSource, convention.id);
    await repo(Habilitation).update(lost.id, { status: 'revoquee', revokedDate: today, statusReason: 'perte-vol' });
    const reissued = await makeHabilitation(server.dataSource, convention.id);
    await repo(Habilitation).update(reissued.id, { replacesId: lost.id, accessRequestId: origin.id });

    const page = await session.loggedIn('gestionnaire-habilitations');
    await page.goto(`${baseUrl}/admin/resources/Habilitation/records/${reissued.id}/show`);
    await panel(page, 'origin').getByText(/DA-2026-880001/).waitFor();
    expect(await panel(page, 'planned-revocation').innerText()).toContain('Aucune révocation prévue.');
    await photograph(page, 'habilitation');
    await panel(page, 'replaces').getByRole('link', { name: new RegExp(lost.identifier) }).click();
    await page.waitForURL(`${baseUrl}/admin/resources/Habilitation/records/${lost.id}/show`);
    await panel(page, 'replaced-by').getByRole('link', { name: new RegExp(reissued.identifier) }).waitFor();
    await panel(page, 'replaced-by').getByRole('link', { name: new RegExp(reissued.identifier) }).click();
    await page.waitForURL(`${baseUrl}/admin/resources/Habilitation/records/${reissued.id}/show`);
    await panel(page, 'origin').getByRole('link', { name: /DA-2026-880001/ }).click();
    await page.waitForURL(`${baseUrl}/admin/resources/AccessRequest/records/${origin.id}/show`);
    await page.close();
  }, 60_000);

  it('a demande d’accès page: its scan beside the fields, the same person’s other requests and habilitations at any partner', async () => {
    const here = await signedConvention();
    const elsewhere = await signedConvention();
    const pdf = await storeScan(await scannedForm("Demande d'accès signée — Éloïse LEFÈVRE"), 'application/pdf', 'demande-lefevre.pdf');
    const person = { lastName: 'Lefèvre', firstName: 'Éloïse' };
    const request = await repo(AccessRequest).save({ ...accessRequestPayload(here.id), ...person, status: 'recue', scanId: pdf.id } as Partial<AccessRequest>);
    const earlier = await repo(AccessRequest).save({ ...accessRequestPayload(elsewhere.id), lastName: 'LEFEVRE', firstName: 'Eloïse', status: 'approuvee' } as Partial<AccessRequest>);
    const held = await makeHabilitation(server.dataSource, elsewhere.id);
    await repo(Habilitation).update(held.id, { lastName: 'Lefèvre', firstName: 'Éloïse', accessRequestId: earlier.id });

    const page = await session.loggedIn('gestionnaire-habilitations');
    const served = page.waitForResponse((r) => r.url().endsWith(`/admin/scans/${pdf.id}`));
    await page.goto(`${baseUrl}/admin/resources/AccessRequest/records/${request.id}/show`);
    const frame = panel(page, 'scan').locator('iframe');
    await frame.waitFor();
    expect((await frame.getAttribute('src'))!.split('#')[0]).toBe(`/admin/scans/${pdf.id}`);
    expect((await served).status()).toBe(200);
    // Loaded in the frame (a frame refused by frame-ancestors shows Chromium's error page instead).
    const content = await (await frame.elementHandle())!.contentFrame();
    await content!.waitForLoadState();
    expect(content!.url().split('#')[0]).toBe(`${baseUrl}/admin/scans/${pdf.id}`);
    // Beside the fields, at the top of the page.
    const [fields, viewer] = await Promise.all([page.locator('[data-record-fields]').boundingBox(), frame.boundingBox()]);
    expect(viewer!.x).toBeGreaterThan(fields!.x + fields!.width - 1);
    expect(viewer!.y).toBeLessThan(fields!.y + 200);
    await page.waitForTimeout(1500);
    await photograph(page, 'access-request');

    expect(await panel(page, 'other-requests').innerText()).toContain(`convention ${elsewhere.number}`);
    expect(await panel(page, 'person-habilitations').innerText()).toContain(held.identifier);
    await panel(page, 'person-habilitations').getByRole('link', { name: new RegExp(held.identifier) }).click();
    await page.waitForURL(`${baseUrl}/admin/resources/Habilitation/records/${held.id}/show`);
    await page.goBack();
    await panel(page, 'other-requests').getByRole('link').first().click();
    await page.waitForURL(`${baseUrl}/admin/resources/AccessRequest/records/${earlier.id}/show`);
    // That request has no scan: said, not a broken frame.
    await panel(page, 'scan').getByText('Le formulaire signé n’a pas été numérisé.').waitFor();

    // An image scan is shown as an image, and loads.
    const png = await storeScan(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64'), 'image/png', 'demande.png');
    const imaged = await repo(AccessRequest).save({ ...accessRequestPayload(here.id), scanId: png.id, status: 'recue' } as Partial<AccessRequest>);
    await page.goto(`${baseUrl}/admin/resources/AccessRequest/records/${imaged.id}/show`);
    const image = panel(page, 'scan').locator('img');
    await image.waitFor();
    await page.waitForFunction(() => (document.querySelector('[data-related="scan"] img') as HTMLImageElement | null)?.naturalWidth === 1);
    expect(await image.getAttribute('alt')).toBe('Numérisation : demande.png');
    await page.close();
  }, 90_000);
});
