import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { schemaDrift } from '../../src/db/schema-drift.js';
import { openTestDataSource } from '../support/database.js';
import { MIGRATIONS } from '../../migrations/index.js';
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
    // Back to before 1764100000000 (the migrations after it are undone first).
    const undo = MIGRATIONS.length - MIGRATIONS.findIndex((m) => m.name === 'UniqueFormReferences1764100000000');
    for (let i = 0; i < undo; i++) await dataSource.undoLastMigration();
    const repo = dataSource.getRepository(AccessRequest);
    const first = await repo.save({ ...accessRequestPayload(convention.id), formReference: 'DA-2026-000321' } as Partial<AccessRequest>);
    const second = await repo.save({ ...accessRequestPayload(convention.id), formReference: 'DA-2026-000321' } as Partial<AccessRequest>);
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
});
