import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { schemaDrift } from '../../src/db/schema-drift.js';
import { openTestDataSource } from '../support/database.js';

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
    await dataSource.undoLastMigration();
    const queryRunner = dataSource.createQueryRunner();
    expect(await queryRunner.hasTable('partner')).toBe(false);
    await queryRunner.release();
    await dataSource.runMigrations();
    expect(await schemaDrift(dataSource)).toEqual([]);
  });
});
