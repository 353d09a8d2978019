// Shared by the DB tests of access requests, habilitations and suppression requests: a migrated
// database with the reference data, the services of the use cases (temporary file storage, a fixed
// clock), one agent per role involved, builders, and a recorder of the published domain events.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { FolderStorage } from '../../../src/adapters/storage.js';
import type { DatabaseConfig } from '../../../src/config.js';
import { ensureReferenceData } from '../../../src/db/reference-data.js';
import type { Actor } from '../../../src/domain/audit/audit.js';
import { onDomainEvent, type DomainEvent } from '../../../src/domain/events.js';
import type { WorkflowServices } from '../../../src/domain/habilitation/habilitation.use-cases.js';
import { fixedClock, type Clock } from '../../../src/domain/shared/clock.js';
import type { UploadedFile } from '../../../src/domain/scans/scan-upload.js';
import { AccessProfile } from '../../../src/entities/access-profile.entity.js';
import { AccessRequest } from '../../../src/entities/access-request.entity.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { Convention } from '../../../src/entities/convention.entity.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { Partner } from '../../../src/entities/partner.entity.js';
import { Settings } from '../../../src/entities/settings.entity.js';
import { StaffUser } from '../../../src/entities/staff-user.entity.js';
import type { StaffRole } from '../../../src/policies/roles.js';
import { makePartner } from '../../support/factories.js';
import { openTestDataSource } from '../../support/database.js';

/** 23 November 2026, 11:00 in Paris. */
export const TODAY = '2026-11-23';
export const NOW = '2026-11-23T10:00:00Z';

export interface TestContext {
  dataSource: DataSource;
  config: DatabaseConfig;
  storage: FolderStorage;
  /** The Gestionnaire conventions who records the paper forms. */
  clerk: Actor;
  /** Two Gestionnaires habilitations who decide. */
  instructor: Actor;
  secondInstructor: Actor;
  services(clock?: Clock, dataSource?: DataSource): WorkflowServices;
  close(): Promise<void>;
}

async function staff(ds: DataSource, email: string, name: string, role: StaffRole): Promise<Actor> {
  const user = await ds.getRepository(StaffUser).save({ email, name, role, active: true, passwordHash: 'x' } as Partial<StaffUser>);
  return { staffUserId: user.id, email: user.email, role, ip: '127.0.0.1', userAgent: 'jest' };
}

export async function openContext(): Promise<TestContext> {
  const { dataSource, config } = await openTestDataSource();
  await dataSource.transaction((manager) => ensureReferenceData(manager));
  const storage = new FolderStorage(mkdtempSync(path.join(os.tmpdir(), 'cafpro-habilitation-files-')));
  const clerk = await staff(dataSource, 'conventions@test.caf.fr', 'Gaëlle Conventions', 'gestionnaire-conventions');
  const instructor = await staff(dataSource, 'habilitations@test.caf.fr', 'Noël Habilitations', 'gestionnaire-habilitations');
  const secondInstructor = await staff(dataSource, 'habilitations2@test.caf.fr', 'Zoé Habilitations', 'gestionnaire-habilitations');
  return {
    dataSource, config, storage, clerk, instructor, secondInstructor,
    services: (clock = fixedClock(NOW), ds = dataSource) => ({ dataSource: ds, storage, clock }),
    close: () => dataSource.destroy(),
  };
}

export { secondDataSource } from '../../support/database.js';

let n = 0;

/** A signed convention (effective 15 March 2025), numbered outside the counters (sequence 8000+). */
export async function makeSignedConvention(
  ds: DataSource, overrides: Partial<Convention> = {}, profileCode = 'T2', partner?: Partner,
): Promise<Convention> {
  const owner = partner ?? (await makePartner(ds));
  const profile = await ds.getRepository(AccessProfile).findOneByOrFail({ code: profileCode });
  const sequence = 8000 + ++n;
  return ds.getRepository(Convention).save({
    number: `78/2026/${sequence}AS – ${profileCode}`, year: 2026, sequence,
    partnerId: owner.id, profileId: profile.id, kind: profile.conventionKind, status: 'signee',
    signatoryCivility: 'Madame', signatoryName: 'Françoise Lecœur', signatoryTitle: 'Maire',
    sentDate: '2025-03-01', partnerSignedDate: '2025-03-10', cafSignedDate: '2025-03-15', effectiveDate: '2025-03-15', ...overrides,
  } as Partial<Convention>);
}

export async function makeHabilitationRow(ds: DataSource, conventionId: number, overrides: Partial<Habilitation> = {}): Promise<Habilitation> {
  const i = ++n;
  return ds.getRepository(Habilitation).save({
    identifier: `CP78-${String(900000 + i)}`, conventionId, civility: 'Madame', lastName: `Durand-${i}`, firstName: 'Agnès',
    email: `agnes.durand.${i}@essai.fr`, position: 'Assistante sociale', grantedDate: '2025-04-01', status: 'active', ...overrides,
  } as Partial<Habilitation>);
}

/** The paper form as typed: valid, CDI, both signatures, received three weeks ago. */
export function requestForm(conventionId: number | string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const i = ++n;
  return {
    conventionId: String(conventionId), civility: 'Madame', lastName: 'Lefèvre', firstName: 'Hélène',
    professionalAddress: 'Hôtel de Ville\n16 rue du Sacré-Cœur\n78100 Saint-Germain-en-Laye', phone: '01 30 87 20 10', fax: '',
    email: `helene.lefevre.${i}@saint-germain.fr`, position: 'Conseillère en économie sociale et familiale', contractType: 'CDI', contractEndDate: '',
    receivedDate: '2026-11-02', userSigned: 'true', employerSigned: 'true', ...overrides,
  };
}

/** An access request row already recorded (status reçue unless told), bypassing the form. */
export async function makeRequestRow(ds: DataSource, conventionId: number, overrides: Partial<AccessRequest> = {}): Promise<AccessRequest> {
  const i = ++n;
  return ds.getRepository(AccessRequest).save({
    conventionId, civility: 'Monsieur', lastName: `Benoît-${i}`, firstName: 'Noël', professionalAddress: '16 rue de Pontoise, 78100 Saint-Germain-en-Laye',
    phone: '01 30 87 20 10', email: `noel.benoit.${i}@essai.fr`, position: 'Agent d’accueil', contractType: 'CDI', contractEndDate: null,
    receivedDate: '2026-11-02', userSigned: true, employerSigned: true, status: 'recue', ...overrides,
  } as Partial<AccessRequest>);
}

export async function setSettings(ds: DataSource, values: Partial<Settings>): Promise<void> {
  const settings = await ds.getRepository(Settings).findOneOrFail({ where: {}, order: { id: 'ASC' } });
  await ds.getRepository(Settings).update({ id: settings.id }, values);
}

/** A PDF « scan » as express-formidable hands it over. */
export function uploadedFile(name = 'demande-signée.pdf', content = '%PDF-1.4\n% demande signée\n'): UploadedFile {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cafpro-upload-'));
  const file = path.join(dir, 'upload');
  writeFileSync(file, content);
  return { path: file, name, size: Buffer.byteLength(content) };
}

export function auditOf(ds: DataSource, entityType: string, entityId: number | string): Promise<AuditEvent[]> {
  return ds.getRepository(AuditEvent).find({ where: { entityType, entityId: String(entityId) }, order: { id: 'ASC' } });
}

/** Every domain event published from now on (handlers are process-wide: filter on your ids). */
export function recordEvents(): DomainEvent[] {
  const events: DomainEvent[] = [];
  onDomainEvent(async (_manager, event) => { events.push(event); });
  return events;
}
