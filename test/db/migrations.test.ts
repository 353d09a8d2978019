import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { schemaDrift } from '../../src/db/schema-drift.js';
import { openTestDataSource } from '../support/database.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { StaffSecondFactor1764200000000 } from '../../migrations/1764200000000-staff-second-factor.js';
import { StaffUser } from '../../src/entities/staff-user.entity.js';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { accessRequestPayload, makeConvention } from '../support/factories.js';
import { ensureReferenceData } from '../../src/db/reference-data.js';

describe('migrations', () => {
  let dataSource: DataSource;
  beforeAll(async () => { ({ dataSource } = await openTestDataSource()); });
  afterAll(async () => { await dataSource?.destroy(); });

  it('create every table of the entities', async () => {
    const queryRunner = dataSource.createQueryRunner();
    try {
      for (const { tableName } of dataSource.entityMetadatas) expect(await queryRunner.hasTable(tableName)).toBe(true);
    } finally {
      await queryRunner.release();
    }
  });

  it('match the entities exactly (no drift)', async () => {
    expect(await schemaDrift(dataSource)).toEqual([]);
  });

  it('can be reverted and applied again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await dataSource.undoLastMigration();
    const queryRunner = dataSource.createQueryRunner();
    expect(await queryRunner.hasTable('partner')).toBe(false);
    await queryRunner.release();
    await dataSource.runMigrations();
    expect(await schemaDrift(dataSource)).toEqual([]);
  });

  it('unique form references: refused with the duplicates named, applied once they are corrected', async () => {
    await dataSource.transaction((manager) => ensureReferenceData(manager));
    const convention = await makeConvention(dataSource);
    // Back to before the unique references (undoing the migrations that came after them too).
    const applied = async () => ((await dataSource.query('SELECT name FROM migrations')) as Array<{ name: string }>).map((m) => m.name);
    while ((await applied()).includes('UniqueFormReferences1764100000000')) await dataSource.undoLastMigration();
    const repo = dataSource.getRepository(AccessRequest);
    // Rows as that older schema holds them: the entity has columns added by later migrations.
    const insertOld = async () => {
      const row: Record<string, unknown> = { ...accessRequestPayload(convention.id), status: 'recue', formReference: 'DA-2026-000321' };
      const columns = Object.keys(row);
      await dataSource.query(`INSERT INTO access_request (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        columns.map((c) => (typeof row[c] === 'boolean' ? Number(row[c]) : row[c])));
      const [{ id }] = await dataSource.query('SELECT MAX(id) AS id FROM access_request') as Array<{ id: number }>;
      return { id: Number(id) };
    };
    const first = await insertOld();
    const second = await insertOld();
    await expect(dataSource.runMigrations()).rejects.toThrow(
      'Migration impossible : des références de formulaire sont enregistrées plusieurs fois dans access_request (DA-2026-000321).',
    );
    // Nothing was lost: both rows are still there, for an agent to correct.
    expect(await repo.countBy({ formReference: 'DA-2026-000321' })).toBe(2);
    await repo.update(second.id, { formReference: 'DA-2026-000322' });
    await dataSource.runMigrations();
    expect(await schemaDrift(dataSource)).toEqual([]);
    expect((await repo.findOneByOrFail({ id: first.id })).formReference).toBe('DA-2026-000321');
  });

  it('second factor: added to the existing accounts, which keep their rows and have no factor yet', async () => {
    const undo = MIGRATIONS.length - MIGRATIONS.indexOf(StaffSecondFactor1764200000000);
    for (let i = 0; i < undo; i++) await dataSource.undoLastMigration();
    await dataSource.query("INSERT INTO staff_user (email, name, role, active, passwordHash, failedAttempts) VALUES ('ancien@test.caf.fr', 'Agent ancien', 'administrateur', 1, 'x', 2)");
    await dataSource.runMigrations();
    const user = await dataSource.getRepository(StaffUser).findOneByOrFail({ email: 'ancien@test.caf.fr' });
    expect(user).toMatchObject({ role: 'administrateur', failedAttempts: 2, totpSecret: null, totpEnrolledAt: null, totpLastStep: null });
    expect(await schemaDrift(dataSource)).toEqual([]);
  });
});
