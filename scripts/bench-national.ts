// Benchmark at national volume (issue 14): seeds the 101 Cafs' data in one database × scale with bulk
// inserts (20,000 partners, 100,000 conventions, 500,000 habilitations, 300,000 access requests,
// 100,000 suppressions, 2,000,000 journal rows, 1,000,000 emails at scale 1), then measures the pages
// through the real HTTP API, logged in (median and p95 of 20 runs), and the raw SQL of the same page
// (the statements the page sent, replayed on their own), so the ratio is read in one run.
//   npm run bench:national -- --scale 0.01|0.1|1 [--database mysql://root@127.0.0.1:3306/x] [--runs 20] [--explain]
// --explain prints the plan of each statement of the search pages (which index each one reads).
// SQLite: a temporary file. MySQL/MariaDB: a scratch database `<database of the URL>_bench` on that
// server (dropped and recreated; never the database of the URL itself).
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { BaseEntity, type DataSource } from 'typeorm';
import { hashPassword } from '../src/auth/password.js';
import type { AppConfig } from '../src/config.js';
import { createDataSource } from '../src/db/data-source.js';
import { ensureReferenceData } from '../src/db/reference-data.js';
import { addDays, todayInParis } from '../src/domain/shared/dates.js';
import { AccessProfile } from '../src/entities/access-profile.entity.js';
import { AccessRequest } from '../src/entities/access-request.entity.js';
import { AuditEvent } from '../src/entities/audit-event.entity.js';
import { Convention } from '../src/entities/convention.entity.js';
import { Habilitation } from '../src/entities/habilitation.entity.js';
import { OutboxEmail } from '../src/entities/outbox-email.entity.js';
import { Partner, PARTNER_TYPES } from '../src/entities/partner.entity.js';
import { StaffUser } from '../src/entities/staff-user.entity.js';
import { SuppressionRequest } from '../src/entities/suppression-request.entity.js';
import { STAFF_ROLES, type StaffRole } from '../src/policies/roles.js';
import { createApp } from '../src/server.js';
import { benchDatabaseConfig } from './bench-database.js';

const argument = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const scale = Number(argument('scale') ?? 0.01);
const runs = Number(argument('runs') ?? 20);
if (!(scale > 0 && scale <= 1) || !(runs >= 1)) throw new Error('--scale entre 0 et 1 (ex. 0.1), --runs au moins 1');
if (argument('database')) process.env.DATABASE_URL = argument('database');

const VOLUMES = {
  partners: 20_000, conventions: 100_000, habilitations: 500_000, requests: 300_000, suppressions: 100_000, journal: 2_000_000, emails: 1_000_000,
};
const n = Object.fromEntries(Object.entries(VOLUMES).map(([k, v]) => [k, Math.max(10, Math.round(v * scale))])) as typeof VOLUMES;
const PASSWORD = 'Bench-Cafpro-2026!';
const today = todayInParis(new Date());
const LAST_NAMES = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel', 'Garcia', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel'];
const FIRST_NAMES = ['Camille', 'Léa', 'Chloé', 'Manon', 'Inès', 'Hugo', 'Lucas', 'Louis', 'Jules', 'Gabriel', 'Zoé', 'Agnès', 'Éric', 'Hélène'];
const CITIES = ['Versailles', 'Poissy', 'Mantes-la-Jolie', 'Rambouillet', 'Saint-Germain-en-Laye', 'Lyon', 'Lille', 'Marseille', 'Nantes', 'Rennes'];
/** A weighted pick: the status mix of a real Caf. */
const mix = <T>(weights: Array<[T, number]>) => {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  return (i: number) => {
    let r = ((i * 7919) % 1000) / 1000 * total;
    for (const [value, w] of weights) { if ((r -= w) < 0) return value; }
    return weights[0][0];
  };
};

