// « Échéances » on the home page of the Directeur and the Gestionnaire conventions (issue 13 §6),
// through the real server: each card counts exactly the conventions its link lists (the same `where`),
// and those are the ones the anniversary rules say; the other roles do not get the cards.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { services } from '../../src/admin/services.js';
import { SYSTEM_ACTOR } from '../../src/domain/audit/audit.js';
import { nextAnniversary, noticeDeadline } from '../../src/domain/convention/convention.rules.js';
import { issueRenewalNotice } from '../../src/domain/documents/renewal-notices.js';
import { addDays, addYears, compareDates, todayInParis } from '../../src/domain/shared/dates.js';
import type { Convention } from '../../src/entities/convention.entity.js';
import type { StaffRole } from '../../src/policies/roles.js';
import { makeConvention } from '../support/factories.js';
import { loginAllRoles, startTestServer, type Agent, type TestServer } from '../support/http.js';

interface Queue { id: string; group: string; label: string; count: number; oldestDays: number | null; href: string }

const today = todayInParis(new Date());
const within = (date: string, days: number) => compareDates(today, date) <= 0 && compareDates(date, addDays(today, days)) <= 0;

describe('« Échéances » through HTTP', () => {
  let server: TestServer;
  let agents: Record<StaffRole, Agent>;
  const conventions: Record<string, Convention> = {};

  const signedWithAnniversaryIn = (days: number) => {
    const effectiveDate = addYears(addDays(today, days), -2);
    return makeConvention(server.dataSource, { status: 'signee', effectiveDate, cafSignedDate: effectiveDate, sentDate: effectiveDate });
  };
  const dueCards = async (role: StaffRole): Promise<Queue[]> => {
    const res = await agents[role].get('/admin/api/dashboard');
    expect(res.status).toBe(200);
    return (res.body as { queues: Queue[] }).queues.filter((q) => q.group === 'due');
  };
  const listed = async (role: StaffRole, href: string): Promise<{ total: number; ids: number[] }> => {
    const [pathname, query] = href.split('?');
    expect(pathname).toBe('/admin/resources/Convention');
    const res = await agents[role].get(`/admin/api/resources/Convention/actions/list?${query}&perPage=100`);
    expect(res.status).toBe(200);
    const body = res.body as { meta: { total: number }; records: Array<{ id: string }> };
    return { total: body.meta.total, ids: body.records.map((r) => Number(r.id)).sort((a, b) => a - b) };
  };

  beforeAll(async () => {
    server = await startTestServer();
    agents = await loginAllRoles(server.app);
    for (const days of [0, 10, 45, 64, 80, 100, 200, 300]) conventions[`a${days}`] = await signedWithAnniversaryIn(days);
    // Denounced: it ends at its anniversary, it is not renewed.
    const denouncedFrom = addYears(addDays(today, 10), -2);
    conventions.denounced = await makeConvention(server.dataSource, { status: 'denoncee', effectiveDate: denouncedFrom, cafSignedDate: denouncedFrom, endDate: addDays(today, 10) });
    conventions.sentLongAgo = await makeConvention(server.dataSource, { status: 'envoyee', sentDate: addDays(today, -45) });
    conventions.sentMonthAgo = await makeConvention(server.dataSource, { status: 'envoyee', sentDate: addDays(today, -30) });
    conventions.sentRecently = await makeConvention(server.dataSource, { status: 'envoyee', sentDate: addDays(today, -10) });
    // The renewal notice of this one is produced: it leaves « Avis de reconduction non produits ».
    await server.dataSource.transaction((m) => issueRenewalNotice(m, services().storage, conventions.a64.id, addDays(today, 64), SYSTEM_ACTOR));
  });
  afterAll(async () => { await server.close(); });

  /** What each card must list, from the rules of convention.rules.ts. */
  const expected = (): Record<string, number[]> => {
    const signed = Object.values(conventions).filter((c) => c.status === 'signee');
    const next = (c: Convention) => nextAnniversary(c.effectiveDate!, addDays(today, -1));
    const ids = (list: Convention[]) => list.map((c) => c.id).sort((a, b) => a - b);
    return {
      'anniversaries-30': ids(signed.filter((c) => within(next(c), 30))),
      'anniversaries-60': ids(signed.filter((c) => within(next(c), 60))),
      'anniversaries-90': ids(signed.filter((c) => within(next(c), 90))),
      'renewal-notices-missing': ids(signed.filter((c) => c !== conventions.a64
        && compareDates(nextAnniversary(c.effectiveDate!, today), today) > 0 && compareDates(noticeDeadline(nextAnniversary(c.effectiveDate!, today), 'cafpro'), addDays(today, 30)) <= 0)),
      'denunciation-deadlines-7': ids(signed.filter((c) => within(noticeDeadline(next(c), 'cafpro'), 7))),
      'denunciation-deadlines-30': ids(signed.filter((c) => within(noticeDeadline(next(c), 'cafpro'), 30))),
      'signature-overdue': ids([conventions.sentLongAgo]),
    };
  };

  it('each card of the Directeur and of the Gestionnaire conventions lists exactly what it counts, and what the rules say', async () => {
    const want = expected();
    // The fixture covers every card with something in it, and something outside it.
    expect(want['anniversaries-30']).toEqual([conventions.a0.id, conventions.a10.id]);
    expect(want['anniversaries-90']).toEqual([conventions.a0.id, conventions.a10.id, conventions.a45.id, conventions.a64.id, conventions.a80.id]);
    expect(want['denunciation-deadlines-7']).toEqual([conventions.a64.id]);
    expect(want['denunciation-deadlines-30']).toEqual([conventions.a64.id, conventions.a80.id]);
    expect(want['renewal-notices-missing']).toEqual([conventions.a10.id, conventions.a45.id, conventions.a80.id]);
    for (const role of ['directeur', 'gestionnaire-conventions'] as const) {
      const cards = await dueCards(role);
      expect(cards.map((c) => c.id)).toEqual(Object.keys(want));
      for (const card of cards) {
        const list = await listed(role, card.href);
        expect({ card: card.id, count: card.count, listed: list.total, ids: list.ids }).toEqual({ card: card.id, count: want[card.id].length, listed: want[card.id].length, ids: want[card.id] });
      }
      expect(cards.find((c) => c.id === 'signature-overdue')).toMatchObject({ label: 'En attente de signature depuis plus de 30 jours', oldestDays: 45 });
    }
    for (const role of ['gestionnaire-habilitations', 'consultation'] as const) expect(await dueCards(role)).toEqual([]);
  });

  it('a value that is not one of the cards is refused in French (src/http/list-parameters.ts), not read as « no filter »', async () => {
    const res = await agents.directeur.get('/admin/api/resources/Convention/actions/list?filters.due=nimporte-quoi&perPage=100');
    expect(res.status).toBe(400);
    expect(res.body.notice.type).toBe('error');
  });
});
