// Every action that changes something answers only to a POST from our pages: a GET or HEAD — a link or
// an image on another site, sent with the agent's cookie (SameSite=Lax lets top-level GETs through) —
// changes nothing. Walks the whole policy table as the Administrateur (who may run almost everything)
// and compares every table before and after.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { actionsOf, can, RESOURCES } from '../../src/policies/policy.js';
import { makeRecord } from '../support/factories.js';
import { loginAs, ORIGIN, startTestServer, type Agent, type TestServer } from '../support/http.js';

const READS = new Set(['list', 'search', 'show', 'history', 'download']);

describe('no state change on GET or HEAD', () => {
  let server: TestServer;
  let admin: Agent;
  beforeAll(async () => {
    server = await startTestServer({ demoData: true });
    admin = await loginAs(server.app, 'administrateur');
  });
  afterAll(async () => { await server.close(); });

  /** Every row of every table but the sessions (whose expiry moves on each request). */
  const snapshot = async () => {
    const rows: Record<string, unknown> = {};
    const q = (name: string) => server.dataSource.driver.escape(name);
    for (const meta of server.dataSource.entityMetadatas.filter((m) => m.tableName !== 'session')) {
      const order = meta.primaryColumns.map((c) => q(c.databaseName)).join(', ');
      rows[meta.tableName] = await server.dataSource.query(`SELECT * FROM ${q(meta.tableName)} ORDER BY ${order}`);
    }
    return JSON.stringify(rows);
  };

  it('no non-read action of the policy table changes anything on GET or HEAD', async () => {
    const calls: string[] = [];
    const crashes: string[] = [];
    for (const resource of RESOURCES) {
      if (resource === 'Scan') continue; // only a download route
      for (const action of actionsOf(resource)) {
        if (READS.has(action) || !can('administrateur', resource, action)) continue;
        const { id } = await makeRecord(server.dataSource, resource);
        const api = `/admin/api/resources/${resource}`;
        // The action may be a record, resource or bulk one: every shape is tried.
        for (const url of [`${api}/records/${id}/${action}`, `${api}/actions/${action}`, `${api}/bulk/${action}?recordIds=${id}`]) {
          const before = await snapshot();
          for (const method of ['get', 'head'] as const) {
            const res = await admin[method](url);
            if (res.status >= 500) crashes.push(`${method} ${url}`);
            if (method === 'head') expect(res.status).toBe(405);
          }
          const after = await snapshot();
          if (after !== before) throw new Error(`GET/HEAD ${url} changed the database`);
          calls.push(`${resource}.${action}`);
        }
      }
    }
    expect(crashes).toEqual([]);
    // The walk did reach the dangerous ones.
    expect(calls).toEqual(expect.arrayContaining(['StaffUser.resetPassword', 'Convention.send', 'AccessRequest.approve', 'Partner.delete', 'Convention.renewalRun']));
  });

  it('GET /admin/logout shows a confirmation form and does not end the session; the POST from our page does', async () => {
    const agent = await loginAs(server.app, 'consultation');
    const page = await agent.get('/admin/logout');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Fermer votre session');
    expect(page.text).toMatch(/<form method="post" action="\/admin\/logout">/);
    expect((await agent.head('/admin/logout')).status).toBe(200);
    expect((await agent.get('/admin/api/resources/Partner/actions/list')).status).toBe(200);
    // From another site: refused by the anti-CSRF check, still logged in.
    expect((await agent.post('/admin/logout').set('Origin', 'https://ailleurs.example')).status).toBe(403);
    expect((await agent.get('/admin/api/resources/Partner/actions/list')).status).toBe(200);
    const out = await agent.post('/admin/logout').set('Origin', ORIGIN);
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/admin/login');
    expect((await agent.get('/admin/api/resources/Partner/actions/list')).status).toBe(401);
    expect((await request(server.app).get('/admin/logout')).headers.location).toBe('/admin/login');
  });
});
