// Opens the database, applies pending migrations and makes sure the reference data exists.
import { BaseEntity, type DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config.js';
import { createDataSource } from './data-source.js';
import { ensureReferenceData } from './reference-data.js';

export async function openDatabase(db: DatabaseConfig): Promise<DataSource> {
  const dataSource = await createDataSource(db);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await dataSource.transaction((manager) => ensureReferenceData(manager));
  // AdminJS's TypeORM adapter works through BaseEntity's static repository.
  BaseEntity.useDataSource(dataSource);
  return dataSource;
}
