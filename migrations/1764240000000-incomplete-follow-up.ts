import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { intType } from './support/portable-columns.js';

// An incomplete access request no longer waits forever (issue 15): the day its reminder went out and
// the day it was « classée sans suite » are kept on the request; the two delays are Settings (30 and 90
// days, the defaults the issue gives). Existing rows get the defaults; nothing else changes.
export class IncompleteFollowUp1764240000000 implements MigrationInterface {
  name = 'IncompleteFollowUp1764240000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('access_request', [
      new TableColumn({ name: 'incompleteReminderSentOn', type: 'date', isNullable: true }),
      new TableColumn({ name: 'closedOn', type: 'date', isNullable: true }),
    ]);
    await queryRunner.addColumns('settings', [
      new TableColumn({ name: 'incompleteReminderDays', type: intType(queryRunner), isNullable: false, default: '30' }),
      new TableColumn({ name: 'incompleteClosureDays', type: intType(queryRunner), isNullable: false, default: '90' }),
    ]);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('settings', 'incompleteClosureDays');
    await queryRunner.dropColumn('settings', 'incompleteReminderDays');
    await queryRunner.dropColumn('access_request', 'closedOn');
    await queryRunner.dropColumn('access_request', 'incompleteReminderSentOn');
  }
}
