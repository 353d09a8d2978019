// « Exporter » through the real server: the rows of the list's filters and sort (over several read
// batches, with ties and empty dates), as XLSX read back with exceljs and as CSV parsed with csv-parse,
// French headers and values, the partner's name, a hostile value neutralised, the role check and the
// journal entry.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import type { Convention } from '../../src/entities/convention.entity.js';
import { EXPORT_BATCH } from '../../src/admin/list-export.js';
import type { StaffRole } from '../../src/policies/roles.js';
import { makeConvention } from '../support/factories.js';
import { binary, loginAllRoles, startTestServer, type Agent, type TestServer } from '../support/http.js';

const HOSTILE = '=HYPERLINK("http://pirate.example/vol","Cliquez ici")';
const NAMES = ['Martin', 'Bernard', 'Dubois', 'Lefèvre'];
const GRANTED = ['2025-03-01', '2025-09-15', '2026-01-10', '2026-06-30'];
const STATES = ['active', 'active', 'suspendue', 'revoquee'] as const;
const HEADERS = ['Identifiant', 'Nom', 'Prénom', 'Partenaire', 'Convention', 'État', 'Délivrée le', 'Fin prévue le (fin du CDD)', 'Révocation programmée'];

const frDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : '');

/** The list's order: the column, NULL first ascending and last descending (SQLite and MariaDB alike), then the id. */
function sorted(rows: Habilitation[], column: 'endDate' | 'grantedDate', direction: 'asc' | 'desc'): Habilitation[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const [x, y] = [a[column], b[column]];
    if (x !== y) {
      if (x === null) return -sign;
      if (y === null) return sign;
      return x < y ? -sign : sign;
    }
    return a.id - b.id;
  });
}

