// The folded names (src/domain/search/folded-columns.ts) follow every way the product writes a row —
// save, insert of a plain object, the query builders, a partial update — and the migration fills
// those of the rows that were there before it, on SQLite and MariaDB.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { ensureReferenceData } from '../../../src/db/reference-data.js';
import { AccessRequest } from '../../../src/entities/access-request.entity.js';
import { HabilitationManager } from '../../../src/entities/habilitation-manager.entity.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { Partner } from '../../../src/entities/partner.entity.js';
import { schemaDrift } from '../../../src/db/schema-drift.js';
import { MIGRATIONS } from '../../../migrations/index.js';
import { FoldedNames1764430000000 } from '../../../migrations/1764430000000-folded-names.js';
import { accessRequestPayload, makeConvention, managerPayload, partnerPayload } from '../../support/factories.js';
import { openTestDataSource } from '../../support/database.js';
import { cafSpreadsheet, workbookOf } from '../../support/import-files.js';
import { SYSTEM_ACTOR } from '../../../src/domain/audit/audit.js';
import { applyImport } from '../../../src/domain/import/import-apply.js';
import { readImportFile } from '../../../src/domain/import/import-sheets.js';
import { foldEmail, foldName } from '../../../src/domain/shared/normalize.js';
import { In } from 'typeorm';

