// Column definitions whose SQL differs between SQLite and MySQL, resolved from the running driver so
// that one migration file serves both databases.
import type { QueryRunner, TableColumnOptions } from 'typeorm';

/** created/updated timestamps: same defaults as TypeORM's CreateDateColumn/UpdateDateColumn. */
export function timestampColumn(queryRunner: QueryRunner, name: string, kind: 'create' | 'update'): TableColumnOptions {
  const types = queryRunner.connection.driver.mappedDataTypes;
  const precision = kind === 'create' ? types.createDatePrecision : types.updateDatePrecision;
  const defaultValue = kind === 'create' ? types.createDateDefault : types.updateDateDefault;
  const isMysql = queryRunner.connection.driver.options.type === 'mysql' || queryRunner.connection.driver.options.type === 'mariadb';
  return {
    name,
    type: 'datetime',
    precision: precision ?? undefined,
    isNullable: false,
    default: defaultValue,
    // MySQL refreshes updatedAt itself; SQLite relies on TypeORM setting it on every update.
    onUpdate: kind === 'update' && isMysql ? defaultValue : undefined,
  };
}

/** Auto-increment primary key: SQLite only accepts AUTOINCREMENT on an INTEGER column. */
export function idColumn(queryRunner: QueryRunner, name = 'id'): TableColumnOptions {
  return { name, type: intType(queryRunner), isPrimary: true, isGenerated: true, generationStrategy: 'increment', isNullable: false };
}

/** SQLite names its integer type INTEGER; MySQL INT. */
export function intType(queryRunner: QueryRunner): string {
  return queryRunner.connection.driver.options.type === 'better-sqlite3' ? 'integer' : 'int';
}

/** Boolean: MySQL has no real boolean and reports tinyint(1); SQLite keeps the declared name. */
export function booleanColumn(queryRunner: QueryRunner, name: string, defaultValue: boolean): TableColumnOptions {
  const isSqlite = queryRunner.connection.driver.options.type === 'better-sqlite3';
  return isSqlite
    ? { name, type: 'boolean', isNullable: false, default: defaultValue ? '1' : '0' }
    : { name, type: 'tinyint', width: 1, isNullable: false, default: defaultValue ? '1' : '0' };
}
