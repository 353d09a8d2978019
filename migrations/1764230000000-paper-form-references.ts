import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// The designation form is a paper form like the others: the reference printed on it (RH-…) is stored
// on the designation and unique, so one paper is recorded once even when two agents key it at the
// same instant (as 1764100000000 did for DA-/DS-). Existing designations have no reference: NULLs are
// not compared. The « à compter de » date printed on a pre-filled suppression form is kept with its
// Document, so typing its reference carries the date back into the new request.
const DESIGNATION_REFERENCE_INDEX = 'IDX_40e444d96982993bffe7b1ef34';

export class PaperFormReferences1764230000000 implements MigrationInterface {
  name = 'PaperFormReferences1764230000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('habilitation_manager', new TableColumn({ name: 'formReference', type: 'varchar', length: '32', isNullable: true }));
    await queryRunner.createIndex('habilitation_manager', new TableIndex({ name: DESIGNATION_REFERENCE_INDEX, columnNames: ['formReference'], isUnique: true }));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('habilitation_manager', DESIGNATION_REFERENCE_INDEX);
    await queryRunner.dropColumn('habilitation_manager', 'formReference');
  }
}
