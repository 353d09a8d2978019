// Benchmark of the lists a gestionnaire works from (issue 5): the « À traiter » counts of the home
// page, and list pages (count + first page of 10, as AdminJS asks them) through the resources'
// adapter: several statuses at once, habilitations of a partner, of a profile, « suppressions dues ».
//   npx tsx scripts/bench-work-lists.ts [habilitations = 50000]
//   DATABASE_URL=mysql://root@127.0.0.1:3306/x npx tsx scripts/bench-work-lists.ts
// SQLite: a temporary file. MySQL/MariaDB: a scratch database `cafpro_bench_lists` on that server.
import 'reflect-metadata';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Filter, type BaseResource } from 'adminjs';
import { BaseEntity } from 'typeorm';
import { FolderStorage } from '../src/adapters/storage.js';
import { setServices } from '../src/admin/services.js';
import { createDataSource } from '../src/db/data-source.js';
import { ensureReferenceData } from '../src/db/reference-data.js';
import { addDays, todayInParis } from '../src/domain/shared/dates.js';
import { systemClock } from '../src/domain/shared/clock.js';
import { countWorkQueues } from '../src/domain/work-queues/work-queues.js';
import { AccessProfile } from '../src/entities/access-profile.entity.js';
import { AccessRequest } from '../src/entities/access-request.entity.js';
import { Convention } from '../src/entities/convention.entity.js';
import { Habilitation } from '../src/entities/habilitation.entity.js';
import { Partner } from '../src/entities/partner.entity.js';
import { SuppressionRequest } from '../src/entities/suppression-request.entity.js';
import { accessRequestResource } from '../resources/access-request.resource.js';
import { habilitationResource } from '../resources/habilitation.resource.js';
import { suppressionRequestResource } from '../resources/suppression-request.resource.js';
import { benchDatabaseConfig } from './bench-database.js';

const habilitations = Number(process.argv[2] ?? 50_000);
const conventions = Math.max(10, Math.round(habilitations / 25));
const partners = Math.max(5, Math.round(conventions / 2));
const requests = Math.round(habilitations / 2.5);
const suppressions = Math.round(habilitations / 10);

const dataSource = await createDataSource(await benchDatabaseConfig('cafpro_bench_lists'));
await dataSource.initialize();
await dataSource.runMigrations();
await dataSource.transaction((manager) => ensureReferenceData(manager));
BaseEntity.useDataSource(dataSource);
setServices({ dataSource, storage: new FolderStorage(mkdtempSync(path.join(os.tmpdir(), 'cafpro-bench-files-'))), clock: systemClock });
const today = todayInParis(new Date());

async function insertAll<T>(entity: new () => T, rows: object[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await dataSource.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + 500) as never).execute();
  }
}

