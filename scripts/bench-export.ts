// Benchmark of « Exporter » (issue 12 §3): N habilitations (default 500,000) exported through the real
// HTTP server, logged in, as XLSX then CSV; prints rows/s and the server's peak memory growth (RSS and
// heap, sampled every 20 ms during the download, from a baseline taken after a garbage collection).
// The client discards what it receives (counting bytes only), so what grows is the server's.
//   npm run bench:export [-- 500000] [--retained]
//   DATABASE_URL=mysql://root@127.0.0.1:3306/x npm run bench:export   (or --database mysql://…)
// SQLite: a temporary file. MySQL/MariaDB: a scratch database `cafpro_bench_export` on that server.
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { BaseEntity } from 'typeorm';
import type { AppConfig } from '../src/config.js';
import { createDataSource } from '../src/db/data-source.js';
import { ensureReferenceData } from '../src/db/reference-data.js';
import { hashPassword } from '../src/auth/password.js';
import { createApp, SESSION_COOKIE } from '../src/server.js';
import { AccessProfile } from '../src/entities/access-profile.entity.js';
import { AuditEvent } from '../src/entities/audit-event.entity.js';
import { Convention } from '../src/entities/convention.entity.js';
import { Habilitation } from '../src/entities/habilitation.entity.js';
import { Partner } from '../src/entities/partner.entity.js';
import { StaffUser } from '../src/entities/staff-user.entity.js';
import { benchDatabaseConfig } from './bench-database.js';

const args = process.argv.slice(2);
// --retained: also a collection every second during the download, to tell what the export holds
// from the garbage V8 has not collected yet (it changes the peaks: they are then lower).
const retainedFlag = args.indexOf('--retained');
const retainedMode = retainedFlag >= 0;
if (retainedMode) args.splice(retainedFlag, 1);
const databaseFlag = args.indexOf('--database');
if (databaseFlag >= 0) process.env.DATABASE_URL = args.splice(databaseFlag, 2)[1];
const habilitations = Number(args[0] ?? 500_000);
const conventions = Math.max(10, Math.round(habilitations / 25));
const partners = Math.max(5, Math.round(conventions / 2));
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) console.log('(sans --expose-gc : la mémoire de départ n’est pas nettoyée, les chiffres sont moins sûrs)');

const database = await benchDatabaseConfig('cafpro_bench_export');
const dataSource = await createDataSource(database);
await dataSource.initialize();
await dataSource.runMigrations();
await dataSource.transaction((manager) => ensureReferenceData(manager));
BaseEntity.useDataSource(dataSource);

async function insertAll<T>(entity: new () => T, count: number, row: (i: number) => object) {
  for (let i = 0; i < count; i += 500) {
    const rows = Array.from({ length: Math.min(500, count - i) }, (_, j) => row(i + j));
    await dataSource.createQueryBuilder().insert().into(entity).values(rows as never).execute();
  }
}

// --- Data ---------------------------------------------------------------------------------------
let started = performance.now();
const profiles = await dataSource.getRepository(AccessProfile).find();
await insertAll(Partner, partners, (i) => ({
  name: `Commune de Saint-Essai ${i}`, type: 'commune', siret: String(10_000_000_000_000 + i), addressLine1: '1 rue de la Paix', postalCode: '78000',
  city: 'Versailles', representativeCivility: 'Madame', representativeName: 'Élise Martin', representativeTitle: 'Maire', phone: '01 02 03 04 05', email: `p${i}@essai.fr`,
}));
const partnerIds = (await dataSource.getRepository(Partner).find({ select: { id: true } })).map((p) => p.id);
await insertAll(Convention, conventions, (i) => ({
  number: `78/2025/${String(i).padStart(4, '0')}AS – T2`, year: 2025, sequence: i + 1, partnerId: partnerIds[i % partnerIds.length],
  profileId: profiles[i % profiles.length].id, kind: 'cafpro', status: 'signee', signatoryCivility: 'Madame', signatoryName: 'Élise Martin',
  signatoryTitle: 'Maire', effectiveDate: '2025-01-15',
}));
const conventionIds = (await dataSource.getRepository(Convention).find({ select: { id: true } })).map((c) => c.id);
const statuses = ['active', 'active', 'active', 'suspendue', 'revoquee'] as const;
await insertAll(Habilitation, habilitations, (i) => ({
  identifier: `CP78-${String(i).padStart(7, '0')}`, conventionId: conventionIds[i % conventionIds.length], civility: 'Madame',
  lastName: `Nom${i % 20_000}`, firstName: 'Agnès', email: `agent${i}@essai.fr`, position: 'Agent d’accueil', grantedDate: `2025-0${1 + (i % 9)}-15`,
  status: statuses[i % statuses.length], endDate: i % 7 === 0 ? '2027-06-30' : null,
}));
console.log(`Données : ${partners} partenaires, ${conventions} conventions, ${habilitations} habilitations (${dataSource.options.type}) `
  + `— insérées en ${((performance.now() - started) / 1000).toFixed(1)} s`);

