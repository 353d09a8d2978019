// Shared by the outbox, notification, campaign and job tests: a migrated database with the reference
// data, a temporary file storage, a clock the test moves, the loopback SMTP server and a mailer to it.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { createMailer, type Mailer } from '../../../src/adapters/mailer.js';
import { FolderStorage } from '../../../src/adapters/storage.js';
import type { DatabaseConfig } from '../../../src/config.js';
import { ensureReferenceData } from '../../../src/db/reference-data.js';
import type { Actor } from '../../../src/domain/audit/audit.js';
import type { Clock } from '../../../src/domain/shared/clock.js';
import { deliverOutbox, type OutboxWorkerOptions, type OutboxPassCounts } from '../../../src/domain/outbox/outbox.worker.js';
import { AccessProfile } from '../../../src/entities/access-profile.entity.js';
import { Convention } from '../../../src/entities/convention.entity.js';
import { HabilitationManager } from '../../../src/entities/habilitation-manager.entity.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { Partner } from '../../../src/entities/partner.entity.js';
import { StaffUser } from '../../../src/entities/staff-user.entity.js';
import type { StaffRole } from '../../../src/policies/roles.js';
import { openTestDataSource } from '../../support/database.js';
import { partnerPayload } from '../../support/factories.js';
import { startTestSmtp, type TestSmtp } from '../../support/smtp.js';

export const MAIL_FROM = 'Cafpro <ne-pas-repondre@caf.fr>';

/** A clock stopped at `iso` that the test moves forward. */
export interface MovableClock extends Clock {
  set(iso: string): void;
  advanceMinutes(minutes: number): void;
}

export function movableClock(iso: string): MovableClock {
  let time = new Date(iso).getTime();
  return {
    now: () => new Date(time),
    set: (next) => { time = new Date(next).getTime(); },
    advanceMinutes: (minutes) => { time += minutes * 60_000; },
  };
}

export interface MailContext {
  dataSource: DataSource;
  config: DatabaseConfig;
  storage: FolderStorage;
  smtp: TestSmtp;
  mailer: Mailer;
  clock: MovableClock;
  actor: Actor;
  actorFor(role: StaffRole): Promise<Actor>;
  /** One pass of the outbox worker with this context's mailer, storage and clock. */
  deliver(options?: OutboxWorkerOptions, dataSource?: DataSource): Promise<OutboxPassCounts>;
  close(): Promise<void>;
}

let n = 0;

export async function openMailContext(now = '2026-11-23T10:00:00Z'): Promise<MailContext> {
  const { dataSource, config } = await openTestDataSource();
  await dataSource.transaction((manager) => ensureReferenceData(manager));
  const storage = new FolderStorage(mkdtempSync(path.join(os.tmpdir(), 'cafpro-mail-files-')));
  const smtp = await startTestSmtp();
  const mailer = createMailer({ smtpUrl: smtp.url, from: MAIL_FROM, dataDir: mkdtempSync(path.join(os.tmpdir(), 'cafpro-mail-')), connectionTimeoutMs: 2000 });
  const clock = movableClock(now);
  const actorFor = async (role: StaffRole): Promise<Actor> => {
    const staff = await dataSource.getRepository(StaffUser).save({
      email: `${role}.${++n}@test.caf.fr`, name: `Agent ${role}`, role, active: true, passwordHash: 'x',
    } as Partial<StaffUser>);
    return { staffUserId: staff.id, email: staff.email, role, ip: '127.0.0.1', userAgent: 'jest' };
  };
  const actor = await actorFor('administrateur');
  return {
    dataSource, config, storage, smtp, mailer, clock, actor, actorFor,
    deliver: (options = {}, ds = dataSource) => deliverOutbox({ dataSource: ds, mailer, storage, clock }, options),
    async close() {
      mailer.close();
      await smtp.close();
      await dataSource.destroy();
    },
  };
}

export { secondDataSource } from '../../support/database.js';

// --- Builders ---------------------------------------------------------------------------------------

let seq = 0;

export interface ConventionSetup {
  convention: Convention;
  partner: Partner;
  responsable: HabilitationManager | null;
}

/** A partner, its signed convention (T2 by default) and, unless `responsable: null`, its current responsable habilitations. */
export async function makeSignedConventionWithResponsable(
  ds: DataSource,
  options: { effectiveDate?: string; partnerEmail?: string | null; responsable?: Partial<HabilitationManager> | null; profileCode?: string } = {},
): Promise<ConventionSetup> {
  const i = ++seq;
  const partner = await ds.getRepository(Partner).save({
    ...partnerPayload(), name: `Ville de Montigny-${i}`,
    email: options.partnerEmail === undefined ? `mairie${i}@montigny.example` : options.partnerEmail,
  } as Partial<Partner>);
  const profile = await ds.getRepository(AccessProfile).findOneByOrFail({ code: options.profileCode ?? 'T2' });
  const effectiveDate = options.effectiveDate ?? '2025-03-15';
  const sequence = 8000 + i;
  const convention = await ds.getRepository(Convention).save({
    number: `78/2025/${sequence}AS – ${profile.code}`, year: 2025, sequence, partnerId: partner.id, profileId: profile.id, kind: profile.conventionKind,
    status: 'signee', signatoryCivility: 'Madame', signatoryName: 'Françoise Lecœur', signatoryTitle: 'Maire',
    sentDate: effectiveDate, partnerSignedDate: effectiveDate, cafSignedDate: effectiveDate, effectiveDate,
  } as Partial<Convention>);
  const responsable = options.responsable === null ? null : await ds.getRepository(HabilitationManager).save({
    conventionId: convention.id, civility: 'Monsieur', lastName: 'Gaëtan', firstName: 'François', phone: '01 30 87 20 11',
    email: `responsable${i}@montigny.example`, designationDate: effectiveDate, currentFor: convention.id, isSignatory: false,
    ...options.responsable,
  } as Partial<HabilitationManager>);
  return { convention, partner, responsable };
}

export async function makeActiveHabilitation(ds: DataSource, conventionId: number, overrides: Partial<Habilitation> = {}): Promise<Habilitation> {
  const i = ++seq;
  return ds.getRepository(Habilitation).save({
    identifier: `CP78-${String(800000 + i)}`, conventionId, civility: 'Madame', lastName: `Lefèvre-${i}`, firstName: 'Hélène',
    email: `helene.lefevre.${i}@montigny.example`, position: 'Assistante sociale', grantedDate: '2025-04-01', status: 'active', ...overrides,
  } as Partial<Habilitation>);
}
