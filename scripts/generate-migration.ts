// Prints a portable TypeORM migration that creates the tables of the given entities, written with the
// QueryRunner schema API (Table, TableIndex, TableForeignKey) so the same file runs on SQLite and MySQL.
// Usage: npx tsx scripts/generate-migration.ts <ClassName> [table ...] > migrations/<timestamp>-<name>.ts
// Review the output: a generated migration is a starting point, and once landed it is never edited.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ENTITIES } from '../src/entities/index.js';

const [className, ...onlyTables] = process.argv.slice(2);
if (!className) throw new Error('usage: generate-migration.ts <ClassName> [table ...]');

const ds = new DataSource({ type: 'better-sqlite3', database: ':memory:', entities: ENTITIES });
await ds.initialize();
const q = (v: unknown): string =>
  typeof v === 'string' ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
    : Array.isArray(v) ? `[${v.map(q).join(', ')}]` : JSON.stringify(v);
const section = (name: string, rows: string[]) => (rows.length ? `      ${name}: [\n${rows.join('\n')}\n      ],\n` : '');
const out: string[] = [];
const tables = ds.entityMetadatas.filter((m) => !onlyTables.length || onlyTables.includes(m.tableName))
  .sort((a, b) => a.tableName.localeCompare(b.tableName));
// Tables referenced by foreign keys must exist first.
const ordered: typeof tables = [];
const visit = (m: (typeof tables)[number]) => {
  if (ordered.includes(m)) return;
  for (const fk of m.foreignKeys) {
    const target = tables.find((t) => t.tableName === fk.referencedTablePath);
    if (target && target !== m) visit(target);
  }
  ordered.push(m);
};
tables.forEach(visit);

for (const m of ordered) {
  const cols = m.columns.map((c) => {
    if (c.isCreateDate || c.isUpdateDate) return `        timestampColumn(queryRunner, ${q(c.databaseName)}, ${q(c.isCreateDate ? 'create' : 'update')}),`;
    if (c.isGenerated && c.isPrimary) return `        idColumn(queryRunner, ${q(c.databaseName)}),`;
    if (c.type === 'boolean') return `        booleanColumn(queryRunner, ${q(c.databaseName)}, ${Boolean(c.default)}),`;
    const type = ds.driver.normalizeType(c);
    const o: string[] = [`name: ${q(c.databaseName)}`, type === 'integer' ? 'type: INT' : `type: ${q(type)}`];
    if (c.length) o.push(`length: ${q(c.length)}`);
    if (c.isPrimary) o.push('isPrimary: true');
    if (c.isGenerated) o.push(`isGenerated: true, generationStrategy: 'increment'`);
    o.push(`isNullable: ${c.isNullable}`);
    // Defaults written as the SQL both drivers produce from the entity (TypeORM's normalizeDefault).
    if (c.default !== undefined) o.push(`default: ${q(ds.driver.normalizeDefault(c))}`);
    return `        { ${o.join(', ')} },`;
  });
  const uniques = m.uniques.map((u) => `        new TableUnique({ name: ${q(u.name)}, columnNames: ${q(u.columns.map((c) => c.databaseName))} }),`);
  const indices = m.indices.map((i) =>
    `        new TableIndex({ name: ${q(i.name)}, columnNames: ${q(i.columns.map((c) => c.databaseName))}${i.isUnique ? ', isUnique: true' : ''} }),`);
  const fks = m.foreignKeys.map((f) =>
    `        new TableForeignKey({ name: ${q(f.name)}, columnNames: ${q(f.columnNames)}, referencedTableName: ${q(f.referencedTablePath)}, referencedColumnNames: ${q(f.referencedColumnNames)}, onDelete: ${q(f.onDelete ?? 'NO ACTION')}, onUpdate: ${q(f.onUpdate ?? 'NO ACTION')} }),`);
  out.push(`    await queryRunner.createTable(new Table({
      name: ${q(m.tableName)},
${section('columns', cols)}${section('uniques', uniques)}${section('indices', indices)}${section('foreignKeys', fks)}    }));`);
}

const body = out.join('\n');
const used = ['TableForeignKey', 'TableIndex', 'TableUnique'].filter((name) => body.includes(`new ${name}(`));
console.log(`import { ${['Table', ...used].join(', ')}, type MigrationInterface, type QueryRunner } from 'typeorm';
import { booleanColumn, idColumn, intType, timestampColumn } from './support/portable-columns.js';

export class ${className} implements MigrationInterface {
  name = ${q(className)};

  public async up(queryRunner: QueryRunner): Promise<void> {
    const INT = intType(queryRunner);
${body}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${[...ordered].reverse().map((m) => `    await queryRunner.dropTable(${q(m.tableName)});`).join('\n')}
  }
}`);
await ds.destroy();
