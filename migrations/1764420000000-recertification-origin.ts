import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { intType } from './support/portable-columns.js';

// A recertification outside the anniversary (issue 15 §3): a new responsable habilitations designated
// receives the list of the partner's habilitations to confirm. Each recertification says where it comes
// from (`origin`: the yearly renewal notice, « anniversaire », for every existing row; or the designation
// of a new responsable, whose id it keeps), and the uniqueness per convention and day is per origin, so
// a designation on an anniversary does not collide with that anniversary's yearly list.
export class RecertificationOrigin1764420000000 implements MigrationInterface {
  name = 'RecertificationOrigin1764420000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('recertification', new TableColumn({ name: 'origin', type: 'varchar', length: '24', isNullable: false, default: "'anniversaire'" }));
    await queryRunner.addColumn('recertification', new TableColumn({ name: 'habilitationManagerId', type: intType(queryRunner), isNullable: true }));
    await queryRunner.createIndex('recertification', new TableIndex({ name: 'IDX_6a175654be5430836e527c10bd', columnNames: ['habilitationManagerId'] }));
    // The new unique index first: on MySQL the convention's foreign key needs an index starting with conventionId at all times.
    await queryRunner.createIndex('recertification', new TableIndex({
      name: 'IDX_bb58f37e0cdc17a26795c402b3', columnNames: ['conventionId', 'anniversary', 'origin'], isUnique: true,
    }));
    await queryRunner.dropIndex('recertification', 'IDX_c417800e97b12117d1b7a9825f');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM recertification_line WHERE recertificationId IN (SELECT id FROM recertification WHERE origin <> 'anniversaire')");
    await queryRunner.query("DELETE FROM recertification WHERE origin <> 'anniversaire'");
    await queryRunner.createIndex('recertification', new TableIndex({ name: 'IDX_c417800e97b12117d1b7a9825f', columnNames: ['conventionId', 'anniversary'], isUnique: true }));
    await queryRunner.dropIndex('recertification', 'IDX_bb58f37e0cdc17a26795c402b3');
    await queryRunner.dropIndex('recertification', 'IDX_6a175654be5430836e527c10bd');
    await queryRunner.dropColumn('recertification', 'habilitationManagerId');
    await queryRunner.dropColumn('recertification', 'origin');
  }
}
