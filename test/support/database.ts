// Test databases: a fresh SQLite file per test file by default; with DATABASE_URL=mysql://… a fresh
// database per jest worker on that server (workers run in parallel and must not share tables).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { parseDatabaseUrl, type DatabaseConfig } from '../../src/config.js';
import { createDataSource } from '../../src/db/data-source.js';

export const isMysql = (process.env.DATABASE_URL ?? '').startsWith('mysql:');

/** `suffix`: a second fresh database in the same worker (e.g. the target of a restore). */
export async function freshDatabaseConfig(suffix = ''): Promise<DatabaseConfig> {
  if (!isMysql) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cafpro-test-'));
    return { type: 'sqlite', path: path.join(dir, 'test.sqlite') };
  }
  const base = parseDatabaseUrl(process.env.DATABASE_URL!);
  if (base.type !== 'mysql') throw new Error('unreachable');
  const name = `${base.database}_w${process.env.JEST_WORKER_ID ?? '1'}${suffix}`;
  const url = new URL(base.url);
  url.pathname = '/';
  const admin = await mysql.createConnection(url.toString());
  await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  url.pathname = `/${name}`;
  return { type: 'mysql', url: url.toString(), database: name };
}

/** A migrated, empty database. */
export async function openTestDataSource(): Promise<{ dataSource: DataSource; config: DatabaseConfig }> {
  const config = await freshDatabaseConfig();
  const dataSource = await createDataSource(config);
  await dataSource.initialize();
  await dataSource.runMigrations();
  return { dataSource, config };
}

/** A second DataSource on the same database (a second server instance). */
export async function secondDataSource(config: DatabaseConfig): Promise<DataSource> {
  const dataSource = await createDataSource(config);
  await dataSource.initialize();
  return dataSource;
}

/**
 * For a concurrency test file: the context `open` makes, opened before the file's tests, and a second
 * instance on the same database (`other`), both closed after them. Read them inside the tests.
 */
export function withSecondInstance<C extends { config: DatabaseConfig; close(): Promise<void> }>(
  open: () => Promise<C>,
): { readonly ctx: C; readonly other: DataSource } {
  const state = {} as { ctx: C; other: DataSource };
  beforeAll(async () => {
    state.ctx = await open();
    state.other = await secondDataSource(state.ctx.config);
  });
  afterAll(async () => {
    await state.other?.destroy();
    await state.ctx?.close();
  });
  return state;
}
