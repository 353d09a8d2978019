import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

// National volumes (issue 14): the slowest lists read their page from an index matching their filter
// and their order instead of scanning and sorting the table — « Courriels » newest first (all, or of
// one state), the journal of one action newest first (also the purge of connection traces, by action
// and age; it replaces the index on the action alone), the access-request queue by state in the order
// of receipt, habilitations by state in the order of last names. Only indexes: no data changes.
const INDEXES: Array<[string, TableIndex]> = [
  ['outbox_email', new TableIndex({ name: 'IDX_9c152f9ee80c3266e5d759e47b', columnNames: ['status', 'createdAt'] })],
  ['outbox_email', new TableIndex({ name: 'IDX_508e6007a65cb6a55eed8a3395', columnNames: ['createdAt'] })],
  ['access_request', new TableIndex({ name: 'IDX_6bb6de3d9728a01a3685aab369', columnNames: ['status', 'receivedDate'] })],
  ['habilitation', new TableIndex({ name: 'IDX_c27b3397d4508183053c435c14', columnNames: ['status', 'lastName'] })],
  ['audit_event', new TableIndex({ name: 'IDX_10558f18802da3b1a1f3f9566e', columnNames: ['action', 'occurredAt'] })],
];
const ACTION_INDEX = 'IDX_45452915f68f5a171bc4107b9e';

export class ListIndexes1764345000000 implements MigrationInterface {
  name = 'ListIndexes1764345000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, index] of INDEXES) await queryRunner.createIndex(table, index);
    await queryRunner.dropIndex('audit_event', ACTION_INDEX);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('audit_event', new TableIndex({ name: ACTION_INDEX, columnNames: ['action'] }));
    for (const [table, index] of [...INDEXES].reverse()) await queryRunner.dropIndex(table, index.name!);
  }
}
