// Shared by the convention DB tests: a migrated database with the reference data, the services of
// the use cases (temporary file storage, a fixed clock), an actor, and a few builders.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { FolderStorage } from '../../../src/adapters/storage.js';
import type { DatabaseConfig } from '../../../src/config.js';
import { ensureReferenceData } from '../../../src/db/reference-data.js';
import type { Actor } from '../../../src/domain/audit/audit.js';
import type { ConventionServices } from '../../../src/domain/convention/convention.use-cases.js';
import { fixedClock, type Clock } from '../../../src/domain/shared/clock.js';
import { AccessProfile } from '../../../src/entities/access-profile.entity.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { Convention } from '../../../src/entities/convention.entity.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { StaffUser } from '../../../src/entities/staff-user.entity.js';
import type { UploadedFile } from '../../../src/domain/scans/scan-upload.js';
import { makePartner } from '../../support/factories.js';
import { openTestDataSource } from '../../support/database.js';

/** 23 November 2026, 11:00 in Paris. */
export const TODAY = '2026-11-23';
export const NOW = '2026-11-23T10:00:00Z';

export interface TestContext {
  dataSource: DataSource;
  config: DatabaseConfig;
  storage: FolderStorage;
  actor: Actor;
  services(clock?: Clock): ConventionServices;
  close(): Promise<void>;
}

export async function openContext(): Promise<TestContext> {
  const { dataSource, config } = await openTestDataSource();
  await dataSource.transaction((manager) => ensureReferenceData(manager));
  const storage = new FolderStorage(mkdtempSync(path.join(os.tmpdir(), 'cafpro-convention-files-')));
  const staff = await dataSource.getRepository(StaffUser).save({
    email: 'directrice@test.caf.fr', name: 'Agnès Lœwy', role: 'directeur', active: true, passwordHash: 'x',
  } as Partial<StaffUser>);
  const actor: Actor = { staffUserId: staff.id, email: staff.email, role: 'directeur', ip: '127.0.0.1', userAgent: 'jest' };
  return {
    dataSource, config, storage, actor,
    services: (clock = fixedClock(NOW)) => ({ dataSource, storage, clock }),
    close: () => dataSource.destroy(),
  };
}

export { secondDataSource } from '../../support/database.js';

let n = 0;

/** A convention row in the given state, numbered outside the counters (year 2026, sequence 7000+). */
export async function makeConventionRow(ds: DataSource, overrides: Partial<Convention> = {}, profileCode = 'T2'): Promise<Convention> {
  const partner = await makePartner(ds);
  const profile = await ds.getRepository(AccessProfile).findOneByOrFail({ code: profileCode });
  const sequence = 7000 + ++n;
  return ds.getRepository(Convention).save({
    number: `78/2026/${sequence}AS – ${profileCode}`, year: 2026, sequence,
    partnerId: partner.id, profileId: profile.id, kind: profile.conventionKind, status: 'brouillon',
    signatoryCivility: 'Madame', signatoryName: 'Françoise Lecœur', signatoryTitle: 'Maire', ...overrides,
  } as Partial<Convention>);
}

/** A signed convention effective on `effectiveDate`. */
export function makeSignedConvention(ds: DataSource, effectiveDate = '2025-03-15', overrides: Partial<Convention> = {}, profileCode = 'T2') {
  return makeConventionRow(ds, {
    status: 'signee', sentDate: effectiveDate, partnerSignedDate: effectiveDate, cafSignedDate: effectiveDate, effectiveDate, ...overrides,
  }, profileCode);
}

export async function makeHabilitationRow(ds: DataSource, conventionId: number, overrides: Partial<Habilitation> = {}): Promise<Habilitation> {
  const i = ++n;
  return ds.getRepository(Habilitation).save({
    identifier: `CP78-${String(700000 + i)}`, conventionId, civility: 'Madame', lastName: `Lefèvre-${i}`, firstName: 'Hélène',
    email: `helene.lefevre.${i}@essai.fr`, position: 'Assistante sociale', grantedDate: '2025-04-01', status: 'active', ...overrides,
  } as Partial<Habilitation>);
}

/** A PDF « scan » as express-formidable hands it over. */
export function uploadedPdf(name = 'convention-signée.pdf', content = '%PDF-1.4\n% copie signée\n'): UploadedFile {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cafpro-upload-'));
  const file = path.join(dir, 'upload');
  writeFileSync(file, content);
  return { path: file, name, size: Buffer.byteLength(content) };
}

export function auditOf(ds: DataSource, entityType: string, entityId: number | string): Promise<AuditEvent[]> {
  return ds.getRepository(AuditEvent).find({ where: { entityType, entityId: String(entityId) }, order: { id: 'ASC' } });
}
