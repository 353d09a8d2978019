// The import of a Caf's spreadsheets on a real database (issue 12 §2): dry run, apply in one
// transaction, second run « inchangé », updates shown before → after, counters moved past the
// imported numbers, business rules on imported data, the journal.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { ensureReferenceData } from '../../../src/db/reference-data.js';
import { SYSTEM_ACTOR } from '../../../src/domain/audit/audit.js';
import { nextConventionNumber } from '../../../src/domain/convention/convention-number.js';
import { HABILITATION_COUNTER } from '../../../src/domain/habilitation/habilitation.use-cases.js';
import { applyImport, dryRunImport } from '../../../src/domain/import/import-apply.js';
import { importReportText } from '../../../src/domain/import/import-report.js';
import { readImportFile } from '../../../src/domain/import/import-sheets.js';
import { nextSequenceValue } from '../../../src/domain/shared/sequence.js';
import { AccessRequest } from '../../../src/entities/access-request.entity.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { Convention } from '../../../src/entities/convention.entity.js';
import { HabilitationManager } from '../../../src/entities/habilitation-manager.entity.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { Partner } from '../../../src/entities/partner.entity.js';
import { openTestDataSource } from '../../support/database.js';
import { cafSpreadsheet, workbookOf, type Sheet } from '../../support/import-files.js';

const today = '2026-12-03';
const now = new Date('2026-12-03T10:00:00Z');
const actor = { ...SYSTEM_ACTOR, email: 'admin@caf.fr' };
const options = { today, now };