describe('list exports through HTTP', () => {
  let server: TestServer;
  let agents: Record<StaffRole, Agent>;
  let conventions: Convention[];
  let partners: Partner[];
  let all: Habilitation[];

  beforeAll(async () => {
    server = await startTestServer();
    agents = await loginAllRoles(server.app);
    const signed = { status: 'signee', effectiveDate: '2025-01-15', cafSignedDate: '2025-01-15' } as const;
    conventions = [await makeConvention(server.dataSource, signed), await makeConvention(server.dataSource, signed)];
    partners = await Promise.all(conventions.map((c) => server.dataSource.getRepository(Partner).findOneByOrFail({ id: c.partnerId })));
    // More rows than one read batch, with many ties on the sort column and empty end dates.
    const rows = Array.from({ length: EXPORT_BATCH * 2 + 150 }, (_, i) => ({
      identifier: `CP78-7${String(i).padStart(5, '0')}`, conventionId: conventions[i % 2].id, civility: 'Madame',
      lastName: i === 65 ? HOSTILE : NAMES[i % 4], firstName: `Agent${i}`, email: `agent${i}@essai.fr`, position: 'Instructeur',
      grantedDate: GRANTED[Math.floor(i / 2) % 4], endDate: i % 3 === 0 ? null : `2027-0${1 + (i % 5)}-01`, status: STATES[Math.floor(i / 4) % 4],
    }));
    for (let i = 0; i < rows.length; i += 300) await server.dataSource.getRepository(Habilitation).insert(rows.slice(i, i + 300) as never);
    all = await server.dataSource.getRepository(Habilitation).find();
  });
  afterAll(async () => { await server.close(); });

  const download = (role: StaffRole, path: string) => agents[role].get(path).buffer(true).parse(binary);

  it('XLSX: exactly the filtered rows in the list order, French headers and values, the hostile value neutralised', async () => {
    const res = await download('consultation', '/admin/exports/Habilitation/xlsx?filters.status=active&sortBy=endDate&direction=asc&page=3');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="Habilitations - export du .+\.xlsx"; filename\*=UTF-8''Habilitations%20%E2%80%93%20export%20du%20/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never);
    const sheet = workbook.worksheets[0];
    const values: string[][] = [];
    sheet.eachRow((row) => values.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    expect(values[0]).toEqual(HEADERS);
    const expected = sorted(all.filter((h) => h.status === 'active'), 'endDate', 'asc');
    expect(expected.length).toBeGreaterThan(EXPORT_BATCH);
    expect(values.slice(1).map((r) => r[0])).toEqual(expected.map((h) => h.identifier));
    const hostile = values.find((r) => r[0] === 'CP78-700065');
    const source = all.find((h) => h.identifier === 'CP78-700065')!;
    expect(hostile?.slice(1, 8)).toEqual([
      `'${HOSTILE}`, 'Agent65', partners[1].name, conventions[1].number, 'Active', frDate(source.grantedDate), frDate(source.endDate),
    ]);
  });

  it('CSV: UTF-8 with BOM, « ; », filters on the partner and a date range, descending sort; journaled', async () => {
    const query = `filters.partnerId=${partners[0].id}&filters.grantedDate~~from=2025-09-15&filters.grantedDate~~to=2026-01-10&sortBy=grantedDate&direction=desc`;
    const res = await download('gestionnaire-habilitations', `/admin/exports/Habilitation/csv?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const text = (res.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFFIdentifiant;Nom;Prénom;Partenaire;')).toBe(true);
    const records = parse(text, { bom: true, delimiter: ';' }) as string[][];
    expect(records[0]).toEqual(HEADERS);
    // The list itself counts the same rows.
    const listed = await agents['gestionnaire-habilitations'].get(`/admin/api/resources/Habilitation/actions/list?${query}`);
    expect(records.length - 1).toBe((listed.body as { meta: { total: number } }).meta.total);
    const expected = sorted(all.filter((h) => h.conventionId === conventions[0].id && h.grantedDate >= '2025-09-15' && h.grantedDate <= '2026-01-10'), 'grantedDate', 'desc');
    expect(records.slice(1).map((r) => r[0])).toEqual(expected.map((h) => h.identifier));
    expect(new Set(records.slice(1).map((r) => r[3]))).toEqual(new Set([partners[0].name]));
    expect(new Set(records.slice(1).map((r) => r[6]))).toEqual(new Set(['15/09/2025', '10/01/2026']));
    expect(new Set(records.slice(1).map((r) => r[5]))).toEqual(new Set(['Active', 'Suspendue', 'Révoquée']));

    const entry = await server.dataSource.getRepository(AuditEvent).findOneOrFail({ where: { action: 'list.export', actorId: server.users['gestionnaire-habilitations'].id }, order: { id: 'DESC' } });
    expect(entry.entityType).toBe('Habilitation');
    expect(JSON.parse(entry.details!)).toEqual({
      format: 'csv', rows: expected.length, sortBy: 'grantedDate', direction: 'desc',
      filters: { partnerId: String(partners[0].id), 'grantedDate~~from': '2025-09-15', 'grantedDate~~to': '2026-01-10' },
    });
  });

  it('the hostile value is neutralised in CSV too, and the journal list exports with its date-time sort', async () => {
    const csv = await download('consultation', '/admin/exports/Habilitation/csv?filters.identifier=CP78-700065');
    const records = parse((csv.body as Buffer).toString('utf8'), { bom: true, delimiter: ';' }) as string[][];
    expect(records).toHaveLength(2);
    expect(records[1][1]).toBe(`'${HOSTILE}`);

    const events = await server.dataSource.getRepository(AuditEvent).count();
    const journal = await download('administrateur', '/admin/exports/AuditEvent/csv');
    expect(journal.status).toBe(200);
    const rows = parse((journal.body as Buffer).toString('utf8'), { bom: true, delimiter: ';' }) as string[][];
    expect(rows.length - 1).toBe(events);
  });

  it('a role that may not list a resource may not export it; a parameter the list refuses is refused', async () => {
    for (const role of ['consultation', 'directeur', 'gestionnaire-conventions'] as const) {
      expect((await download(role, '/admin/exports/StaffUser/xlsx')).status).toBe(403);
      expect((await agents[role].get('/admin/api/resources/StaffUser/actions/export')).status).toBe(403);
    }
    const before = await server.dataSource.getRepository(AuditEvent).countBy({ action: 'list.export' });
    expect((await download('administrateur', '/admin/exports/StaffUser/csv')).status).toBe(200);
    expect((await agents.consultation.get('/admin/api/resources/Habilitation/actions/export')).status).toBe(200);
    const refused = await agents.administrateur.get('/admin/exports/StaffUser/csv?sortBy=passwordHash');
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('Tri impossible');
    expect((await download('administrateur', '/admin/exports/Scan/csv')).status).toBe(403);
    expect(await server.dataSource.getRepository(AuditEvent).countBy({ action: 'list.export' })).toBe(before + 1);
  });
});
