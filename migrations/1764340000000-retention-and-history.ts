import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { intType } from './support/portable-columns.js';

// National volumes (issue 14). « Historique » reads the journal of one record newest first: the index on
// (entityType, entityId) left the order to a sort of every entry of that record, it now ends with
// occurredAt. Sent emails and decision entries get a retention in the Settings (12 months, 5 years),
// purged by the daily job; existing rows get the defaults.
export class RetentionAndHistory1764340000000 implements MigrationInterface {
  name = 'RetentionAndHistory1764340000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('audit_event', new TableIndex({ name: 'IDX_aab799035a8652c41f456021f8', columnNames: ['entityType', 'entityId', 'occurredAt'] }));
    await queryRunner.dropIndex('audit_event', 'IDX_98117695956bc9ebd1fcb6d635');
    await queryRunner.addColumns('settings', [
      new TableColumn({ name: 'sentEmailRetentionMonths', type: intType(queryRunner), isNullable: false, default: '12' }),
      new TableColumn({ name: 'decisionRetentionYears', type: intType(queryRunner), isNullable: false, default: '5' }),
    ]);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('settings', 'decisionRetentionYears');
    await queryRunner.dropColumn('settings', 'sentEmailRetentionMonths');
    await queryRunner.createIndex('audit_event', new TableIndex({ name: 'IDX_98117695956bc9ebd1fcb6d635', columnNames: ['entityType', 'entityId'] }));
    await queryRunner.dropIndex('audit_event', 'IDX_aab799035a8652c41f456021f8');
  }
}
