// Benchmark of the import of a Caf's existing spreadsheets (issue 12 §2): one XLSX written by exceljs
// (dates as Excel serial numbers) with N habilitations and their partners, conventions and
// responsables, read, dry-run, applied (one transaction), then dry-run again (all « inchangé »).
//   npm run bench:import [-- habilitations = 50000]
//   DATABASE_URL=mysql://root@127.0.0.1:3306/x npm run bench:import
// SQLite: a temporary file. MySQL/MariaDB: a scratch database `cafpro_bench_import` on that server.
import 'reflect-metadata';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { createDataSource } from '../src/db/data-source.js';
import { ensureReferenceData } from '../src/db/reference-data.js';
import { SYSTEM_ACTOR } from '../src/domain/audit/audit.js';
import { applyImport, dryRunImport } from '../src/domain/import/import-apply.js';
import { IMPORT_COLUMNS, IMPORT_KIND_LABELS, type ImportKind } from '../src/domain/import/import-columns.js';
import { readImportFile } from '../src/domain/import/import-sheets.js';
import { isLuhnValid } from '../src/domain/shared/validators.js';
import { todayInParis } from '../src/domain/shared/dates.js';
import { benchDatabaseConfig } from './bench-database.js';

const habilitations = Number(process.argv[2] ?? 50_000);
const perConvention = 25;
const conventions = Math.ceil(habilitations / perConvention);
const partners = Math.ceil(conventions / 2);

const serial = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000 + 25569;
function siret(n: number): string {
  const base = `2${String(n).padStart(12, '0')}`;
  for (let d = 0; d <= 9; d++) if (isLuhnValid(base + d)) return base + d;
  throw new Error('unreachable');
}
const number = (c: number) => `78/${2010 + (c % 10)}/${String(Math.floor(c / 10) + 1).padStart(4, '0')}AS – T${1 + (c % 3)}`;

async function workbook(): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = (kind: ImportKind) => {
    const ws = book.addWorksheet(IMPORT_KIND_LABELS[kind]);
    ws.addRow(IMPORT_COLUMNS[kind].map((c) => c.header));
    return (values: Record<string, unknown>) => ws.addRow(IMPORT_COLUMNS[kind].map((c) => values[c.field] ?? null));
  };
  const partner = sheet('partners');
  for (let p = 0; p < partners; p++) {
    partner({ name: `Commune d'Essai ${p}`, type: p % 2 ? 'Commune' : 'CCAS / CIAS', siret: siret(p), addressLine1: `${p} rue de la Mairie`, postalCode: '78000', city: 'Versailles', representativeCivility: 'Madame', representativeName: `Élise MAIRE${p}`, representativeTitle: 'Maire', email: `mairie${p}@essai.fr` });
  }
  const convention = sheet('conventions');
  const manager = sheet('managers');
  for (let c = 0; c < conventions; c++) {
    const signed = serial(`${2010 + (c % 10)}-03-15`);
    convention({ number: number(c), siret: siret(Math.floor(c / 2)), status: 'Signée', signatoryCivility: 'Madame', signatoryName: `Élise MAIRE${c}`, signatoryTitle: 'Maire', cafSignedDate: signed, partnerSignedDate: signed });
    manager({ conventionNumber: number(c), civility: 'Monsieur', lastName: `RESPONSABLE${c}`, firstName: 'Jean', phone: '01 39 00 00 00', email: `resp${c}@essai.fr`, designationDate: signed + 5 });
  }
  const habilitation = sheet('habilitations');
  for (let h = 0; h < habilitations; h++) {
    const c = Math.floor(h / perConvention);
    habilitation({
      identifier: `CP78-${String(h + 1).padStart(6, '0')}`, conventionNumber: number(c), civility: h % 2 ? 'Madame' : 'Monsieur', lastName: `AGENT${h}`, firstName: 'Camille',
      email: `agent${h}@essai.fr`, position: "Agent d'accueil", accessCode: c % 3 === 2 ? `B${h}` : null, contractType: 'CDI', grantedDate: serial(`${2020 + (h % 5)}-01-15`),
      status: h % 10 === 9 ? 'Révoquée' : 'Active', statusReason: h % 10 === 9 ? 'Suppression demandée' : null, revokedDate: h % 10 === 9 ? serial('2025-06-01') : null,
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

const config = await benchDatabaseConfig('cafpro_bench_import');
const dataSource = await createDataSource(config);
await dataSource.initialize();
await dataSource.runMigrations();
await dataSource.transaction((manager) => ensureReferenceData(manager));
const engine = config.type === 'sqlite' ? 'sqlite' : ((await dataSource.query('SELECT VERSION() AS v'))[0].v as string).toLowerCase().includes('mariadb') ? 'mariadb' : 'mysql';

const bytes = await workbook();
const rows = partners + 2 * conventions + habilitations;
console.log(`Import : ${habilitations} habilitations, ${conventions} conventions et responsables, ${partners} partenaires (${rows} lignes, ${(bytes.length / 1e6).toFixed(1)} Mo) — moteur ${engine}`);
const now = new Date();
const options = { now, today: todayInParis(now) };
const time = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
  const start = performance.now();
  const result = await work();
  console.log(`${label} : ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return result;
};
// The other agents' requests wait as long as the longest run of the event loop during the read.
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const file = await time('lecture du classeur', () => readImportFile(bytes, 'bench.xlsx'));
loop.disable();
console.log(`  plus longue attente imposée aux autres requêtes pendant la lecture : ${(loop.max / 1e6).toFixed(0)} ms (p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms)`);
const dry = await time('essai à blanc', () => dryRunImport(dataSource, file, SYSTEM_ACTOR, options));
if (dry.counts.erreur) throw new Error(`erreurs : ${JSON.stringify(dry.lines.find((l) => l.outcome === 'erreur'))}`);
const applied = await time('application (une transaction)', () => applyImport(dataSource, file, SYSTEM_ACTOR, options));
if (!applied.ok) throw new Error(applied.message);
const again = await time('second essai à blanc (tout inchangé)', () => dryRunImport(dataSource, file, SYSTEM_ACTOR, options));
console.log(`créées : ${applied.plan.counts['créé']} ; inchangées au second passage : ${again.counts['inchangé']}`);
await dataSource.destroy();
