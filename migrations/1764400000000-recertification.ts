import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { idColumn, intType, timestampColumn } from './support/portable-columns.js';

// The yearly recertification (issue 15 §1–2): each renewal notice issued is a recertification with the
// list of habilitations frozen on the day it was produced, what the partner returned, and the reminders
// sent (the Settings' list of days before the due date, « 30,7 »). Existing notices: no recertification.
export class Recertification1764400000000 implements MigrationInterface {
  name = 'Recertification1764400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const INT = intType(queryRunner);
    await queryRunner.createTable(new Table({
      name: 'recertification',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'conventionId', type: INT, isNullable: false },
        { name: 'anniversary', type: 'date', isNullable: false },
        { name: 'documentId', type: INT, isNullable: false },
        { name: 'reference', type: 'varchar', length: '32', isNullable: true },
        { name: 'dueDate', type: 'date', isNullable: false },
        { name: 'status', type: 'varchar', length: '16', isNullable: false, default: '\'envoyee\'' },
        { name: 'returnedDate', type: 'date', isNullable: true },
        { name: 'scanId', type: INT, isNullable: true },
        { name: 'signatory', type: 'varchar', length: '160', isNullable: true },
        { name: 'appliedAt', type: 'datetime', isNullable: true },
        { name: 'appliedById', type: INT, isNullable: true },
        { name: 'report', type: 'text', isNullable: true },
        { name: 'reminderDays', type: INT, isNullable: true },
        { name: 'remindedOn', type: 'date', isNullable: true },
        timestampColumn(queryRunner, 'createdAt', 'create'),
        timestampColumn(queryRunner, 'updatedAt', 'update'),
      ],
      indices: [
        new TableIndex({ name: 'IDX_bb6a7e2e58d216d066794926fb', columnNames: ['documentId'] }),
        new TableIndex({ name: 'IDX_2abf382b6a70f53be2ff3c3ce8', columnNames: ['reference'] }),
        new TableIndex({ name: 'IDX_20891fe94503bd5008363a3abb', columnNames: ['dueDate'] }),
        new TableIndex({ name: 'IDX_530c107e7daca14a1535b7cd2e', columnNames: ['status'] }),
        new TableIndex({ name: 'IDX_c417800e97b12117d1b7a9825f', columnNames: ['conventionId', 'anniversary'], isUnique: true }),
      ],
      foreignKeys: [
        new TableForeignKey({ name: 'FK_9737e46a2247cdb717f3b23cecf', columnNames: ['conventionId'], referencedTableName: 'convention', referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' }),
        new TableForeignKey({ name: 'FK_9e15c43d81a8a55d8539fbc2c05', columnNames: ['scanId'], referencedTableName: 'scan', referencedColumnNames: ['id'], onDelete: 'NO ACTION', onUpdate: 'NO ACTION' }),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'recertification_line',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'recertificationId', type: INT, isNullable: false },
        { name: 'habilitationId', type: INT, isNullable: false },
        { name: 'identifier', type: 'varchar', length: '20', isNullable: false },
        { name: 'name', type: 'varchar', length: '210', isNullable: false },
        { name: 'statusThen', type: 'varchar', length: '16', isNullable: false },
        { name: 'decision', type: 'varchar', length: '16', isNullable: true },
        { name: 'effectiveDate', type: 'date', isNullable: true },
        { name: 'outcome', type: 'varchar', length: '16', isNullable: true },
      ],
      indices: [
        new TableIndex({ name: 'IDX_9b45562d987355fb87d4867622', columnNames: ['recertificationId'] }),
        new TableIndex({ name: 'IDX_612e865ba5514e4abf8a6531eb', columnNames: ['habilitationId'] }),
      ],
      foreignKeys: [
        new TableForeignKey({ name: 'FK_9b45562d987355fb87d48676224', columnNames: ['recertificationId'], referencedTableName: 'recertification', referencedColumnNames: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' }),
      ],
    }));
    await queryRunner.addColumn('settings', new TableColumn({ name: 'recertificationReminderDays', type: 'varchar', length: '40', isNullable: false, default: "'30,7'" }));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('settings', 'recertificationReminderDays');
    await queryRunner.dropTable('recertification_line');
    await queryRunner.dropTable('recertification');
  }
}
