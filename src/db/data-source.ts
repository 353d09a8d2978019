// The one TypeORM DataSource: SQLite (embedded default) or MySQL/MariaDB from DATABASE_URL.
import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config.js';
import { ENTITIES } from '../entities/index.js';
import { FoldedColumnsSubscriber } from '../domain/search/folded-columns.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { queueSqliteTransactions } from './sqlite-transactions.js';

export function dataSourceOptions(db: DatabaseConfig, serverIsMariaDb = false): DataSourceOptions {
  // The subscriber keeps the folded search columns of every write (src/domain/search/folded-columns.ts).
  const subscribers = [FoldedColumnsSubscriber];
  const common = { subscribers, entities: ENTITIES, migrations: MIGRATIONS, migrationsTableName: 'migrations', synchronize: false, logging: false } as const;
  if (db.type === 'sqlite') {
    if (db.path !== ':memory:') mkdirSync(path.dirname(db.path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: db.path,
      // WAL lets readers work while the single writer commits; busy_timeout makes a second writer wait
      // instead of failing with SQLITE_BUSY.
      prepareDatabase: (raw: { pragma(s: string): unknown }) => {
        raw.pragma('journal_mode = WAL');
        raw.pragma('busy_timeout = 10000');
        raw.pragma('foreign_keys = ON');
      },
    };
  }
  return {
    ...common,
    // TypeORM reads MariaDB's catalog differently (e.g. column defaults): tell it which server it is.
    type: serverIsMariaDb ? 'mariadb' : 'mysql',
    url: db.url,
    charset: 'utf8mb4_unicode_ci',
    // Dates are civil dates ('YYYY-MM-DD') and timestamps are stored in UTC.
    timezone: 'Z',
    dateStrings: ['DATE'],
    connectorPackage: 'mysql2',
  };
}

/** mysql:// URLs may point at MySQL or MariaDB; ask the server once. */
async function isMariaDb(url: string): Promise<boolean> {
  const connection = await mysql.createConnection(url);
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return /mariadb/i.test(String((rows as Array<{ version: string }>)[0]?.version));
  } finally {
    await connection.end();
  }
}

export async function createDataSource(db: DatabaseConfig): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(db, db.type === 'mysql' && (await isMariaDb(db.url))));
  if (db.type === 'sqlite') queueSqliteTransactions(dataSource);
  return dataSource;
}
