// Filters on ids, references and enumerated values are exact, through the real server (issue 14):
// with habilitations 1234 and 12344 both journaled, each « Historique » lists exactly its own entries
// (not those of 12344, nor those of the habilitation manager 1234); an email state, a partner type
// or a journal action matches whole; free text still matches a part.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordAudit, SYSTEM_ACTOR } from '../../src/domain/audit/audit.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { OutboxEmail } from '../../src/entities/outbox-email.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import { makeConvention, makeHabilitation, partnerPayload } from '../support/factories.js';
import { loginAs, startTestServer, type Agent, type TestServer } from '../support/http.js';
import { sqlOf } from '../support/sql.js';

interface ListBody { meta: { total: number }; records: Array<{ params: Record<string, unknown> }> }

describe('exact filters through HTTP', () => {
  let server: TestServer;
  let admin: Agent;

  beforeAll(async () => {
    server = await startTestServer();
    admin = await loginAs(server.app, 'administrateur');
    const convention = await makeConvention(server.dataSource, { status: 'signee', effectiveDate: '2026-01-15', cafSignedDate: '2026-01-15' });
    const repository = server.dataSource.getRepository(Habilitation);
    for (const id of [1234, 12344]) {
      const made = await makeHabilitation(server.dataSource, convention.id);
      await repository.update(made.id, { id });
    }
    const journal = async (entityType: string, entityId: number, action: string, reason: string) =>
      recordAudit(server.dataSource.manager, SYSTEM_ACTOR, { action, entityType, entityId, reason });
    await journal('Habilitation', 1234, 'habilitation.suspend', 'h1234-a');
    await journal('Habilitation', 1234, 'habilitation.reactivate', 'h1234-b');
    await journal('Habilitation', 12344, 'habilitation.suspend', 'h12344');
    await journal('HabilitationManager', 1234, 'habilitation-manager.designate', 'm1234');
    await journal('AuditEvent', 1, 'journal.legal-hold', 'hold');
    await journal('AuditEvent', 1, 'journal.legal-hold-release', 'release');
    const emails = server.dataSource.getRepository(OutboxEmail);
    for (const status of ['echec', 'envoye', 'en-attente'] as const) {
      await emails.save({ kind: 'essai', to: 'a@essai.fr', subject: `Courriel ${status}`, html: '<p>x</p>', text: 'x', status, nextAttemptAt: new Date() });
    }
    const partners = server.dataSource.getRepository(Partner);
    await partners.save({ ...partnerPayload(), name: 'Commune de Poissy', type: 'commune' } as Partial<Partner>);
    await partners.save({ ...partnerPayload(), name: 'Association Les Amis', type: 'association' } as Partial<Partner>);
  });
  afterAll(async () => { await server.close(); });

  const list = async (resource: string, query: string): Promise<ListBody> => {
    const res = await admin.get(`/admin/api/resources/${resource}/actions/list?${query}&perPage=100`);
    expect(res.status).toBe(200);
    return res.body as ListBody;
  };
  const values = (body: ListBody, key: string) => body.records.map((r) => r.params[key]).sort();

  it('« Historique » of habilitations 1234 and 12344: each exactly its own entries', async () => {
    for (const [id, reasons] of [[1234, ['h1234-a', 'h1234-b']], [12344, ['h12344']]] as const) {
      const history = await admin.get(`/admin/api/resources/Habilitation/records/${id}/history`);
      expect(history.status).toBe(200);
      const url = new URL(history.body.redirectUrl as string, 'http://x');
      const body = await list('AuditEvent', url.search.slice(1));
      expect(values(body, 'reason')).toEqual(reasons);
      expect(body.meta.total).toBe(reasons.length);
    }
    // A part of an id matches nothing.
    expect((await list('AuditEvent', 'filters.entityType=Habilitation&filters.entityId=123')).meta.total).toBe(0);
  });

  it('an email state, a partner type, a journal action match whole', async () => {
    const sql = await sqlOf(server.dataSource, async () => {
      expect(values(await list('OutboxEmail', 'filters.status=echec'), 'subject')).toEqual(['Courriel echec']);
      const communes = values(await list('Partner', 'filters.type=commune'), 'name');
      expect(communes).toContain('Commune de Poissy');
      expect(communes).not.toContain('Association Les Amis');
      // « journal.legal-hold » is a part of « journal.legal-hold-release ».
      expect(values(await list('AuditEvent', 'filters.action=journal.legal-hold'), 'reason')).toEqual(['hold']);
      await list('AuditEvent', 'filters.entityType=Habilitation&filters.entityId=1234&filters.legalHold=false');
    });
    // Equality the indexes can serve: no `LIKE` reached the database.
    expect(sql.filter((q) => /outbox_email|partner|audit_event/.test(q)).length).toBeGreaterThan(4);
    expect(sql.filter((q) => / LIKE /i.test(q))).toEqual([]);
  });

  it('free text still matches a part', async () => {
    expect(values(await list('Partner', 'filters.name=Poiss'), 'name')).toEqual(['Commune de Poissy']);
    expect(values(await list('AuditEvent', 'filters.entityType=HabilitationManager'), 'reason')).toEqual(['m1234']);
  });
});
