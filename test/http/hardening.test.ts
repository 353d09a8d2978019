// What a security officer checks on the running server: redirect targets, CSP, headers, proxy trust,
// list parameters, errors that say neither too much nor too little, and a health check that means it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { emailOf, loginAs, ORIGIN, startTestServer, TEST_PASSWORD, type Agent, type TestServer } from '../support/http.js';

const login = (server: TestServer, headers: Record<string, string> = {}) =>
  request(server.app).post('/admin/login').set({ Origin: ORIGIN, ...headers }).type('form').send({ email: emailOf('directeur'), password: TEST_PASSWORD });

describe('hardened HTTP surface', () => {
  let server: TestServer;
  let agent: Agent;
  beforeAll(async () => {
    server = await startTestServer();
    agent = await loginAs(server.app, 'administrateur');
  });
  afterAll(async () => { await server.close(); });

  it('removes a redirectUrl that is not a path of our own origin from any page address', async () => {
    for (const target of ['javascript:alert(document.domain)', 'https://ailleurs.example/', '//ailleurs.example', '/\\ailleurs.example', ' javascript:alert(1)']) {
      const res = await agent.get(`/admin/resources/Partner/actions/new?redirectUrl=${encodeURIComponent(target)}&x=1`);
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe('/admin/resources/Partner/actions/new?x=1');
    }
    const own = await agent.get('/admin/resources/Partner/actions/new?redirectUrl=%2Fadmin%2Fresources%2FPartner');
    expect(own.status).toBe(200);
  });

  it('lets only the nonced inline scripts run (no unsafe-inline in script-src), and serves the font itself', async () => {
    const res = await agent.get('/admin');
    const csp = res.headers['content-security-policy'];
    const scriptSrc = /script-src ([^;]+)/.exec(csp)![1];
    expect(scriptSrc).not.toContain('unsafe-inline');
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
    const inline = [...res.text.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)];
    expect(inline.length).toBeGreaterThan(0);
    for (const [, attributes] of inline) expect(attributes).toContain(`nonce="${nonce}"`);
    // A fresh nonce per page.
    expect((await agent.get('/admin')).headers['content-security-policy']).not.toContain(nonce);
    expect(res.text).not.toContain('googleapis');
    // Framed only by our own pages (the decision screen shows the scan and the letter's preview).
    expect(csp).toContain("frame-ancestors 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    const css = await agent.get('/admin/fonts/roboto/400.css');
    expect(css.status).toBe(200);
    const font = /url\(\.\/(files\/roboto-latin-400-normal\.woff2)\)/.exec(css.text)![1];
    const woff = await agent.get(`/admin/fonts/roboto/${font}`);
    expect(woff.status).toBe(200);
    expect(woff.headers['content-type']).toMatch(/font\/woff2/);
    const login = await request(server.app).get('/admin/login');
    expect(login.text).not.toContain('googleapis');
    expect(login.text).toMatch(/<script nonce="/);
  });

  it('keeps nothing an agent sees in a cache, sets Permissions-Policy, and compresses', async () => {
    for (const url of ['/admin', '/admin/api/resources/Partner/actions/list', '/admin/login', '/health']) {
      const res = await agent.get(url);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['permissions-policy']).toContain('camera=()');
    }
    const bundle = await agent.get('/admin/frontend/assets/app.bundle.js').set('Accept-Encoding', 'gzip');
    expect(bundle.headers['cache-control']).not.toBe('no-store');
    expect(bundle.headers['content-encoding']).toBe('gzip');
    const page = await agent.get('/admin').set('Accept-Encoding', 'gzip');
    expect(page.headers['content-encoding']).toBe('gzip');
  });

  it('does not believe X-Forwarded-For without TRUST_PROXY: the journal keeps the real address', async () => {
    await login(server, { 'X-Forwarded-For': '203.0.113.66', 'User-Agent': 'sans-proxy' });
    const event = await server.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'login.success', userAgent: 'sans-proxy' });
    expect(event.ip).not.toContain('203.0.113.66');
  });

  it('answers 400 in French to list parameters that are not usable, never 500', async () => {
    const cases: Array<[string, RegExp]> = [
      ['/admin/api/resources/AuditEvent/actions/list?sortBy=unknown', /Tri impossible/],
      ['/admin/api/resources/AuditEvent/actions/list?filters.occurredAt~~from=not-a-date', /n’est pas une date/],
      ['/admin/api/resources/AuditEvent/actions/list?filters.nonexistent=1', /Filtre « nonexistent » refusé : ce critère de filtre n’existe pas/],
      ['/admin/api/resources/StaffUser/actions/list?filters.passwordHash=%24argon2', /Filtre « passwordHash » refusé/],
      ['/admin/api/resources/StaffUser/actions/list?sortBy=passwordHash', /Tri impossible/],
      ['/admin/api/resources/Partner/actions/list?page=-1', /Numéro de page invalide/],
      ['/admin/api/resources/Partner/actions/list?perPage=100000', /lignes par page/],
      ['/admin/api/resources/Partner/actions/list?direction=sideways', /Sens de tri/],
      ['/admin/api/resources/Convention/actions/list?filters.status=inconnu', /ne fait pas partie des choix/],
      ['/admin/api/resources/Convention/actions/list?filters.partnerId=abc', /n’est pas un numéro/],
    ];
    for (const [url, message] of cases) {
      const res = await agent.get(url);
      expect([url, res.status]).toEqual([url, 400]);
      expect(res.body.notice.message).toMatch(message);
    }
    // What the screens send still works.
    for (const url of [
      '/admin/api/resources/AuditEvent/actions/list?sortBy=occurredAt&direction=desc&page=2&filters.occurredAt~~from=2026-01-01',
      '/admin/api/resources/Convention/actions/list?filters.status=signee,envoyee',
    ]) expect((await agent.get(url)).status).toBe(200);
  });

  it('shows anonymous visitors a French generic message when the login check fails, and /health says 503 without the schema', async () => {
    expect((await request(server.app).get('/health')).status).toBe(200);
    await server.dataSource.query('ALTER TABLE staff_user RENAME TO staff_user_gone');
    try {
      const res = await request(server.app).post('/admin/login').set('Origin', ORIGIN).type('form').send({ email: 'x@y.fr', password: 'quelconque' });
      expect(res.text).toContain('Connexion impossible pour le moment');
      expect(res.text).not.toMatch(/staff_user|SQLITE|ER_NO_SUCH_TABLE|doesn't exist/i);
      const health = await request(server.app).get('/health');
      expect(health.status).toBe(503);
      expect(health.body.status).toBe('erreur');
    } finally {
      await server.dataSource.query('ALTER TABLE staff_user_gone RENAME TO staff_user');
    }
    expect((await request(server.app).get('/health')).status).toBe(200);
  });
});

describe('behind a trusted proxy (TRUST_PROXY=1)', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer({ config: { trustProxy: 1 } }); });
  afterAll(async () => { await server.close(); });

  it('journals the client address the proxy gives', async () => {
    await login(server, { 'X-Forwarded-For': '203.0.113.7', 'User-Agent': 'derriere-proxy' });
    const event = await server.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'login.success', userAgent: 'derriere-proxy' });
    expect(event.ip).toBe('203.0.113.7');
  });
});
