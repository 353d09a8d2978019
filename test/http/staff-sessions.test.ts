// Sessions that end (audit item 7) through the real server: the absolute lifetime, the other sessions
// ended by one's own password change, the forced change of a password chosen by someone else, and
// « Mes sessions ».
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import { Session } from '../../src/entities/session.entity.js';
import { StaffUser } from '../../src/entities/staff-user.entity.js';
import { sessionHandle } from '../../src/domain/staff/staff-sessions.js';
import { todayInParis } from '../../src/domain/shared/dates.js';
import { partnerPayload } from '../support/factories.js';
import { emailOf, loginAs, ORIGIN, startTestServer, TEST_PASSWORD, type Agent, type TestServer } from '../support/http.js';

const PARTNERS = '/admin/api/resources/Partner/actions/list';
const PASSWORD_PAGE = '/admin/mon-compte/mot-de-passe';
const SESSIONS_PAGE = '/admin/mon-compte/sessions';
const NEW_PASSWORD = 'Mon-Secret-Choisi-2026!';

let server: TestServer;
beforeAll(async () => { server = await startTestServer(); });
afterAll(async () => { await server.close(); });

const sessions = () => server.dataSource.getRepository(Session);
const journal = (action: string, actorId: number) => server.dataSource.getRepository(AuditEvent).findBy({ action, actorId });
const staff = (email: string) => server.dataSource.getRepository(StaffUser).findOneByOrFail({ email });

/** Logs in through the login form with a browser name; returns the agent and the id of the session it opened. */
async function login(app: Express, email: string, password: string, userAgent = 'jest') {
  const { id } = await staff(email);
  const before = new Set((await sessions().findBy({ staffUserId: id })).map((s) => s.id));
  const agent = request.agent(app);
  const res = await agent.post('/admin/login').set('Origin', ORIGIN).set('User-Agent', userAgent).type('form').send({ email, password });
  expect(res.status).toBe(302);
  const opened = (await sessions().findBy({ staffUserId: id })).filter((s) => !before.has(s.id));
  expect(opened).toHaveLength(1);
  return { agent, sid: opened[0].id };
}

/** Moves the login time kept in the session data `hours` into the past (or removes it). */
async function setLoginAge(sid: string, hours: number | null) {
  const row = await sessions().findOneByOrFail({ id: sid });
  const data = JSON.parse(row.data);
  if (hours === null) delete data.login;
  else data.login.at = new Date(Date.now() - hours * 3_600_000).toISOString();
  await sessions().update({ id: sid }, { data: JSON.stringify(data) });
}

