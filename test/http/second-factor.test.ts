// Second factor of the staff (audit item 8), through the real server: the roles of MFA_ROLES enrol
// at their first login (QR code, secret, first code, 8 recovery codes shown once), then give a code
// after each password; a password alone opens nothing; wrong codes lock the account like wrong
// passwords; a recovery code works once; an Administrateur resets a lost factor; the other roles log
// in straight and may enrol from « Mon compte ». Codes are computed from the secret shown on the
// page, with otplib, at the server's clock (moved by 30 s steps: each code is accepted once).
import { createHash } from 'node:crypto';
import { beforeAll, afterAll, describe, expect, it } from '@jest/globals';
import { authenticator } from 'otplib';
import request from 'supertest';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import { Session } from '../../src/entities/session.entity.js';
import { StaffRecoveryCode } from '../../src/entities/staff-recovery-code.entity.js';
import { StaffUser } from '../../src/entities/staff-user.entity.js';
import { SECOND_FACTOR_REQUIRED } from '../../src/http/second-factor-guard.js';
import type { Clock } from '../../src/domain/shared/clock.js';
import type { StaffRole } from '../../src/policies/roles.js';
import { emailOf, ORIGIN, startTestServer, TEST_PASSWORD, type Agent, type TestServer } from '../support/http.js';

let offset = 0;
const clock: Clock = { now: () => new Date(Date.now() + offset) };
/** The next 30-second step: a new code. */
const tick = () => { offset += 30_000; };
const codeAt = (secret: string) => authenticator.clone({ epoch: clock.now().getTime() }).generate(secret);

const ENROL = '/admin/second-facteur/inscription';
const CODE = '/admin/second-facteur';