describe('folded names', () => {
  let dataSource: DataSource;
  let conventionId: number;
  beforeAll(async () => {
    ({ dataSource } = await openTestDataSource());
    await dataSource.transaction((manager) => ensureReferenceData(manager));
    conventionId = (await makeConvention(dataSource)).id;
  });
  afterAll(async () => { await dataSource?.destroy(); });

  const folded = async (entity: typeof AccessRequest | typeof HabilitationManager | typeof Habilitation, id: number) =>
    dataSource.getRepository(entity).findOneOrFail({ where: { id }, select: { id: true, lastNameFolded: true, firstNameFolded: true, emailFolded: true } });

  it('are set by save, by insert of a plain object and by the insert query builder', async () => {
    const partner = await dataSource.getRepository(Partner).save({ ...partnerPayload(), name: '  Commune  de L’Étang-la-Ville ' } as Partial<Partner>);
    expect((await dataSource.getRepository(Partner).findOneByOrFail({ id: partner.id })).nameFolded).toBe("commune de l'etang-la-ville");

    const inserted = await dataSource.manager.insert(AccessRequest, { ...accessRequestPayload(conventionId), lastName: 'ŒUVRARD', firstName: 'Jérôme', email: ' Jerome.Oeuvrard@Essai.FR ' } as never);
    expect(await folded(AccessRequest, inserted.identifiers[0].id as number)).toMatchObject({ lastNameFolded: 'oeuvrard', firstNameFolded: 'jerome', emailFolded: 'jerome.oeuvrard@essai.fr' });

    await dataSource.createQueryBuilder().insert().into(HabilitationManager).values({ ...managerPayload(conventionId), lastName: 'Müller', firstName: 'Anaïs' } as never).execute();
    const manager = await dataSource.getRepository(HabilitationManager).findOneByOrFail({ lastName: 'Müller' });
    expect(manager).toMatchObject({ lastNameFolded: 'muller', firstNameFolded: 'anais' });
  });

  it('follow an update, partial or through the query builder, and are left alone when the name is not touched', async () => {
    const { identifiers } = await dataSource.manager.insert(AccessRequest, { ...accessRequestPayload(conventionId), lastName: 'Durand', firstName: 'Léa' } as never);
    const id = identifiers[0].id as number;
    await dataSource.manager.update(AccessRequest, { id }, { lastName: 'Dürand-Élie' });
    expect(await folded(AccessRequest, id)).toMatchObject({ lastNameFolded: 'durand-elie', firstNameFolded: 'lea' });
    await dataSource.createQueryBuilder().update(AccessRequest).set({ firstName: 'Chloé' }).where('id = :id', { id }).execute();
    expect(await folded(AccessRequest, id)).toMatchObject({ lastNameFolded: 'durand-elie', firstNameFolded: 'chloe' });
    await dataSource.manager.update(AccessRequest, { id }, { status: 'incomplete' });
    expect(await folded(AccessRequest, id)).toMatchObject({ lastNameFolded: 'durand-elie', firstNameFolded: 'chloe' });
    const row = await dataSource.getRepository(AccessRequest).findOneByOrFail({ id });
    row.lastName = 'BENALI';
    await dataSource.getRepository(AccessRequest).save(row);
    expect(await folded(AccessRequest, id)).toMatchObject({ lastNameFolded: 'benali' });
  });

  it('are set by the import, which writes its rows with one raw INSERT', async () => {
    const { sheets } = cafSpreadsheet();
    const file = await readImportFile(await workbookOf(sheets), 'reprise.xlsx');
    const applied = await applyImport(dataSource, file, { ...SYSTEM_ACTOR, email: 'admin@caf.fr' }, { today: '2026-12-03', now: new Date('2026-12-03T10:00:00Z') });
    expect(applied).toMatchObject({ ok: true });
    const imported = await dataSource.getRepository(Habilitation).find({ where: { identifier: In(['CP78-000501', 'CP78-000320']) } });
    expect(imported).toHaveLength(2);
    for (const h of imported) expect([h.lastNameFolded, h.firstNameFolded, h.emailFolded]).toEqual([foldName(h.lastName), foldName(h.firstName), foldEmail(h.email)]);
    for (const p of await dataSource.getRepository(Partner).find()) expect(p.nameFolded).toBe(foldName(p.name));
    for (const m of await dataSource.getRepository(HabilitationManager).find()) expect(m.lastNameFolded).toBe(foldName(m.lastName));
  });

  it('are filled by the migration for the rows that were there before it', async () => {
    // Back to the schema before the folded columns (the later migrations undone first).
    const at = MIGRATIONS.indexOf(FoldedNames1764430000000);
    expect(at).toBeGreaterThan(0);
    for (let i = MIGRATIONS.length - 1; i >= at; i--) await dataSource.undoLastMigration();
    // 1,203 rows: more than two batches of the migration.
    const values: unknown[] = [];
    const rows = Array.from({ length: 1203 }, (_, i) => {
      const payload = { ...accessRequestPayload(conventionId), lastName: i % 2 ? `Émond ${i}` : `LEFÈVRE ${i}`, firstName: 'Hélène', email: `Agent.${i}@Essai.fr`, status: 'recue' };
      const columns = Object.keys(payload);
      values.push(...columns.map((c) => { const v = (payload as Record<string, unknown>)[c]; return typeof v === 'boolean' ? Number(v) : v; }));
      return columns;
    });
    const columns = rows[0];
    for (let i = 0; i < rows.length; i += 200) {
      const chunk = rows.slice(i, i + 200);
      await dataSource.query(`INSERT INTO access_request (${columns.join(', ')}) VALUES ${chunk.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ')}`,
        values.slice(i * columns.length, (i + chunk.length) * columns.length));
    }
    await dataSource.runMigrations();
    expect(await schemaDrift(dataSource)).toEqual([]);
    const filled = await dataSource.getRepository(AccessRequest).find({ select: { id: true, lastName: true, lastNameFolded: true, emailFolded: true }, order: { id: 'ASC' } });
    const old = filled.filter((r) => /^(Émond|LEFÈVRE) \d+$/.test(r.lastName));
    expect(old).toHaveLength(1203);
    expect(old.every((r) => r.lastNameFolded === r.lastName.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase())).toBe(true);
    expect(old.every((r) => /^agent\.\d+@essai\.fr$/.test(r.emailFolded))).toBe(true);
    // The rows written before the undo kept (or got again) theirs.
    expect(filled.find((r) => r.lastName === 'BENALI')?.lastNameFolded).toBe('benali');
  });
});
