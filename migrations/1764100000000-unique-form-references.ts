import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// One paper form is recorded once: the reference printed on a demande d'accès (DA-…) or de
// suppression (DS-…) becomes unique, so two agents recording the same paper at the same instant
// cannot both succeed (the use cases' check alone could not stop that race). Rows without a
// reference (forms printed before references existed) stay allowed: NULLs are not compared.
const INDEXES = [
  { table: 'access_request', name: 'IDX_6418e1e2097ee277fd7547f710' },
  { table: 'suppression_request', name: 'IDX_0d973fae34703dfdb667dd25fc' },
];

export class UniqueFormReferences1764100000000 implements MigrationInterface {
  name = 'UniqueFormReferences1764100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const { table, name } of INDEXES) {
      const duplicates: Array<{ formReference: string }> = await queryRunner.query(
        `SELECT formReference FROM ${table} WHERE formReference IS NOT NULL GROUP BY formReference HAVING COUNT(*) > 1`,
      );
      if (duplicates.length) {
        throw new Error(`Migration impossible : des références de formulaire sont enregistrées plusieurs fois dans ${table} `
          + `(${duplicates.map((d) => d.formReference).join(', ')}). Corrigez ces demandes en double, puis relancez.`);
      }
      await queryRunner.createIndex(table, new TableIndex({ name, columnNames: ['formReference'], isUnique: true }));
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table, name } of INDEXES) await queryRunner.dropIndex(table, name);
  }
}
