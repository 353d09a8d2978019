import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { OutboxEmail } from '../../src/entities/outbox-email.entity.js';
import { makeConvention, makeHabilitation, makeRecord } from '../support/factories.js';
import { Partner } from '../../src/entities/partner.entity.js';
import { addDays, addYears, todayInParis } from '../../src/domain/shared/dates.js';
import { pdfText } from '../support/pdf-text.js';
import { binary, loginAs, ORIGIN, startTestServer, type TestServer } from '../support/http.js';
import { producedUrl, type ActionBody } from '../support/actions-api.js';
import { PasswordCampaignRecipient } from '../../src/entities/password-campaign-recipient.entity.js';

describe('outbox, campaign proof and journal actions through HTTP', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server.close(); });

  it('« Renvoyer » puts a failed email back in the queue; a reader is refused', async () => {
    const email = await server.dataSource.getRepository(OutboxEmail).save({
      kind: 'decision', to: 'rh@essai.fr', subject: 'Décision', html: '<p>x</p>', text: 'x', status: 'echec', attempts: 8,
      nextAttemptAt: new Date(), lastError: 'ECONNREFUSED',
    } as Partial<OutboxEmail>);
    const reader = await loginAs(server.app, 'consultation');
    expect((await reader.post(`/admin/api/resources/OutboxEmail/records/${email.id}/resend`).set('Origin', ORIGIN)).status).toBe(403);
    const agent = await loginAs(server.app, 'gestionnaire-habilitations');
    const res = await agent.post(`/admin/api/resources/OutboxEmail/records/${email.id}/resend`).set('Origin', ORIGIN).send({});
    expect(res.status).toBe(200);
    expect(res.body.notice).toEqual(expect.objectContaining({ type: 'success', message: expect.stringContaining('remis en file') }));
    const after = await server.dataSource.getRepository(OutboxEmail).findOneByOrFail({ id: email.id });
    expect(after.status).toBe('en-attente');
    expect(after.attempts).toBe(0);
  });

  it('exports the proof of notice of a campaign as CSV', async () => {
    const campaign = await makeRecord(server.dataSource, 'PasswordCampaign');
    const habilitation = await makeHabilitation(server.dataSource);
    await server.dataSource.getRepository(PasswordCampaignRecipient).save({ campaignId: campaign.id, habilitationId: habilitation.id, email: habilitation.email, status: 'envoye', sentAt: new Date('2026-11-02T09:00:00Z') } as Partial<PasswordCampaignRecipient>);
    const agent = await loginAs(server.app, 'directeur');
    const res = await agent.post(`/admin/api/resources/PasswordCampaign/records/${campaign.id}/exportProof`).set('Origin', ORIGIN).send({});
    expect(res.body.redirectUrl).toBe(`/admin/campagnes/${campaign.id}/preuve.csv`);
    const csv = await agent.get(res.body.redirectUrl);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain(habilitation.email);
    expect(csv.text).toContain(habilitation.identifier);
  });

  it('lets only the Administrateur put a journal entry under legal hold, with a reason', async () => {
    const entry = await makeRecord(server.dataSource, 'AuditEvent');
    const director = await loginAs(server.app, 'directeur');
    expect((await director.post(`/admin/api/resources/AuditEvent/records/${entry.id}/setLegalHold`).set('Origin', ORIGIN).send({ reason: 'x' })).status).toBe(403);
    const admin = await loginAs(server.app, 'administrateur');
    const missing = await admin.post(`/admin/api/resources/AuditEvent/records/${entry.id}/setLegalHold`).set('Origin', ORIGIN).send({ reason: '' });
    expect(missing.body.notice.type).toBe('error');
    expect((await server.dataSource.getRepository(AuditEvent).findOneByOrFail({ id: entry.id })).legalHold).toBe(false);
    const ok = await admin.post(`/admin/api/resources/AuditEvent/records/${entry.id}/setLegalHold`).set('Origin', ORIGIN).send({ reason: 'Réquisition judiciaire n° 2026-17' });
    expect(ok.body.notice.type).toBe('success');
    expect((await server.dataSource.getRepository(AuditEvent).findOneByOrFail({ id: entry.id })).legalHold).toBe(true);
    const trace = await server.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'journal.legal-hold', entityId: String(entry.id) });
    expect(trace.reason).toBe('Réquisition judiciaire n° 2026-17');
  });
});

