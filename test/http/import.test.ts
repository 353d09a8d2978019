// « Importer des données existantes » through the real server (issue 12 §2): an XLSX written by
// exceljs with serial dates and a CSV saved in Windows-1252 with « ; », dry run and its report,
// apply, second run « inchangé », one bad row → nothing written, the journal, other roles refused.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { Convention } from '../../src/entities/convention.entity.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import { cafSpreadsheet, csvOf, windows1252, workbookOf } from '../support/import-files.js';
import { binary, loginAs, ORIGIN, startTestServer, type Agent, type TestServer } from '../support/http.js';

describe('import page', () => {
  let server: TestServer;
  let admin: Agent;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await loginAs(server.app, 'administrateur');
  });
  afterAll(async () => { await server?.close(); });

  /** Uploads a file for its dry run and waits for the report (the page reloads itself meanwhile). */
  const dryRun = async (bytes: Buffer, name: string) => {
    const posted = await admin.post('/admin/import/essai').set('Origin', ORIGIN).attach('fichier', bytes, name);
    expect(posted.status).toBe(303);
    return settled();
  };
  const settled = async () => {
    for (let i = 0; i < 200; i++) {
      const page = await admin.get('/admin/import');
      if (!page.text.includes('en cours :')) return page.text;
      expect(page.text).toContain('<meta http-equiv="refresh" content="1">');
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('import sans fin');
  };
  const sha256Of = (page: string) => /name="sha256" value="([0-9a-f]{64})"/.exec(page)?.[1];

  it('dry-runs an XLSX, shows and gives its report, applies it once, then finds it unchanged', async () => {
    const { sheets } = cafSpreadsheet();
    const xlsx = await workbookOf(sheets);
    const page = await dryRun(xlsx, 'reprise.xlsx');
    expect(page).toContain('Essai à blanc : reprise.xlsx');
    expect(page).toContain('8 créé(s), 0 mis à jour, 0 inchangé(s), 0 en erreur');
    expect(page).toMatch(/<td>Habilitations<\/td><td>2<\/td><td>CP78-000500<\/td><td>créé<\/td>/);
    expect(await server.dataSource.getRepository(Partner).count()).toBe(0);

    const report = await admin.get('/admin/import/rapport.xlsx').buffer(true).parse(binary);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(report.body as Buffer as unknown as ArrayBuffer);
    expect(book.getWorksheet('Rapport')!.getRow(2).values).toEqual([undefined, 'Partenaires', 2, expect.stringContaining('SIRET'), 'créé', '']);

    // « Appliquer » only for the file of the dry run.
    expect((await admin.post('/admin/import/appliquer').set('Origin', ORIGIN).type('form').send({ sha256: '0'.repeat(64) })).status).toBe(409);
    const applied = await admin.post('/admin/import/appliquer').set('Origin', ORIGIN).type('form').send({ sha256: sha256Of(page) });
    expect(applied.status).toBe(303);
    const done = await settled();
    expect(done).toContain('Import appliqué : 8 créé(s)');
    expect(done).not.toContain('name="sha256"');
    expect(await server.dataSource.getRepository(Convention).findOneByOrFail({ number: '78/2016/0042AS – T2' })).toMatchObject({ year: 2016, sequence: 42 });
    const journal = await server.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'import.apply' });
    expect(journal.actorId).toBe(server.users.administrateur.id);
    expect(JSON.parse(journal.details!)).toMatchObject({ fileName: 'reprise.xlsx', counts: { 'créé': 8, erreur: 0 } });
    // Applied once: the same form again is refused.
    expect((await admin.post('/admin/import/appliquer').set('Origin', ORIGIN).type('form').send({ sha256: sha256Of(page) })).status).toBe(409);

    expect(await dryRun(xlsx, 'reprise.xlsx')).toContain('0 créé(s), 0 mis à jour, 8 inchangé(s), 0 en erreur');
  });

  it('reads a CSV saved by Excel in Windows-1252 with « ; », and one bad row writes nothing', async () => {
    const habilitations = {
      headers: ['Identifiant', 'Numéro de convention', 'Civilité', 'Nom', 'Prénom', 'Courriel', 'Fonction', 'Contrat', "Date d'octroi", 'Fin de contrat', 'Statut'],
      rows: [
        ['CP78-000610', '78/2016/0042AS - T2', 'Mme', 'LEFÈVRE', 'Gaëlle', 'g.lefevre@residences-yvelines.fr', 'Chargée d’accueil – agence', 'CDD', '01/09/2025', '31/08/2027', 'Active'],
        ['CP78-000611', '78/2016/0042AS – T2', 'Monsieur', 'FABRE', 'Noël', 'n.fabre@residences-yvelines.fr', 'Gardien', 'CDI', '2025-09-01', null, 'Active'],
      ],
    };
    const good = await dryRun(windows1252(csvOf(habilitations)), 'habilitations.csv');
    expect(good).toContain('2 créé(s)');
    expect(good).toContain('CP78-000610');

    const bad = { ...habilitations, rows: [...habilitations.rows, ['CP78-000612', '78/2016/0042AS – T2', 'Madame', 'ROY', 'Léa', 'pas-une-adresse', 'Agent', 'CDI', '31/09/2025', null, 'Active']] };
    const refused = await dryRun(windows1252(csvOf(bad)), 'habilitations.csv');
    expect(refused).toContain('2 créé(s), 0 mis à jour, 0 inchangé(s), 1 en erreur');
    expect(refused).toContain('Date impossible : « 31/09/2025 »');
    expect(refused).toContain('Adresse électronique invalide.');
    expect(refused).not.toContain('name="sha256"');
    const sha = (await import('node:crypto')).createHash('sha256').update(windows1252(csvOf(bad))).digest('hex');
    expect((await admin.post('/admin/import/appliquer').set('Origin', ORIGIN).type('form').send({ sha256: sha })).status).toBe(409);
    expect(await server.dataSource.getRepository(Habilitation).countBy({ identifier: 'CP78-000610' })).toBe(0);

    // The good file still applies, with the names as typed in Windows-1252.
    const page = await dryRun(windows1252(csvOf(habilitations)), 'habilitations.csv');
    await admin.post('/admin/import/appliquer').set('Origin', ORIGIN).type('form').send({ sha256: sha256Of(page) });
    expect(await settled()).toContain('Import appliqué : 2 créé(s)');
    expect(await server.dataSource.getRepository(Habilitation).findOneByOrFail({ identifier: 'CP78-000610' }))
      .toMatchObject({ lastName: 'LEFÈVRE', firstName: 'Gaëlle', position: 'Chargée d’accueil – agence', endDate: '2027-08-31', civility: 'Madame' });
  });

  it('holds the upload limits of the back-office: a file over 10 Mo is refused in French', async () => {
    const tooLarge = await admin.post('/admin/import/essai').set('Origin', ORIGIN).attach('fichier', Buffer.alloc(10 * 1024 * 1024 + 1, 'a'), 'enorme.csv');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.text).toContain('Fichier trop volumineux : 10 Mo au plus.');
    const empty = await admin.post('/admin/import/essai').set('Origin', ORIGIN).type('form').send({});
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('Choisissez le fichier à importer');
  });

  it('gives the templates, and refuses every other role (page, upload, templates)', async () => {
    const template = await admin.get('/admin/import/modele.xlsx').buffer(true).parse(binary);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(template.body as Buffer as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Partenaires', 'Conventions', 'Responsables habilitations', 'Habilitations', 'Demandes en cours']);
    expect(book.getWorksheet('Habilitations')!.getRow(1).values).toContain('Identifiant');
    const csv = await admin.get('/admin/import/modele-partners.csv');
    expect(csv.text).toContain('Raison sociale;Type;N° SIRET');

    for (const role of ['gestionnaire-conventions', 'directeur', 'consultation'] as const) {
      const agent = await loginAs(server.app, role);
      const page = await agent.get('/admin/import');
      expect(page.status).toBe(403);
      expect(page.text).toContain('Seul un Administrateur peut importer');
      expect((await agent.get('/admin/import/modele.xlsx')).status).toBe(403);
      expect((await agent.post('/admin/import/essai').set('Origin', ORIGIN).attach('fichier', Buffer.from('x'), 'x.csv')).status).toBe(403);
    }
    expect((await (await import('supertest')).default(server.app).get('/admin/import')).headers.location).toBe('/admin/login');
  });
});
