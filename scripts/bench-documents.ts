// Benchmark of the documents engine: documents per second on one core, for the one-page forms and
// letters and for a renewal notice listing 50 habilitations.
//   npx tsx scripts/bench-documents.ts [seconds per case, default 2]
import { renderDocument, type DocumentDataByKind, type DocumentKind } from '../src/documents/index.js';
import type { CafLetterhead, ConventionData, PartnerData, RenewalHabilitationRow } from '../src/documents/document-data.js';

const caf: CafLetterhead = {
  cafName: 'Caf des Yvelines',
  addressLines: ['2 avenue des Prés', 'BP 17', '78184 Saint-Quentin-en-Yvelines Cedex'],
  website: 'www.caf.fr',
  directorCivility: 'Madame',
  directorName: 'Elodie CLAIR',
  directorTitle: 'Directeur général',
  serviceContact: { name: 'François Lefèvre', phone: '01 30 64 37 25', email: 'cafpro.cafyvelines@caf.cnafmail.fr' },
  city: 'Saint-Quentin-en-Yvelines',
};

const partner: PartnerData = {
  name: 'Ville de Saint-Germain-en-Laye',
  typeLabel: 'Commune',
  siret: '21780551100013',
  addressLines: ['Hôtel de Ville', '16 rue du Sacré-Cœur', '78100 Saint-Germain-en-Laye'],
  representative: { civility: 'Madame', fullName: 'Françoise LECŒUR', title: 'Maire' },
  phone: '01 30 87 20 00',
  email: 'accueil@saintgermainenlaye.fr',
};

const convention: ConventionData & { nextAnniversary: string; lastNoticeDay: string } = {
  number: '78/2016/0042AS – T2',
  kind: 'cafpro',
  profile: {
    code: 'T2',
    label: 'Prestataires de services sociaux – calcul des participations des familles',
    description: 'Catégories d’informations accessibles\n- Numéro d’allocataire\n- Rubrique « QF Cnaf »\n- Rubrique « Adresse »',
    needsAccessCode: false,
    dataSharingAnnex: true,
  },
  nextAnniversary: '2027-03-21',
  lastNoticeDay: '2027-01-21',
};

const habilitations: RenewalHabilitationRow[] = Array.from({ length: 50 }, (_, i) => ({
  lastName: `DUPONT-${i + 1}`,
  firstName: 'Hélène',
  function: i % 3 ? 'Agent d’accueil' : 'Responsable du pôle famille et petite enfance',
  identifier: `CP78${String(1000 + i).padStart(6, '0')}`,
  grantedOn: '2024-05-13',
}));

const common = { caf, date: '2026-11-23', generatedAt: '2026-11-23T09:15:00Z' };

/** Each case builds fresh data for iteration i (a new reference, so a new QR code each time). */
const cases: Array<{ name: string; kind: DocumentKind; data: (i: number) => DocumentDataByKind[DocumentKind] }> = [
  { name: 'demande d’accès (formulaire, 1 page)', kind: 'access-request-form', data: (i) => ({ ...common, reference: `DA-2026-${String(i).padStart(6, '0')}`, partner, convention }) },
  { name: 'désignation responsable (formulaire, 1 page)', kind: 'manager-designation-form', data: (i) => ({ ...common, reference: `RH-2026-${String(i).padStart(6, '0')}`, partner, convention }) },
  { name: 'suppression d’accès (formulaire, 1 page)', kind: 'suppression-request-form', data: (i) => ({ ...common, reference: `DS-2026-${String(i).padStart(6, '0')}`, partner, convention }) },
  { name: 'courrier d’envoi (1 page)', kind: 'cover-letter', data: (i) => ({ ...common, reference: `CE-2026-${i}`, registerNumber: `2026-${i}`, partner, convention }) },
  {
    name: 'notification d’habilitation (1 page)',
    kind: 'habilitation-letter',
    data: (i) => ({
      ...common,
      reference: `NH-2026-${i}`,
      registerNumber: `2026-${i}`,
      partner,
      convention,
      user: { civility: 'Madame', firstName: 'Hélène', lastName: 'GARÇON' },
      habilitation: { identifier: `CP78${i}`, grantedOn: '2026-11-20' },
    }),
  },
  { name: 'avis de reconduction, 50 habilitations', kind: 'renewal-notice', data: (i) => ({ ...common, reference: `AR-2026-${i}`, registerNumber: `2026-${i}`, partner, convention, following: { anniversary: '2028-03-21', lastNoticeDay: '2028-01-21' }, habilitations }) },
  { name: 'convention T2, 2 exemplaires', kind: 'convention', data: (i) => ({ ...common, reference: `CV-2026-${i}`, partner, convention }) },
];

async function bench(kind: DocumentKind, data: (i: number) => DocumentDataByKind[DocumentKind], seconds: number) {
  for (let i = 0; i < 20; i++) await renderDocument(kind, data(i) as never); // warm-up (templates, JIT)
  let n = 0;
  let bytes = 0;
  const cpu = process.cpuUsage();
  const start = performance.now();
  const until = start + seconds * 1000;
  while (performance.now() < until) {
    bytes += (await renderDocument(kind, data(n) as never)).length;
    n++;
  }
  const elapsed = (performance.now() - start) / 1000;
  // CPU time too: on a shared machine the wall clock also counts the other processes
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / n;
  return { perSecond: n / elapsed, msPerDoc: (elapsed * 1000) / n, cpuMs, avgKb: bytes / n / 1024, n };
}

const seconds = Number(process.argv[2] ?? 2);
console.log(`Documents engine benchmark — one core, ${seconds} s per case (Node ${process.version})`);
for (const c of cases) {
  const r = await bench(c.kind, c.data, seconds);
  console.log(`${c.name.padEnd(44)} ${r.perSecond.toFixed(0).padStart(6)} doc/s  ${r.msPerDoc.toFixed(2).padStart(7)} ms/doc  ${r.cpuMs.toFixed(2).padStart(7)} ms CPU/doc (${(1000 / r.cpuMs).toFixed(0)} /s)  ${r.avgKb.toFixed(1).padStart(6)} Ko  (${r.n} docs)`);
}
