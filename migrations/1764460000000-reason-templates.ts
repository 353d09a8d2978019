import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { booleanColumn, idColumn, timestampColumn } from './support/portable-columns.js';

// The modèles de motif (issue 13 §5): wordings the Administrateur prepares for returning a demande
// d'accès incomplete or refusing it, picked then edited by the agent. None until the Administrateur
// writes them (the demo data seeds a few).
export class ReasonTemplates1764460000000 implements MigrationInterface {
  name = 'ReasonTemplates1764460000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(new Table({
      name: 'reason_template',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'decision', type: 'varchar', length: '16', isNullable: false },
        { name: 'label', type: 'varchar', length: '120', isNullable: false },
        { name: 'incompleteReason', type: 'varchar', length: '32', isNullable: true },
        { name: 'text', type: 'text', isNullable: false },
        booleanColumn(queryRunner, 'active', true),
        timestampColumn(queryRunner, 'createdAt', 'create'),
        timestampColumn(queryRunner, 'updatedAt', 'update'),
      ],
      indices: [new TableIndex({ name: 'IDX_15418e5d7de7c677af523a8eef', columnNames: ['decision', 'active'] })],
    }));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('reason_template');
  }
}