/** The text of a page as the agent reads it (the pages write apostrophes as &#39;). */
const shown = (res: { text: string }) => res.text.replace(/&#39;/g, "'");

const changePassword = (agent: Agent, current: string, next: string) =>
  agent.post(PASSWORD_PAGE).set('Origin', ORIGIN).type('form').send({ current, next, confirmation: next });

describe('absolute lifetime of a session (SESSION_MAX_HOURS, 12 h in the tests)', () => {
  it('keeps an active session up to 12 h after its login, then ends it: API 401 in French, journaled', async () => {
    const { agent, sid } = await login(server.app, emailOf('consultation'), TEST_PASSWORD);
    await setLoginAge(sid, 11.9);
    expect((await agent.get(PARTNERS)).status).toBe(200);

    await setLoginAge(sid, 12.1);
    const res = await agent.get(PARTNERS);
    expect(res.status).toBe(401);
    expect(res.body.notice).toEqual({ message: 'Votre session a atteint sa durée maximale : reconnectez-vous.', type: 'error' });
    expect(await sessions().findOneBy({ id: sid })).toBeNull();
    const [event] = await journal('session.lifetime-end', server.users.consultation.id);
    expect(event.reason).toBe('plus de 12 h depuis la connexion');
    // Ended for good: the next call has no session at all.
    expect((await agent.get(PARTNERS)).status).toBe(401);
    expect((await agent.get(PASSWORD_PAGE)).headers.location).toBe('/admin/login');
  });

  it('sends a page of a session too old back to the login', async () => {
    const { agent, sid } = await login(server.app, emailOf('consultation'), TEST_PASSWORD);
    expect((await agent.get(PASSWORD_PAGE)).status).toBe(200);
    await setLoginAge(sid, 13);
    const page = await agent.get(PASSWORD_PAGE);
    expect(page.status).toBe(302);
    expect(page.headers.location).toBe('/admin/login');
    expect(await sessions().findOneBy({ id: sid })).toBeNull();
  });

  it('ends a logged-in session whose login time is unknown (opened before the rule)', async () => {
    const { agent, sid } = await login(server.app, emailOf('consultation'), TEST_PASSWORD);
    await setLoginAge(sid, null);
    expect((await agent.get(PARTNERS)).status).toBe(401);
    expect(await sessions().findOneBy({ id: sid })).toBeNull();
    const events = await journal('session.lifetime-end', server.users.consultation.id);
    expect(events.map((e) => e.reason)).toContain('heure de connexion inconnue');
  });
});

describe('changing one’s own password', () => {
  it('ends the other sessions of the agent in the same change, and the current one goes on', async () => {
    const email = emailOf('gestionnaire-conventions');
    const first = await login(server.app, email, TEST_PASSWORD);
    const second = await login(server.app, email, TEST_PASSWORD);
    const { passwordHash } = await staff(email);

    // A wrong current password changes nothing: the other session still works.
    const wrong = await changePassword(first.agent, 'pas-le-bon', NEW_PASSWORD);
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Le mot de passe actuel est incorrect.');
    expect((await second.agent.get(PARTNERS)).status).toBe(200);
    expect((await staff(email)).passwordHash).toBe(passwordHash);

    const ok = await changePassword(first.agent, TEST_PASSWORD, NEW_PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Votre mot de passe a été changé. Votre autre session a été fermée.');
    const other = await second.agent.get(PARTNERS);
    expect(other.status).toBe(401);
    expect(other.body.notice.message).toBe('Session expirée : reconnectez-vous.');
    expect((await first.agent.get(PARTNERS)).status).toBe(200);
    expect((await sessions().findBy({ staffUserId: server.users['gestionnaire-conventions'].id })).map((s) => s.id)).toEqual([first.sid]);
    const [event] = await journal('staff.password-change', server.users['gestionnaire-conventions'].id);
    expect(JSON.parse(event.details!)).toEqual({ otherSessionsEnded: 1 });
    expect(event.reason).toBeNull();
  });
});

describe('a password chosen by someone else must be replaced at the next login', () => {
  const MUST_CHANGE = "Vous devez d'abord changer votre mot de passe.";

  /** Every page leads to the password page, every API call is refused, nothing is written. */
  async function expectOnlyPasswordChange(agent: Agent) {
    for (const page of ['/admin', '/admin/resources/Partner', SESSIONS_PAGE]) {
      const res = await agent.get(page);
      expect({ page, status: res.status, location: res.headers.location }).toEqual({ page, status: 302, location: PASSWORD_PAGE });
    }
    const list = await agent.get(PARTNERS);
    expect(list.status).toBe(403);
    expect(list.body.notice).toEqual({ message: MUST_CHANGE, type: 'error' });
    const partners = await server.dataSource.getRepository(Partner).count();
    const create = await agent.post('/admin/api/resources/Partner/actions/new').set('Origin', ORIGIN).send(partnerPayload());
    expect(create.status).toBe(403);
    expect(create.body.notice.message).toBe(MUST_CHANGE);
    expect(await server.dataSource.getRepository(Partner).count()).toBe(partners);
    const form = await agent.get(PASSWORD_PAGE);
    expect(form.status).toBe(200);
    expect(shown(form)).toContain("Vous devez d'abord changer votre mot de passe : celui que vous avez reçu a été choisi par un administrateur.");
  }

  it('an account created by the Administrateur: only the password change until the agent has chosen their own', async () => {
    const admin = await loginAs(server.app, 'administrateur');
    const email = 'nouvelle.recrue@test.caf.fr';
    const created = await admin.post('/admin/api/resources/StaffUser/actions/new').set('Origin', ORIGIN)
      .send({ email, name: 'Nouvelle Recrue', role: 'gestionnaire-conventions', active: 'true', password: 'Provisoire-Recrue-2026!' });
    expect(created.body.notice.type).toBe('success');
    const recruit = await staff(email);
    expect(recruit.mustChangePassword).toBe(true);
    const [creation] = await journal('staff.create', server.users.administrateur.id);
    expect(JSON.parse(creation.details!)).toMatchObject({ email, mustChangePassword: true });

    const { agent } = await login(server.app, email, 'Provisoire-Recrue-2026!');
    await expectOnlyPasswordChange(agent);

    const changed = await changePassword(agent, 'Provisoire-Recrue-2026!', NEW_PASSWORD);
    expect(changed.text).toContain('Votre mot de passe a été changé.');
    expect((await staff(email)).mustChangePassword).toBe(false);
    const [event] = await journal('staff.password-change', recruit.id);
    expect(event.reason).toBe('mot de passe provisoire remplacé');
    expect((await agent.get(PARTNERS)).status).toBe(200);
    expect((await agent.get('/admin')).status).toBe(200);
  });

  it('a password reset by the Administrateur: the same, from the next login', async () => {
    const admin = await loginAs(server.app, 'administrateur');
    const id = server.users.directeur.id;
    const reset = await admin.post(`/admin/api/resources/StaffUser/records/${id}/resetPassword`).set('Origin', ORIGIN).send({});
    const provisional = /Mot de passe provisoire : (\S+) —/.exec(reset.body.notice.message)![1];
    expect((await staff(emailOf('directeur'))).mustChangePassword).toBe(true);
    const [event] = await journal('staff.password-reset', server.users.administrateur.id);
    expect(JSON.parse(event.details!)).toEqual({ mustChangePassword: true });

    const { agent } = await login(server.app, emailOf('directeur'), provisional);
    await expectOnlyPasswordChange(agent);
    expect((await changePassword(agent, provisional, NEW_PASSWORD)).status).toBe(200);
    expect((await agent.get(PARTNERS)).status).toBe(200);
    // The Administrateur, whose password nobody else chose, was never held back.
    expect((await admin.get(PARTNERS)).status).toBe(200);
  });
});

describe('« Mes sessions »', () => {
  const email = emailOf('gestionnaire-habilitations');
  const handleIn = (html: string, userAgent: string) =>
    new RegExp(`${userAgent}</small></td><td><form method="post"><button type="submit" name="session" value="([0-9a-f]+)">Terminer`).exec(html)?.[1];
  const end = (agent: Agent, session: string) => agent.post(SESSIONS_PAGE).set('Origin', ORIGIN).type('form').send({ session });

  it('lists the agent’s own open sessions, this one marked, linked from the password page', async () => {
    const desk = await login(server.app, email, TEST_PASSWORD, 'Poste du bureau');
    await login(server.app, email, TEST_PASSWORD, 'Ordinateur portable');
    const admin = await login(server.app, emailOf('administrateur'), TEST_PASSWORD, 'Navigateur administrateur');

    expect((await desk.agent.get(PASSWORD_PAGE)).text).toContain(`href="${SESSIONS_PAGE}"`);
    const page = await desk.agent.get(SESSIONS_PAGE);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Mes sessions</h1>');
    expect(page.text).toContain('Poste du bureau');
    expect(page.text).toContain('Ordinateur portable');
    expect(page.text).not.toContain('Navigateur administrateur');
    expect(page.text.match(/Cette session/g)).toHaveLength(1);
    expect(page.text.match(/>Terminer</g)).toHaveLength(1);
    expect(page.text).toContain(todayInParis(new Date()).split('-').reverse().join('/'));
    // The session ids (what the cookies carry) never appear in the page.
    expect(page.text).not.toContain(desk.sid);
    expect(page.text).not.toContain(admin.sid);
    expect((await request(server.app).get(SESSIONS_PAGE)).headers.location).toBe('/admin/login');
  });

  it('« Terminer » ends another session of the agent, journaled; the current one goes on', async () => {
    const desk = await login(server.app, email, TEST_PASSWORD, 'Poste du bureau');
    const laptop = await login(server.app, email, TEST_PASSWORD, 'Tablette');
    const handle = handleIn((await desk.agent.get(SESSIONS_PAGE)).text, 'Tablette');
    expect(handle).toBe(sessionHandle(laptop.sid));

    const res = await end(desk.agent, handle!);
    expect(res.status).toBe(200);
    expect(res.text).toContain('La session a été terminée.');
    expect(res.text).not.toContain('Tablette');
    expect((await laptop.agent.get(PARTNERS)).status).toBe(401);
    expect((await desk.agent.get(PARTNERS)).status).toBe(200);
    expect(await sessions().findOneBy({ id: laptop.sid })).toBeNull();
    const events = await journal('staff.session-end', server.users['gestionnaire-habilitations'].id);
    expect(events.map((e) => JSON.parse(e.details!).userAgent)).toEqual(['Tablette']);
    expect(events[0].entityId).toBe(String(server.users['gestionnaire-habilitations'].id));
  });

  it('refuses to end another agent’s session, an unknown one or the current one, and changes nothing', async () => {
    const desk = await login(server.app, email, TEST_PASSWORD, 'Poste du bureau');
    const other = await login(server.app, emailOf('administrateur'), TEST_PASSWORD, 'Navigateur administrateur');
    const count = await sessions().count();
    const ended = (await journal('staff.session-end', server.users['gestionnaire-habilitations'].id)).length;
    for (const session of [sessionHandle(other.sid), other.sid, 'f'.repeat(32), '']) {
      const res = await end(desk.agent, session);
      expect(res.status).toBe(400);
      expect(shown(res)).toContain("Cette session n'existe pas ou n'est plus ouverte.");
    }
    const own = await end(desk.agent, sessionHandle(desk.sid));
    expect(own.status).toBe(400);
    expect(own.text).toContain('Pour terminer cette session-ci, utilisez « Se déconnecter ».');
    expect(await sessions().count()).toBe(count);
    expect((await other.agent.get(PARTNERS)).status).toBe(200);
    expect((await desk.agent.get(PARTNERS)).status).toBe(200);
    expect(await journal('staff.session-end', server.users['gestionnaire-habilitations'].id)).toHaveLength(ended);
  });
});
