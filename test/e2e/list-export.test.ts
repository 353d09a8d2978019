// « Exporter » and « Registre des destinataires » in a real browser: the button on the list, its page
// carrying the list's filters and sort into the download links, the file they download; the register
// offered to the Directeur, not to a Gestionnaire conventions.
import { beforeAll, expect, it } from '@jest/globals';
import { makeHabilitation } from '../support/factories.js';
import { describeBrowser, withBrowser } from '../support/browser.js';

describeBrowser('exports in a browser', () => {
  const session = withBrowser();
  beforeAll(async () => {
    await makeHabilitation(session.server.dataSource);
  });

  it('« Exporter » on a filtered list downloads the rows of its filters and sort', async () => {
    const page = await session.loggedIn('consultation');
    await page.goto(`${session.baseUrl}/admin/resources/Habilitation?filters.status=active&sortBy=grantedDate&direction=desc&page=1`);
    await page.getByText('CP78-9').first().waitFor();
    await page.getByRole('link', { name: 'Exporter' }).first().click();
    const csv = page.getByRole('link', { name: 'Télécharger en CSV (;)' });
    await csv.waitFor();
    const href = await csv.getAttribute('href');
    expect(href).toBe('/admin/exports/Habilitation/csv?filters.status=active&sortBy=grantedDate&direction=desc');
    expect(await page.getByRole('link', { name: 'Télécharger en XLSX (Excel)' }).getAttribute('href')).toBe(href!.replace('/csv?', '/xlsx?'));
    const res = await page.request.get(`${session.baseUrl}${href}`);
    expect(res.status()).toBe(200);
    const text = (await res.body()).toString('utf8');
    expect(text.startsWith('\uFEFFIdentifiant;Nom;Prénom;Partenaire;')).toBe(true);
    expect(text).toContain(';Active;');
  });

  it('the register is offered to the Directeur, not to a Gestionnaire conventions', async () => {
    const director = await session.loggedIn('directeur');
    await director.goto(`${session.baseUrl}/admin/resources/Partner`);
    await director.getByRole('link', { name: 'Registre des destinataires' }).first().click();
    const pdf = director.getByRole('link', { name: 'Télécharger le PDF signé' });
    await pdf.waitFor();
    const res = await director.request.get(`${session.baseUrl}${await pdf.getAttribute('href')}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');

    const manager = await session.loggedIn('gestionnaire-conventions');
    await manager.goto(`${session.baseUrl}/admin/resources/Partner`);
    await manager.getByText('Raison sociale').first().waitFor();
    expect(await manager.getByText('Registre des destinataires').count()).toBe(0);
    await expect(manager.getByRole('link', { name: 'Exporter' }).count()).resolves.toBeGreaterThan(0);
  });
});
