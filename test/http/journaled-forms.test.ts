// Records created, corrected and deleted with the back-office forms (AdminJS « Créer », « Modifier »,
// « Supprimer »), through the real server: each change is in the journal with who did it and the
// fields before → after, written in the same transaction; a deletion refused by the database says why
// in French and deletes nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import { Settings } from '../../src/entities/settings.entity.js';
import { makeConvention, makePartner, partnerPayload } from '../support/factories.js';
import { loginAs, ORIGIN, startTestServer, type TestServer } from '../support/http.js';

describe('journal of the back-office forms', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server.close(); });

  const journal = async (action: string, entityType: string, entityId: number) => {
    const rows = await server.dataSource.getRepository(AuditEvent).find({ where: { action, entityType, entityId: String(entityId) } });
    return rows.map((row) => ({ actorEmail: row.actorEmail, ip: row.ip, details: JSON.parse(String(row.details)) as Record<string, unknown> }));
  };

  it('« Créer » then « Modifier » a partner: who, and the fields before → after', async () => {
    const agent = await loginAs(server.app, 'gestionnaire-conventions');
    const created = await agent.post('/admin/api/resources/Partner/actions/new').set('Origin', ORIGIN).send(partnerPayload());
    expect(created.body.notice.type).toBe('success');
    const id = Number(created.body.record.params.id);
    const [creation] = await journal('record.create', 'Partner', id);
    expect(creation).toMatchObject({ actorEmail: 'gestionnaire-conventions@test.caf.fr', details: { values: { id, city: 'Saint-Germain-en-Laye' } } });
    expect(creation.ip).toBeTruthy();

    const edited = await agent.post(`/admin/api/resources/Partner/records/${id}/edit`).set('Origin', ORIGIN).send({ phone: '01 30 87 20 99' });
    expect(edited.body.notice.type).toBe('success');
    expect(await journal('record.edit', 'Partner', id)).toEqual([
      expect.objectContaining({ actorEmail: 'gestionnaire-conventions@test.caf.fr', details: { changes: { phone: ['01 30 87 20 00', '01 30 87 20 99'] } } }),
    ]);
    // Saving without a change writes no journal entry.
    await agent.post(`/admin/api/resources/Partner/records/${id}/edit`).set('Origin', ORIGIN).send({ phone: '01 30 87 20 99' });
    expect(await journal('record.edit', 'Partner', id)).toHaveLength(1);
  });

  it('« Paramètres »: turning « double contrôle » on is journaled', async () => {
    const settings = await server.dataSource.getRepository(Settings).findOneByOrFail({});
    const admin = await loginAs(server.app, 'administrateur');
    const res = await admin.post(`/admin/api/resources/Settings/records/${settings.id}/edit`).set('Origin', ORIGIN).send({ doubleCheck: 'true' });
    expect(res.body.notice.type).toBe('success');
    expect(await journal('record.edit', 'Settings', settings.id)).toEqual([
      expect.objectContaining({ actorEmail: 'administrateur@test.caf.fr', details: { changes: { doubleCheck: [false, true] } } }),
    ]);
  });

  it('« Supprimer » a partner with a convention: refused in French, nothing deleted; without one: deleted and journaled', async () => {
    const admin = await loginAs(server.app, 'administrateur');
    const convention = await makeConvention(server.dataSource);
    const refused = await admin.post(`/admin/api/resources/Partner/records/${convention.partnerId}/delete`).set('Origin', ORIGIN);
    expect(refused.body.notice).toEqual({
      type: 'error',
      message: 'Suppression impossible : d’autres enregistrements s’y rattachent (conventions, habilitations, demandes…). Ils doivent être supprimés ou rattachés ailleurs d’abord.',
    });
    expect(await server.dataSource.getRepository(Partner).existsBy({ id: convention.partnerId })).toBe(true);
    expect(await journal('record.delete', 'Partner', convention.partnerId)).toEqual([]);

    const alone = await makePartner(server.dataSource);
    const deleted = await admin.post(`/admin/api/resources/Partner/records/${alone.id}/delete`).set('Origin', ORIGIN);
    expect(deleted.body.notice.type).toBe('success');
    expect(await server.dataSource.getRepository(Partner).existsBy({ id: alone.id })).toBe(false);
    expect(await journal('record.delete', 'Partner', alone.id)).toEqual([
      expect.objectContaining({ actorEmail: 'administrateur@test.caf.fr', details: { values: expect.objectContaining({ id: alone.id, name: alone.name }) } }),
    ]);
  });

  it('a record that no longer exists is reported in French', async () => {
    const agent = await loginAs(server.app, 'consultation');
    const res = await agent.get('/admin/api/resources/Partner/records/987654/show');
    expect(res.body.notice).toEqual({ message: 'La fiche n° 987654 est introuvable : elle a peut-être été supprimée.', type: 'error' });
  });
});