const url = process.env.DATABASE_URL;
const scratch = url?.startsWith('mysql:') ? `${new URL(url).pathname.slice(1) || 'cafpro'}_bench` : 'cafpro_bench';
const dataSource: DataSource = await createDataSource(await benchDatabaseConfig(scratch));
await dataSource.initialize();
await dataSource.runMigrations();
await dataSource.transaction((manager) => ensureReferenceData(manager));
BaseEntity.useDataSource(dataSource);

async function insertAll(entity: new () => object, count: number, row: (i: number) => object) {
  const batch = dataSource.options.type === 'better-sqlite3' ? 400 : 2000;
  for (let i = 0; i < count; i += batch) {
    const rows = Array.from({ length: Math.min(batch, count - i) }, (_, j) => row(i + j));
    await dataSource.createQueryBuilder().insert().into(entity).values(rows as never).execute();
  }
}
const idsOf = async (entity: new () => { id: number }) => (await dataSource.getRepository(entity).find({ select: { id: true }, order: { id: 'ASC' } })).map((r) => r.id);
const instant = (daysAgo: number, i: number) => new Date(Date.now() - daysAgo * 86_400_000 - (i % 86_400) * 1000);

// --- Data ---------------------------------------------------------------------------------------
const started = performance.now();
const passwordHash = await hashPassword(PASSWORD);
for (const role of STAFF_ROLES) await dataSource.getRepository(StaffUser).save({ email: `${role}@bench.caf.fr`, name: `Agent ${role}`, role, active: true, passwordHash });
const profiles = await dataSource.getRepository(AccessProfile).find();
await insertAll(Partner, n.partners, (i) => ({
  name: `${i % 3 ? 'Commune' : 'Association'} de ${CITIES[i % CITIES.length]} ${i}`, type: PARTNER_TYPES[i % PARTNER_TYPES.length], siret: String(10_000_000_000_000 + i),
  addressLine1: `${1 + (i % 90)} rue de la République`, postalCode: String(10_000 + (i % 85_000)).padStart(5, '0'), city: CITIES[i % CITIES.length],
  representativeCivility: 'Madame', representativeName: `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[i % LAST_NAMES.length]}`, representativeTitle: 'Maire',
  phone: '01 02 03 04 05', email: `partenaire${i}@essai.fr`,
}));
const partnerIds = await idsOf(Partner);
const conventionStatus = mix<string>([['signee', 80], ['envoyee', 5], ['brouillon', 5], ['denoncee', 3], ['resiliee', 4], ['expiree', 3]]);
await insertAll(Convention, n.conventions, (i) => ({
  number: `${String(1 + (i % 95)).padStart(2, '0')}/${2015 + (i % 11)}/${String(i).padStart(6, '0')}AS – T2`, year: 2015 + (i % 11), sequence: i + 1,
  partnerId: partnerIds[i % partnerIds.length], profileId: profiles[i % profiles.length].id, kind: 'cafpro', status: conventionStatus(i),
  signatoryCivility: 'Madame', signatoryName: 'Élise Martin', signatoryTitle: 'Maire', effectiveDate: addDays(today, -(30 + (i % 3000))),
}));
const conventionIds = await idsOf(Convention);
const habilitationStatus = mix<string>([['active', 70], ['suspendue', 5], ['revoquee', 25]]);
await insertAll(Habilitation, n.habilitations, (i) => ({
  identifier: `CP${String(1 + (i % 95)).padStart(2, '0')}-${String(i).padStart(7, '0')}`, conventionId: conventionIds[i % conventionIds.length], civility: i % 2 ? 'Madame' : 'Monsieur',
  lastName: i % 997 ? LAST_NAMES[i % LAST_NAMES.length] : `Dupont-${LAST_NAMES[i % LAST_NAMES.length]}`, firstName: FIRST_NAMES[i % FIRST_NAMES.length], email: `agent${i}@essai.fr`, position: 'Agent',
  grantedDate: addDays(today, -(i % 3000)), status: habilitationStatus(i), endDate: i % 7 === 0 ? addDays(today, i % 400) : null,
}));
const habilitationIds = await idsOf(Habilitation);
const requestStatus = mix<string>([['approuvee', 80], ['refusee', 6], ['recue', 8], ['incomplete', 5], ['classee', 1]]);
await insertAll(AccessRequest, n.requests, (i) => ({
  conventionId: conventionIds[i % conventionIds.length], civility: 'Madame', lastName: LAST_NAMES[i % LAST_NAMES.length], firstName: FIRST_NAMES[i % FIRST_NAMES.length],
  professionalAddress: '1 rue de la Paix', phone: '01 02 03 04 05', email: `demande${i}@essai.fr`, position: 'Agent', contractType: 'CDI',
  receivedDate: addDays(today, -(i % 2000)), userSigned: true, employerSigned: true, status: requestStatus(i),
  incompleteSince: requestStatus(i) === 'incomplete' ? addDays(today, -(i % 60)) : null,
}));
const suppressionStatus = mix<string>([['traitee', 90], ['recue', 6], ['rejetee', 4]]);
await insertAll(SuppressionRequest, n.suppressions, (i) => ({
  habilitationId: habilitationIds[(i * 5) % habilitationIds.length], position: 'Agent', effectiveDate: addDays(today, (i % 60) - 40), receivedDate: addDays(today, -(i % 2000)),
  employerSigned: true, status: suppressionStatus(i),
}));
const action = mix<string>([['login.success', 45], ['login.failure', 5], ['logout', 10], ['habilitation.create', 15], ['habilitation.revoke', 8],
  ['access-request.approve', 10], ['convention.sign', 3], ['record.edit', 4]]);
