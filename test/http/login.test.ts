import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { StaffUser } from '../../src/entities/staff-user.entity.js';
import { Session } from '../../src/entities/session.entity.js';
import { SESSION_COOKIE } from '../../src/server.js';
import { emailOf, loginAs, ORIGIN, startTestServer, TEST_PASSWORD, type TestServer } from '../support/http.js';

const sessionCookie = (res: request.Response) =>
  ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(`${SESSION_COOKIE}=`));

describe('staff login', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server.close(); });

  const audits = (action: string) => server.dataSource.getRepository(AuditEvent).findBy({ action });

  it('shows a French login page', async () => {
    const res = await request(server.app).get('/admin/login');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Se connecter');
    expect(res.text).toContain('Mot de passe');
    expect(res.text).not.toContain('Welcome');
  });

  it('logs in, regenerates the session id, stores the session in the database and journals it', async () => {
    const agent = request.agent(server.app);
    // A session that exists before login (e.g. planted by an attacker)…
    const before = await agent.post('/admin/login').set('Origin', ORIGIN).type('form').send({ email: 'x@y.fr', password: 'nope' });
    const res = await agent.post('/admin/login').set('Origin', ORIGIN).type('form')
      .set('User-Agent', 'jest-navigateur').send({ email: emailOf('directeur'), password: TEST_PASSWORD });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/admin');
    const cookie = sessionCookie(res);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toEqual(sessionCookie(before));
    const sid = decodeURIComponent(cookie!.split(';')[0].split('=')[1]).slice(2).split('.')[0];
    const row = await server.dataSource.getRepository(Session).findOneBy({ id: sid });
    expect(row?.staffUserId).toBe(server.users.directeur.id);
    const [event] = (await audits('login.success')).filter((e) => e.actorId === server.users.directeur.id);
    expect(event.userAgent).toBe('jest-navigateur');
    expect(event.ip).toBeTruthy();
    const home = await agent.get('/admin/api/resources/Partner/actions/list');
    expect(home.status).toBe(200);
  });

  it('refuses a wrong password with a message that does not reveal whether the account exists', async () => {
    const wrong = await request(server.app).post('/admin/login').set('Origin', ORIGIN).type('form').send({ email: emailOf('consultation'), password: 'mauvais' });
    const unknown = await request(server.app).post('/admin/login').set('Origin', ORIGIN).type('form').send({ email: 'inconnu@test.caf.fr', password: 'mauvais' });
    expect(wrong.status).toBe(200);
    expect(wrong.text).toContain('Identifiants incorrects');
    expect(unknown.text).toContain('Identifiants incorrects');
    const failures = await audits('login.failure');
    expect(failures.map((f) => f.actorEmail)).toEqual(expect.arrayContaining([emailOf('consultation'), 'inconnu@test.caf.fr']));
  });

  it('locks the account after repeated failures, for a delay kept in the database', async () => {
    const email = emailOf('gestionnaire-habilitations');
    for (let i = 0; i < 5; i++) {
      await request(server.app).post('/admin/login').set('Origin', ORIGIN).type('form').send({ email, password: `faux-${i}` });
    }
    const user = await server.dataSource.getRepository(StaffUser).findOneByOrFail({ email });
    expect(user.failedAttempts).toBe(5);
    expect(user.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
    expect((await audits('login.lockout')).some((e) => e.actorId === user.id)).toBe(true);
    // Even the right password is refused while locked, with the same message.
    const res = await request(server.app).post('/admin/login').set('Origin', ORIGIN).type('form').send({ email, password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Identifiants incorrects');
    expect((await audits('login.failure')).some((e) => e.actorId === user.id && e.reason === 'compte verrouillé')).toBe(true);
  });

  it('journals the logout and ends the session', async () => {
    const agent = await loginAs(server.app, 'consultation');
    const res = await agent.post('/admin/logout').set('Origin', ORIGIN);
    expect(res.status).toBe(303);
    expect((await audits('logout')).some((e) => e.actorId === server.users.consultation.id)).toBe(true);
    const after = await agent.get('/admin/api/resources/Partner/actions/list');
    expect(after.status).toBe(401);
  });

  it('refuses a cross-site POST and changes nothing', async () => {
    const agent = await loginAs(server.app, 'administrateur');
    const payload = { name: 'Ville pirate', type: 'commune', siret: '21780551300017', addressLine1: '1 rue X', postalCode: '78000', city: 'Versailles', representativeCivility: 'Madame', representativeName: 'A B', representativeTitle: 'Maire' };
    const evil = await agent.post('/admin/api/resources/Partner/actions/new').set('Origin', 'https://evil.example').send(payload);
    expect(evil.status).toBe(403);
    const none = await agent.post('/admin/api/resources/Partner/actions/new').send(payload);
    expect(none.status).toBe(403);
    const list = await agent.get('/admin/api/resources/Partner/actions/list');
    expect(list.body.records.map((r: { params: { name: string } }) => r.params.name)).not.toContain('Ville pirate');
  });

  it('answers /health', async () => {
    const res = await request(server.app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body.database).toBe('ok');
  });

  it('sends security headers', async () => {
    const res = await request(server.app).get('/admin/login');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('staff accounts through the API', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server.close(); });

  it('never sends a password hash to the browser', async () => {
    const agent = await loginAs(server.app, 'administrateur');
    const list = await agent.get('/admin/api/resources/StaffUser/actions/list');
    expect(list.status).toBe(200);
    expect(list.body.records.length).toBeGreaterThan(0);
    const show = await agent.get(`/admin/api/resources/StaffUser/records/${server.users.directeur.id}/show`);
    expect(JSON.stringify([list.body, show.body])).not.toContain('argon2');
  });

  it('changes a role and deactivates an account at once, journaled; the own password page works', async () => {
    const admin = await loginAs(server.app, 'administrateur');
    const reader = await loginAs(server.app, 'consultation');
    const id = server.users.consultation.id;
    const promote = await admin.post(`/admin/api/resources/StaffUser/records/${id}/edit`).set('Origin', ORIGIN).send({ role: 'directeur' });
    expect(promote.body.notice.type).toBe('success');
    // The session of the agent sees the new role at the next request.
    expect((await reader.post('/admin/api/resources/Convention/actions/renewalRun').set('Origin', ORIGIN).send({ days: '1' })).status).toBe(200);
    const off = await admin.post(`/admin/api/resources/StaffUser/records/${id}/edit`).set('Origin', ORIGIN).send({ active: 'false' });
    expect(off.body.notice.type).toBe('success');
    expect((await reader.get('/admin/api/resources/Partner/actions/list')).status).toBe(401);
    const journal = await server.dataSource.getRepository(AuditEvent).findBy({ entityType: 'StaffUser', entityId: String(id) });
    expect(journal.map((e) => e.action)).toEqual(expect.arrayContaining(['staff.role-change', 'staff.deactivate']));

    const self = await loginAs(server.app, 'gestionnaire-conventions');
    const weak = await self.post('/admin/mon-compte/mot-de-passe').set('Origin', ORIGIN).type('form')
      .send({ current: TEST_PASSWORD, next: 'court', confirmation: 'court' });
    expect(weak.status).toBe(400);
    expect(weak.text).toContain('au moins 12 caractères');
    const ok = await self.post('/admin/mon-compte/mot-de-passe').set('Origin', ORIGIN).type('form')
      .send({ current: TEST_PASSWORD, next: 'Nouveau-Secret-2026!', confirmation: 'Nouveau-Secret-2026!' });
    expect(ok.text).toContain('Votre mot de passe a été changé.');
    const relog = await request(server.app).post('/admin/login').set('Origin', ORIGIN).type('form')
      .send({ email: emailOf('gestionnaire-conventions'), password: 'Nouveau-Secret-2026!' });
    expect(relog.headers.location).toBe('/admin');
  });
});
