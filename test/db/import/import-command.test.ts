// `npm run import -- fichier.xlsx [--appliquer]` on a real database: dry run first (nothing written,
// the report printed and saved), then applied, then « inchangé ».
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../../src/config.js';
import { ensureReferenceData } from '../../../src/db/reference-data.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { freshDatabaseConfig, secondDataSource } from '../../support/database.js';
import { cafSpreadsheet, workbookOf } from '../../support/import-files.js';

const run = promisify(execFile);

describe('npm run import', () => {
  let database: DatabaseConfig;
  let dataSource: DataSource;
  const command = (args: string[]) => run('npx', ['tsx', 'src/cli/import.ts', ...args], {
    env: { ...process.env, NODE_ENV: 'test', SESSION_SECRET: 's'.repeat(40), DATABASE_URL: database.type === 'sqlite' ? `sqlite:${database.path}` : database.url },
  });
  beforeAll(async () => {
    database = await freshDatabaseConfig();
    dataSource = await secondDataSource(database);
    await dataSource.runMigrations();
    await dataSource.transaction((m) => ensureReferenceData(m));
  });
  afterAll(async () => { await dataSource?.destroy(); });

  it('dry-runs a file, applies it with --appliquer, then finds it unchanged', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cafpro-import-'));
    const file = path.join(dir, 'reprise.xlsx');
    writeFileSync(file, await workbookOf(cafSpreadsheet().sheets));

    const dry = await command([file]);
    expect(dry.stdout).toContain('Habilitations, ligne 2 — CP78-000500 : créé');
    expect(dry.stdout).toContain('8 créé(s), 0 mis à jour, 0 inchangé(s), 0 en erreur');
    expect(dry.stdout).toContain('relancez avec --appliquer');
    expect(existsSync(`${file}.rapport.xlsx`)).toBe(true);
    expect(await dataSource.getRepository(Habilitation).count()).toBe(0);

    const applied = await command([file, '--appliquer']);
    expect(applied.stdout).toContain('Import appliqué : 8 créé(s)');
    expect(await dataSource.getRepository(Habilitation).count()).toBe(3);
    expect(await dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'import.apply' })).toMatchObject({ actorId: null, actorEmail: 'système (npm run import)' });

    const again = await command([file, '--appliquer']);
    expect(again.stdout).toContain('0 créé(s), 0 mis à jour, 8 inchangé(s), 0 en erreur');
  }, 180_000); // three processes, each starting tsx: slow on a loaded machine
});
