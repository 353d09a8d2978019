import { createDataSource } from '../src/db/data-source.js';
import { schemaDrift } from '../src/db/schema-drift.js';
import { rmSync } from 'node:fs';
const url = process.env.DATABASE_URL;
rmSync('/tmp/drift.sqlite', { force: true });
const ds = await createDataSource(url ? { type: 'mysql', url, database: 'drift' } : { type: 'sqlite', path: '/tmp/drift.sqlite' });
await ds.initialize();
if (url) { await ds.dropDatabase(); }
await ds.runMigrations();
const d = await schemaDrift(ds);
console.log(d.join('\n\n'));
console.log('TOTAL', d.length);
if (!url) { const r = await ds.query("select sql from sqlite_master where name='partner'"); console.log(r[0].sql); }
await ds.destroy();
