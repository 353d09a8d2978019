// What the agent sees of the follow-up of incomplete requests, through the real server: the request
// page announces the reminder and the closure « sans suite », then links to the letters the job produced, closed requests are filterable by their
// state, and the Administrateur sets both delays in the Paramètres (in order, or a French refusal).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { Settings } from '../../src/entities/settings.entity.js';
import { services } from '../../src/admin/services.js';
import { systemClock } from '../../src/domain/shared/clock.js';
import { addDays, formatFrenchDate, todayInParis } from '../../src/domain/shared/dates.js';
import { runAccessRequestFollowUpJob } from '../../src/jobs/access-request-follow-up.job.js';
import { makeSignedConventionWithResponsable } from '../db/outbox/support.js';
import { accessRequestPayload, makeConvention } from '../support/factories.js';
import { pdfText } from '../support/pdf-text.js';
import { loginAs, ORIGIN, startTestServer, type Agent, type TestServer } from '../support/http.js';

describe('follow-up of incomplete access requests, as the agents see it', () => {
  let server: TestServer;
  let habilitations: Agent;
  let admin: Agent;
  beforeAll(async () => {
    server = await startTestServer();
    habilitations = await loginAs(server.app, 'gestionnaire-habilitations');
    admin = await loginAs(server.app, 'administrateur');
  });
  afterAll(async () => { await server.close(); });

  const save = async (overrides: Partial<AccessRequest>) => {
    const convention = await makeConvention(server.dataSource);
    return server.dataSource.getRepository(AccessRequest).save({ ...accessRequestPayload(convention.id), ...overrides } as Partial<AccessRequest>);
  };

  it('the request page says when the reminder and the closure come, then when the reminder went out', async () => {
    const waiting = await save({ status: 'incomplete', incompleteReason: 'signature-manquante', incompleteSince: '2026-11-01' });
    const show = async () => (await habilitations.get(`/admin/api/resources/AccessRequest/records/${waiting.id}/show`)).body.record.params;
    expect((await show()).followUp).toBe('Relance prévue le 1er décembre 2026 ; classée sans suite le 30 janvier 2027 si aucun complément n’est reçu d’ici là.');
    await server.dataSource.getRepository(AccessRequest).update({ id: waiting.id }, { incompleteReminderSentOn: '2026-12-01' });
    const params = await show();
    expect(params.followUp).toBe('Relance envoyée le 1er décembre 2026 ; classée sans suite le 30 janvier 2027 si aucun complément n’est reçu d’ici là.');
    expect(params.incompleteReminderSentOn).toBe('2026-12-01');
  });

  it('closed requests are found by their state « Classée sans suite », with the day they were closed', async () => {
    const closed = await save({ status: 'classee', incompleteSince: '2026-08-01', closedOn: '2026-10-30', lastName: 'Ştefănescu' });
    const list = await habilitations.get('/admin/api/resources/AccessRequest/actions/list?filters.status=classee');
    expect(list.status).toBe(200);
    expect(list.body.records.map((r: { id: string }) => Number(r.id))).toEqual([closed.id]);
    expect(list.body.records[0].params).not.toHaveProperty('followUp');
    const show = await habilitations.get(`/admin/api/resources/AccessRequest/records/${closed.id}/show`);
    expect(show.body.record.params).toMatchObject({ status: 'classee', closedOn: '2026-10-30' });
  });

  it('the Administrateur sets both delays; a closure before the reminder is refused in French and changes nothing', async () => {
    const settings = await server.dataSource.getRepository(Settings).findOneByOrFail({});
    const edit = (body: object) => admin.post(`/admin/api/resources/Settings/records/${settings.id}/edit`).set('Origin', ORIGIN).send(body);
    const refused = await edit({ incompleteReminderDays: '30', incompleteClosureDays: '20' });
    expect(refused.body.record.errors.incompleteClosureDays.message)
      .toBe('Le classement sans suite doit venir après la relance : choisissez un délai plus long que celui de la relance.');
    expect(await server.dataSource.getRepository(Settings).findOneByOrFail({ id: settings.id })).toMatchObject({ incompleteReminderDays: 30, incompleteClosureDays: 90 });
    const saved = await edit({ incompleteReminderDays: '21', incompleteClosureDays: '60' });
    expect(saved.body.notice.type).toBe('success');
    expect(await server.dataSource.getRepository(Settings).findOneByOrFail({ id: settings.id })).toMatchObject({ incompleteReminderDays: 21, incompleteClosureDays: 60 });
    // The Gestionnaire habilitations reads the delays through the request, never edits them.
    expect((await habilitations.post(`/admin/api/resources/Settings/records/${settings.id}/edit`).set('Origin', ORIGIN).send({ incompleteReminderDays: '5' })).status).toBe(403);
  });

  it('the letters the job produced are on the request page and download as the PDF that was sent', async () => {
    const { convention } = await makeSignedConventionWithResponsable(server.dataSource);
    const today = todayInParis(new Date());
    const request = await server.dataSource.getRepository(AccessRequest).save({
      ...accessRequestPayload(convention.id), status: 'incomplete', incompleteReason: 'coordonnees-incompletes', incompleteSince: addDays(today, -95),
    } as Partial<AccessRequest>);
    const show = async () => (await habilitations.get(`/admin/api/resources/AccessRequest/records/${request.id}/show`)).body.record;
    expect((await show()).params).not.toHaveProperty('closureLetterId');

    // 95 days without a complement: closed at once (closure wins over the reminder), with its letter.
    expect(await runAccessRequestFollowUpJob(server.dataSource, systemClock, services().storage)).toMatchObject({ closed: 1, reminded: 0 });
    const record = await show();
    expect(record.params.status).toBe('classee');
    expect(record.params).not.toHaveProperty('reminderLetterId');
    const letterId = Number(record.params.closureLetterId);
    expect(record.populated.closureLetterId.params).toMatchObject({ kind: 'incomplete-closure-letter', subjectType: 'AccessRequest', subjectId: request.id });
    const download = await habilitations.get(`/admin/documents/${letterId}/download`).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toMatch(/pdf/);
    const text = (await pdfText(download.body as Buffer)).flat;
    expect(text).toContain(`au titre de la convention n° ${convention.number}`);
    expect(text).toContain(`cette demande est classée sans suite le ${formatFrenchDate(today)}`);
    // The list carries the link too (one query for the page).
    const list = await habilitations.get('/admin/api/resources/AccessRequest/actions/list?filters.status=classee');
    expect(list.body.records.find((r: { id: string }) => Number(r.id) === request.id).params).toHaveProperty('closureLetterId', letterId);
  });
});
