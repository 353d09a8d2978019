// Benchmark of the renewal run (issue 4 « Speed »: the 5,000-convention run ≤ 60 s) and of the
// forms generated through the database (Document row, reference, stored file).
//   npx tsx scripts/bench-renewal-run.ts [conventions = 5000] [habilitations per convention = 3] [forms = 500] [render workers = one per core]
//   DATABASE_URL=mysql://root@127.0.0.1:3306/x npx tsx scripts/bench-renewal-run.ts
// SQLite: a temporary file. MySQL/MariaDB: a scratch database `cafpro_bench_renewal` on that server
// (created, then dropped at the end). Files go to a temporary folder. The email handlers are
// registered as in the web process: each new notice also queues its email to the partner and to the
// convention's responsable habilitations (in the notice's transaction).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { FolderStorage } from '../src/adapters/storage.js';
import { createDataSource } from '../src/db/data-source.js';
import { ensureReferenceData } from '../src/db/reference-data.js';
import { SYSTEM_ACTOR } from '../src/domain/audit/audit.js';
import { addDays, addYears, todayInParis } from '../src/domain/shared/dates.js';
import { fixedClock } from '../src/domain/shared/clock.js';
import { produceConventionDocument } from '../src/domain/documents/convention-documents.js';
import { renewalRun } from '../src/domain/documents/renewal-notices.js';
import { AccessProfile } from '../src/entities/access-profile.entity.js';
import { Convention } from '../src/entities/convention.entity.js';
import { HabilitationManager } from '../src/entities/habilitation-manager.entity.js';
import { Habilitation } from '../src/entities/habilitation.entity.js';
import { OutboxEmail } from '../src/entities/outbox-email.entity.js';
import { registerNotificationHandlers } from '../src/domain/notifications/notification-handlers.js';
import { Partner } from '../src/entities/partner.entity.js';
import { Recertification } from '../src/entities/recertification.entity.js';
import { RecertificationLine } from '../src/entities/recertification-line.entity.js';
import { benchDatabaseConfig } from './bench-database.js';

const conventions = Number(process.argv[2] ?? 5000);
const perConvention = Number(process.argv[3] ?? 3);
const forms = Number(process.argv[4] ?? 500);
const renderWorkers = process.argv[5] === undefined ? undefined : Number(process.argv[5]);


const seconds = (from: number) => (performance.now() - from) / 1000;

const config = await benchDatabaseConfig('cafpro_bench_renewal');
const dataSource = await createDataSource(config);
await dataSource.initialize();
await dataSource.runMigrations();
await dataSource.transaction((manager) => ensureReferenceData(manager));
const storage = new FolderStorage(mkdtempSync(path.join(os.tmpdir(), 'cafpro-bench-files-')));
const clock = fixedClock(new Date().toISOString());
const today = todayInParis(clock.now());
const profile = await dataSource.getRepository(AccessProfile).findOneByOrFail({ code: 'T2' });
registerNotificationHandlers({ clock });

// --- Seed: N signed conventions whose anniversary falls within the next 90 days -----------------
let start = performance.now();
const CHUNK = 500;
for (let offset = 0; offset < conventions; offset += CHUNK) {
  const size = Math.min(CHUNK, conventions - offset);
  await dataSource.transaction(async (manager) => {
    const partners = Array.from({ length: size }, (_, i) => ({
      name: `Commune d’Essai-sur-Œuvre n° ${offset + i + 1}`, type: 'commune', siret: String(10_000_000_000_000 + offset + i),
      addressLine1: 'Hôtel de Ville, 1 place de la Mairie', addressLine2: null, postalCode: '78000', city: 'Versailles',
      representativeCivility: 'Madame', representativeName: 'Françoise Lecœur', representativeTitle: 'Maire', phone: '01 30 00 00 00', email: 'mairie@essai.fr',
    }));
    const partnerIds = (await manager.insert(Partner, partners as never)).identifiers.map((x) => Number(x.id));
    const rows = partnerIds.map((partnerId, i) => {
      const n = offset + i + 1;
      // Anniversary between tomorrow and 89 days from now, signed two years before it.
      const effectiveDate = addYears(addDays(today, 1 + (n % 89)), -2);
      return {
        number: `78/2024/${String(n).padStart(4, '0')}AS – T2`, year: 2024, sequence: n, partnerId, profileId: profile.id, kind: 'cafpro', status: 'signee',
        signatoryCivility: 'Madame', signatoryName: 'Françoise Lecœur', signatoryTitle: 'Maire',
        sentDate: effectiveDate, partnerSignedDate: effectiveDate, cafSignedDate: effectiveDate, effectiveDate,
      };
    });
    const conventionIds = (await manager.insert(Convention, rows as never)).identifiers.map((x) => Number(x.id));
    const habilitations = conventionIds.flatMap((conventionId, i) => Array.from({ length: perConvention }, (_, k) => ({
      identifier: `CP78-${String((offset + i) * perConvention + k + 1).padStart(7, '0')}`, conventionId, civility: 'Madame',
      lastName: `Lefèvre-${k + 1}`, firstName: 'Hélène', email: `agent.${conventionId}.${k}@essai.fr`, position: 'Assistante sociale',
      grantedDate: '2025-01-15', status: 'active',
    })));
    for (let h = 0; h < habilitations.length; h += CHUNK) await manager.insert(Habilitation, habilitations.slice(h, h + CHUNK) as never);
    await manager.insert(HabilitationManager, conventionIds.map((conventionId) => ({
      conventionId, civility: 'Monsieur', lastName: 'Gaëtan', firstName: 'François', phone: '01 30 00 00 01', email: `responsable.${conventionId}@essai.fr`,
      designationDate: '2025-01-15', currentFor: conventionId, isSignatory: false,
    })) as never);
  });
}
console.log(`Base ${config.type === 'sqlite' ? 'SQLite' : 'MySQL/MariaDB'} — ${conventions} conventions signées, ${perConvention} habilitations chacune (préparation ${seconds(start).toFixed(1)} s)`);

