// Migration drift check: applies every migration to an empty database and fails when TypeORM would
// still change the schema to match the entities. SQLite by default, or DATABASE_URL=mysql://…
// (the database named in the URL is dropped and recreated: never point it at real data).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDatabaseUrl } from '../src/config.js';
import { createDataSource } from '../src/db/data-source.js';
import { schemaDrift } from '../src/db/schema-drift.js';

const url = process.env.DATABASE_URL;
const config = url ? parseDatabaseUrl(url) : { type: 'sqlite' as const, path: path.join(mkdtempSync(path.join(os.tmpdir(), 'drift-')), 'drift.sqlite') };
const dataSource = await createDataSource(config);
await dataSource.initialize();
await dataSource.dropDatabase();
await dataSource.runMigrations();
const drift = await schemaDrift(dataSource);
await dataSource.destroy();
if (drift.length) {
  console.error(`Les migrations ne correspondent pas aux entités (${config.type}) : ${drift.length} instruction(s) manquante(s) :`);
  for (const sql of drift) console.error(`  ${sql}`);
  process.exit(1);
}
console.log(`Migrations conformes aux entités (${config.type}).`);
