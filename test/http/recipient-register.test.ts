// « Registre des destinataires » through the real server: the partners with a convention in force
// (signed, or dénoncée with an end still to come; not a draft, not an ended one), their profile and
// their number of active habilitations, as a dated and signed PDF and as XLSX; for the Directeur and
// the Administrateur only; journaled.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { addDays, todayInParis } from '../../src/domain/shared/dates.js';
import { frenchLongDate, frenchShortDate } from '../../src/documents/format.js';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import { Settings } from '../../src/entities/settings.entity.js';
import type { Convention } from '../../src/entities/convention.entity.js';
import type { StaffRole } from '../../src/policies/roles.js';
import { makeConvention, makeHabilitation } from '../support/factories.js';
import { binary, loginAllRoles, startTestServer, type Agent, type TestServer } from '../support/http.js';
import { normalizeSpaces, pdfText } from '../support/pdf-text.js';

const today = todayInParis(new Date());

describe('Registre des destinataires through HTTP', () => {
  let server: TestServer;
  let agents: Record<StaffRole, Agent>;
  let signed: Convention;
  let denounced: Convention;
  let ended: Convention;
  let draft: Convention;
  const names: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer();
    agents = await loginAllRoles(server.app);
    signed = await makeConvention(server.dataSource, { status: 'signee', effectiveDate: '2025-01-15', cafSignedDate: '2025-01-15' });
    denounced = await makeConvention(server.dataSource, { status: 'denoncee', effectiveDate: '2024-03-01', cafSignedDate: '2024-03-01', endDate: addDays(today, 40) });
    ended = await makeConvention(server.dataSource, { status: 'denoncee', effectiveDate: '2023-03-01', cafSignedDate: '2023-03-01', endDate: addDays(today, -3) });
    draft = await makeConvention(server.dataSource, { status: 'brouillon' });
    for (const [key, convention] of Object.entries({ signed, denounced, ended, draft })) {
      names[key] = (await server.dataSource.getRepository(Partner).findOneByOrFail({ id: convention.partnerId })).name;
    }
    for (let i = 0; i < 3; i++) await makeHabilitation(server.dataSource, signed.id);
    const revoked = await makeHabilitation(server.dataSource, signed.id);
    await server.dataSource.getRepository(Habilitation).update(revoked.id, { status: 'revoquee' });
    await makeHabilitation(server.dataSource, denounced.id);
  });
  afterAll(async () => { await server.close(); });

  const download = (role: StaffRole, format: string) => agents[role].get(`/admin/registre-destinataires/${format}`).buffer(true).parse(binary);

  it('PDF: dated, signed by the director of the Settings, the conventions in force with their active habilitations', async () => {
    const res = await download('directeur', 'pdf');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="Registre des destinataires - .+\.pdf"; filename\*=UTF-8''Registre%20des%20destinataires%20%E2%80%93%20/);
    const settings = (await server.dataSource.getRepository(Settings).find())[0];
    const text = normalizeSpaces((await pdfText(res.body as Buffer)).flat);
    expect(text).toContain('Registre des destinataires des données');
    expect(text).toContain(frenchLongDate(today));
    expect(text).toContain(settings.directorName);
    expect(text).toContain('2 conventions, 4 habilitations actives');
    expect(text).toContain(names.signed);
    expect(text).toContain(names.denounced);
    expect(text).not.toContain(names.ended);
    expect(text).not.toContain(names.draft);
    expect(text).toContain('T2 –');
    expect(text).toContain('Diffusion restreinte');
  });

  it('XLSX: one row per convention in force, French headers, counts of active habilitations; journaled', async () => {
    const res = await download('administrateur', 'xlsx');
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never);
    const rows: unknown[][] = [];
    workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['Partenaire', 'SIRET', 'Type', 'Convention', 'Profil d’accès', 'En vigueur depuis le', 'Fin prévue le', 'Habilitations actives']);
    const byNumber = new Map(rows.slice(1).map((r) => [r[3], r]));
    expect([...byNumber.keys()].sort()).toEqual([signed.number, denounced.number].sort());
    expect(byNumber.get(signed.number)?.[0]).toBe(names.signed);
    expect(byNumber.get(signed.number)?.[5]).toBe('15/01/2025');
    expect(byNumber.get(signed.number)?.[7]).toBe(3);
    expect(byNumber.get(denounced.number)?.[6]).toBe(frenchShortDate(addDays(today, 40)));
    expect(byNumber.get(denounced.number)?.[7]).toBe(1);
    const entry = await server.dataSource.getRepository(AuditEvent).findOneOrFail({ where: { action: 'recipient-register.export' }, order: { id: 'DESC' } });
    expect(entry.actorId).toBe(server.users.administrateur.id);
    expect(JSON.parse(entry.details!)).toEqual({ format: 'xlsx', date: today, rows: 2 });
  });

  it('refused to the other roles, on the route and on the back-office action', async () => {
    for (const role of ['gestionnaire-conventions', 'gestionnaire-habilitations', 'consultation'] as const) {
      expect((await download(role, 'pdf')).status).toBe(403);
      expect((await download(role, 'xlsx')).status).toBe(403);
      expect((await agents[role].get('/admin/api/resources/Partner/actions/recipientRegister')).status).toBe(403);
    }
    expect((await agents.directeur.get('/admin/api/resources/Partner/actions/recipientRegister')).status).toBe(200);
  });
});
