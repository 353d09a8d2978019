// The lists' name filters and sorts through the real server (issues 13 §2, 14): a name filter is
// « starts with » on the folded name, case and accents aside, sent to the database as an indexable
// prefix (no leading wildcard); a list sorted by name is in the French order (« Benali » before
// « BERNARD », « Émond » with the E's), on SQLite as on MariaDB.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import { makeConvention, makeHabilitation, partnerPayload } from '../support/factories.js';
import { loginAs, startTestServer, type Agent, type TestServer } from '../support/http.js';
import { sqlOf } from '../support/sql.js';

interface ListBody { meta: { total: number }; records: Array<{ params: Record<string, unknown> }> }

describe('name filters and French sort through HTTP', () => {
  let server: TestServer;
  let agent: Agent;

  beforeAll(async () => {
    server = await startTestServer();
    agent = await loginAs(server.app, 'consultation');
    const convention = await makeConvention(server.dataSource, { status: 'signee', effectiveDate: '2026-01-15', cafSignedDate: '2026-01-15' });
    const repository = server.dataSource.getRepository(Habilitation);
    for (const [lastName, firstName] of [['BERNARD', 'Paul'], ['Martin', 'Zoé'], ['Émond', 'Éric'], ['Benali', 'Samir'], ['bertin', 'Léa'], ['Eymard', 'Anne']]) {
      const made = await makeHabilitation(server.dataSource, convention.id);
      await repository.update(made.id, { lastName, firstName });
    }
    await server.dataSource.getRepository(Partner).save({ ...partnerPayload(), name: 'Commune de L’Étang-la-Ville' } as Partial<Partner>);
  });
  afterAll(async () => { await server.close(); });

  const list = async (resource: string, query: string): Promise<ListBody> => {
    const res = await agent.get(`/admin/api/resources/${resource}/actions/list?${query}&perPage=100`);
    expect(res.status).toBe(200);
    return res.body as ListBody;
  };
  const names = (body: ListBody) => body.records.map((r) => r.params.lastName);

  it('sorts by last name in the French order, both ways', async () => {
    const ours = ['BERNARD', 'Martin', 'Émond', 'Benali', 'bertin', 'Eymard'];
    const ascending = names(await list('Habilitation', 'sortBy=lastName&direction=asc')).filter((n) => ours.includes(n as string));
    expect(ascending).toEqual(['Benali', 'BERNARD', 'bertin', 'Émond', 'Eymard', 'Martin']);
    const descending = names(await list('Habilitation', 'sortBy=lastName&direction=desc')).filter((n) => ours.includes(n as string));
    expect(descending).toEqual(['Martin', 'Eymard', 'Émond', 'bertin', 'BERNARD', 'Benali']);
  });

  it('filters a name by its beginning, case and accents aside, with an indexable prefix', async () => {
    const sql = await sqlOf(server.dataSource, async () => {
      expect(names(await list('Habilitation', 'filters.lastName=BER')).sort()).toEqual(['BERNARD', 'bertin']);
      expect(names(await list('Habilitation', 'filters.lastName=emo'))).toEqual(['Émond']);
      expect(names(await list('Habilitation', 'filters.firstName=eric'))).toEqual(['Émond']);
      // The middle of a name is not its beginning.
      expect((await list('Habilitation', 'filters.lastName=nard')).meta.total).toBe(0);
    });
    const habilitationQueries = sql.filter((q) => /FROM [`"]habilitation[`"]/.test(q) && /lastNameFolded|firstNameFolded/.test(q));
    expect(habilitationQueries.length).toBeGreaterThan(0);
    // Never a leading wildcard on a person's name.
    expect(sql.filter((q) => /LIKE '%|lastName[`"]? LIKE/i.test(q))).toEqual([]);
  });

  it('finds a partner by any part of its name, accents aside', async () => {
    const found = await list('Partner', 'filters.name=etang');
    expect(found.records.map((r) => r.params.name)).toEqual(['Commune de L’Étang-la-Ville']);
    // The folded copies are never shown.
    expect(Object.keys(found.records[0].params)).not.toContain('nameFolded');
  });
});
