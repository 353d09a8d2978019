import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { idColumn, intType, timestampColumn } from './support/portable-columns.js';

// Second factor of the staff (TOTP, RFC 6238): the secret and the last accepted time step on the
// account, and the single-use recovery codes (SHA-256 of each code) in a table of their own.
export class StaffSecondFactor1764200000000 implements MigrationInterface {
  name = 'StaffSecondFactor1764200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const INT = intType(queryRunner);
    await queryRunner.addColumns('staff_user', [
      new TableColumn({ name: 'totpSecret', type: 'varchar', length: '64', isNullable: true }),
      new TableColumn({ name: 'totpEnrolledAt', type: 'datetime', isNullable: true }),
      new TableColumn({ name: 'totpLastStep', type: INT, isNullable: true }),
    ]);
    await queryRunner.createTable(new Table({
      name: 'staff_recovery_code',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'staffUserId', type: INT, isNullable: false },
        { name: 'codeHash', type: 'varchar', length: '64', isNullable: false },
        { name: 'usedAt', type: 'datetime', isNullable: true },
        timestampColumn(queryRunner, 'createdAt', 'create'),
      ],
      indices: [
        new TableIndex({ name: 'IDX_7397611969721e0eeabb6679f6', columnNames: ['staffUserId', 'codeHash'], isUnique: true }),
      ],
      foreignKeys: [
        new TableForeignKey({ name: 'FK_5ada733a80c2f8ee1db9614e912', columnNames: ['staffUserId'], referencedTableName: 'staff_user', referencedColumnNames: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' }),
      ],
    }));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('staff_recovery_code');
    await queryRunner.dropColumns('staff_user', ['totpLastStep', 'totpEnrolledAt', 'totpSecret']);
  }
}