// --- Data ---------------------------------------------------------------------------------------
let started = performance.now();
const profiles = await dataSource.getRepository(AccessProfile).find();
await insertAll(Partner, Array.from({ length: partners }, (_, i) => ({
  name: `Partenaire ${i}`, type: 'commune', siret: String(10_000_000_000_000 + i), addressLine1: '1 rue de la Paix', postalCode: '78000', city: 'Versailles',
  representativeCivility: 'Madame', representativeName: 'Élise Martin', representativeTitle: 'Maire', phone: '01 02 03 04 05', email: `p${i}@essai.fr`,
})));
const partnerIds = (await dataSource.getRepository(Partner).find({ select: { id: true } })).map((p) => p.id);
await insertAll(Convention, Array.from({ length: conventions }, (_, i) => ({
  number: `78/2026/${i}AS – T2`, year: 2026, sequence: i + 1, partnerId: partnerIds[i % partnerIds.length], profileId: profiles[i % profiles.length].id,
  kind: 'cafpro', status: i % 20 === 0 ? 'envoyee' : 'signee', signatoryCivility: 'Madame', signatoryName: 'Élise Martin', signatoryTitle: 'Maire',
  effectiveDate: '2025-01-15',
})));
const conventionIds = (await dataSource.getRepository(Convention).find({ select: { id: true } })).map((c) => c.id);
const statuses = ['active', 'active', 'active', 'suspendue', 'revoquee'] as const;
await insertAll(Habilitation, Array.from({ length: habilitations }, (_, i) => ({
  identifier: `CP78-${String(i).padStart(6, '0')}`, conventionId: conventionIds[i % conventionIds.length], civility: 'Madame', lastName: `Nom${i % 5000}`,
  firstName: 'Agnès', email: `agent${i}@essai.fr`, position: 'Agent', grantedDate: '2025-02-01', status: statuses[i % statuses.length],
  endDate: i % 7 === 0 ? addDays(today, i % 60) : null,
})));
const requestStatuses = ['recue', 'incomplete', 'approuvee', 'approuvee', 'refusee'] as const;
await insertAll(AccessRequest, Array.from({ length: requests }, (_, i) => ({
  conventionId: conventionIds[i % conventionIds.length], civility: 'Madame', lastName: `Demandeur${i}`, firstName: 'Zoé', professionalAddress: '1 rue',
  phone: '01 02 03 04 05', email: `demande${i}@essai.fr`, position: 'Agent', contractType: 'CDI', receivedDate: addDays(today, -(i % 90)),
  userSigned: true, employerSigned: true, status: requestStatuses[i % requestStatuses.length], incompleteSince: i % 5 === 1 ? addDays(today, -(i % 30)) : null,
})));
const habilitationIds = (await dataSource.getRepository(Habilitation).find({ select: { id: true }, take: suppressions })).map((h) => h.id);
const suppressionStatuses = ['recue', 'traitee', 'traitee', 'rejetee'] as const;
await insertAll(SuppressionRequest, habilitationIds.map((habilitationId, i) => ({
  habilitationId, position: 'Agent', effectiveDate: addDays(today, (i % 40) - 20), receivedDate: addDays(today, -25), employerSigned: true,
  status: suppressionStatuses[i % suppressionStatuses.length], revokedDate: i % 8 === 1 ? addDays(today, -1) : null,
})));
console.log(`Données : ${partners} partenaires, ${conventions} conventions, ${habilitations} habilitations, ${requests} demandes d'accès, `
  + `${suppressions} demandes de suppression (${dataSource.options.type}) — insérées en ${((performance.now() - started) / 1000).toFixed(1)} s`);

// --- Measures -----------------------------------------------------------------------------------
async function measure(label: string, work: () => Promise<unknown>, runs = 20) {
  await work(); // warm-up
  started = performance.now();
  for (let i = 0; i < runs; i++) await work();
  console.log(`${label.padEnd(62)} ${((performance.now() - started) / runs).toFixed(1).padStart(7)} ms`);
}

/** What the list action asks the adapter: the total, then the first page sorted. */
const listPage = (resource: BaseResource, filters: Record<string, string>, sortBy: string) => async () => {
  const filter = new Filter(filters, resource);
  await resource.count(filter);
  return resource.find(filter, { limit: 10, offset: 0, sort: { sortBy, direction: 'asc' } });
};
const habilitationAdapter = habilitationResource.resource as BaseResource;
const requestAdapter = accessRequestResource.resource as BaseResource;
const suppressionAdapter = suppressionRequestResource.resource as BaseResource;

await measure('« À traiter », gestionnaire habilitations (6 files)', () => countWorkQueues(dataSource.manager, 'gestionnaire-habilitations', today));
await measure('« À traiter », administrateur (7 files)', () => countWorkQueues(dataSource.manager, 'administrateur', today));
await measure("Demandes d'accès « reçue » ou « incomplète » (page 1)", listPage(requestAdapter, { status: 'recue,incomplete' }, 'receivedDate'));
await measure("Demandes d'accès d'un partenaire (page 1)", listPage(requestAdapter, { partnerId: String(partnerIds[3]) }, 'receivedDate'));
await measure("Habilitations d'un partenaire, actives ou suspendues (page 1)", listPage(habilitationAdapter, { partnerId: String(partnerIds[3]), status: 'active,suspendue' }, 'lastName'));
await measure("Habilitations d'un profil (page 1)", listPage(habilitationAdapter, { profileId: String(profiles[1].id) }, 'lastName'));
await measure('Habilitations, toutes (page 1)', listPage(habilitationAdapter, {}, 'lastName'));
await measure('Suppressions dues (page 1)', listPage(suppressionAdapter, { due: 'true' }, 'effectiveDate'));

await dataSource.destroy();