// --- The real server, logged in -----------------------------------------------------------------
const password = 'Banc-Export-2026!';
await dataSource.getRepository(StaffUser).save({ email: 'banc@essai.caf.fr', name: 'Banc d’essai', role: 'consultation', active: true, passwordHash: await hashPassword(password) });
const config: AppConfig = {
  env: 'test', port: 0, publicUrl: 'http://localhost:3000', database, dataDir: mkdtempSync(path.join(os.tmpdir(), 'cafpro-bench-export-')),
  sessionSecret: 'b'.repeat(48), sessionIdleMinutes: 60, sessionMaxHours: 12, mfaRoles: [],
} as AppConfig;
const { app } = createApp(config, dataSource);
const server = http.createServer(app);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;

function request(method: string, url: string, headers: Record<string, string>, body?: string): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers }, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

const login = await request('POST', '/admin/login', { Origin: config.publicUrl, 'Content-Type': 'application/x-www-form-urlencoded' },
  `email=${encodeURIComponent('banc@essai.caf.fr')}&password=${encodeURIComponent(password)}`);
login.resume();
const cookie = (login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
if (login.statusCode !== 302 || !cookie) throw new Error(`Connexion impossible (${login.statusCode})`);

// --- Measures -----------------------------------------------------------------------------------
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} Mo`;

async function measure(format: 'xlsx' | 'csv') {
  gc?.();
  const base = process.memoryUsage();
  const peak = { rss: base.rss, heapUsed: base.heapUsed, retained: base.heapUsed };
  let samples = 0;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
    // Every second, what is still held after a collection (what the export keeps, not its garbage).
    if (retainedMode && gc && ++samples % 50 === 0) {
      gc();
      peak.retained = Math.max(peak.retained, process.memoryUsage().heapUsed);
    }
  }, 20);
  started = performance.now();
  const res = await request('GET', `/admin/exports/Habilitation/${format}`, { Cookie: cookie! });
  if (res.statusCode !== 200) throw new Error(`Export ${format} : ${res.statusCode}`);
  let bytes = 0;
  res.on('data', (chunk: Buffer) => { bytes += chunk.length; });
  await new Promise((resolve) => res.on('end', resolve));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const entry = await dataSource.getRepository(AuditEvent).findOneOrFail({ where: { action: 'list.export' }, order: { id: 'DESC' } });
  const rows = (JSON.parse(entry.details ?? '{}') as { rows: number }).rows;
  if (rows !== habilitations) throw new Error(`Export ${format} : ${rows} lignes au lieu de ${habilitations}`);
  console.log(`${format.toUpperCase().padEnd(5)} ${rows} lignes en ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} lignes/s, ${mb(bytes)}) — `
    + `pic de mémoire au-dessus du départ : RSS +${mb(peak.rss - base.rss)}, tas JS +${mb(peak.heapUsed - base.heapUsed)}`
    + (retainedMode ? ` (retenu après ramasse-miettes : +${mb(peak.retained - base.heapUsed)})` : ''));
}

await measure('xlsx');
await measure('csv');
server.close();
await dataSource.destroy();
