// Creations that are use cases (number generated, designation superseding, journal) through the
// AdminJS « Créer » form of the real server.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { Convention } from '../../src/entities/convention.entity.js';
import { HabilitationManager } from '../../src/entities/habilitation-manager.entity.js';
import { accessRequestPayload, makeConvention, managerPayload, newPayload, partnerPayload } from '../support/factories.js';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { loginAs, ORIGIN, startTestServer, type TestServer } from '../support/http.js';

describe('creation forms', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server.close(); });

  it('creates a convention with a generated number and journals it; a bad form writes nothing', async () => {
    const agent = await loginAs(server.app, 'gestionnaire-conventions');
    const before = await server.dataSource.getRepository(Convention).count();
    const bad = await agent.post('/admin/api/resources/Convention/actions/new').set('Origin', ORIGIN).send({ signatoryName: '' });
    expect(bad.body.notice.type).toBe('error');
    expect(await server.dataSource.getRepository(Convention).count()).toBe(before);

    const res = await agent.post('/admin/api/resources/Convention/actions/new').set('Origin', ORIGIN).send((await newPayload(server.dataSource, 'Convention'))!);
    expect(res.body.notice.type).toBe('success');
    const created = await server.dataSource.getRepository(Convention).findOneByOrFail({ id: Number(res.body.record.params.id) });
    expect(created.number).toMatch(/^78\/\d{4}\/\d{4}AS – T2$/);
    expect(created.status).toBe('brouillon');
    expect(await server.dataSource.getRepository(AuditEvent).existsBy({ action: 'convention.create', entityId: String(created.id) })).toBe(true);
  });

  // Issue 13 §3: the agent lands on the new partner, whose page offers the next step, « Créer une convention ».
  it('a new partner opens on its own page, which offers « Créer une convention » to who may create one', async () => {
    const agent = await loginAs(server.app, 'gestionnaire-conventions');
    const bad = await agent.post('/admin/api/resources/Partner/actions/new').set('Origin', ORIGIN).send({ ...partnerPayload(), siret: '123' });
    expect(bad.body.redirectUrl).toBeUndefined();
    const res = await agent.post('/admin/api/resources/Partner/actions/new').set('Origin', ORIGIN).send(partnerPayload());
    const id = String(res.body.record.id);
    expect(res.body.redirectUrl).toBe(`/admin/resources/Partner/records/${id}/show`);
    const shown = await agent.get(`/admin/api/resources/Partner/records/${id}/show`);
    expect(JSON.parse(shown.body.record.params.related).createConvention.href).toMatch(new RegExp(`^/admin/resources/Convention/actions/new\\?partnerId=${id}&`));
    const reader = await loginAs(server.app, 'consultation');
    const read = JSON.parse((await reader.get(`/admin/api/resources/Partner/records/${id}/show`)).body.record.params.related);
    expect(read.createConvention).toBeUndefined();
    expect(read.conventions.total).toBe(0);
  });

  it('records a designation that supersedes the responsable in office', async () => {
    const convention = await makeConvention(server.dataSource);
    const agent = await loginAs(server.app, 'gestionnaire-conventions');
    const first = await agent.post('/admin/api/resources/HabilitationManager/actions/new').set('Origin', ORIGIN).send(managerPayload(convention.id));
    expect(first.body.notice.type).toBe('success');
    const second = await agent.post('/admin/api/resources/HabilitationManager/actions/new').set('Origin', ORIGIN)
      .send({ ...managerPayload(convention.id), lastName: 'Nouvelle', designationDate: '2026-11-02' });
    expect(second.body.notice.type).toBe('success');
    const rows = await server.dataSource.getRepository(HabilitationManager).find({ where: { conventionId: convention.id }, order: { id: 'ASC' } });
    expect(rows).toHaveLength(2);
    expect(rows[0].currentFor).toBeNull();
    expect(rows[0].endDate).not.toBeNull();
    expect(rows[1].currentFor).toBe(convention.id);
  });
});

describe('lists a gestionnaire works from', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server.close(); });

  it('shows how many days an incomplete request has been waiting for its complement', async () => {
    const convention = await makeConvention(server.dataSource);
    const since = new Date(Date.now() - 12 * 86_400_000).toISOString().slice(0, 10);
    const incomplete = await server.dataSource.getRepository(AccessRequest).save({
      ...accessRequestPayload(convention.id), status: 'incomplete', incompleteReason: 'signature-manquante', incompleteSince: since,
    } as Partial<AccessRequest>);
    const received = await server.dataSource.getRepository(AccessRequest).save({ ...accessRequestPayload(convention.id), status: 'recue' } as Partial<AccessRequest>);
    const agent = await loginAs(server.app, 'gestionnaire-habilitations');
    const list = await agent.get('/admin/api/resources/AccessRequest/actions/list?filters.status=incomplete');
    const row = list.body.records.find((r: { id: string }) => String(r.id) === String(incomplete.id));
    expect([12, 13]).toContain(row.params.daysWaiting); // 12 days, 13 around Paris midnight
    expect(list.body.records.some((r: { id: string }) => String(r.id) === String(received.id))).toBe(false);
    const show = await agent.get(`/admin/api/resources/AccessRequest/records/${received.id}/show`);
    expect(show.body.record.params.daysWaiting).toBeNull();
  });
});