describe('« Historique » of a record', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server.close(); });

  it('lists the journal entries of that record only', async () => {
    const agent = await loginAs(server.app, 'consultation');
    const admin = await loginAs(server.app, 'administrateur');
    const partner = await makeRecord(server.dataSource, 'Partner');
    await admin.post(`/admin/api/resources/StaffUser/records/${server.users.directeur.id}/resetPassword`).set('Origin', ORIGIN).send({});
    const res = await agent.get(`/admin/api/resources/Partner/records/${partner.id}/history`);
    expect(res.status).toBe(200);
    const history = await admin.get(`/admin/api/resources/StaffUser/records/${server.users.directeur.id}/history`);
    const url = new URL(history.body.redirectUrl, 'http://x');
    const list = await admin.get(`/admin/api/resources/AuditEvent/actions/list${url.search}`);
    expect(list.status).toBe(200);
    const actions = list.body.records.map((r: { params: { action: string; entityId: string } }) => [r.params.action, r.params.entityId]);
    expect(actions).toContainEqual(['staff.password-reset', String(server.users.directeur.id)]);
    expect(actions.every(([, id]: string[]) => id === String(server.users.directeur.id))).toBe(true);
  });
});

describe('campaign page', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server.close(); });

  it('shows the progress of the notices', async () => {
    const campaign = await makeRecord(server.dataSource, 'PasswordCampaign');
    for (const status of ['envoye', 'envoye', 'en-attente', 'echec'] as const) {
      const habilitation = await makeHabilitation(server.dataSource);
      await server.dataSource.getRepository(PasswordCampaignRecipient).save({ campaignId: campaign.id, habilitationId: habilitation.id, email: habilitation.email, status } as Partial<PasswordCampaignRecipient>);
    }
    const agent = await loginAs(server.app, 'consultation');
    const show = await agent.get(`/admin/api/resources/PasswordCampaign/records/${campaign.id}/show`);
    expect(show.body.record.params.progress).toBe('2 envoyés sur 4 · 1 en attente · 1 en échec · 0 copies aux responsables');
  });
});

describe('« Avis à envoyer par courrier »', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startTestServer(); });
  afterAll(async () => { await server.close(); });

  it('prints the renewal notices no email carries, with the list of conventions', async () => {
    const today = todayInParis(new Date());
    const effective = addDays(addYears(today, -1), 20);
    const convention = await makeConvention(server.dataSource, { status: 'signee', effectiveDate: effective, cafSignedDate: effective, partnerSignedDate: effective, sentDate: effective });
    await server.dataSource.getRepository(Partner).update({ id: convention.partnerId }, { email: null });
    const director = await loginAs(server.app, 'directeur');
    const run = await director.post('/admin/api/resources/Convention/actions/renewalRun').set('Origin', ORIGIN).send({ days: '30' });
    expect(run.body.notice.type).toBe('success');
    const reader = await loginAs(server.app, 'consultation');
    expect((await reader.post('/admin/api/resources/Document/actions/printToPost').set('Origin', ORIGIN).send({})).status).toBe(403);
    const res = await director.post('/admin/api/resources/Document/actions/printToPost').set('Origin', ORIGIN).send({});
    expect(res.body.notice.message).toContain(`1 avis à envoyer par courrier : ${convention.number}`);
    const pdf = await director.get(producedUrl(res.body as ActionBody)).buffer(true).parse(binary);
    expect(pdf.status).toBe(200);
    const { flat } = await pdfText(pdf.body as Buffer);
    expect(flat).toContain(convention.number);
    expect(flat).toContain('reconduction');
  });
});
