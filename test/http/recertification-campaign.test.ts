// The recertification campaign through the real server (issue 15 §2): the lists never returned wait in
// « Recertifications sans réponse » on the home page of the Gestionnaire habilitations and the
// Directeur (the link opens exactly them) until returned late or closed with a reason (journaled);
// the campaign of an anniversary month gives its figures, and its evidence file (XLSX, read back) one
// row per habilitation: the answer, the signatory at the partner, the agent, the day it took effect.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { services } from '../../src/admin/services.js';
import { SYSTEM_ACTOR } from '../../src/domain/audit/audit.js';
import { issueRenewalNotice } from '../../src/domain/documents/renewal-notices.js';
import { markRecertificationUnanswered, remindRecertification } from '../../src/domain/recertification/recertification-reminders.use-cases.js';
import { addDays, addMonths, addYears, todayInParis } from '../../src/domain/shared/dates.js';
import { frenchShortDate } from '../../src/documents/format.js';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { Recertification } from '../../src/entities/recertification.entity.js';
import { EVIDENCE_HEADERS } from '../../src/http/recertification-campaign.js';
import type { StaffRole } from '../../src/policies/roles.js';
import { makeActiveHabilitation, makeSignedConventionWithResponsable } from '../db/outbox/support.js';
import { actionsApi, type ActionBody } from '../support/actions-api.js';
import { binary, loginAllRoles, startTestServer, type Agent, type TestServer } from '../support/http.js';

interface Queue { id: string; count: number; oldestDays: number | null; href: string }

const today = todayInParis(new Date());
// Anniversaries early in the month after next: the notices are due now (the last day to denounce is near).
const month = addMonths(today, 3).slice(0, 7);

