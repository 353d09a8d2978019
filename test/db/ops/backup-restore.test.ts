// `npm run backup` then `npm run restore` into a fresh installation (the real commands, as operations
// run them): the same records and the same files (SHA-256 of every document and scan).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../../../src/config.js';
import { loadDemoData } from '../../../src/db/demo-data.js';
import { ensureReferenceData } from '../../../src/db/reference-data.js';
import { Document } from '../../../src/entities/document.entity.js';
import { FolderStorage } from '../../../src/adapters/storage.js';
import { todayInParis } from '../../../src/domain/shared/dates.js';
import { freshDatabaseConfig, openTestDataSource, secondDataSource } from '../../support/database.js';

const run = promisify(execFile);
const urlOf = (db: DatabaseConfig) => (db.type === 'sqlite' ? `sqlite:${db.path}` : db.url);

/** Every table, every row, in primary-key order. */
async function contents(dataSource: DataSource): Promise<string> {
  const q = (name: string) => dataSource.driver.escape(name);
  const out: Record<string, unknown> = {};
  for (const meta of dataSource.entityMetadatas) {
    const rows = await dataSource.query(`SELECT * FROM ${q(meta.tableName)} ORDER BY ${meta.primaryColumns.map((c) => q(c.databaseName)).join(', ')}`);
    out[meta.tableName] = JSON.parse(JSON.stringify(rows));
  }
  return JSON.stringify(out);
}

describe('backup and restore', () => {
  let source: { dataSource: DataSource; config: DatabaseConfig };
  let target: DataSource | undefined;
  const sourceDir = mkdtempSync(path.join(os.tmpdir(), 'cafpro-backup-src-'));
  const targetDir = mkdtempSync(path.join(os.tmpdir(), 'cafpro-backup-dst-'));
  const archive = path.join(mkdtempSync(path.join(os.tmpdir(), 'cafpro-archive-')), 'sauvegarde.tar.gz');
  const command = (name: string, args: string[], db: DatabaseConfig, dataDir: string) =>
    run('npx', ['tsx', `src/cli/${name}.ts`, ...args], { env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: urlOf(db), DATA_DIR: dataDir } });

  beforeAll(async () => {
    source = await openTestDataSource();
    await source.dataSource.transaction((m) => ensureReferenceData(m));
    await loadDemoData(source.dataSource, { password: 'Essai-Cafpro-2026!', today: todayInParis(new Date()) });
    // Files as the product stores them: a document and a scan under DATA_DIR/files.
    const storage = new FolderStorage(path.join(sourceDir, 'files'));
    await storage.store('documents/2026', 'pdf', Buffer.from('%PDF-1.7 convention signée'));
    await storage.store('scans/2026', 'png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
  });
  afterAll(async () => {
    await target?.destroy();
    await source.dataSource.destroy();
  });

  it('restores the same records and files into a fresh installation', async () => {
    const saved = await command('backup', ['--out', archive], source.config, sourceDir);
    expect(saved.stdout).toContain('Sauvegarde écrite');
    expect(saved.stdout).toContain('2 fichier(s)');
    expect(existsSync(archive)).toBe(true);

    const fresh = await freshDatabaseConfig('_restored');
    const restored = await command('restore', [archive], fresh, targetDir);
    expect(restored.stdout).toContain('Restauration terminée');
    target = await secondDataSource(fresh);
    expect(await contents(target)).toEqual(await contents(source.dataSource));
    expect(await target.getRepository(Document).count()).toBe(await source.dataSource.getRepository(Document).count());
    const hashes = (dir: string) => {
      const list = (sub: string) => readdirSync(path.join(dir, 'files', sub)).map((f) => `${sub}/${f}`);
      return [...list('documents/2026'), ...list('scans/2026')]
        .map((f) => `${f} ${createHash('sha256').update(readFileSync(path.join(dir, 'files', f))).digest('hex')}`);
    };
    expect(hashes(targetDir)).toEqual(hashes(sourceDir));
  });

  it('never restores over a live database or into a folder that holds files, and says when the archive is missing', async () => {
    // The target now holds data: a second restore is refused and changes nothing.
    const before = await contents(target!);
    await expect(command('restore', [archive], await configOf(target!), mkdtempSync(path.join(os.tmpdir(), 'cafpro-backup-empty-')))).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('sur une base vide') });
    expect(await contents(target!)).toBe(before);
    const other = mkdtempSync(path.join(os.tmpdir(), 'cafpro-backup-busy-'));
    mkdirSync(path.join(other, 'files'), { recursive: true });
    writeFileSync(path.join(other, 'files', 'deja.pdf'), 'x');
    await expect(command('restore', [archive], await freshDatabaseConfig('_other'), other)).rejects.toMatchObject({ stderr: expect.stringContaining('n’est pas vide') });
    await expect(command('restore', ['/nulle/part.tar.gz'], await freshDatabaseConfig('_other'), other)).rejects.toMatchObject({ stderr: expect.stringContaining('Archive introuvable') });
  });
});

/** The DatabaseConfig a DataSource was opened with. */
async function configOf(dataSource: DataSource): Promise<DatabaseConfig> {
  const options = dataSource.options as { type: string; database?: string; url?: string };
  return options.type === 'better-sqlite3' ? { type: 'sqlite', path: String(options.database) } : { type: 'mysql', url: String(options.url), database: '' };
}
