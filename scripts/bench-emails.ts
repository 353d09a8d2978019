// Benchmark of issue 6 « Speed »: emails per second delivered by the outbox worker to a loopback SMTP
// server (target ≥ 100/s), and the time to queue a 50,000-user password campaign.
//   npm run bench:emails -- [emails = 3000] [users = 50000]
//   DATABASE_URL=mysql://root@127.0.0.1:3306/x npm run bench:emails
// SQLite: a temporary file. MySQL/MariaDB: a scratch database `cafpro_bench_emails` on that server
// (dropped and created again).
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { createMailer } from '../src/adapters/mailer.js';
import { FolderStorage } from '../src/adapters/storage.js';
import { DEFAULT_MAIL_FROM } from '../src/config.js';
import { createDataSource } from '../src/db/data-source.js';
import { ensureReferenceData } from '../src/db/reference-data.js';
import { SYSTEM_ACTOR } from '../src/domain/audit/audit.js';
import { cafContact, renderEmail } from '../src/domain/notifications/emails.js';
import { enqueueEmails, type OutboxMessage } from '../src/domain/outbox/outbox.js';
import { deliverOutbox } from '../src/domain/outbox/outbox.worker.js';
import { queueCampaignNotices } from '../src/domain/password-campaign/password-campaign.use-cases.js';
import { getSettings } from '../src/domain/settings/settings.js';
import { fixedClock } from '../src/domain/shared/clock.js';
import { AccessProfile } from '../src/entities/access-profile.entity.js';
import { Convention } from '../src/entities/convention.entity.js';
import { Document } from '../src/entities/document.entity.js';
import { HabilitationManager } from '../src/entities/habilitation-manager.entity.js';
import { Habilitation } from '../src/entities/habilitation.entity.js';
import { OutboxEmail } from '../src/entities/outbox-email.entity.js';
import { Partner } from '../src/entities/partner.entity.js';
import { PasswordCampaign } from '../src/entities/password-campaign.entity.js';
import { benchDatabaseConfig } from './bench-database.js';

const emailCount = Number(process.argv[2] ?? 3000);
const users = Number(process.argv[3] ?? 50_000);


const seconds = (from: number) => (performance.now() - from) / 1000;

