// The server's log as operations read it: one JSON line per request with its id, method, path, status
// and duration; errors with the request id; and never a password, a session id, a query string or
// an email body, whatever the agent did.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import request from 'supertest';
import { SESSION_COOKIE } from '../../src/server.js';
import { emailOf, loginAs, ORIGIN, startTestServer, TEST_PASSWORD, type TestServer } from '../support/http.js';

describe('structured logs', () => {
  const lines: string[] = [];
  const capture = new Writable({ write(chunk, _enc, done) { lines.push(...String(chunk).split('\n').filter(Boolean)); done(); } });
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer({ logs: capture }); });
  afterAll(async () => { await server.close(); });

  it('writes one line per request and leaks no secret', async () => {
    const agent = await loginAs(server.app, 'administrateur');
    await request(server.app).post('/admin/login').set('Origin', ORIGIN).type('form').send({ email: emailOf('directeur'), password: 'Mauvais-Mot-De-Passe-1!' });
    const list = await agent.get('/admin/api/resources/Partner/actions/list?filters.name=LEF%C3%88VRE&query=secret-recherche').set('X-Request-Id', 'proxy-req-12345');
    expect(list.headers['x-request-id']).toBe('proxy-req-12345');
    await agent.post('/admin/mon-compte/mot-de-passe').set('Origin', ORIGIN).type('form')
      .send({ current: TEST_PASSWORD, next: 'Nouveau-Secret-2026!', confirmation: 'Nouveau-Secret-2026!' });
    await new Promise((resolve) => setImmediate(resolve));

    const entries = lines.map((l) => JSON.parse(l) as { req?: { id: string; method: string; path: string }; res?: { status: number }; responseTime?: number; msg: string });
    const accesses = entries.filter((e) => e.req && e.res);
    expect(accesses.length).toBeGreaterThanOrEqual(4);
    for (const e of accesses) {
      expect(e.req!.id).toMatch(/^[\w.-]{8,64}$/);
      expect(typeof e.responseTime).toBe('number');
      expect(e.res!.status).toBeGreaterThanOrEqual(200);
    }
    expect(accesses).toEqual(expect.arrayContaining([
      expect.objectContaining({ req: { id: 'proxy-req-12345', method: 'GET', path: '/admin/api/resources/Partner/actions/list' }, res: { status: 200 } }),
    ]));
    const all = lines.join('\n');
    for (const secret of [TEST_PASSWORD, 'Mauvais-Mot-De-Passe-1!', 'Nouveau-Secret-2026!', 'secret-recherche', 'LEF', `${SESSION_COOKIE}=`, 's%3A']) {
      expect({ secret, found: all.includes(secret) }).toEqual({ secret, found: false });
    }
  });
});
