import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { foldEmail, foldName } from '../src/domain/shared/normalize.js';

// Search and French sort through indexed folded names (issues 13 §2 and §4, 14): the names people
// search by get a folded copy (« Hélène LEFÈVRE » → « helene lefevre »), indexed, which a prefix
// match reads as a range of the index and the lists sort on. Existing rows are filled here, in
// batches of ids (a populated database migrates in minutes on both engines), before the indexes are
// built. The habilitations by state are now listed in the folded order: that index replaces the one
// on (status, lastName).

type Fold = (value: string) => string;
const PERSON: Array<[string, string, number, Fold]> = [
  ['lastNameFolded', 'lastName', 120, foldName], ['firstNameFolded', 'firstName', 120, foldName], ['emailFolded', 'email', 254, foldEmail],
];
const TABLES: Array<{ table: string; columns: Array<[string, string, number, Fold]>; indexes: TableIndex[] }> = [
  { table: 'partner', columns: [['nameFolded', 'name', 220, foldName]], indexes: [
    new TableIndex({ name: 'IDX_75000368e05de52d7771f7a3fb', columnNames: ['nameFolded'] }),
  ] },
  { table: 'habilitation', columns: PERSON, indexes: [
    new TableIndex({ name: 'IDX_04bdb5a0a04a79ea5f9d4e5f77', columnNames: ['lastNameFolded', 'firstNameFolded'] }),
    new TableIndex({ name: 'IDX_a18c5edb01264e7986c86fe2ff', columnNames: ['firstNameFolded'] }),
    new TableIndex({ name: 'IDX_45ba982422d9bc050877b742ab', columnNames: ['emailFolded'] }),
    new TableIndex({ name: 'IDX_47d79f830eb3a956590befcde3', columnNames: ['status', 'lastNameFolded', 'firstNameFolded'] }),
  ] },
  { table: 'access_request', columns: PERSON, indexes: [
    new TableIndex({ name: 'IDX_42de3990012631744af990f34c', columnNames: ['lastNameFolded', 'firstNameFolded'] }),
    new TableIndex({ name: 'IDX_e445ff5c716fd4fa8c01ceccd5', columnNames: ['firstNameFolded'] }),
    new TableIndex({ name: 'IDX_2ff39a8dae7b4ac92ebe5eda1e', columnNames: ['emailFolded'] }),
  ] },
  { table: 'habilitation_manager', columns: PERSON, indexes: [
    new TableIndex({ name: 'IDX_9e13abc7eeed52c0821570d35b', columnNames: ['lastNameFolded', 'firstNameFolded'] }),
    new TableIndex({ name: 'IDX_f6901e2c5eb9792c683101384a', columnNames: ['emailFolded'] }),
  ] },
];
const HABILITATION_STATUS_NAME = 'IDX_c27b3397d4508183053c435c14';
/** Rows per UPDATE: one CASE per column over the batch's ids. */
const BATCH = 500;

async function fill(queryRunner: QueryRunner, table: string, columns: Array<[string, string, number, Fold]>): Promise<void> {
  const q = (name: string) => queryRunner.connection.driver.escape(name);
  const sources = columns.map(([, source]) => q(source)).join(', ');
  for (let last = 0; ;) {
    const rows = await queryRunner.query(`SELECT ${q('id')}, ${sources} FROM ${q(table)} WHERE ${q('id')} > ? ORDER BY ${q('id')} LIMIT ${BATCH}`, [last]) as Array<Record<string, unknown>>;
    if (!rows.length) return;
    const parameters: unknown[] = [];
    const sets = columns.map(([folded, source, , fold]) => {
      const whens = rows.map((row) => { parameters.push(row.id, fold(String(row[source] ?? ''))); return 'WHEN ? THEN ?'; });
      return `${q(folded)} = CASE ${q('id')} ${whens.join(' ')} END`;
    });
    parameters.push(...rows.map((row) => row.id));
    await queryRunner.query(`UPDATE ${q(table)} SET ${sets.join(', ')} WHERE ${q('id')} IN (${rows.map(() => '?').join(', ')})`, parameters);
    last = Number(rows[rows.length - 1].id);
  }
}

/**
 * SQLite: TypeORM adds or drops a column by copying the table into a new one, which a populated
 * database refuses (the rows of other tables point at it: FOREIGN KEY constraint failed) and which
 * costs a copy of 500,000 rows; SQLite's own ALTER TABLE does it in place.
 */
async function addColumns(queryRunner: QueryRunner, table: string, columns: Array<[string, string, number, Fold]>): Promise<void> {
  if (queryRunner.connection.driver.options.type !== 'better-sqlite3') {
    await queryRunner.addColumns(table, columns.map(([name, , length]) =>
      new TableColumn({ name, type: 'varchar', length: String(length), isNullable: false, default: "''" })));
    return;
  }
  for (const [name, , length] of columns) await queryRunner.query(`ALTER TABLE "${table}" ADD COLUMN "${name}" varchar(${length}) NOT NULL DEFAULT ('')`);
}

async function dropColumns(queryRunner: QueryRunner, table: string, columns: Array<[string, string, number, Fold]>): Promise<void> {
  if (queryRunner.connection.driver.options.type !== 'better-sqlite3') {
    await queryRunner.dropColumns(table, columns.map(([name]) => name));
    return;
  }
  for (const [name] of columns) await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "${name}"`);
}

export class FoldedNames1764430000000 implements MigrationInterface {
  name = 'FoldedNames1764430000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const { table, columns, indexes } of TABLES) {
      await addColumns(queryRunner, table, columns);
      await fill(queryRunner, table, columns);
      for (const index of indexes) await queryRunner.createIndex(table, index);
    }
    await queryRunner.dropIndex('habilitation', HABILITATION_STATUS_NAME);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('habilitation', new TableIndex({ name: HABILITATION_STATUS_NAME, columnNames: ['status', 'lastName'] }));
    for (const { table, columns, indexes } of [...TABLES].reverse()) {
      for (const index of [...indexes].reverse()) await queryRunner.dropIndex(table, index.name!);
      await dropColumns(queryRunner, table, columns);
    }
  }
}
