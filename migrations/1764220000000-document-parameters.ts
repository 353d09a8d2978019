import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

// A Document keeps what it was made from besides its subject's records (printed date, a
// suppression form's « à compter de », a renewal notice's anniversary), so that a lost file can be
// regenerated and checked against its SHA-256. Documents made before have none (NULL).
export class DocumentParameters1764220000000 implements MigrationInterface {
  name = 'DocumentParameters1764220000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('document', new TableColumn({ name: 'parameters', type: 'varchar', length: '255', isNullable: true }));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('document', 'parameters');
  }
}
