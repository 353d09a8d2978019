import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { intType } from './support/portable-columns.js';

// A CDD no longer ends silently (issue 15 §3): the responsable is told some days before (the Settings'
// list, « 14,1 » by default), and each habilitation keeps the last notice sent for its current end
// date, so a second run of the job sends nothing twice. Existing rows: nothing sent yet.
export class ContractEndNotices1764390000000 implements MigrationInterface {
  name = 'ContractEndNotices1764390000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('habilitation', new TableColumn({ name: 'contractEndNoticeDays', type: intType(queryRunner), isNullable: true }));
    await queryRunner.addColumn('settings', new TableColumn({ name: 'contractEndNoticeDays', type: 'varchar', length: '40', isNullable: false, default: "'14,1'" }));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('settings', 'contractEndNoticeDays');
    await queryRunner.dropColumn('habilitation', 'contractEndNoticeDays');
  }
}
