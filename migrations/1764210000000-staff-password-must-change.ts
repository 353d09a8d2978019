import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { booleanColumn } from './support/portable-columns.js';

// A password chosen by someone else (account creation, reset by the Administrateur) must be replaced
// by the agent at the next login. Existing accounts are not marked: their agents chose their password.
export class StaffPasswordMustChange1764210000000 implements MigrationInterface {
  name = 'StaffPasswordMustChange1764210000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('staff_user', new TableColumn(booleanColumn(queryRunner, 'mustChangePassword', false)));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('staff_user', 'mustChangePassword');
  }
}
