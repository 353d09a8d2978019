import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { booleanColumn, idColumn, intType, timestampColumn } from './support/portable-columns.js';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const INT = intType(queryRunner);
    await queryRunner.createTable(new Table({
      name: 'access_profile',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'code', type: 'varchar', length: '16', isNullable: false },
        { name: 'label', type: 'varchar', length: '255', isNullable: false },
        { name: 'dataCategories', type: 'text', isNullable: false },
        booleanColumn(queryRunner, 'needsAccessCode', false),
        { name: 'accessCodeLabel', type: 'varchar', length: '100', isNullable: true },
        booleanColumn(queryRunner, 'dataSharingAnnex', false),
        { name: 'conventionKind', type: 'varchar', length: '32', isNullable: false, default: '\'cafpro\'' },
        booleanColumn(queryRunner, 'active', true),
      ],
      indices: [
        new TableIndex({ name: 'IDX_14f3473d4499cd0e2f6d43ac52', columnNames: ['code'], isUnique: true }),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'partner',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'name', type: 'varchar', length: '200', isNullable: false },
        { name: 'type', type: 'varchar', length: '32', isNullable: false },
        { name: 'siret', type: 'varchar', length: '14', isNullable: false },
        { name: 'addressLine1', type: 'varchar', length: '200', isNullable: false },
        { name: 'addressLine2', type: 'varchar', length: '200', isNullable: true },
        { name: 'postalCode', type: 'varchar', length: '5', isNullable: false },
        { name: 'city', type: 'varchar', length: '100', isNullable: false },
        { name: 'representativeCivility', type: 'varchar', length: '8', isNullable: false },
        { name: 'representativeName', type: 'varchar', length: '120', isNullable: false },
        { name: 'representativeTitle', type: 'varchar', length: '120', isNullable: false },
        { name: 'phone', type: 'varchar', length: '20', isNullable: true },
        { name: 'email', type: 'varchar', length: '254', isNullable: true },
        timestampColumn(queryRunner, 'createdAt', 'create'),
        timestampColumn(queryRunner, 'updatedAt', 'update'),
      ],
      indices: [
        new TableIndex({ name: 'IDX_9af6a8bd7cac55b61babc75385', columnNames: ['name'] }),
        new TableIndex({ name: 'IDX_3d40513e32d682c1be2927c57d', columnNames: ['type'] }),
        new TableIndex({ name: 'IDX_d876a8b906e4ed1b762b0d13ed', columnNames: ['siret'], isUnique: true }),
        new TableIndex({ name: 'IDX_f18291ed0f554a9671c1f08676', columnNames: ['city'] }),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'scan',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'originalName', type: 'varchar', length: '255', isNullable: false },
        { name: 'mimeType', type: 'varchar', length: '64', isNullable: false },
        { name: 'size', type: INT, isNullable: false },
        { name: 'sha256', type: 'varchar', length: '64', isNullable: false },
        { name: 'storagePath', type: 'varchar', length: '255', isNullable: false },
        { name: 'uploadedById', type: INT, isNullable: true },
        timestampColumn(queryRunner, 'createdAt', 'create'),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'convention',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'number', type: 'varchar', length: '40', isNullable: false },
        { name: 'year', type: INT, isNullable: false },
        { name: 'sequence', type: INT, isNullable: false },
        { name: 'partnerId', type: INT, isNullable: false },
        { name: 'profileId', type: INT, isNullable: false },
        { name: 'kind', type: 'varchar', length: '32', isNullable: false, default: '\'cafpro\'' },
        { name: 'status', type: 'varchar', length: '16', isNullable: false, default: '\'brouillon\'' },
        { name: 'signatoryCivility', type: 'varchar', length: '8', isNullable: false },
        { name: 'signatoryName', type: 'varchar', length: '120', isNullable: false },
        { name: 'signatoryTitle', type: 'varchar', length: '120', isNullable: false },
        { name: 'sentDate', type: 'date', isNullable: true },
        { name: 'partnerSignedDate', type: 'date', isNullable: true },
        { name: 'cafSignedDate', type: 'date', isNullable: true },
        { name: 'effectiveDate', type: 'date', isNullable: true },
        { name: 'noticeParty', type: 'varchar', length: '16', isNullable: true },
        { name: 'noticeReceivedDate', type: 'date', isNullable: true },
        { name: 'endDate', type: 'date', isNullable: true },
        { name: 'endReason', type: 'text', isNullable: true },
        { name: 'habilitationCap', type: INT, isNullable: true },
        { name: 'signedScanId', type: INT, isNullable: true },
        { name: 'createdById', type: INT, isNullable: true },
        timestampColumn(queryRunner, 'createdAt', 'create'),
        timestampColumn(queryRunner, 'updatedAt', 'update'),
      ],
      indices: [
        new TableIndex({ name: 'IDX_f7d17b3fbbdd6418809048e303', columnNames: ['number'], isUnique: true }),
        new TableIndex({ name: 'IDX_9406c828bdb0d575ec7a005aa2', columnNames: ['partnerId'] }),
        new TableIndex({ name: 'IDX_207c008b35ce4795895ae4be2d', columnNames: ['profileId'] }),
        new TableIndex({ name: 'IDX_7155499b00719a723946ae2a1d', columnNames: ['status'] }),
        new TableIndex({ name: 'IDX_1e73e0063a93fbf7b5b3b0976c', columnNames: ['effectiveDate'] }),
        new TableIndex({ name: 'IDX_f2815470313c8e85c01c37f54b', columnNames: ['endDate'] }),
        new TableIndex({ name: 'IDX_f10c86462acdf2d233ebe10928', columnNames: ['year', 'sequence'], isUnique: true }),
      ],
      foreignKeys: [
        new TableForeignKey({ name: 'FK_9406c828bdb0d575ec7a005aa2f', columnNames: ['partnerId'], referencedTableName: 'partner', referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' }),
        new TableForeignKey({ name: 'FK_207c008b35ce4795895ae4be2d8', columnNames: ['profileId'], referencedTableName: 'access_profile', referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' }),
        new TableForeignKey({ name: 'FK_8a4ec0c87cdbe9720d77f5d824d', columnNames: ['signedScanId'], referencedTableName: 'scan', referencedColumnNames: ['id'], onDelete: 'NO ACTION', onUpdate: 'NO ACTION' }),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'access_request',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'formReference', type: 'varchar', length: '32', isNullable: true },
        { name: 'conventionId', type: INT, isNullable: false },
        { name: 'civility', type: 'varchar', length: '8', isNullable: false },
        { name: 'lastName', type: 'varchar', length: '100', isNullable: false },
        { name: 'firstName', type: 'varchar', length: '100', isNullable: false },
        { name: 'professionalAddress', type: 'text', isNullable: false },
        { name: 'phone', type: 'varchar', length: '20', isNullable: false },
        { name: 'fax', type: 'varchar', length: '20', isNullable: true },
        { name: 'email', type: 'varchar', length: '254', isNullable: false },
        { name: 'position', type: 'varchar', length: '120', isNullable: false },
        { name: 'contractType', type: 'varchar', length: '3', isNullable: false },
        { name: 'contractEndDate', type: 'date', isNullable: true },
        { name: 'receivedDate', type: 'date', isNullable: false },
        booleanColumn(queryRunner, 'userSigned', false),
        booleanColumn(queryRunner, 'employerSigned', false),
        { name: 'scanId', type: INT, isNullable: true },
        { name: 'status', type: 'varchar', length: '16', isNullable: false, default: '\'recue\'' },
        { name: 'incompleteReason', type: 'varchar', length: '32', isNullable: true },
        { name: 'incompleteDetails', type: 'text', isNullable: true },
        { name: 'incompleteSince', type: 'date', isNullable: true },
        { name: 'complementReceivedDate', type: 'date', isNullable: true },
        { name: 'refusalReason', type: 'text', isNullable: true },
        { name: 'decidedAt', type: 'datetime', isNullable: true },
        { name: 'decidedById', type: INT, isNullable: true },
        { name: 'recordedById', type: INT, isNullable: true },
        { name: 'habilitationId', type: INT, isNullable: true },
        timestampColumn(queryRunner, 'createdAt', 'create'),
        timestampColumn(queryRunner, 'updatedAt', 'update'),
      ],
      indices: [
        new TableIndex({ name: 'IDX_e990ede7ce8c9be7a045e493f3', columnNames: ['conventionId'] }),
        new TableIndex({ name: 'IDX_3a74c682b82fc274f6671d52ce', columnNames: ['lastName'] }),
        new TableIndex({ name: 'IDX_471cb4d425851c70545a29cbc2', columnNames: ['receivedDate'] }),
        new TableIndex({ name: 'IDX_9ec779b93060366cbad0029609', columnNames: ['status'] }),
      ],
      foreignKeys: [
        new TableForeignKey({ name: 'FK_e990ede7ce8c9be7a045e493f36', columnNames: ['conventionId'], referencedTableName: 'convention', referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' }),
        new TableForeignKey({ name: 'FK_06676d79ff83f4e64a65eba2c4d', columnNames: ['scanId'], referencedTableName: 'scan', referencedColumnNames: ['id'], onDelete: 'NO ACTION', onUpdate: 'NO ACTION' }),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'audit_event',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'occurredAt', type: 'datetime', isNullable: false },
        { name: 'action', type: 'varchar', length: '64', isNullable: false },
        { name: 'actorId', type: INT, isNullable: true },
        { name: 'actorEmail', type: 'varchar', length: '254', isNullable: true },
        { name: 'entityType', type: 'varchar', length: '48', isNullable: true },
        { name: 'entityId', type: 'varchar', length: '64', isNullable: true },
        { name: 'fromState', type: 'varchar', length: '32', isNullable: true },
        { name: 'toState', type: 'varchar', length: '32', isNullable: true },
        { name: 'reason', type: 'text', isNullable: true },
        { name: 'details', type: 'text', isNullable: true },
        { name: 'ip', type: 'varchar', length: '64', isNullable: true },
        { name: 'userAgent', type: 'varchar', length: '255', isNullable: true },
        booleanColumn(queryRunner, 'legalHold', false),
      ],
      indices: [
        new TableIndex({ name: 'IDX_427668ea1a2d94fab0aa34e346', columnNames: ['occurredAt'] }),
        new TableIndex({ name: 'IDX_45452915f68f5a171bc4107b9e', columnNames: ['action'] }),
        new TableIndex({ name: 'IDX_98117695956bc9ebd1fcb6d635', columnNames: ['entityType', 'entityId'] }),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'document',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'kind', type: 'varchar', length: '48', isNullable: false },
        { name: 'subjectType', type: 'varchar', length: '48', isNullable: false },
        { name: 'subjectId', type: INT, isNullable: false },
        { name: 'title', type: 'varchar', length: '255', isNullable: false },
        { name: 'reference', type: 'varchar', length: '32', isNullable: true },
        { name: 'registerYear', type: INT, isNullable: true },
        { name: 'registerNumber', type: INT, isNullable: true },
        { name: 'dedupeKey', type: 'varchar', length: '128', isNullable: true },
        { name: 'storagePath', type: 'varchar', length: '255', isNullable: false },
        { name: 'sha256', type: 'varchar', length: '64', isNullable: false },
        { name: 'size', type: INT, isNullable: false },
        { name: 'generatedById', type: INT, isNullable: true },
        { name: 'generatedAt', type: 'datetime', isNullable: false },
      ],
      indices: [
        new TableIndex({ name: 'IDX_b12f1e5fbc990ae11e4c2ceb73', columnNames: ['kind'] }),
        new TableIndex({ name: 'IDX_c34b671d50334ad064faab160d', columnNames: ['reference'], isUnique: true }),
        new TableIndex({ name: 'IDX_7addc9025316a31a329e4e7668', columnNames: ['dedupeKey'], isUnique: true }),
        new TableIndex({ name: 'IDX_c925a9800bb2e3e22e96e214a0', columnNames: ['generatedAt'] }),
        new TableIndex({ name: 'IDX_2a7d9cd52c510f7ec8268ad62b', columnNames: ['registerYear', 'registerNumber'], isUnique: true }),
        new TableIndex({ name: 'IDX_110a3bff8d6381acb7c6eef4e1', columnNames: ['subjectType', 'subjectId'] }),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'habilitation',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'identifier', type: 'varchar', length: '20', isNullable: false },
        { name: 'conventionId', type: INT, isNullable: false },
        { name: 'accessRequestId', type: INT, isNullable: true },
        { name: 'civility', type: 'varchar', length: '8', isNullable: false },
        { name: 'lastName', type: 'varchar', length: '100', isNullable: false },
        { name: 'firstName', type: 'varchar', length: '100', isNullable: false },
        { name: 'email', type: 'varchar', length: '254', isNullable: false },
        { name: 'position', type: 'varchar', length: '120', isNullable: false },
        { name: 'accessCode', type: 'varchar', length: '50', isNullable: true },
        { name: 'grantedDate', type: 'date', isNullable: false },
        { name: 'endDate', type: 'date', isNullable: true },
        { name: 'status', type: 'varchar', length: '16', isNullable: false, default: '\'active\'' },
        { name: 'statusReason', type: 'varchar', length: '32', isNullable: true },
        { name: 'statusDetails', type: 'text', isNullable: true },
        { name: 'suspendedDate', type: 'date', isNullable: true },
        { name: 'revokedDate', type: 'date', isNullable: true },
        { name: 'replacesId', type: INT, isNullable: true },
        { name: 'passwordChangedDate', type: 'date', isNullable: true },
        { name: 'nextPasswordChangeDate', type: 'date', isNullable: true },
        timestampColumn(queryRunner, 'createdAt', 'create'),
        timestampColumn(queryRunner, 'updatedAt', 'update'),
      ],
      indices: [
        new TableIndex({ name: 'IDX_65438cc741f1b993bc887e0deb', columnNames: ['identifier'], isUnique: true }),
        new TableIndex({ name: 'IDX_3839681e58edec41f45bf154f3', columnNames: ['conventionId'] }),
        new TableIndex({ name: 'IDX_810637f01226ddde4a15839c5d', columnNames: ['lastName'] }),
        new TableIndex({ name: 'IDX_9974d6758f9631e9eb80db9cc4', columnNames: ['email'] }),
        new TableIndex({ name: 'IDX_db03c06598061ef74f14546cac', columnNames: ['grantedDate'] }),
        new TableIndex({ name: 'IDX_2b1e6f6cbb33285ef718ba47db', columnNames: ['endDate'] }),
        new TableIndex({ name: 'IDX_0ac2c9b59b3eaaa2bc3516b669', columnNames: ['status'] }),
        new TableIndex({ name: 'IDX_ff7dfa0eb3fe00538c2d0f6545', columnNames: ['nextPasswordChangeDate'] }),
      ],
      foreignKeys: [
        new TableForeignKey({ name: 'FK_3839681e58edec41f45bf154f37', columnNames: ['conventionId'], referencedTableName: 'convention', referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' }),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'habilitation_manager',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'conventionId', type: INT, isNullable: false },
        { name: 'civility', type: 'varchar', length: '8', isNullable: false },
        { name: 'lastName', type: 'varchar', length: '100', isNullable: false },
        { name: 'firstName', type: 'varchar', length: '100', isNullable: false },
        { name: 'address', type: 'text', isNullable: true },
        { name: 'phone', type: 'varchar', length: '20', isNullable: false },
        { name: 'fax', type: 'varchar', length: '20', isNullable: true },
        { name: 'email', type: 'varchar', length: '254', isNullable: false },
        { name: 'designationDate', type: 'date', isNullable: false },
        { name: 'endDate', type: 'date', isNullable: true },
        { name: 'currentFor', type: INT, isNullable: true },
        booleanColumn(queryRunner, 'isSignatory', false),
        { name: 'scanId', type: INT, isNullable: true },
        { name: 'recordedById', type: INT, isNullable: true },
        timestampColumn(queryRunner, 'createdAt', 'create'),
      ],
      indices: [
        new TableIndex({ name: 'IDX_abc521c58383701eedce74a183', columnNames: ['conventionId'] }),
        new TableIndex({ name: 'IDX_7f8d19a4422a7c790757b0b9d2', columnNames: ['currentFor'], isUnique: true }),
      ],
      foreignKeys: [
        new TableForeignKey({ name: 'FK_abc521c58383701eedce74a183b', columnNames: ['conventionId'], referencedTableName: 'convention', referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' }),
        new TableForeignKey({ name: 'FK_711b5f1c3d66709bdfc4c6a4e3f', columnNames: ['scanId'], referencedTableName: 'scan', referencedColumnNames: ['id'], onDelete: 'NO ACTION', onUpdate: 'NO ACTION' }),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'job_run',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'job', type: 'varchar', length: '48', isNullable: false },
        { name: 'startedAt', type: 'datetime', isNullable: false },
        { name: 'endedAt', type: 'datetime', isNullable: true },
        { name: 'status', type: 'varchar', length: '16', isNullable: false, default: '\'en-cours\'' },
        { name: 'counts', type: 'text', isNullable: true },
        { name: 'error', type: 'text', isNullable: true },
        { name: 'instance', type: 'varchar', length: '64', isNullable: true },
      ],
      indices: [
        new TableIndex({ name: 'IDX_46415563e1ad7ca05403f22dde', columnNames: ['job'] }),
        new TableIndex({ name: 'IDX_cd95fc0d5ecb052b768a5557e1', columnNames: ['startedAt'] }),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'outbox_email',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'kind', type: 'varchar', length: '48', isNullable: false },
        { name: 'to', type: 'text', isNullable: false },
        { name: 'cc', type: 'text', isNullable: true },
        { name: 'subject', type: 'varchar', length: '255', isNullable: false },
        { name: 'html', type: 'text', isNullable: false },
        { name: 'text', type: 'text', isNullable: false },
        { name: 'attachments', type: 'text', isNullable: true },
        { name: 'relatedType', type: 'varchar', length: '48', isNullable: true },
        { name: 'relatedId', type: 'varchar', length: '64', isNullable: true },
        { name: 'status', type: 'varchar', length: '16', isNullable: false, default: '\'en-attente\'' },
        { name: 'attempts', type: INT, isNullable: false, default: '0' },
        { name: 'nextAttemptAt', type: 'datetime', isNullable: false },
        { name: 'claimedBy', type: 'varchar', length: '64', isNullable: true },
        { name: 'claimedAt', type: 'datetime', isNullable: true },
        { name: 'sentAt', type: 'datetime', isNullable: true },
        { name: 'lastError', type: 'text', isNullable: true },
        timestampColumn(queryRunner, 'createdAt', 'create'),
      ],
      indices: [
        new TableIndex({ name: 'IDX_67c176114360195d814cf77a21', columnNames: ['kind'] }),
        new TableIndex({ name: 'IDX_514e892b619beb00734d2fe873', columnNames: ['relatedType', 'relatedId'] }),
        new TableIndex({ name: 'IDX_ce3a102126d1e16199ba38212d', columnNames: ['status', 'nextAttemptAt'] }),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'password_campaign',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'changeDate', type: 'date', isNullable: false },
        { name: 'scope', type: 'varchar', length: '16', isNullable: false },
        { name: 'scopePartnerId', type: INT, isNullable: true },
        { name: 'scopeConventionId', type: INT, isNullable: true },
        { name: 'scopeProfileId', type: INT, isNullable: true },
        { name: 'noticeDays', type: INT, isNullable: false },
        { name: 'status', type: 'varchar', length: '16', isNullable: false, default: '\'planifiee\'' },
        { name: 'noticesQueuedAt', type: 'datetime', isNullable: true },
        { name: 'appliedAt', type: 'datetime', isNullable: true },
        { name: 'createdById', type: INT, isNullable: true },
        timestampColumn(queryRunner, 'createdAt', 'create'),
      ],
      indices: [
        new TableIndex({ name: 'IDX_6aa013abe2552f5b47c5cb938f', columnNames: ['changeDate'] }),
        new TableIndex({ name: 'IDX_676afde3f72d9facdfaa240423', columnNames: ['status'] }),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'password_campaign_recipient',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'campaignId', type: INT, isNullable: false },
        { name: 'habilitationId', type: INT, isNullable: false },
        { name: 'email', type: 'varchar', length: '254', isNullable: false },
        { name: 'status', type: 'varchar', length: '16', isNullable: false, default: '\'en-attente\'' },
        { name: 'outboxEmailId', type: INT, isNullable: true },
        { name: 'sentAt', type: 'datetime', isNullable: true },
      ],
      indices: [
        new TableIndex({ name: 'IDX_ff79f760c80cdccdcbe927cf2c', columnNames: ['habilitationId'] }),
        new TableIndex({ name: 'IDX_9275910d7aca3b0c4ad67a53e3', columnNames: ['status'] }),
        new TableIndex({ name: 'IDX_85c4929c207776e4e5ae0f44b4', columnNames: ['campaignId', 'habilitationId'], isUnique: true }),
      ],
      foreignKeys: [
        new TableForeignKey({ name: 'FK_a291e240d824074f06042024d59', columnNames: ['campaignId'], referencedTableName: 'password_campaign', referencedColumnNames: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' }),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'sequence_counter',
      columns: [
        { name: 'name', type: 'varchar', length: '64', isPrimary: true, isNullable: false },
        { name: 'value', type: INT, isNullable: false, default: '0' },
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'session',
      columns: [
        { name: 'id', type: 'varchar', length: '128', isPrimary: true, isNullable: false },
        { name: 'expiresAt', type: 'datetime', isNullable: false },
        { name: 'staffUserId', type: INT, isNullable: true },
        { name: 'data', type: 'text', isNullable: false },
      ],
      indices: [
        new TableIndex({ name: 'IDX_5d97cf9773002b16861b4bb8ae', columnNames: ['expiresAt'] }),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'settings',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'cafName', type: 'varchar', length: '120', isNullable: false },
        { name: 'addressLine1', type: 'varchar', length: '120', isNullable: false },
        { name: 'addressLine2', type: 'varchar', length: '120', isNullable: true },
        { name: 'postalCode', type: 'varchar', length: '5', isNullable: false },
        { name: 'city', type: 'varchar', length: '100', isNullable: false },
        { name: 'website', type: 'varchar', length: '120', isNullable: true },
        { name: 'directorCivility', type: 'varchar', length: '8', isNullable: false, default: '\'Madame\'' },
        { name: 'directorName', type: 'varchar', length: '120', isNullable: false },
        { name: 'directorTitle', type: 'varchar', length: '120', isNullable: false },
        { name: 'delegateName', type: 'varchar', length: '120', isNullable: true },
        { name: 'delegateTitle', type: 'varchar', length: '120', isNullable: true },
        { name: 'contactName', type: 'varchar', length: '120', isNullable: false },
        { name: 'contactPhone', type: 'varchar', length: '20', isNullable: false },
        { name: 'contactEmail', type: 'varchar', length: '254', isNullable: false },
        { name: 'departmentCode', type: 'varchar', length: '3', isNullable: false },
        { name: 'numberSuffix', type: 'varchar', length: '8', isNullable: false, default: '\'\'' },
        { name: 'renewalLeadDays', type: INT, isNullable: false, default: '90' },
        { name: 'passwordPeriodDays', type: INT, isNullable: false, default: '90' },
        { name: 'passwordNoticeDays', type: INT, isNullable: false, default: '15' },
        { name: 'traceRetentionMonths', type: INT, isNullable: false, default: '6' },
        booleanColumn(queryRunner, 'doubleCheck', false),
        timestampColumn(queryRunner, 'updatedAt', 'update'),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'staff_user',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'email', type: 'varchar', length: '254', isNullable: false },
        { name: 'name', type: 'varchar', length: '120', isNullable: false },
        { name: 'role', type: 'varchar', length: '32', isNullable: false, default: '\'consultation\'' },
        booleanColumn(queryRunner, 'active', true),
        { name: 'passwordHash', type: 'varchar', length: '255', isNullable: false },
        { name: 'passwordChangedAt', type: 'datetime', isNullable: true },
        { name: 'failedAttempts', type: INT, isNullable: false, default: '0' },
        { name: 'lockedUntil', type: 'datetime', isNullable: true },
        { name: 'lastLoginAt', type: 'datetime', isNullable: true },
        timestampColumn(queryRunner, 'createdAt', 'create'),
        timestampColumn(queryRunner, 'updatedAt', 'update'),
      ],
      indices: [
        new TableIndex({ name: 'IDX_41a4f42a05b7aee26f9d3a0bb6', columnNames: ['email'], isUnique: true }),
      ],
    }));
    await queryRunner.createTable(new Table({
      name: 'suppression_request',
      columns: [
        idColumn(queryRunner, 'id'),
        { name: 'formReference', type: 'varchar', length: '32', isNullable: true },
        { name: 'habilitationId', type: INT, isNullable: false },
        { name: 'position', type: 'varchar', length: '120', isNullable: false },
        { name: 'effectiveDate', type: 'date', isNullable: false },
        { name: 'receivedDate', type: 'date', isNullable: false },
        booleanColumn(queryRunner, 'employerSigned', false),
        { name: 'scanId', type: INT, isNullable: true },
        { name: 'status', type: 'varchar', length: '16', isNullable: false, default: '\'recue\'' },
        { name: 'rejectionReason', type: 'text', isNullable: true },
        { name: 'revokedDate', type: 'date', isNullable: true },
        { name: 'decidedAt', type: 'datetime', isNullable: true },
        { name: 'decidedById', type: INT, isNullable: true },
        { name: 'recordedById', type: INT, isNullable: true },
        timestampColumn(queryRunner, 'createdAt', 'create'),
        timestampColumn(queryRunner, 'updatedAt', 'update'),
      ],
      indices: [
        new TableIndex({ name: 'IDX_af979ecd0615b351f047275283', columnNames: ['habilitationId'] }),
        new TableIndex({ name: 'IDX_f0ccff2c7ea5db7a18039944dc', columnNames: ['effectiveDate'] }),
        new TableIndex({ name: 'IDX_023e0e71223302a1b74477d4ee', columnNames: ['receivedDate'] }),
        new TableIndex({ name: 'IDX_98db97a887a5a775829dd7cc11', columnNames: ['status'] }),
      ],
      foreignKeys: [
        new TableForeignKey({ name: 'FK_af979ecd0615b351f0472752832', columnNames: ['habilitationId'], referencedTableName: 'habilitation', referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' }),
        new TableForeignKey({ name: 'FK_7125c2c7b2886ead023731ec3e1', columnNames: ['scanId'], referencedTableName: 'scan', referencedColumnNames: ['id'], onDelete: 'NO ACTION', onUpdate: 'NO ACTION' }),
      ],
    }));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('suppression_request');
    await queryRunner.dropTable('staff_user');
    await queryRunner.dropTable('settings');
    await queryRunner.dropTable('session');
    await queryRunner.dropTable('sequence_counter');
    await queryRunner.dropTable('password_campaign_recipient');
    await queryRunner.dropTable('password_campaign');
    await queryRunner.dropTable('outbox_email');
    await queryRunner.dropTable('job_run');
    await queryRunner.dropTable('habilitation_manager');
    await queryRunner.dropTable('habilitation');
    await queryRunner.dropTable('document');
    await queryRunner.dropTable('audit_event');
    await queryRunner.dropTable('access_request');
    await queryRunner.dropTable('convention');
    await queryRunner.dropTable('scan');
    await queryRunner.dropTable('partner');
    await queryRunner.dropTable('access_profile');
  }
}
