// The last active Administrateur (audit item 6): could demote or deactivate themselves, leaving
// nobody able to manage accounts or settings. Refused through the AdminJS edit API, also when two
// Administrateurs demote each other at the same moment (one HTTP server, or two instances).
import { beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password.js';
import { LAST_ADMINISTRATOR, updateStaffUser } from '../../src/domain/staff/staff-accounts.js';
import type { Actor } from '../../src/domain/audit/audit.js';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { StaffUser } from '../../src/entities/staff-user.entity.js';
import { withSecondInstance } from '../support/database.js';
import { loginAs, ORIGIN, startTestServer, TEST_PASSWORD, type Agent, type TestServer } from '../support/http.js';

interface EditAnswer {
  notice?: { message: string; type: string };
  record?: { errors?: Record<string, { message: string }> };
}

describe('the last active Administrateur', () => {
  const instances = withSecondInstance(async () => {
    const server = await startTestServer();
    return { ...server, config: server.appConfig.database };
  });
  let server: TestServer;
  let other: DataSource;
  let first: StaffUser;
  beforeAll(() => {
    ({ ctx: server, other } = instances);
    first = server.users.administrateur;
  });

  const users = () => server.dataSource.getRepository(StaffUser);
  const activeAdministrators = () => users().countBy({ role: 'administrateur', active: true });
  const edit = (agent: Agent, id: number, body: object) =>
    agent.post(`/admin/api/resources/StaffUser/records/${id}/edit`).set('Origin', ORIGIN).send(body);
  const journalOf = (id: number) => server.dataSource.getRepository(AuditEvent).findBy({ entityType: 'StaffUser', entityId: String(id) });

  let n = 0;
  const logIn = async (user: StaffUser) => {
    const agent = request.agent(server.app);
    const res = await agent.post('/admin/login').set('Origin', ORIGIN).type('form').send({ email: user.email, password: TEST_PASSWORD });
    expect(res.headers.location).toBe('/admin');
    return agent;
  };
  async function secondAdministrator(): Promise<{ user: StaffUser; agent: Agent }> {
    const user = await users().save({ email: `admin${++n}@test.caf.fr`, name: `Administrateur ${n}`, role: 'administrateur' as const, active: true, passwordHash: await hashPassword(TEST_PASSWORD) });
    return { user, agent: await logIn(user) };
  }
  const restore = (...ids: number[]) => Promise.all(ids.map((id) => users().update({ id }, { role: 'administrateur', active: true })));
  const retire = (id: number) => users().update({ id }, { role: 'consultation' });

  it('cannot demote nor deactivate themselves: French refusal, nothing changed, nothing journaled', async () => {
    expect(await activeAdministrators()).toBe(1);
    const admin = await loginAs(server.app, 'administrateur');
    const before = (await journalOf(first.id)).length;

    const demote = await edit(admin, first.id, { role: 'directeur' });
    expect(demote.status).toBe(200);
    const demoted = demote.body as EditAnswer;
    expect(demoted.notice).toEqual({ message: LAST_ADMINISTRATOR, type: 'error' });
    expect(demoted.record?.errors?.role?.message).toBe('Impossible : il ne resterait aucun Administrateur actif.');

    const deactivate = (await edit(admin, first.id, { active: 'false' })).body as EditAnswer;
    expect(deactivate.notice?.message).toBe(LAST_ADMINISTRATOR);
    expect(deactivate.record?.errors?.active?.message).toBe(LAST_ADMINISTRATOR);

    expect(await users().findOneByOrFail({ id: first.id })).toMatchObject({ role: 'administrateur', active: true });
    expect((await journalOf(first.id)).length).toBe(before);
    // Still an Administrateur: the session works, and a harmless correction of the same account passes.
    const rename = (await edit(admin, first.id, { name: 'Agent administrateur renommé' })).body as EditAnswer;
    expect(rename.notice?.type).toBe('success');
    expect((await journalOf(first.id)).map((e) => e.action)).toContain('record.edit');
    expect((await admin.get('/admin/api/resources/StaffUser/actions/list')).status).toBe(200);
  });

  it('with two Administrateurs one may step down, then the other may not', async () => {
    const { user: second, agent } = await secondAdministrator();
    const admin = await loginAs(server.app, 'administrateur');
    expect(((await edit(agent, second.id, { role: 'gestionnaire-habilitations' })).body as EditAnswer).notice?.type).toBe('success');
    expect((await journalOf(second.id)).map((e) => e.action)).toContain('staff.role-change');
    const refused = (await edit(admin, first.id, { role: 'consultation', active: 'false' })).body as EditAnswer;
    expect(refused.notice?.message).toBe(LAST_ADMINISTRATOR);
    expect(await activeAdministrators()).toBe(1);
    // Deactivating the former one is no problem: it is no Administrateur any more.
    expect(((await edit(admin, second.id, { active: 'false' })).body as EditAnswer).notice?.type).toBe('success');
  });

  it('two Administrateurs demoting each other at the same moment through HTTP: at most one succeeds', async () => {
    const { user: second } = await secondAdministrator();
    const admin = await loginAs(server.app, 'administrateur');
    for (let round = 0; round < 4; round++) {
      await restore(first.id, second.id);
      // Logged in again at each round: a deactivation closes the sessions of the deactivated agent.
      const agent = await logIn(second);
      const answers = await Promise.all([
        edit(admin, second.id, round % 2 ? { active: 'false' } : { role: 'directeur' }),
        edit(agent, first.id, { role: 'consultation' }),
      ]);
      const successes = answers.filter((res) => (res.body as EditAnswer).notice?.type === 'success');
      expect(successes.length).toBeLessThanOrEqual(1);
      for (const res of answers.filter((a) => !successes.includes(a))) {
        // Refused by the rule, or — when the other change had already landed — by the policy (no longer an
        // Administrateur: 403) or the session (deactivated: 401).
        if (res.status === 200) expect((res.body as EditAnswer).notice?.message).toBe(LAST_ADMINISTRATOR);
        else expect([401, 403]).toContain(res.status);
      }
      expect(await activeAdministrators()).toBe(1);
    }
    await retire(second.id);
  });

  it('the same on two instances sharing the database (the rule in the domain, with row locks)', async () => {
    const { user: second } = await secondAdministrator();
    const actor = (user: StaffUser): Actor => ({ staffUserId: user.id, email: user.email, role: 'administrateur', ip: null, userAgent: null });
    for (let round = 0; round < 6; round++) {
      await restore(first.id, second.id);
      const results = await Promise.all([
        updateStaffUser(server.dataSource, actor(first), second.id, round % 2 ? { active: 'false' } : { role: 'directeur' }),
        updateStaffUser(other, actor(second), first.id, round % 3 ? { role: 'consultation' } : { active: 'false' }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      for (const refused of results.filter((r) => !r.ok)) expect(refused.ok === false && refused.errors[0].message).toBe(LAST_ADMINISTRATOR);
      expect(await activeAdministrators()).toBe(1);
    }
    await retire(second.id);
    await restore(first.id);
  });
});
