// The lists a gestionnaire works from, through the real server: « À traiter » on the home page (counts
// per role, each link opening exactly the counted records), filters on several statuses at once,
// habilitations by partner and by profile, « Suppressions dues », and recording a paper form from
// « Créer » (journal entry, printed reference recorded once).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, addYears, todayInParis } from '../../src/domain/shared/dates.js';
import { AccessProfile } from '../../src/entities/access-profile.entity.js';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { Convention } from '../../src/entities/convention.entity.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import { SuppressionRequest } from '../../src/entities/suppression-request.entity.js';
import type { StaffRole } from '../../src/policies/roles.js';
import { accessRequestPayload, makeConvention, makeHabilitation } from '../support/factories.js';
import { binary, loginAllRoles, ORIGIN, startTestServer, type Agent, type TestServer } from '../support/http.js';

interface ListBody {
  meta: { total: number };
  records: Array<{ id: string; params: Record<string, unknown>; populated: Record<string, { title: string } | null> }>;
}
interface Queue { id: string; label: string; group: string; count: number; oldestDays: number | null; href: string }

const today = todayInParis(new Date());

describe('work lists through HTTP', () => {
  let server: TestServer;
  let agents: Record<StaffRole, Agent>;
  let convention: Convention;
  let otherConvention: Convention;
  const requests: Record<string, AccessRequest> = {};

  beforeAll(async () => {
    server = await startTestServer();
    agents = await loginAllRoles(server.app);
    const signed = { status: 'signee', effectiveDate: addYears(today, -1), cafSignedDate: addYears(today, -1) } as const;
    convention = await makeConvention(server.dataSource, signed);
    const bailleur = await server.dataSource.getRepository(AccessProfile).findOneByOrFail({ code: 'T5' });
    otherConvention = await makeConvention(server.dataSource, { ...signed, profileId: bailleur.id });
    const save = (overrides: Partial<AccessRequest>) => server.dataSource.getRepository(AccessRequest)
      .save({ ...accessRequestPayload(convention.id), ...overrides } as Partial<AccessRequest>);
    requests.received = await save({ status: 'recue', receivedDate: addDays(today, -12), lastName: 'Reçue' });
    requests.receivedToo = await save({ status: 'recue', receivedDate: addDays(today, -3), lastName: 'Reçue-bis' });
    requests.incomplete = await save({
      status: 'incomplete', receivedDate: addDays(today, -20), incompleteSince: addDays(today, -9), incompleteReason: 'signature-manquante', lastName: 'Incomplète',
    });
    requests.refused = await save({ status: 'refusee', receivedDate: addDays(today, -30), refusalReason: 'Doublon', lastName: 'Refusée' });
  });
  afterAll(async () => { await server.close(); });

  const list = async (role: StaffRole, resource: string, query: string): Promise<ListBody> => {
    const res = await agents[role].get(`/admin/api/resources/${resource}/actions/list?${query}`);
    expect(res.status).toBe(200);
    return res.body as ListBody;
  };
  const dashboard = async (role: StaffRole): Promise<Queue[]> => {
    const res = await agents[role].get('/admin/api/dashboard');
    expect(res.status).toBe(200);
    return (res.body as { queues: Queue[] }).queues;
  };

  it('filters access requests on several statuses at once', async () => {
    const body = await list('gestionnaire-habilitations', 'AccessRequest', 'filters.status=recue,incomplete&perPage=50');
    expect(body.records.map((r) => r.params.lastName).sort()).toEqual(['Incomplète', 'Reçue', 'Reçue-bis']);
    expect(body.meta.total).toBe(3);
    // One status is an exact match, not « contains ».
    const refused = await list('consultation', 'AccessRequest', 'filters.status=refusee');
    expect(refused.records.map((r) => r.params.lastName)).toEqual(['Refusée']);
    // Each row names the partner (from the convention).
    const partner = await server.dataSource.getRepository(Partner).findOneByOrFail({ id: convention.partnerId });
    expect(refused.records[0].populated.partnerId?.title).toBe(partner.name);
    expect((await list('consultation', 'AccessRequest', `filters.partnerId=${otherConvention.partnerId}`)).meta.total).toBe(0);
  });

  it('lists habilitations by partner and by profile, with the partner shown in each row', async () => {
    const mine = await makeHabilitation(server.dataSource, convention.id);
    const bailleur = await makeHabilitation(server.dataSource, otherConvention.id);
    const partner = await server.dataSource.getRepository(Partner).findOneByOrFail({ id: convention.partnerId });

    const byPartner = await list('consultation', 'Habilitation', `filters.partnerId=${convention.partnerId}`);
    expect(byPartner.records.map((r) => r.params.identifier)).toEqual([mine.identifier]);
    expect(byPartner.records[0].populated.partnerId?.title).toBe(partner.name);

    const profile = await list('consultation', 'Habilitation', `filters.profileId=${otherConvention.profileId}`);
    expect(profile.records.map((r) => r.params.identifier)).toEqual([bailleur.identifier]);
    // Partner and profile together: the habilitations of that partner under that profile only.
    const both = await list('consultation', 'Habilitation', `filters.partnerId=${convention.partnerId}&filters.profileId=${otherConvention.profileId}`);
    expect(both.records).toEqual([]);
    const show = await agents.consultation.get(`/admin/api/resources/Habilitation/records/${mine.id}/show`);
    expect(show.body.record.populated.partnerId.title).toBe(partner.name);
    // The picker of the suppression form finds the person by email too, and names the partner.
    const picked = await agents['gestionnaire-conventions'].get(`/admin/api/resources/Habilitation/search/${encodeURIComponent(mine.email)}`);
    expect(picked.body.records.map((r: { title: string }) => r.title)).toEqual([`${mine.identifier} — LEFÈVRE Hélène · ${partner.name}`]);
  });

  it('« Suppressions dues »: reached and not revoked, whether still to process or scheduled', async () => {
    const repo = server.dataSource.getRepository(SuppressionRequest);
    const make = async (effectiveDate: string, status: SuppressionRequest['status'], revokedDate: string | null = null) => {
      const habilitation = await makeHabilitation(server.dataSource, convention.id);
      return repo.save({ habilitationId: habilitation.id, position: 'Agent', effectiveDate, receivedDate: addDays(today, -15), status, revokedDate, employerSigned: true });
    };
    const dueToProcess = await make(addDays(today, -2), 'recue');
    const scheduledReached = await make(today, 'traitee');
    await make(addDays(today, 10), 'recue');
    await make(addDays(today, 10), 'traitee');
    await make(addDays(today, -5), 'traitee', addDays(today, -5));
    await make(addDays(today, -5), 'rejetee');

    const due = await list('gestionnaire-habilitations', 'SuppressionRequest', 'filters.due=true');
    expect(due.records.map((r) => Number(r.id)).sort()).toEqual([dueToProcess.id, scheduledReached.id].sort());
    // Each row names the person whose access ends, not only the identifier.
    const row = due.records.find((r) => Number(r.id) === dueToProcess.id)!;
    expect(row.populated.habilitationId?.title).toMatch(/^CP78-\d+ — LEFÈVRE Hélène$/);
    // By partner, through the habilitation's convention.
    const elsewhere = await makeHabilitation(server.dataSource, otherConvention.id);
    const theirs = await repo.save({ habilitationId: elsewhere.id, position: 'Agent', effectiveDate: today, receivedDate: today, status: 'recue', employerSigned: true });
    const byPartner = await list('gestionnaire-habilitations', 'SuppressionRequest', `filters.partnerId=${otherConvention.partnerId}`);
    expect(byPartner.records.map((r) => Number(r.id))).toEqual([theirs.id]);
    await repo.delete(theirs.id);
    // « Non » means no filter.
    expect((await list('gestionnaire-habilitations', 'SuppressionRequest', 'filters.due=false')).meta.total).toBe(6);
  });

  it('« À traiter » counts the work of each role, and each link opens exactly the counted records', async () => {
    const queues = await dashboard('gestionnaire-habilitations');
    const byId = Object.fromEntries(queues.map((q) => [q.id, q]));
    expect(byId['access-requests-to-decide']).toMatchObject({ label: "Demandes d'accès à décider", count: 2, oldestDays: 12 });
    expect(byId['access-requests-incomplete']).toMatchObject({ label: 'En attente de complément', count: 1, oldestDays: 9 });
    expect(byId['suppressions-due']).toMatchObject({ label: 'Suppressions dues', count: 2, oldestDays: 2 });
    // The gestionnaire habilitations does not sign conventions: not their queue.
    expect(byId['conventions-awaiting-signature']).toBeUndefined();
    for (const queue of queues) {
      const [pathname, query] = queue.href.split('?');
      const resource = pathname.split('/')[3];
      const body = await list('gestionnaire-habilitations', resource, query);
      expect({ queue: queue.id, total: body.meta.total }).toEqual({ queue: queue.id, total: queue.count });
    }
    const conventions = await dashboard('gestionnaire-conventions');
    expect(conventions.map((q) => q.id)).toEqual(expect.arrayContaining(['conventions-awaiting-signature', 'access-requests-incomplete']));
    expect(conventions.map((q) => q.id)).not.toContain('access-requests-to-decide');
    expect(await dashboard('consultation')).toEqual([]);

    // The Directeur follows the denounced conventions about to end.
    await makeConvention(server.dataSource, { status: 'denoncee', effectiveDate: addYears(today, -2), endDate: addDays(today, 30) });
    await makeConvention(server.dataSource, { status: 'denoncee', effectiveDate: addYears(today, -2), endDate: addDays(today, 200) });
    // (Besides « Échéances » and the unanswered recertifications: test/http/convention-due-dates.test.ts, recertification-campaign.test.ts.)
    const director = (await dashboard('directeur')).filter((q) => q.group !== 'due');
    expect(director.map((q) => q.id)).toEqual(['recertifications-unanswered', 'conventions-ending']);
    const ending = director.find((q) => q.id === 'conventions-ending')!;
    expect(ending).toMatchObject({ label: 'Conventions dénoncées bientôt terminées', count: 1 });
    const [pathname, query] = ending.href.split('?');
    expect(pathname).toBe('/admin/resources/Convention');
    expect((await list('directeur', 'Convention', query)).meta.total).toBe(1);
  });

  it('« Créer » records the paper form through the use case: journal entry, and the same printed reference is refused the second time', async () => {
    const agent = agents['gestionnaire-conventions'];
    const payload = { ...accessRequestPayload(convention.id), formReference: 'da-2026-004242', userSigned: 'true', employerSigned: 'true' };
    const res = await agent.post('/admin/api/resources/AccessRequest/actions/new').set('Origin', ORIGIN).send(payload);
    expect(res.body.notice).toMatchObject({ type: 'success' });
    expect(res.body.notice.message).toMatch(/^Demande d’accès n° \d+ de .* enregistrée/);
    const id = Number(res.body.record.params.id);
    const stored = await server.dataSource.getRepository(AccessRequest).findOneByOrFail({ id });
    expect(stored).toMatchObject({ formReference: 'DA-2026-004242', status: 'recue', recordedById: server.users['gestionnaire-conventions'].id });
    expect(await server.dataSource.getRepository(AuditEvent).countBy({ action: 'access-request.record', entityId: String(id) })).toBe(1);

    const before = await server.dataSource.getRepository(AccessRequest).count();
    const again = await agent.post('/admin/api/resources/AccessRequest/actions/new').set('Origin', ORIGIN).send({ ...payload, email: 'autre@essai.fr' });
    expect(again.body.notice).toMatchObject({ type: 'error' });
    expect(again.body.record.errors.formReference.message).toBe(`Le formulaire DA-2026-004242 est déjà enregistré (demande n° ${id}).`);
    expect(await server.dataSource.getRepository(AccessRequest).count()).toBe(before);
  });

  it('« Créer » of a demande de suppression is journaled too', async () => {
    const habilitation = await makeHabilitation(server.dataSource, convention.id);
    const res = await agents['gestionnaire-conventions'].post('/admin/api/resources/SuppressionRequest/actions/new').set('Origin', ORIGIN).send({
      habilitationId: String(habilitation.id), position: 'Assistante sociale', effectiveDate: addDays(today, 7), receivedDate: today, employerSigned: 'true',
    });
    expect(res.body.notice).toMatchObject({ type: 'success' });
    const id = Number(res.body.record.params.id);
    expect(await server.dataSource.getRepository(SuppressionRequest).findOneByOrFail({ id })).toMatchObject({ habilitationId: habilitation.id, status: 'recue' });
    expect(await server.dataSource.getRepository(AuditEvent).countBy({ action: 'suppression-request.record', entityId: String(id) })).toBe(1);
    expect((await server.dataSource.getRepository(Habilitation).findOneByOrFail({ id: habilitation.id })).status).toBe('active');
  });

  it('« Joindre le formulaire numérisé »: a PDF is attached and journaled; a text file or no file is refused in French; 403 for Consultation', async () => {
    const recorded = await server.dataSource.getRepository(AccessRequest).save({ ...accessRequestPayload(convention.id), status: 'recue' } as Partial<AccessRequest>);
    const url = `/admin/api/resources/AccessRequest/records/${recorded.id}/attachScan`;
    const agent = agents['gestionnaire-conventions'];

    const none = await agent.post(url).set('Origin', ORIGIN).field('x', '1');
    expect(none.body.notice).toEqual({ type: 'error', message: 'Choisissez le fichier du formulaire signé numérisé (PDF, JPEG ou PNG).' });
    const text = await agent.post(url).set('Origin', ORIGIN).attach('scan', Buffer.from('pas un PDF'), 'demande.pdf');
    expect(text.body.record.errors.scan.message).toBe('Format refusé : seuls les fichiers PDF, JPEG et PNG sont acceptés.');
    expect((await server.dataSource.getRepository(AccessRequest).findOneByOrFail({ id: recorded.id })).scanId).toBeNull();
    const refused = await agents.consultation.post(url).set('Origin', ORIGIN).attach('scan', Buffer.from('%PDF-1.4\n'), 'demande.pdf');
    expect(refused.status).toBe(403);

    const ok = await agent.post(url).set('Origin', ORIGIN).attach('scan', Buffer.from('%PDF-1.4\n% demande signée\n'), 'demande-signée.pdf');
    expect(ok.body.notice).toEqual({ type: 'success', message: `Formulaire numérisé joint à la demande d’accès n° ${recorded.id}.` });
    const { scanId } = await server.dataSource.getRepository(AccessRequest).findOneByOrFail({ id: recorded.id });
    const scan = await agents.consultation.get(`/admin/scans/${scanId}`).buffer(true).parse(binary);
    expect((scan.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const journal = await server.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'access-request.attach-scan', entityId: String(recorded.id) });
    expect(JSON.parse(String(journal.details))).toMatchObject({ scanId, previousScanId: null, fileName: 'demande-signée.pdf' });

    // A suppression request takes its scan the same way.
    const habilitation = await makeHabilitation(server.dataSource, convention.id);
    const suppression = await server.dataSource.getRepository(SuppressionRequest).save({
      habilitationId: habilitation.id, position: 'Agent', effectiveDate: today, receivedDate: today, status: 'recue', employerSigned: true,
    });
    const attached = await agent.post(`/admin/api/resources/SuppressionRequest/records/${suppression.id}/attachScan`).set('Origin', ORIGIN)
      .attach('scan', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]), 'suppression.png');
    expect(attached.body.notice).toEqual({ type: 'success', message: `Formulaire numérisé joint à la demande de suppression n° ${suppression.id}.` });
  });
});