await insertAll(AuditEvent, n.journal, (i) => {
  const kind = action(i);
  const login = kind.startsWith('login') || kind === 'logout';
  return {
    occurredAt: instant((i * 37) % 1800, i), action: kind, actorId: 1 + (i % 5), actorEmail: `${STAFF_ROLES[i % 5]}@bench.caf.fr`,
    entityType: login ? 'StaffUser' : kind.startsWith('access') ? 'AccessRequest' : kind.startsWith('convention') ? 'Convention' : 'Habilitation',
    entityId: String(login ? 1 + (i % 5) : habilitationIds[(i * 13) % habilitationIds.length]), ip: '10.0.0.1', legalHold: false,
  };
});
const emailStatus = mix<string>([['envoye', 96], ['echec', 2], ['en-attente', 2]]);
await insertAll(OutboxEmail, n.emails, (i) => ({
  kind: ['habilitation-letter', 'renewal-notice', 'password-change'][i % 3], to: `agent${i}@essai.fr`, subject: `Cafpro : courriel ${i}`, html: '<p>Bonjour</p>',
  text: 'Bonjour', relatedType: 'Habilitation', relatedId: String(habilitationIds[i % habilitationIds.length]), status: emailStatus(i),
  attempts: 1, nextAttemptAt: instant((i * 17) % 700, i), sentAt: emailStatus(i) === 'envoye' ? instant((i * 17) % 700, i) : null, createdAt: instant((i * 17) % 700, i),
}));
const seeded = Object.entries(n).map(([k, v]) => `${v} ${k}`).join(', ');
console.log(`Données (${dataSource.options.type}, échelle ${scale}) : ${seeded} — insérées en ${((performance.now() - started) / 1000).toFixed(0)} s`);

// The folded names' migration on these rows (it fills them in batches): undone, then applied again.
const appliedMigrations = async () => ((await dataSource.query('SELECT name FROM migrations')) as Array<{ name: string }>).map((m) => m.name);
while ((await appliedMigrations()).includes('FoldedNames1764430000000')) await dataSource.undoLastMigration();
const migrationStarted = performance.now();
await dataSource.runMigrations();
console.log(`Migration FoldedNames1764430000000 sur ces données : ${((performance.now() - migrationStarted) / 1000).toFixed(1)} s`);