describe('import of existing data', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    ({ dataSource } = await openTestDataSource());
    await dataSource.transaction((m) => ensureReferenceData(m));
  });
  afterAll(async () => { await dataSource?.destroy(); });

  const read = async (sheets: Record<string, Sheet>, name = 'reprise.xlsx') => readImportFile(await workbookOf(sheets), name);

  it('dry run: one line per row with its line number, nothing written; apply keeps numbers, identifiers, statuses and dates', async () => {
    const { sirets, sheets } = cafSpreadsheet();
    const file = await read(sheets);
    const plan = await dryRunImport(dataSource, file, actor, options);
    expect(plan.counts).toEqual({ 'créé': 8, 'mis à jour': 0, 'inchangé': 0, 'erreur': 0 });
    expect(importReportText(plan)).toContain('Partenaires, ligne 2 — SIRET ' + sirets[0] + ' : créé');
    expect(importReportText(plan)).toContain('Habilitations, ligne 4 — CP78-000320 : créé');
    expect(await dataSource.getRepository(Partner).count()).toBe(0);

    const applied = await applyImport(dataSource, file, actor, options);
    expect(applied).toMatchObject({ ok: true });
    const partner = await dataSource.getRepository(Partner).findOneByOrFail({ siret: sirets[0] });
    expect(partner).toMatchObject({ type: 'bailleur-social', representativeCivility: 'Madame', city: 'Versailles', addressLine2: null });
    expect(partner.createdAt).toBeInstanceOf(Date);
    expect(await dataSource.getRepository(Partner).findOneByOrFail({ siret: sirets[1] })).toMatchObject({ type: 'ccas-cias', representativeCivility: 'Monsieur' });
    const convention = await dataSource.getRepository(Convention).findOneByOrFail({ number: '78/2016/0042AS – T2' });
    expect(convention).toMatchObject({ year: 2016, sequence: 42, status: 'signee', effectiveDate: '2016-03-15', habilitationCap: 5, partnerId: partner.id, kind: 'cafpro' });
    expect(await dataSource.getRepository(Convention).findOneByOrFail({ number: '78/2017/0007AS – T1' })).toMatchObject({ status: 'denoncee', endDate: '2020-01-10' });
    expect(await dataSource.getRepository(Habilitation).findOneByOrFail({ identifier: 'CP78-000501' }))
      .toMatchObject({ status: 'active', grantedDate: '2016-05-01', endDate: '2030-06-30', conventionId: convention.id });
    expect(await dataSource.getRepository(Habilitation).findOneByOrFail({ identifier: 'CP78-000320' })).toMatchObject({ status: 'revoquee', statusReason: 'fin-de-convention', revokedDate: '2020-01-10' });
    expect(await dataSource.getRepository(HabilitationManager).findOneByOrFail({ conventionId: convention.id })).toMatchObject({ civility: 'Madame', currentFor: convention.id, designationDate: '2016-03-20' });

    const journal = await dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'import.apply' });
    expect(JSON.parse(journal.details!)).toMatchObject({ fileName: 'reprise.xlsx', sha256: file.sha256, counts: { 'créé': 8 } });
    expect(journal.actorEmail).toBe('admin@caf.fr');
    expect(await dataSource.getRepository(AuditEvent).countBy({ action: 'import.dry-run' })).toBe(1);

    // The product's next numbers come after the imported ones.
    const next = await dataSource.transaction((m) => nextConventionNumber(m, { departmentCode: '78', numberSuffix: 'AS' }, 'T2', 2016));
    expect(next.sequence).toBeGreaterThanOrEqual(43);
    expect(await dataSource.transaction((m) => nextSequenceValue(m, HABILITATION_COUNTER))).toBeGreaterThanOrEqual(502);

    // The same file again: nothing changes.
    const again = await dryRunImport(dataSource, file, actor, options);
    expect(again.counts).toEqual({ 'créé': 0, 'mis à jour': 0, 'inchangé': 8, 'erreur': 0 });
    expect(await applyImport(dataSource, file, actor, options)).toMatchObject({ ok: true });
    expect(await dataSource.getRepository(Habilitation).count()).toBe(3);

    // A corrected value: « mis à jour », before → after; a number typed with extra spaces still matches.
    sheets.Partenaires.rows[0][5] = 'Le Chesnay';
    sheets.Conventions.rows[0][0] = ' 78 / 2016 / 0042AS  -  T2 ';
    const changed = await dryRunImport(dataSource, await read(sheets), actor, options);
    expect(changed.lines[0]).toMatchObject({ outcome: 'mis à jour', details: ['Ville : Versailles → Le Chesnay'] });
    expect(changed.lines[2]).toMatchObject({ outcome: 'inchangé' });
  });

  it('reports every bad row with its reason, and one error writes nothing', async () => {
    const { sirets, sheets } = cafSpreadsheet();
    sheets.Partenaires.rows.push([...sheets.Partenaires.rows[1]]);
    sheets.Partenaires.rows.push(['Mairie X', 'Commune', '12345678901234', '1 rue', '78000', 'X', 'Madame', 'A B', 'Maire', null]);
    sheets.Conventions.rows.push(['78/2018/0001AS – T2', '21999999999999', 'Signée', 'Madame', 'A B', 'Maire', '31/02/2018', null, null]);
    sheets.Habilitations.rows.push(['CP78-000777', '78/2017/0007AS – T1', 'Madame', 'NOIR', 'Eva', 'e.noir@ccas-poissy.fr', 'Agent', 'CDI', '2018-01-01', null, 'Active', null, null]);
    sheets.Habilitations.rows.push(['CP78-000778', '78/2099/0001AS – T2', 'Madame', 'BLANC', 'Zoé', 'z.blanc@x.fr', 'Agent', 'CDI', '2018-01-01', null, 'Active', null, null]);
    const file = await read(sheets);
    const plan = await dryRunImport(dataSource, file, actor, options);
    const error = (sheet: string, line: number) => plan.lines.find((l) => l.sheet === sheet && l.line === line);
    expect(error('Partenaires', 4)).toMatchObject({ outcome: 'erreur', details: [expect.stringContaining('Doublon dans le fichier : le SIRET ' + sirets[1] + ' figure déjà ligne 3')] });
    expect(error('Partenaires', 5)!.details.join()).toContain('N° SIRET : Le SIRET n\'est pas valide');
    expect(error('Conventions', 4)!.details.join()).toMatch(/Date impossible : « 31\/02\/2018 »/);
    expect(error('Conventions', 4)!.details.join()).toContain('SIRET du partenaire');
    expect(error('Habilitations', 5)!.details.join()).toContain('Une habilitation active ou suspendue ne peut pas relever de la convention 78/2017/0007AS – T1 : elle a pris fin le 10 janvier 2020');
    expect(error('Habilitations', 6)!.details.join()).toContain('Convention inconnue : 78/2099/0001AS – T2');
    const before = await dataSource.getRepository(Partner).count();
    const result = await applyImport(dataSource, file, actor, options);
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('rien n’a été enregistré') });
    expect(await dataSource.getRepository(Partner).count()).toBe(before);
    expect(await dataSource.getRepository(Convention).countBy({ number: '78/2016/0042AS – T2' })).toBe(1);
  });

  it('holds one live habilitation per person, the date and reason of a suspension, and the cap', async () => {
    const { sheets } = cafSpreadsheet();
    const number = '78/2019/0003AS – T2';
    sheets.Conventions.rows = [[number, sheets.Conventions.rows[0][1], 'Signée', 'Madame', 'A B', 'Maire', '2019-01-10', null, 1]];
    sheets.Habilitations.rows = [
      ['CP78-000900', number, 'Madame', 'MARTIN', 'Léa', 'l.martin@x.fr', 'Agent', 'CDI', '2019-02-01', null, 'Active', null, null],
      ['CP78-000901', number, 'Madame', 'Martin', 'Léa', 'L.Martin@x.fr', 'Agent', 'CDI', '2019-02-01', null, 'Active', null, null],
      ['CP78-000902', number, 'Monsieur', 'DUBOIS', 'Léo', 'l.dubois@x.fr', 'Agent', 'CDI', '2019-02-01', null, 'Suspendue', 'Enquête', '2020-01-01'],
      ['CP78-000903', number, 'Monsieur', 'GARCIA', 'Paul', 'p.garcia@x.fr', 'Agent', 'CDI', '2019-02-01', null, 'Active', null, null],
    ];
    delete sheets['Responsables habilitations'];
    sheets.Partenaires.rows = [sheets.Partenaires.rows[0]];
    const plan = await dryRunImport(dataSource, await read(sheets), actor, options);
    const lines = plan.lines.filter((l) => l.sheet === 'Habilitations');
    expect(lines[0]).toMatchObject({ outcome: 'créé' });
    expect(lines[1].details.join()).toContain('Cette personne a déjà une habilitation active ou suspendue sur la convention');
    // Suspended without its date (the sheet has no « Date de suspension »).
    expect(lines[2]).toMatchObject({ outcome: 'erreur', details: ['Une habilitation suspendue doit avoir sa date et son motif de suspension.'] });
    expect(lines[3]).toMatchObject({ outcome: 'erreur', details: [`Plafond d’habilitations dépassé sur la convention ${number} (1 au plus, habilitations actives et suspendues).`] });
  });

  it('imports the demandes en cours as received requests, once', async () => {
    const sheets = {
      'Demandes en cours': {
        headers: ['N° de convention', 'Civilité', 'Nom', 'Prénom', 'Adresse professionnelle', 'Téléphone', 'Courriel', 'Fonction', 'Contrat', 'Fin de contrat', 'Date de réception', "Signature de l'employeur"],
        rows: [['78/2016/0042AS – T2', 'Madame', 'LEROY', 'Camille', '2 rue Gâteau, 78000 Versailles', '0139000002', 'c.leroy@residences-yvelines.fr', 'Chargée de clientèle', 'CDD', '30/06/2027', '20/11/2026', 'Oui']],
      },
    };
    const file = await read(sheets);
    expect(await applyImport(dataSource, file, actor, options)).toMatchObject({ ok: true, plan: { counts: { 'créé': 1 } } });
    const request = await dataSource.getRepository(AccessRequest).findOneByOrFail({ lastName: 'LEROY' });
    expect(request).toMatchObject({ status: 'recue', contractType: 'CDD', contractEndDate: '2027-06-30', receivedDate: '2026-11-20', phone: '01 39 00 00 02', employerSigned: true, userSigned: false });
    expect((await dryRunImport(dataSource, file, actor, options)).counts).toMatchObject({ 'inchangé': 1 });
  });

  it('tells its progress every 500 rows', async () => {
    const { sheets } = cafSpreadsheet();
    const row = sheets.Partenaires.rows[0];
    const file = await read({ Partenaires: { headers: sheets.Partenaires.headers, rows: Array.from({ length: 600 }, () => row) } });
    const seen: Array<[number, number]> = [];
    const plan = await dryRunImport(dataSource, file, actor, { ...options, onProgress: (done, total) => seen.push([done, total]) });
    expect(seen).toEqual([[500, 600], [600, 600]]);
    expect(plan.counts['erreur']).toBe(599);
  });
});