// --- Loopback SMTP server (counts what it accepts) -------------------------------------------------
let received = 0;
const smtp = new SMTPServer({
  secure: false, authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'], logger: false, closeTimeout: 100,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      received++;
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;

const config = await benchDatabaseConfig('cafpro_bench_emails');
const dataSource = await createDataSource(config);
await dataSource.initialize();
await dataSource.runMigrations();
await dataSource.transaction((manager) => ensureReferenceData(manager));
const storage = new FolderStorage(mkdtempSync(path.join(os.tmpdir(), 'cafpro-bench-files-')));
const clock = fixedClock(new Date().toISOString());
const mailer = createMailer({ smtpUrl, from: DEFAULT_MAIL_FROM, dataDir: os.tmpdir() });
const caf = cafContact(await getSettings(dataSource.manager));
console.log(`Base : ${config.type === 'sqlite' ? `SQLite (${config.path})` : `MySQL/MariaDB (${config.database})`} ; SMTP de test : ${smtpUrl}`);

// --- 1. Emails per second ---------------------------------------------------------------------------
async function deliverAll(label: string, count: number) {
  const before = received;
  const start = performance.now();
  let sent = 0;
  while (sent < count) {
    const pass = await deliverOutbox({ dataSource, mailer, storage, clock });
    if (pass.claimed === 0) break;
    sent += pass.sent;
  }
  while (received - before < sent) await new Promise((r) => setTimeout(r, 5));
  const s = seconds(start);
  console.log(`${label} : ${sent} courriels en ${s.toFixed(2)} s → ${(sent / s).toFixed(0)} courriels/s (cible ≥ 100/s)`);
}

const notice = (i: number): OutboxMessage => {
  const email = renderEmail('password-change-notice', {
    identifier: `CP78-${String(i).padStart(6, '0')}`, conventionNumber: '78/2026/0042AS – T2', partnerName: 'Ville de Saint-Germain-en-Laye',
    changeDate: '15 janvier 2027', managerName: 'Madame Agnès Lœwy',
  }, caf, 'Madame, Monsieur,');
  return { kind: 'password-change-notice', to: [`agent${i}@partenaire.example`], ...email, relatedType: 'Bench', relatedId: i };
};
let start = performance.now();
await dataSource.transaction((manager) => enqueueEmails(manager, Array.from({ length: emailCount }, (_, i) => notice(i)), clock.now()));
console.log(`File d'attente : ${emailCount} courriels en ${seconds(start).toFixed(2)} s`);
await deliverAll('Envoi SMTP (texte + HTML)', emailCount);

// With the renewal notice's PDF attached (about 60 kB), a tenth as many.
const pdf = Buffer.alloc(60_000, 'x');
pdf.write('%PDF-1.4\n');
const stored = await storage.store('documents/bench', 'pdf', pdf);
const document = await dataSource.getRepository(Document).save({
  kind: 'renewal-notice', subjectType: 'Convention', subjectId: 1, title: 'Avis', reference: 'BENCH-1', storagePath: stored.path,
  sha256: stored.sha256, size: pdf.length, generatedAt: new Date(),
} as Partial<Document>);
const withAttachment = Math.max(1, Math.round(emailCount / 10));
await dataSource.transaction((manager) => enqueueEmails(manager, Array.from({ length: withAttachment }, (_, i) => ({ ...notice(i), attachments: [document.id] })), clock.now()));
await deliverAll('Envoi SMTP avec un PDF de 60 ko joint', withAttachment);

// --- 2. Queue a 50,000-user campaign ------------------------------------------------------------------
const perConvention = 50;
const conventions = Math.ceil(users / perConvention);
const profile = await dataSource.getRepository(AccessProfile).findOneByOrFail({ code: 'T2' });
start = performance.now();
const CHUNK = 500;
for (let offset = 0; offset < conventions; offset += CHUNK) {
  const size = Math.min(CHUNK, conventions - offset);
  await dataSource.transaction(async (manager) => {
    const partners = Array.from({ length: size }, (_, i) => ({
      name: `Commune ${offset + i}`, type: 'commune', siret: String(10_000_000_000_000 + offset + i), addressLine1: 'Hôtel de Ville',
      postalCode: '78000', city: 'Versailles', representativeCivility: 'Madame', representativeName: 'Maire', representativeTitle: 'Maire',
      email: `mairie${offset + i}@commune.example`,
    }));
    await manager.createQueryBuilder().insert().into(Partner).values(partners as Partial<Partner>[]).execute();
    const partnerRows = await manager.find(Partner, { where: partners.map((p) => ({ siret: p.siret })), select: { id: true, siret: true } });
    await manager.createQueryBuilder().insert().into(Convention).values(partnerRows.map((p, i) => ({
      number: `78/2025/${String(offset + i).padStart(5, '0')}AS – T2`, year: 2025, sequence: 10_000 + offset + i, partnerId: p.id, profileId: profile.id,
      kind: 'cafpro', status: 'signee', signatoryCivility: 'Madame', signatoryName: 'Maire', signatoryTitle: 'Maire', effectiveDate: '2025-03-15',
    })) as Partial<Convention>[]).execute();
    const conventionRows = await manager.find(Convention, { where: partnerRows.map((p) => ({ partnerId: p.id })), select: { id: true } });
    // One responsable in ten looks after two conventions (one address): one copy for both.
    await manager.createQueryBuilder().insert().into(HabilitationManager).values(conventionRows.map((c, i) => ({
      conventionId: c.id, civility: 'Madame', lastName: 'Responsable', firstName: 'Agnès', phone: '01 30 00 00 00',
      email: `responsable${offset + (i % 10 === 1 ? i - 1 : i)}@commune.example`, designationDate: '2025-03-15', currentFor: c.id, isSignatory: false,
    })) as Partial<HabilitationManager>[]).execute();
    for (const c of conventionRows) {
      await manager.createQueryBuilder().insert().into(Habilitation).values(Array.from({ length: perConvention }, (_, j) => ({
        identifier: `CP78-${c.id}-${j}`, conventionId: c.id, civility: 'Madame', lastName: `Nom${j}`, firstName: 'Prénom',
        email: `agent${c.id}.${j}@commune.example`, position: 'Agent', grantedDate: '2025-04-01', status: 'active',
      })) as Partial<Habilitation>[]).execute();
    }
  });
}
const total = await dataSource.getRepository(Habilitation).countBy({ status: 'active' });
console.log(`Données : ${conventions} conventions, ${total} habilitations actives créées en ${seconds(start).toFixed(1)} s`);

await dataSource.getRepository(OutboxEmail).clear();
const campaign = await dataSource.getRepository(PasswordCampaign).save({ changeDate: '2027-01-15', scope: 'all', noticeDays: 15, status: 'planifiee' } as Partial<PasswordCampaign>);
start = performance.now();
let lastShown = 0;
const result = await queueCampaignNotices({ dataSource, clock }, campaign.id, SYSTEM_ACTOR, {
  onProgress: ({ queued, total: all }) => {
    if (queued - lastShown >= 10_000 || queued === all) {
      lastShown = queued;
      console.log(`  … ${queued} / ${all} (${seconds(start).toFixed(1)} s)`);
    }
  },
});
const queueSeconds = seconds(start);
console.log(`Campagne de ${total} utilisateurs mise en file en ${queueSeconds.toFixed(1)} s (${(result.queued / queueSeconds).toFixed(0)} avis/s), `
  + `${result.copies} copies aux responsables, par lots de 500 (une transaction par lot).`);

mailer.close();
await new Promise<void>((resolve) => smtp.close(() => resolve()));
await dataSource.destroy();
