// The database a benchmark runs on: a fresh SQLite file by default, or with DATABASE_URL=mysql://… a
// database of its own (`name`, dropped and recreated) on that server — never the data of the URL itself.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { parseDatabaseUrl, type DatabaseConfig } from '../src/config.js';

export async function benchDatabaseConfig(name: string): Promise<DatabaseConfig> {
  const url = process.env.DATABASE_URL;
  if (!url?.startsWith('mysql:')) return { type: 'sqlite', path: path.join(mkdtempSync(path.join(os.tmpdir(), 'cafpro-bench-')), 'bench.sqlite') };
  const server = new URL(parseDatabaseUrl(url).type === 'mysql' ? url : '');
  server.pathname = '/';
  const admin = await mysql.createConnection(server.toString());
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  server.pathname = `/${name}`;
  return { type: 'mysql', url: server.toString(), database: name };
}
