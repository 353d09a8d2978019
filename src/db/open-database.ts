// Opens the database, applies pending migrations and makes sure the reference data exists.
import { BaseEntity, type DataSource } from 'typeorm';
import type { DatabaseConfig } from '../config.js';
import { createDataSource } from './data-source.js';
import { ensureReferenceData } from './reference-data.js';

/** How long an instance waits for another one to finish the migrations (an upgrade of a large base). */
const MIGRATION_LOCK_SECONDS = 3600;

export async function openDatabase(db: DatabaseConfig): Promise<DataSource> {
  const dataSource = await createDataSource(db);
  await dataSource.initialize();
  await runMigrationsOnce(dataSource);
  await dataSource.transaction((manager) => ensureReferenceData(manager));
  // AdminJS's TypeORM adapter works through BaseEntity's static repository.
  BaseEntity.useDataSource(dataSource);
  return dataSource;
}

/**
 * Production runs two or more instances on one MySQL database, and an upgrade restarts them together:
 * without a lock both would see the same pending migration and run it twice (the second fails half-way
 * on « table already exists »). A MySQL named lock makes the others wait, then find nothing to do.
 * SQLite is one file opened by one process: its own write lock is enough.
 */
export async function runMigrationsOnce(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type !== 'mysql' && dataSource.options.type !== 'mariadb') {
    await dataSource.runMigrations({ transaction: 'each' });
    return;
  }
  const runner = dataSource.createQueryRunner();
  try {
    const [row] = await runner.query('SELECT GET_LOCK(?, ?) AS taken', ['cafpro_migrations', MIGRATION_LOCK_SECONDS]) as Array<{ taken: number | string | null }>;
    if (Number(row?.taken) !== 1) {
      throw new Error(`Migrations non appliquées : une autre instance les applique depuis plus de ${MIGRATION_LOCK_SECONDS / 60} minutes. `
        + 'Vérifiez qu’aucune mise à jour n’est bloquée, puis redémarrez.');
    }
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', ['cafpro_migrations']);
    }
  } finally {
    await runner.release();
  }
}