// --- Pages --------------------------------------------------------------------------------------
const config: AppConfig = {
  env: 'test', port: 3000, publicUrl: 'http://localhost:3000', database: { type: 'sqlite', path: '' }, sessionIdleMinutes: 30, sessionMaxHours: 12,
  dataDir: mkdtempSync(path.join(os.tmpdir(), 'cafpro-bench-national-')), sessionSecret: 'b'.repeat(48), mfaRoles: [],
};
const { app } = createApp(config, dataSource);
const agents = {} as Record<StaffRole, ReturnType<typeof request.agent>>;
for (const role of STAFF_ROLES) {
  agents[role] = request.agent(app);
  const res = await agents[role].post('/admin/login').set('Origin', config.publicUrl).type('form').send({ email: `${role}@bench.caf.fr`, password: PASSWORD });
  if (res.status !== 302) throw new Error(`connexion ${role} : ${res.status}`);
}
const habilitation = habilitationIds[Math.floor(habilitationIds.length / 2)];
const identifier = (await dataSource.getRepository(Habilitation).findOneByOrFail({ id: habilitation })).identifier;
const search = (q: string) => `/admin/recherche?q=${encodeURIComponent(q)}`;
const partner = partnerIds[Math.floor(partnerIds.length / 3)];
const list = (resource: string, query = '') => `/admin/api/resources/${resource}/actions/list${query ? `?${query}` : ''}`;
const PAGES: Array<[string, StaffRole, string]> = [
  ...STAFF_ROLES.map((role): [string, StaffRole, string] => [`Accueil « À traiter » (${role})`, role, '/admin/api/dashboard']),
  ['Courriels : liste', 'administrateur', list('OutboxEmail')],
  ['Courriels : état « échec »', 'administrateur', list('OutboxEmail', 'filters.status=echec')],
  ['Journal : liste', 'administrateur', list('AuditEvent')],
  ['Journal : action', 'administrateur', list('AuditEvent', 'filters.action=habilitation.revoke')],
  ['Journal : page 500', 'administrateur', list('AuditEvent', 'page=500')],
  ['« Historique » d’une habilitation', 'consultation', list('AuditEvent', `filters.entityType=Habilitation&filters.entityId=${habilitation}`)],
  ['Habilitations : liste', 'consultation', list('Habilitation')],
  ['Habilitations : nom', 'consultation', list('Habilitation', 'filters.lastName=Dupont')],
  ['Habilitations : état + partenaire', 'consultation', list('Habilitation', `filters.status=active&filters.partnerId=${partner}`)],
  ['Habilitations : page 500', 'consultation', list('Habilitation', 'page=500')],
  ['Habilitation : fiche', 'consultation', `/admin/api/resources/Habilitation/records/${habilitation}/show`],
  // Record pages with their related records (issue 13 §3).
  ['Partenaire : fiche', 'gestionnaire-conventions', `/admin/api/resources/Partner/records/${partner}/show`],
  ['Convention : fiche', 'consultation', `/admin/api/resources/Convention/records/${conventionIds[Math.floor(conventionIds.length / 2)]}/show`],
  ['Demande d’accès : fiche (nom fréquent)', 'gestionnaire-habilitations', `/admin/api/resources/AccessRequest/records/${(await idsOf(AccessRequest))[0]}/show`],
  ['Demandes d’accès « reçues »', 'gestionnaire-habilitations', list('AccessRequest', 'filters.status=recue')],
  ['Conventions : liste', 'consultation', list('Convention')],
  ['Conventions : page 500', 'consultation', list('Convention', 'page=500')],
  ['Partenaires : type', 'consultation', list('Partner', 'filters.type=commune')],
  ['Partenaires : nom', 'consultation', list('Partner', 'filters.name=Versailles')],
  ['Partenaires : tri par nom', 'consultation', list('Partner', 'sortBy=name&direction=asc')],
  ['Habilitations : tri par nom', 'consultation', list('Habilitation', 'sortBy=lastName&direction=asc')],
  ['Habilitations : état + tri par nom', 'consultation', list('Habilitation', 'filters.status=active&sortBy=lastName&direction=asc')],
  ['Habilitations : prénom', 'consultation', list('Habilitation', 'filters.firstName=Hélène')],
  ['Habilitations : sélecteur « dupont »', 'consultation', '/admin/api/resources/Habilitation/search/dupont'],
  ['Demandes d’accès : nom', 'gestionnaire-habilitations', list('AccessRequest', 'filters.lastName=Lefevre')],
  ['Recherche globale « dupont »', 'gestionnaire-habilitations', search('dupont')],
  ['Recherche globale « camille martin »', 'gestionnaire-habilitations', search('camille martin')],
  ['Recherche globale : e-mail', 'gestionnaire-habilitations', search('agent12345@essai.fr')],
  ['Recherche globale : partenaire', 'gestionnaire-conventions', search('versailles')],
  ['Recherche globale : identifiant (ouvre la fiche)', 'consultation', search(identifier)],
  ['Recherche globale : SIRET (ouvre la fiche)', 'consultation', search(String(10_000_000_000_000 + Math.floor(partnerIds.length / 2)))],
];
const EXPLAINED = /^Recherche|nom|prénom|sélecteur/;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
const stats = (times: number[]) => { const s = [...times].sort((a, b) => a - b); return { median: percentile(s, 0.5), p95: percentile(s, 0.95) }; };

