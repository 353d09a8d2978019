// A list counts its rows up to 10 000 (issue 14): beyond, the header says « plus de 10 000 » and the
// database reads 10 001 index entries instead of the whole journal; below, the count is exact, with
// the filters applied.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LIST_COUNT_LIMIT, listCountLabel } from '../../src/admin/list-count.js';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { loginAs, startTestServer, type Agent, type TestServer } from '../support/http.js';

interface ListBody { meta: { total: number; perPage: number }; records: unknown[] }

describe('bounded list counts through HTTP', () => {
  let server: TestServer;
  let admin: Agent;
  const seeded = LIST_COUNT_LIMIT + 50;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await loginAs(server.app, 'administrateur');
    const at = new Date('2026-06-01T08:00:00Z');
    for (let start = 0; start < seeded; start += 500) {
      const rows = Array.from({ length: Math.min(500, seeded - start) }, (_, i) => ({
        occurredAt: at, action: start + i < 3 ? 'convention.sign' : 'import.row', entityType: 'Convention', entityId: String(start + i), legalHold: false,
      }));
      await server.dataSource.createQueryBuilder().insert().into(AuditEvent).values(rows).updateEntity(false).execute();
    }
  });
  afterAll(async () => { await server.close(); });

  const list = async (query: string): Promise<ListBody> => {
    const res = await admin.get(`/admin/api/resources/AuditEvent/actions/list?${query}`);
    expect(res.status).toBe(200);
    return res.body as ListBody;
  };

  it('stops counting past 10 000 rows, and the header says so in French', async () => {
    const body = await list('perPage=20');
    expect(body.meta.total).toBe(LIST_COUNT_LIMIT + 1);
    expect(body.records).toHaveLength(20);
    expect(listCountLabel(body.meta.total)).toBe('plus de 10\u202f000');
    expect(listCountLabel(4321)).toBe('4\u202f321');
  });

  it('counts exactly under the limit, with the filter applied', async () => {
    const body = await list('filters.action=convention.sign');
    expect(body.meta.total).toBe(3);
    expect(body.records).toHaveLength(3);
  });

  it('still serves the last counted page', async () => {
    const body = await list(`perPage=20&page=${LIST_COUNT_LIMIT / 20}`);
    expect(body.records).toHaveLength(20);
  });
});

// Sorting on a column without an index is a filesort of millions of rows: the journal and the emails
// sort only where an index gives the order.
describe('sorts only on indexed columns', () => {
  let server: TestServer;
  let admin: Agent;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await loginAs(server.app, 'administrateur');
    const rows = ['2026-06-01T08:00:00Z', '2026-06-03T08:00:00Z', '2026-06-02T08:00:00Z'].map((at, i) => ({
      occurredAt: new Date(at), action: 'convention.sign', entityType: 'Convention', entityId: String(i), ip: `10.0.0.${9 - i}`, legalHold: false,
    }));
    await server.dataSource.createQueryBuilder().insert().into(AuditEvent).values(rows).updateEntity(false).execute();
  });
  afterAll(async () => { await server.close(); });

  it('a sort on an unindexed column is refused in French; an indexed one sorts', async () => {
    const res = await admin.get('/admin/api/resources/AuditEvent/actions/list?filters.action=convention.sign&sortBy=ip&direction=asc');
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('Tri impossible : cette colonne ne se trie pas.');
    const byDate = await admin.get('/admin/api/resources/AuditEvent/actions/list?filters.action=convention.sign&sortBy=occurredAt&direction=asc');
    expect(byDate.status).toBe(200);
    expect((byDate.body as { records: Array<{ params: { entityId: string } }> }).records.map((r) => r.params.entityId)).toEqual(['0', '2', '1']);
    const emails = await admin.get('/admin/api/resources/OutboxEmail/actions/list?sortBy=subject&direction=asc');
    expect(emails.status).toBe(400);
  });
});