describe('second factor (TOTP) of the staff', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer({ mfaRoles: ['administrateur', 'directeur'], clock }); });
  afterAll(async () => { await server.close(); });

  const staff = () => server.dataSource.getRepository(StaffUser);
  const journal = async (user: { id: number }, action: string) =>
    (await server.dataSource.getRepository(AuditEvent).findBy({ entityType: 'StaffUser', entityId: String(user.id), action }));
  const secrets = new Map<string, string>();

  /** Email + password only: the agent and where the login sends it. */
  async function passwordLogin(email: string): Promise<{ agent: Agent; location: string }> {
    const agent = request.agent(server.app);
    const res = await agent.post('/admin/login').set('Origin', ORIGIN).type('form').send({ email, password: TEST_PASSWORD });
    expect(res.status).toBe(302);
    return { agent, location: res.headers.location as string };
  }
  const post = (agent: Agent, url: string, code: string) => agent.post(url).set('Origin', ORIGIN).type('form').send({ code });
  const secretOn = (html: string) => /<code id="secret">([A-Z2-7 ]+)<\/code>/.exec(html)![1].replace(/ /g, '');
  const recoveryCodesOn = (html: string) => [...html.matchAll(/<li><code>([A-Z2-9]{4}(?:-[A-Z2-9]{4}){3})<\/code><\/li>/g)].map((m) => m[1]);

  /** Enrols the agent from the enrolment page: the secret read on the page, the first code computed from it. */
  async function enrol(agent: Agent, email: string) {
    const page = await agent.get(ENROL);
    expect(page.status).toBe(200);
    const secret = secretOn(page.text);
    tick();
    const done = await post(agent, ENROL, codeAt(secret));
    expect(done.status).toBe(200);
    secrets.set(email, secret);
    return { secret, page, done, recoveryCodes: recoveryCodesOn(done.text) };
  }

  /** A complete login (password, then enrolment or code). */
  async function fullLogin(role: StaffRole): Promise<Agent> {
    const { agent, location } = await passwordLogin(emailOf(role));
    if (location === ENROL) await enrol(agent, emailOf(role));
    else {
      expect(location).toBe(CODE);
      tick();
      const res = await post(agent, CODE, codeAt(secrets.get(emailOf(role))!));
      expect(res.headers.location).toBe('/admin');
    }
    return agent;
  }

  it('a password alone opens nothing: API calls get 401, pages lead to the second factor, nothing is changed', async () => {
    const { agent, location } = await passwordLogin(emailOf('directeur'));
    expect(location).toBe(ENROL);
    const before = await server.dataSource.getRepository(Partner).count();

    for (const url of ['/admin/api/resources/Partner/actions/list', '/admin/api/dashboard', `/admin/api/resources/StaffUser/records/${server.users.directeur.id}/show`, '/admin/api/resources/Convention/search/']) {
      const res = await agent.get(url);
      expect([url, res.status]).toEqual([url, 401]);
      expect(res.body.notice).toEqual({ message: SECOND_FACTOR_REQUIRED, type: 'error' });
    }
    const create = await agent.post('/admin/api/resources/Partner/actions/new').set('Origin', ORIGIN)
      .send({ name: 'Ville sans code', type: 'commune', siret: '21780551300017', addressLine1: '1 rue X', postalCode: '78000', city: 'Versailles', representativeCivility: 'Madame', representativeName: 'A B', representativeTitle: 'Maire' });
    expect(create.status).toBe(401);
    expect(await server.dataSource.getRepository(Partner).count()).toBe(before);

    for (const url of ['/admin', '/admin/resources/Partner', '/admin/resources/StaffUser/records/1/show', '/admin/mon-compte/mot-de-passe', '/admin/documents/1/download', '/admin/scans/1', '/admin/campagnes/1/preuve.csv', '/admin/pages/x']) {
      const res = await agent.get(url);
      expect([url, res.status, res.headers.location]).toEqual([url, 302, CODE]);
    }
    const change = await agent.post('/admin/mon-compte/mot-de-passe').set('Origin', ORIGIN).type('form')
      .send({ current: TEST_PASSWORD, next: 'Autre-Secret-2026!', confirmation: 'Autre-Secret-2026!' });
    expect([change.status, change.headers.location]).toEqual([303, CODE]);
    expect((await staff().findOneByOrFail({ id: server.users.directeur.id })).passwordChangedAt).toBeNull();

    // What remains open: the second-factor pages, AdminJS's static files, the logout.
    expect((await agent.get(CODE)).headers.location).toBe(ENROL);
    expect((await agent.get(ENROL)).status).toBe(200);
    expect((await agent.get('/admin/frontend/assets/logo.svg')).headers.location).not.toBe(CODE);
    expect((await journal(server.users.directeur, 'login.mfa-required'))).toHaveLength(1);
    expect((await journal(server.users.directeur, 'login.success'))).toHaveLength(0);
    expect((await agent.post('/admin/logout').set('Origin', ORIGIN)).headers.location).toBe('/admin/login');
    expect((await agent.get('/admin/api/resources/Partner/actions/list')).status).toBe(401);
    expect(await journal(server.users.directeur, 'logout')).toHaveLength(1);
  });

  it('enrolment at the first login: QR code and secret, a wrong code refused, then 8 recovery codes shown once (stored hashed)', async () => {
    const user = server.users.administrateur;
    const { agent, location } = await passwordLogin(user.email);
    expect(location).toBe(ENROL);
    const page = await agent.get(ENROL);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.text).toContain('Activer le second facteur');
    expect(page.text).toContain('Votre rôle exige un second facteur');
    expect(page.text).toMatch(/<svg[^>]*>.*<path/s);
    const secret = secretOn(page.text);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // The same secret while the page is reloaded in this session.
    expect(secretOn((await agent.get(ENROL)).text)).toBe(secret);

    const wrong = await post(agent, ENROL, '000000' === codeAt(secret) ? '111111' : '000000');
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain('Code incorrect');
    expect(secretOn(wrong.text)).toBe(secret);
    expect(await staff().findOneByOrFail({ id: user.id })).toMatchObject({ totpSecret: null, totpEnrolledAt: null, failedAttempts: 1 });
    expect((await journal(user, 'login.mfa-failure')).map((e) => e.reason)).toEqual(["code incorrect à l'enregistrement"]);

    tick();
    const done = await post(agent, ENROL, codeAt(secret));
    expect(done.status).toBe(200);
    expect(done.headers['cache-control']).toBe('no-store');
    expect(done.text).toContain('Votre second facteur est enregistré.');
    const codes = recoveryCodesOn(done.text);
    expect(codes).toHaveLength(8);
    expect(new Set(codes).size).toBe(8);
    secrets.set(user.email, secret);

    const row = await staff().findOneByOrFail({ id: user.id });
    expect(row).toMatchObject({ totpSecret: secret, failedAttempts: 0 });
    expect(row.totpEnrolledAt).toBeInstanceOf(Date);
    const stored = await server.dataSource.getRepository(StaffRecoveryCode).findBy({ staffUserId: user.id });
    expect(stored.map((c) => c.codeHash).sort())
      .toEqual(codes.map((c) => createHash('sha256').update(c.replace(/-/g, '')).digest('hex')).sort());
    expect(JSON.stringify(stored)).not.toContain(codes[0].replace(/-/g, ''));
    expect((await journal(user, 'staff.mfa-enrol'))).toHaveLength(1);
    expect((await journal(user, 'login.mfa-success'))).toHaveLength(1);
    // The session is complete now; the codes are not shown again.
    expect((await agent.get('/admin/api/resources/Partner/actions/list')).status).toBe(200);
    const status = await agent.get(ENROL);
    expect(status.text).toContain('Second facteur activé depuis le');
    expect(status.text).toContain('Codes de secours non utilisés : 8 sur 8.');
    expect(recoveryCodesOn(status.text)).toEqual([]);
  });

  it('login with the code: asked after the password, each code accepted once, then the back-office opens', async () => {
    const user = server.users.administrateur;
    const { agent, location } = await passwordLogin(user.email);
    expect(location).toBe(CODE);
    const page = await agent.get(CODE);
    expect(page.text).toContain("Saisissez le code à 6 chiffres affiché par votre application d'authentification");
    expect((await agent.get('/admin/api/resources/Partner/actions/list')).status).toBe(401);
    // The code of the step already used at enrolment is refused (RFC 6238 § 5.2).
    const replay = await post(agent, CODE, codeAt(secrets.get(user.email)!));
    expect(replay.status).toBe(400);
    expect((await journal(user, 'login.mfa-failure')).map((e) => e.reason)).toContain('code déjà utilisé');
    tick();
    const code = codeAt(secrets.get(user.email)!);
    const ok = await post(agent, CODE, `${code.slice(0, 3)} ${code.slice(3)}`);
    expect([ok.status, ok.headers.location]).toEqual([303, '/admin']);
    expect((await agent.get('/admin/api/resources/Partner/actions/list')).status).toBe(200);
    expect(await staff().findOneByOrFail({ id: user.id })).toMatchObject({ failedAttempts: 0, lockedUntil: null });
    // Another login within the same 30 s: its code is the one just used, refused.
    const again = await passwordLogin(user.email);
    expect((await post(again.agent, CODE, code)).status).toBe(400);
  });

  it('wrong codes count towards the lockout, 20 at once included: 5 checked in all, then even the right code and the password are refused', async () => {
    const user = server.users['gestionnaire-habilitations'];
    const straight = await passwordLogin(user.email);
    const { secret } = await enrol(straight.agent, user.email);
    const { agent } = await passwordLogin(user.email);
    const wrong = () => (codeAt(secret) === '123456' ? '654321' : '123456');
    for (let i = 0; i < 3; i++) expect((await post(agent, CODE, wrong())).text).toContain('Code incorrect');
    // The right password again does not clear the count: only a complete login does.
    const second = await passwordLogin(user.email);
    expect(second.location).toBe(CODE);
    expect((await staff().findOneByOrFail({ id: user.id })).failedAttempts).toBe(3);
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(second.agent, CODE, wrong())));
    expect(answers.every((res) => res.status === 400)).toBe(true);
    const failures = await journal(user, 'login.mfa-failure');
    expect(failures.filter((e) => e.reason === 'code incorrect')).toHaveLength(5);
    expect(failures.filter((e) => e.reason === 'compte verrouillé')).toHaveLength(18);
    expect(await journal(user, 'login.lockout')).toHaveLength(1);
    const row = await staff().findOneByOrFail({ id: user.id });
    expect(row.failedAttempts).toBe(5);
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(clock.now().getTime());

    tick();
    const locked = await post(second.agent, CODE, codeAt(secret));
    expect(locked.status).toBe(400);
    expect(locked.text).toContain('votre compte est verrouillé jusqu');
    expect((await second.agent.get('/admin/api/resources/Partner/actions/list')).status).toBe(401);
    const password = await request(server.app).post('/admin/login').set('Origin', ORIGIN).type('form').send({ email: user.email, password: TEST_PASSWORD });
    expect(password.text).toContain('Identifiants incorrects');

    tick(); // the 1-minute lock is over
    const ok = await post(second.agent, CODE, codeAt(secret));
    expect(ok.headers.location).toBe('/admin');
    expect(await staff().findOneByOrFail({ id: user.id })).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('a recovery code replaces the app once, never twice', async () => {
    const email = emailOf('directeur');
    const { agent } = await passwordLogin(email);
    const { recoveryCodes } = await enrol(agent, email);
    await agent.get('/admin/logout');

    const first = await passwordLogin(email);
    expect(first.location).toBe(CODE);
    const used = recoveryCodes[3];
    const ok = await post(first.agent, CODE, used.toLowerCase().replace(/-/g, ' '));
    expect(ok.headers.location).toBe('/admin');
    expect((await first.agent.get('/admin/api/resources/Partner/actions/list')).status).toBe(200);
    const [success] = (await journal(server.users.directeur, 'login.mfa-success')).filter((e) => e.reason === 'code de secours');
    expect(JSON.parse(success.details!)).toEqual({ remainingRecoveryCodes: 7 });
    expect((await first.agent.get(ENROL)).text).toContain('Codes de secours non utilisés : 7 sur 8.');

    const second = await passwordLogin(email);
    const again = await post(second.agent, CODE, used);
    expect(again.status).toBe(400);
    expect(again.text).toContain('Code incorrect');
    expect((await journal(server.users.directeur, 'login.mfa-failure')).map((e) => e.reason)).toContain('code de secours inconnu ou déjà utilisé');
    expect((await second.agent.get('/admin/api/resources/Partner/actions/list')).status).toBe(401);
    expect(await server.dataSource.getRepository(StaffRecoveryCode).countBy({ staffUserId: server.users.directeur.id })).toBe(8);
  });

  it('a role outside MFA_ROLES logs in straight, and may enrol from « Mon compte »; then its code is asked too', async () => {
    const user = server.users['gestionnaire-conventions'];
    const { agent, location } = await passwordLogin(user.email);
    expect(location).toBe('/admin');
    expect((await agent.get('/admin/api/resources/Partner/actions/list')).status).toBe(200);
    expect(await journal(user, 'login.success')).toHaveLength(1);
    const { page, recoveryCodes } = await enrol(agent, user.email);
    expect(page.text).toContain('Protégez votre compte');
    expect(page.text).toContain('← Retour au back-office');
    expect(recoveryCodes).toHaveLength(8);
    expect((await agent.get('/admin/api/resources/Partner/actions/list')).status).toBe(200);

    const next = await passwordLogin(user.email);
    expect(next.location).toBe(CODE);
    expect((await next.agent.get('/admin/api/resources/Partner/actions/list')).status).toBe(401);
  });

  it('an Administrateur resets a lost second factor: secret and codes deleted, sessions closed, enrolment at the next login', async () => {
    const admin = await fullLogin('administrateur');
    const agentUser = server.users['gestionnaire-conventions'];
    const { agent: pendingAgent } = await passwordLogin(agentUser.email);
    // Only an Administrateur may (policy table): the Directeur gets 403 and nothing changes.
    const director = await fullLogin('directeur');
    const forbidden = await director.post(`/admin/api/resources/StaffUser/records/${agentUser.id}/resetSecondFactor`).set('Origin', ORIGIN).send({});
    expect(forbidden.status).toBe(403);
    expect((await staff().findOneByOrFail({ id: agentUser.id })).totpEnrolledAt).not.toBeNull();

    const reset = await admin.post(`/admin/api/resources/StaffUser/records/${agentUser.id}/resetSecondFactor`).set('Origin', ORIGIN).send({});
    expect(reset.status).toBe(200);
    expect(reset.body.notice).toEqual({ type: 'success', message: expect.stringContaining('Second facteur de Agent gestionnaire-conventions réinitialisé') });
    expect(await staff().findOneByOrFail({ id: agentUser.id })).toMatchObject({ totpSecret: null, totpEnrolledAt: null, totpLastStep: null });
    expect(await server.dataSource.getRepository(StaffRecoveryCode).countBy({ staffUserId: agentUser.id })).toBe(0);
    expect(await server.dataSource.getRepository(Session).countBy({ staffUserId: agentUser.id })).toBe(0);
    expect((await pendingAgent.get(CODE)).headers.location).toBe('/admin/login');
    const [event] = await journal(agentUser, 'staff.mfa-reset');
    expect(event.actorId).toBe(server.users.administrateur.id);
    // Nothing left to reset: a French notice, no second entry.
    const twice = await admin.post(`/admin/api/resources/StaffUser/records/${agentUser.id}/resetSecondFactor`).set('Origin', ORIGIN).send({});
    expect(twice.body.notice).toEqual({ type: 'error', message: "Aucun second facteur n'est enregistré pour cet agent : il n'y a rien à réinitialiser." });
    expect(await journal(agentUser, 'staff.mfa-reset')).toHaveLength(1);
    // Its role does not require one: straight in. A Directeur reset enrols again at the next login.
    expect((await passwordLogin(agentUser.email)).location).toBe('/admin');
    await admin.post(`/admin/api/resources/StaffUser/records/${server.users.directeur.id}/resetSecondFactor`).set('Origin', ORIGIN).send({});
    expect((await director.get('/admin/api/resources/Partner/actions/list')).status).toBe(401);
    const relog = await passwordLogin(emailOf('directeur'));
    expect(relog.location).toBe(ENROL);
    expect(secretOn((await relog.agent.get(ENROL)).text)).not.toBe(secrets.get(emailOf('directeur')));
  });

  it('never sends the secret nor the recovery hashes to the browser, and ignores filters and sorts on them', async () => {
    const admin = await fullLogin('administrateur');
    const secret = secrets.get(emailOf('administrateur'))!;
    const list = await admin.get('/admin/api/resources/StaffUser/actions/list');
    const show = await admin.get(`/admin/api/resources/StaffUser/records/${server.users.administrateur.id}/show`);
    const edit = await admin.get(`/admin/api/resources/StaffUser/records/${server.users.administrateur.id}/edit`);
    expect(show.body.record.params.totpEnrolledAt).toBeTruthy();
    const sent = JSON.stringify([list.body, show.body, edit.body]);
    expect(sent).not.toContain(secret);
    expect(sent).not.toMatch(/totpSecret|totpLastStep|passwordHash|argon2/);
    const total = list.body.meta.total as number;
    // A filter on part of the secret would tell it one guess at a time: refused (400, list-parameters.ts)
    // or dropped (all agents listed), never applied.
    for (const query of [`filters.totpSecret=${secret.slice(0, 3)}`, 'filters.totpSecret=aucun', 'filters[totpSecret]=aucun', 'filters.passwordHash=aucun']) {
      const filtered = await admin.get(`/admin/api/resources/StaffUser/actions/list?${query}`);
      expect([query, filtered.status === 400 ? 'refusé' : filtered.body.meta.total]).toEqual([query, expect.anything()]);
      if (filtered.status !== 400) expect([query, filtered.body.meta.total]).toEqual([query, total]);
    }
    const sorted = await admin.get('/admin/api/resources/StaffUser/actions/list?sortBy=totpSecret');
    if (sorted.status !== 400) expect(sorted.body.meta.sortBy).not.toBe('totpSecret');
    const searched = await admin.get(`/admin/api/resources/StaffUser/search/${secret.slice(0, 4)}?searchProperty=totpSecret`);
    expect(searched.status).toBe(200);
    expect(searched.body.records).toEqual([]);
  });
});