describe('recertification campaign, as the agents see it', () => {
  let server: TestServer;
  let agents: Record<StaffRole, Agent>;
  const { act, resourceAct, offered, expectForbidden } = actionsApi(() => agents);
  const made: Record<'returned' | 'unanswered' | 'late' | 'closed', { recertification: Recertification; habilitations: Habilitation[]; number: string }> = {} as never;

  const recertificationOf = async (day: number, people: number) => {
    const anniversary = `${month}-${String(day).padStart(2, '0')}`;
    const { convention } = await makeSignedConventionWithResponsable(server.dataSource, { effectiveDate: addYears(anniversary, -2) });
    const habilitations = [];
    for (let i = 0; i < people; i++) habilitations.push(await makeActiveHabilitation(server.dataSource, convention.id));
    const notice = await server.dataSource.transaction((m) => issueRenewalNotice(m, services().storage, convention.id, anniversary, SYSTEM_ACTOR));
    const recertification = await server.dataSource.getRepository(Recertification).findOneByOrFail({ documentId: notice.document.id });
    return { recertification, habilitations, number: convention.number };
  };
  const reload = (r: Recertification) => server.dataSource.getRepository(Recertification).findOneByOrFail({ id: r.id });
  const unanswer = (r: Recertification) => server.dataSource.transaction((m) => markRecertificationUnanswered(m, SYSTEM_ACTOR, r.id, new Date(`${addDays(r.dueDate, 2)}T10:00:00Z`)));
  const dashboard = async (role: StaffRole): Promise<Queue[]> => {
    const res = await agents[role].get('/admin/api/dashboard');
    expect(res.status).toBe(200);
    return (res.body as { queues: Queue[] }).queues;
  };
  const unansweredQueue = async (role: StaffRole) => (await dashboard(role)).find((q) => q.id === 'recertifications-unanswered');
  const listed = async (role: StaffRole, href: string) => {
    const [pathname, query] = href.split('?');
    const res = await agents[role].get(`/admin/api/resources/${pathname.split('/')[3]}/actions/list?${query}&perPage=50`);
    expect(res.status).toBe(200);
    return (res.body as { records: Array<{ id: string }> }).records.map((r) => Number(r.id)).sort((a, b) => a - b);
  };

  beforeAll(async () => {
    server = await startTestServer();
    agents = await loginAllRoles(server.app);
    made.returned = await recertificationOf(2, 2);
    made.unanswered = await recertificationOf(3, 1);
    made.late = await recertificationOf(4, 1);
    made.closed = await recertificationOf(5, 1);
    // Reminded once before its due date, then never answered.
    const due = made.unanswered.recertification.dueDate;
    await server.dataSource.transaction((m) => remindRecertification(m, SYSTEM_ACTOR, made.unanswered.recertification.id, [7], new Date(`${addDays(due, -7)}T10:00:00Z`)));
    for (const key of ['unanswered', 'late', 'closed'] as const) expect(await unanswer(made[key].recertification)).toBe(true);
  });
  afterAll(async () => { await server.close(); });

  it('« Recertifications sans réponse »: on the home page of the habilitation staff and the Directeur, the link lists exactly them, until returned late or closed with a reason', async () => {
    const ids = (...keys: Array<keyof typeof made>) => keys.map((k) => made[k].recertification.id).sort((a, b) => a - b);
    for (const role of ['gestionnaire-habilitations', 'directeur'] as const) {
      const queue = await unansweredQueue(role);
      expect(queue).toMatchObject({ count: 3 });
      expect(await listed(role, queue!.href)).toEqual(ids('unanswered', 'late', 'closed'));
    }
    for (const role of ['gestionnaire-conventions', 'consultation'] as const) expect(await unansweredQueue(role)).toBeUndefined();

    // Closing: refused to the roles that may not, refused without a reason; nothing changes.
    const closed = made.closed.recertification;
    for (const role of ['gestionnaire-conventions', 'consultation'] as const) {
      expectForbidden(await act(role, 'Recertification', closed.id, 'closeUnanswered', { reason: 'Joint par téléphone' }));
    }
    const empty = (await act('directeur', 'Recertification', closed.id, 'closeUnanswered', { reason: '  ' })).body as ActionBody;
    expect(empty.notice?.type).toBe('error');
    expect(empty.notice?.message).toContain('Indiquez le motif du classement');
    expect((await reload(closed)).status).toBe('sans-reponse');
    // A list still waiting for its due date is not « sans réponse »: it cannot be closed.
    const open = await recertificationOf(6, 1);
    expect(((await act('directeur', 'Recertification', open.recertification.id, 'closeUnanswered', { reason: 'Essai' })).body as ActionBody).notice?.type).toBe('error');
    expect(await offered('directeur', 'Recertification', open.recertification.id)).not.toContain('closeUnanswered');
    expect(await offered('directeur', 'Recertification', closed.id)).toContain('closeUnanswered');
    expect((await reload(open.recertification)).status).toBe('envoyee');

    const done = (await act('directeur', 'Recertification', closed.id, 'closeUnanswered', { reason: 'Mairie jointe par téléphone : liste inchangée, confirmée par courriel' })).body as ActionBody;
    expect(done.notice).toMatchObject({ type: 'success', message: 'Recertification classée sans retour : Mairie jointe par téléphone : liste inchangée, confirmée par courriel' });
    const after = await reload(closed);
    expect(after).toMatchObject({ status: 'classee', appliedById: server.users.directeur.id });
    expect(after.report).toContain('par directeur@test.caf.fr : Mairie jointe par téléphone');
    const entry = await server.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'recertification.close', entityId: String(closed.id) });
    expect(entry).toMatchObject({ actorId: server.users.directeur.id, fromState: 'sans-reponse', toState: 'classee', reason: 'Mairie jointe par téléphone : liste inchangée, confirmée par courriel' });
    // Nothing revoked by the closure.
    expect((await server.dataSource.getRepository(Habilitation).findOneByOrFail({ id: made.closed.habilitations[0].id })).status).toBe('active');

    // A late return leaves the queue too.
    const late = made.late.recertification;
    const lateLine = (await agents['gestionnaire-habilitations'].get(`/admin/api/resources/Recertification/records/${late.id}/show`)).body.record.params.lineFields as string;
    const lineName = (JSON.parse(lateLine) as Array<{ name: string }>).find((f) => f.name.startsWith('decision_'))!.name;
    const returned = (await act('gestionnaire-habilitations', 'Recertification', late.id, 'recordReturn', { [lineName]: 'conserver', signatory: 'Jean Retard' })).body as ActionBody;
    expect(returned.notice?.type).toBe('success');

    for (const role of ['gestionnaire-habilitations', 'directeur'] as const) {
      const queue = await unansweredQueue(role);
      expect(queue).toMatchObject({ count: 1 });
      expect(await listed(role, queue!.href)).toEqual(ids('unanswered'));
    }
  });

  it('the campaign of a month: figures on the back-office page, evidence XLSX with one row per habilitation; refused to the other roles', async () => {
    // The return of the first list: one removed today, one kept, signed by the mayor.
    const { recertification, habilitations: [leaving, staying] } = made.returned;
    const show = await agents['gestionnaire-habilitations'].get(`/admin/api/resources/Recertification/records/${recertification.id}/show`);
    const fields = JSON.parse(show.body.record.params.lineFields) as Array<{ name: string; label: string }>;
    const line = (h: Habilitation) => fields.find((f) => f.label.startsWith(h.identifier) && f.name.startsWith('decision_'))!.name.split('_')[1];
    const applied = (await act('gestionnaire-habilitations', 'Recertification', recertification.id, 'recordReturn', {
      [`decision_${line(leaving)}`]: 'supprimer', [`date_${line(leaving)}`]: today, [`decision_${line(staying)}`]: 'conserver', signatory: 'Françoise Lecœur, maire',
    })).body as ActionBody;
    expect(applied.notice?.type).toBe('success');

    const page = await resourceAct('directeur', 'Recertification', 'campaign', { mois: month });
    expect(page.status).toBe(200);
    expect(page.body.campaign.figures).toEqual({
      notices: 5, returned: 2, reminded: 1, unanswered: 1, closed: 1, pending: 1, confirmed: 2, revoked: 1, other: 0,
    });
    expect(page.body.campaign.recertifications.map((r: { conventionNumber: string; statusLabel: string }) => [r.conventionNumber, r.statusLabel])).toEqual([
      [made.returned.number, 'Retournée'], [made.unanswered.number, 'Sans réponse'], [made.late.number, 'Retournée'], [made.closed.number, 'Classée sans retour'],
      [expect.any(String), 'Envoyée'],
    ]);
    // Another month: nothing.
    expect((await resourceAct('directeur', 'Recertification', 'campaign', { mois: addMonths(today, 9).slice(0, 7) })).body.campaign.figures.notices).toBe(0);
    const bad = await resourceAct('directeur', 'Recertification', 'campaign', { mois: '2026-13' });
    expect(bad.body.notice).toMatchObject({ type: 'error', message: 'Mois de campagne invalide : choisissez un mois (AAAA-MM).' });

    const res = await agents['gestionnaire-habilitations'].get(`/admin/recertifications/campagne/${month}.xlsx`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain('attachment;');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never);
    const rows: unknown[][] = [];
    workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(EVIDENCE_HEADERS);
    const byIdentifier = new Map(rows.slice(1).map((r) => [r[5], r]));
    expect(rows.length - 1).toBe(6);
    const agent = `${server.users['gestionnaire-habilitations'].name} (gestionnaire-habilitations@test.caf.fr)`;
    const anniversary = frenchShortDate(recertification.anniversary);
    expect(byIdentifier.get(leaving.identifier)).toEqual([
      made.returned.number, expect.any(String), anniversary, recertification.reference, 'Retournée', leaving.identifier, expect.stringContaining('Hélène'),
      'Révoquée', 'Françoise Lecœur, maire', frenchShortDate(today), agent, frenchShortDate(today), frenchShortDate(today),
    ]);
    expect(byIdentifier.get(staying.identifier)?.slice(7)).toEqual(['Confirmée', 'Françoise Lecœur, maire', frenchShortDate(today), agent, frenchShortDate(today), frenchShortDate(today)]);
    expect(byIdentifier.get(made.late.habilitations[0].identifier)?.slice(7, 9)).toEqual(['Confirmée', 'Jean Retard']);
    const unanswered = byIdentifier.get(made.unanswered.habilitations[0].identifier)!;
    expect(unanswered.slice(4, 5)).toEqual(['Sans réponse']);
    expect(unanswered[7]).toBe('Sans réponse');
    expect(unanswered.slice(8).every((cell) => cell === null || cell === undefined)).toBe(true);
    const closed = byIdentifier.get(made.closed.habilitations[0].identifier)!;
    expect([closed[7], closed[8], closed[10]]).toEqual(['Sans retour (classée)', undefined, `${server.users.directeur.name} (directeur@test.caf.fr)`]);
    const entry = await server.dataSource.getRepository(AuditEvent).findOneOrFail({ where: { action: 'recertification.campaign-export' }, order: { id: 'DESC' } });
    expect(entry.actorId).toBe(server.users['gestionnaire-habilitations'].id);
    expect(JSON.parse(entry.details!)).toEqual({ month, rows: 6 });

    for (const role of ['gestionnaire-conventions', 'consultation'] as const) {
      expect((await agents[role].get(`/admin/recertifications/campagne/${month}.xlsx`)).status).toBe(403);
      expectForbidden(await resourceAct(role, 'Recertification', 'campaign', { mois: month }));
    }
    expect((await agents.directeur.get('/admin/recertifications/campagne/2026-13.xlsx')).status).toBe(404);
  });
});