/** The statements a page sends, captured on one run. */
async function statementsOf(run: () => Promise<unknown>): Promise<Array<[string, unknown[]]>> {
  const logger = dataSource.logger;
  const logQuery = logger.logQuery.bind(logger);
  const seen: Array<[string, unknown[]]> = [];
  logger.logQuery = (query, parameters, runner) => { seen.push([query, parameters ?? []]); logQuery(query, parameters, runner); };
  try { await run(); } finally { logger.logQuery = logQuery; }
  return seen.filter(([q]) => /^\s*SELECT/i.test(q));
}

const explain = process.argv.includes('--explain');
const plans: Array<[string, string[]]> = [];
/** One line per statement: the table and the index it reads (or « SCAN » / « ALL »: the whole table). */
async function planOf(query: string, parameters: unknown[]): Promise<string> {
  if (dataSource.options.type === 'better-sqlite3') {
    const rows = await dataSource.query(`EXPLAIN QUERY PLAN ${query}`, parameters) as Array<{ detail: string }>;
    return rows.map((r) => r.detail).join(' ; ');
  }
  const rows = await dataSource.query(`EXPLAIN ${query}`, parameters) as Array<{ table: string; type: string; key: string | null; rows: number; Extra: string }>;
  return rows.map((r) => `${r.table}: ${r.type} ${r.key ?? '-'} (${r.rows} lignes${r.Extra ? `, ${r.Extra}` : ''})`).join(' ; ');
}

console.log(`\n| page | HTTP médiane / p95 (ms) | SQL seul médiane (ms) | requêtes |\n|---|---|---|---|`);
for (const [label, role, url] of PAGES) {
  const get = async () => {
    const res = await agents[role].get(url);
    // 303: the search opened the record of an exact reference.
    if (res.status !== 200 && res.status !== 303) throw new Error(`${label} : ${res.status} ${res.text.slice(0, 200)}`);
  };
  await get();
  const http: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await get();
    http.push(performance.now() - t);
  }
  const statements = await statementsOf(get);
  const sql: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    for (const [query, parameters] of statements) await dataSource.query(query, parameters);
    sql.push(performance.now() - t);
  }
  const h = stats(http);
  console.log(`| ${label} | ${h.median.toFixed(1)} / ${h.p95.toFixed(1)} | ${stats(sql).median.toFixed(1)} | ${statements.length} |`);
  if (explain && EXPLAINED.test(label)) plans.push([label, await Promise.all(statements.map(([query, parameters]) => planOf(query, parameters)))]);
}
for (const [label, lines] of plans) {
  console.log(`\n${label}`);
  for (const line of lines) console.log(`  ${line}`);
}
await dataSource.destroy();