// --- The run ------------------------------------------------------------------------------------
start = performance.now();
// CPU time too: on a shared machine the wall clock also counts the other processes
const runCpu = process.cpuUsage();
let lastReport = start;
const first = await renewalRun(dataSource, storage, SYSTEM_ACTOR, today, 90, (p) => {
  if (performance.now() - lastReport > 5000) {
    lastReport = performance.now();
    console.log(`  … ${p.done}/${p.total} (${(p.done / seconds(start)).toFixed(0)} avis/s)`);
  }
}, { renderWorkers });
const firstSeconds = seconds(start);
const cpuUsed = process.cpuUsage(runCpu);
const emails = await dataSource.getRepository(OutboxEmail).count();
console.log(`Tournée de reconduction : ${first.total} conventions, ${first.created} avis créés et ${emails} courriels mis en file en ${firstSeconds.toFixed(1)} s `
  + `(${(first.total / firstSeconds).toFixed(0)} avis/s, PDF combiné ${((first.combined?.size ?? 0) / 1024 / 1024).toFixed(1)} Mo, CPU ${((cpuUsed.user + cpuUsed.system) / 1e6).toFixed(1)} s) — objectif ≤ 60 s : ${firstSeconds <= 60 ? 'atteint' : 'NON atteint'}`);
const frozenLines = await dataSource.getRepository(RecertificationLine).count();
console.log(`Recertifications : ${await dataSource.getRepository(Recertification).count()}, listes figées : ${frozenLines} lignes `
  + `(${(frozenLines / firstSeconds).toFixed(0)} lignes/s) ; avis rendus d’avance par ${first.renderWorkers} processus de rendu : ${first.renderedAhead}/${first.created} ; `
  + `CPU par avis (processus principal et processus de rendu) ${((cpuUsed.user + cpuUsed.system) / 1000 / Math.max(1, first.total)).toFixed(1)} ms ; charge (uptime) ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}`);
start = performance.now();
const second = await renewalRun(dataSource, storage, SYSTEM_ACTOR, today, 90);
console.log(`Deuxième passage (idempotent) : ${second.created} créé, ${second.existing} déjà produits, en ${seconds(start).toFixed(1)} s`);

// --- Forms through the database -------------------------------------------------------------------
const ids = first.notices.slice(0, Math.max(1, Math.min(forms, first.notices.length))).map((n) => n.conventionId);
start = performance.now();
for (let i = 0; i < forms; i++) {
  const result = await produceConventionDocument({ dataSource, storage, clock }, SYSTEM_ACTOR, ids[i % ids.length], 'access-request-form');
  if (!result.ok) throw new Error(result.message);
}
const formSeconds = seconds(start);
console.log(`Formulaires de demande d’accès (ligne Document + référence + fichier) : ${forms} en ${formSeconds.toFixed(1)} s, ${(forms / formSeconds).toFixed(0)} formulaires/s`);

await dataSource.destroy();
if (config.type === 'mysql') {
  const admin = await mysql.createConnection(config.url.replace(/\/cafpro_bench_renewal$/, '/'));
  await admin.query('DROP DATABASE IF EXISTS `cafpro_bench_renewal`');
  await admin.end();
}
