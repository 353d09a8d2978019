// Backup and restore of one installation: a consistent copy of the database and of DATA_DIR/files in
// one .tar.gz archive, with a manifest listing the SHA-256 of every file so that a restore proves it
// put back exactly what was saved.
// - SQLite: the online backup of better-sqlite3 (consistent while the server keeps writing).
// - MySQL/MariaDB: `mysqldump --single-transaction` (a consistent snapshot of InnoDB tables without
//   locking them), restored with the `mysql` client; both come with the MariaDB/MySQL client package.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as tar from 'tar';
import type { DatabaseConfig } from '../config.js';

export interface BackupManifest {
  format: 'cafpro-backup/1';
  createdAt: string;
  database: 'sqlite' | 'mysql';
  files: Array<{ path: string; sha256: string; size: number }>;
}

export class BackupError extends Error {}

const sha256 = async (file: string) => createHash('sha256').update(await readFile(file)).digest('hex');

async function listFiles(root: string, prefix = ''): Promise<string[]> {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  for (const entry of await readdir(path.join(root, prefix), { withFileTypes: true })) {
    const relative = path.posix.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...await listFiles(root, relative));
    else if (entry.isFile()) out.push(relative);
  }
  return out.sort();
}

/** The mysql / mysqldump arguments of a mysql:// URL; the password goes through the environment. */
function mysqlClient(url: string): { args: string[]; env: NodeJS.ProcessEnv; database: string } {
  const u = new URL(url);
  const args = ['-h', u.hostname || '127.0.0.1', '-P', u.port || '3306', '-u', decodeURIComponent(u.username || 'root')];
  return { args, env: { ...process.env, MYSQL_PWD: decodeURIComponent(u.password) }, database: decodeURIComponent(u.pathname.slice(1)) };
}

function runClient(command: string, args: string[], env: NodeJS.ProcessEnv, io: { stdout?: string; stdin?: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: [io.stdin ? 'pipe' : 'ignore', io.stdout ? 'pipe' : 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => { stderr += d.toString(); });
    if (io.stdout) child.stdout!.pipe(createWriteStream(io.stdout));
    if (io.stdin) createReadStream(io.stdin).pipe(child.stdin!);
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT'
      ? new BackupError(`${command} introuvable : installez le client MariaDB/MySQL (paquet mariadb-client) sur ce serveur.`)
      : error));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new BackupError(`${command} a échoué (code ${code}) : ${stderr.trim().slice(0, 500)}`))));
  });
}

/** Writes the archive `archive` (…tar.gz) and returns its manifest. */
export async function backup(database: DatabaseConfig, dataDir: string, archive: string, now = new Date()): Promise<BackupManifest> {
  const staging = await mkdtemp(path.join(os.tmpdir(), 'cafpro-backup-'));
  try {
    if (database.type === 'sqlite') {
      const source = new Database(database.path, { readonly: true, fileMustExist: true });
      try { await source.backup(path.join(staging, 'database.sqlite')); } finally { source.close(); }
    } else {
      const client = mysqlClient(database.url);
      await runClient('mysqldump', [...client.args, '--single-transaction', '--routines', '--triggers', '--hex-blob', '--default-character-set=utf8mb4', client.database], client.env, { stdout: path.join(staging, 'database.sql') });
    }
    const filesDir = path.join(dataDir, 'files');
    if (existsSync(filesDir)) await cp(filesDir, path.join(staging, 'files'), { recursive: true });
    const files = await Promise.all((await listFiles(path.join(staging, 'files'))).map(async (relative) => {
      const absolute = path.join(staging, 'files', relative);
      return { path: relative, sha256: await sha256(absolute), size: (await stat(absolute)).size };
    }));
    const manifest: BackupManifest = { format: 'cafpro-backup/1', createdAt: now.toISOString(), database: database.type, files };
    await writeFile(path.join(staging, 'manifest.json'), JSON.stringify(manifest, null, 2));
    await mkdir(path.dirname(path.resolve(archive)), { recursive: true });
    const entries = ['manifest.json', database.type === 'sqlite' ? 'database.sqlite' : 'database.sql', ...(files.length ? ['files'] : [])];
    await tar.create({ gzip: true, file: archive, cwd: staging, portable: true }, entries);
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function mysqlIsEmpty(url: string): Promise<boolean> {
  const mysql = await import('mysql2/promise');
  const connection = await mysql.createConnection(url);
  try {
    const [rows] = await connection.query('SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE()');
    return Number((rows as Array<{ n: number }>)[0].n) === 0;
  } finally {
    await connection.end();
  }
}

/**
 * Puts an archive back on an EMPTY database and an empty DATA_DIR/files (a restore never overwrites
 * a live installation), then checks every file against the manifest.
 */
export async function restore(archive: string, database: DatabaseConfig, dataDir: string): Promise<BackupManifest> {
  if (!existsSync(archive)) throw new BackupError(`Archive introuvable : ${archive}`);
  const filesDir = path.join(dataDir, 'files');
  if ((await listFiles(filesDir)).length) throw new BackupError(`${filesDir} n’est pas vide : la restauration se fait sur une installation vide.`);
  const staging = await mkdtemp(path.join(os.tmpdir(), 'cafpro-restore-'));
  try {
    await tar.extract({ file: archive, cwd: staging });
    const manifest = JSON.parse(await readFile(path.join(staging, 'manifest.json'), 'utf8')) as BackupManifest;
    if (manifest.format !== 'cafpro-backup/1') throw new BackupError('Ce fichier n’est pas une sauvegarde du back-office Cafpro.');
    if (manifest.database !== database.type) {
      throw new BackupError(`Cette sauvegarde vient d’une base ${manifest.database === 'sqlite' ? 'SQLite' : 'MySQL/MariaDB'} : restaurez-la sur le même type de base.`);
    }
    for (const file of manifest.files) {
      if ((await sha256(path.join(staging, 'files', file.path))) !== file.sha256) throw new BackupError(`Archive altérée : ${file.path} ne correspond pas au manifeste.`);
    }
    if (database.type === 'sqlite') {
      if (existsSync(database.path) && (await stat(database.path)).size > 0) throw new BackupError(`${database.path} existe déjà : la restauration se fait sur une base vide.`);
      await mkdir(path.dirname(path.resolve(database.path)), { recursive: true });
      await cp(path.join(staging, 'database.sqlite'), database.path);
    } else {
      if (!(await mysqlIsEmpty(database.url))) throw new BackupError('La base MySQL/MariaDB cible contient déjà des tables : la restauration se fait sur une base vide.');
      const client = mysqlClient(database.url);
      await runClient('mysql', [...client.args, '--default-character-set=utf8mb4', client.database], client.env, { stdin: path.join(staging, 'database.sql') });
    }
    if (manifest.files.length) await cp(path.join(staging, 'files'), filesDir, { recursive: true });
    return manifest;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
