// The convention and designation actions through the real server, as a user sees them: which actions
// a record offers to a role, the French notices, the refusals (403 for a role the policy refuses,
// field errors otherwise), and the PDFs behind the download links, read back as text.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, addYears, formatFrenchDate, todayInParis } from '../../src/domain/shared/dates.js';
import { AccessProfile } from '../../src/entities/access-profile.entity.js';
import { frenchShortDate } from '../../src/documents/format.js';
import { systemClock } from '../../src/domain/shared/clock.js';
import { runConventionEndJob } from '../../src/jobs/convention-end.job.js';
import { OutboxEmail } from '../../src/entities/outbox-email.entity.js';
import { SuppressionRequest } from '../../src/entities/suppression-request.entity.js';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { Convention } from '../../src/entities/convention.entity.js';
import { Document } from '../../src/entities/document.entity.js';
import { HabilitationManager } from '../../src/entities/habilitation-manager.entity.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import type { StaffRole } from '../../src/policies/roles.js';
import { services } from '../../src/admin/services.js';
import { SYSTEM_ACTOR } from '../../src/domain/audit/audit.js';
import { recordDesignation } from '../../src/domain/habilitation-manager/habilitation-manager.use-cases.js';
import { accessRequestPayload, makeConvention, makeHabilitation, managerPayload } from '../support/factories.js';
import { binary, ORIGIN, startTestServer, type TestServer, loginAllRoles, type Agent } from '../support/http.js';
import { actionsApi, producedUrl, type ActionBody } from '../support/actions-api.js';


const today = todayInParis(new Date());

describe('convention actions through HTTP', () => {
  let server: TestServer;
  let agents: Record<StaffRole, Agent>;
  beforeAll(async () => {
    server = await startTestServer();
    agents = await loginAllRoles(server.app);
  });
  afterAll(async () => { await server.close(); });

  const repo = <T extends object>(entity: new () => T) => server.dataSource.getRepository(entity);
  const api = actionsApi(() => agents);
  const { download, expectForbidden, resourceAct } = api;
  const act = (role: StaffRole, id: number, action: string, body: object = {}) => api.act(role, 'Convention', id, action, body);
  const offered = (role: StaffRole, id: number) => api.offered(role, 'Convention', id);
  const signedConvention = (effectiveDate: string, overrides: Partial<Convention> = {}) => makeConvention(server.dataSource, {
    status: 'signee', sentDate: effectiveDate, partnerSignedDate: effectiveDate, cafSignedDate: effectiveDate, effectiveDate, ...overrides,
  });

  it('a draft offers « Enregistrer l’envoi » and its pack to the convention staff; send works for them, 403 for the Directeur', async () => {
    const c = await makeConvention(server.dataSource);
    const actions = await offered('gestionnaire-conventions', c.id);
    expect(actions).toEqual(expect.arrayContaining(['send', 'generateConvention', 'generateAccessRequestForm', 'generateDesignationForm', 'generateSuppressionForm']));
    expect(actions).not.toEqual(expect.arrayContaining(['sign']));
    expect(actions).not.toContain('denounce');
    // The whole pack, cover letter included (issue 13 §6): printed by the staff, signed on paper by the Directeur.
    expect(actions).toContain('generateCoverLetter');
    expect(await offered('directeur', c.id)).toContain('generateCoverLetter');
    expect(await offered('consultation', c.id)).not.toContain('send');

    expectForbidden(await act('directeur', c.id, 'send', { sentDate: today }));
    expect((await repo(Convention).findOneByOrFail({ id: c.id })).status).toBe('brouillon');

    const missing = (await act('gestionnaire-conventions', c.id, 'send', { sentDate: '' })).body as ActionBody;
    expect(missing.notice).toEqual({ message: 'Ce champ est obligatoire.', type: 'error' });
    expect(missing.record?.errors?.sentDate?.message).toBe('Ce champ est obligatoire.');

    const res = await act('gestionnaire-conventions', c.id, 'send', { sentDate: today });
    expect(res.status).toBe(200);
    expect((res.body as ActionBody).notice).toEqual({ message: `La convention n° ${c.number} est envoyée au partenaire (envoi du ${formatFrenchDate(today)}).`, type: 'success' });
    expect(await repo(Convention).findOneByOrFail({ id: c.id })).toMatchObject({ status: 'envoyee', sentDate: today });
    expect(await offered('gestionnaire-conventions', c.id)).toContain('sign');
  });

  it('« Enregistrer la signature » needs both dates and the signed copy (multipart upload); 403 for consultation', async () => {
    const c = await makeConvention(server.dataSource, { status: 'envoyee', sentDate: addDays(today, -10) });
    const url = `/admin/api/resources/Convention/records/${c.id}/sign`;
    expectForbidden(await agents.consultation.post(url).set('Origin', ORIGIN).send({ partnerSignedDate: today, cafSignedDate: today }));

    const noScan = (await agents['gestionnaire-conventions'].post(url).set('Origin', ORIGIN)
      .field('partnerSignedDate', addDays(today, -3)).field('cafSignedDate', addDays(today, -1))).body as ActionBody;
    expect(noScan.notice).toEqual({ message: 'La copie signée numérisée est obligatoire.', type: 'error' });
    expect(noScan.record?.errors?.signedScan?.message).toBe('La copie signée numérisée est obligatoire.');

    const res = await agents['gestionnaire-conventions'].post(url).set('Origin', ORIGIN)
      .field('partnerSignedDate', addDays(today, -3)).field('cafSignedDate', addDays(today, -1))
      .attach('signedScan', Buffer.from('%PDF-1.4\n% convention signée\n'), 'convention-signée.pdf');
    const body = res.body as ActionBody;
    expect(body.notice?.type).toBe('success');
    expect(body.notice?.message).toContain(`prend effet le ${formatFrenchDate(addDays(today, -1))}`);
    const signed = await repo(Convention).findOneByOrFail({ id: c.id });
    expect(signed).toMatchObject({ status: 'signee', effectiveDate: addDays(today, -1) });
    // The scan is downloadable from the convention.
    const scan = await agents.consultation.get(`/admin/scans/${signed.signedScanId}`).buffer(true).parse(binary);
    expect(scan.status).toBe(200);
    expect((scan.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('« Dénoncer »: the Directeur sees the computed end date before confirming; 403 for the convention staff', async () => {
    // Next anniversary in 20 days: its notice deadline is past, so the end is one year later.
    const effective = addDays(addYears(today, -1), 20);
    const c = await signedConvention(effective);
    expect(await offered('directeur', c.id)).toEqual(expect.arrayContaining(['denounce', 'terminate', 'generateRenewalNotice']));
    expect(await offered('gestionnaire-conventions', c.id)).not.toContain('denounce');
    expectForbidden(await act('gestionnaire-conventions', c.id, 'denounce', { party: 'caf', receivedDate: today, reason: 'x' }));

    const expectedEnd = addYears(effective, 2);
    const preview = (await act('directeur', c.id, 'denounce', { party: 'partenaire', receivedDate: today, reason: 'Fin du service « périscolaire »', __preview: '1' })).body as ActionBody;
    expect(preview.preview).toContain('Dénonciation tardive');
    expect(preview.preview).toContain(`La convention prendra fin le ${formatFrenchDate(expectedEnd)}`);
    expect((await repo(Convention).findOneByOrFail({ id: c.id })).status).toBe('signee');

    const done = (await act('directeur', c.id, 'denounce', { party: 'partenaire', receivedDate: today, reason: 'Fin du service « périscolaire »' })).body as ActionBody;
    expect(done.notice?.type).toBe('success');
    expect(done.notice?.message).toContain(`elle prendra fin le ${formatFrenchDate(expectedEnd)}`);
    expect(await repo(Convention).findOneByOrFail({ id: c.id })).toMatchObject({ status: 'denoncee', endDate: expectedEnd, noticeParty: 'partenaire' });
    const audit = await repo(AuditEvent).findOneByOrFail({ action: 'convention.denounce', entityId: String(c.id) });
    expect(audit).toMatchObject({ fromState: 'signee', toState: 'denoncee', actorId: server.users.directeur.id, reason: 'Fin du service « périscolaire »' });

    // The termination letter is now offered to the Directeur, and reads the dénonciation back.
    const letter = (await act('directeur', c.id, 'generateTerminationLetter')).body as ActionBody;
    expect(letter.notice?.type).toBe('success');
    const text = await download('directeur', letter);
    for (const phrase of [`Dénonciation de la convention Cafpro n° ${c.number}`, 'Fin du service « périscolaire »', formatFrenchDate(expectedEnd), 'Article 5']) {
      expect(text.flat).toContain(phrase);
    }
  });

  it('« Résilier »: reason required, Directeur only', async () => {
    const c = await signedConvention(addYears(today, -1));
    expectForbidden(await act('gestionnaire-habilitations', c.id, 'terminate', { endDate: today, reason: 'x' }));
    const noReason = (await act('directeur', c.id, 'terminate', { endDate: today, reason: '' })).body as ActionBody;
    expect(noReason.record?.errors?.reason?.message).toBe('Le motif de la résiliation est obligatoire.');
    const done = (await act('directeur', c.id, 'terminate', { endDate: today, reason: 'Consultations sans lien avec la mission' })).body as ActionBody;
    expect(done.notice).toEqual({ message: `La convention n° ${c.number} est résiliée (article 4) : elle prend fin le ${formatFrenchDate(today)} ; aucune habilitation n’était en cours.`, type: 'success' });
    // Refused by the state machine now (the action is no longer offered, and AdminJS refuses it).
    expect(await offered('directeur', c.id)).not.toContain('terminate');
    const again = (await act('directeur', c.id, 'terminate', { endDate: today, reason: 'x' })).body as ActionBody;
    expect(again.notice?.type).toBe('error');
  });

  it('documents: each allowed role gets a notice and a downloadable PDF with the record’s data; other roles get 403', async () => {
    const c = await makeConvention(server.dataSource);
    const partner = await repo(Partner).findOneByOrFail({ id: c.partnerId });
    const cases: Array<[string, StaffRole, StaffRole, string[]]> = [
      ['generateCoverLetter', 'gestionnaire-conventions', 'gestionnaire-habilitations', ['Je vous prie de bien vouloir trouver, ci-joint', c.number, partner.name]],
      ['generateConvention', 'gestionnaire-conventions', 'gestionnaire-habilitations', ['Convention de service', c.number, 'PROFIL T2', 'Exemplaire 2/2']],
      ['generateAccessRequestForm', 'gestionnaire-conventions', 'directeur', ['Demande d’accès', c.number, partner.name, 'DA-']],
      ['generateDesignationForm', 'administrateur', 'consultation', ['responsable habilitations', partner.name, 'RH-']],
      ['generateSuppressionForm', 'gestionnaire-conventions', 'gestionnaire-habilitations', ['suppression', partner.name, 'DS-']],
    ];
    for (const [action, allowed, refused, phrases] of cases) {
      expectForbidden(await act(refused, c.id, action));
      const body = (await act(allowed, c.id, action)).body as ActionBody;
      expect({ action, type: body.notice?.type }).toEqual({ action, type: 'success' });
      const text = await download(allowed, body);
      for (const phrase of phrases) expect({ action, phrase, found: text.flat.includes(phrase) }).toEqual({ action, phrase, found: true });
      // Readable by every role (its subject, the convention, is).
      expect((await agents.consultation.get(producedUrl(body))).status).toBe(200);
    }
    const forms = await repo(Document).find({ where: { subjectType: 'Convention', subjectId: c.id } });
    expect(forms.map((d) => d.kind).sort()).toEqual(['access-request-form', 'convention', 'cover-letter', 'manager-designation-form', 'suppression-request-form']);
  });

  it('a data-provision convention offers its own convention, not the Cafpro forms; the server refuses them and any request under it', async () => {
    const mad = await repo(AccessProfile).findOneByOrFail({ code: 'MAD' });
    const c = await signedConvention(addYears(today, -1), { kind: 'data-provision', profileId: mad.id });
    const actions = await offered('gestionnaire-conventions', c.id);
    expect(actions).toContain('generateConvention');
    for (const form of ['generateAccessRequestForm', 'generateDesignationForm', 'generateSuppressionForm']) expect(actions).not.toContain(form);

    const refusal = (end: string) => `La convention n° ${c.number} est une convention de mise à disposition de données : elle ne donne aucun accès à Cafpro : ${end}`;
    // Called directly, AdminJS refuses the record's action (allowedFor): nothing runs.
    for (const form of ['generateAccessRequestForm', 'generateDesignationForm', 'generateSuppressionForm']) {
      const body = (await act('gestionnaire-conventions', c.id, form)).body as ActionBody & { record?: { baseError?: { type: string } } };
      expect({ form, error: body.record?.baseError?.type, redirect: body.redirectUrl }).toEqual({ form, error: 'ForbiddenError', redirect: undefined });
    }
    expect(await repo(Document).count({ where: { subjectType: 'Convention', subjectId: c.id } })).toBe(0);

    const convention = (await act('gestionnaire-conventions', c.id, 'generateConvention')).body as ActionBody;
    const text = await download('gestionnaire-conventions', convention);
    expect(text.flat).toContain('CONVENTION DE MISE À DISPOSITION DE DONNÉES');
    expect(text.flat).not.toContain('Profil d’accès');

    const request = (await agents['gestionnaire-conventions'].post('/admin/api/resources/AccessRequest/actions/new').set('Origin', ORIGIN)
      .send(accessRequestPayload(c.id))).body as ActionBody;
    expect(request.record?.errors?.conventionId?.message).toBe(refusal('aucune demande d’accès ne peut être enregistrée à son titre.'));
    const designation = (await agents['gestionnaire-conventions'].post('/admin/api/resources/HabilitationManager/actions/new').set('Origin', ORIGIN)
      .send(managerPayload(c.id))).body as ActionBody;
    expect(designation.record?.errors?.conventionId?.message).toBe(refusal('aucun responsable habilitations ne peut y être désigné.'));
    expect(await repo(AccessRequest).countBy({ conventionId: c.id })).toBe(0);
    expect(await repo(HabilitationManager).countBy({ conventionId: c.id })).toBe(0);
  });

  it('suppression form with a habilitation identifier prints the person and « à compter de : »; its reference brings both back', async () => {
    const h = await makeHabilitation(server.dataSource);
    const body = (await act('gestionnaire-conventions', h.conventionId, 'generateSuppressionForm', { habilitationIdentifier: h.identifier, effectiveFrom: '2026-12-31' })).body as ActionBody;
    const text = await download('gestionnaire-conventions', body);
    for (const phrase of [h.identifier, h.lastName, h.firstName, 'au service à compter de : 31/12/2026 pour la personne désignée ci-dessus.']) expect(text.flat).toContain(phrase);
    const { reference } = await repo(Document).findOneByOrFail({ id: Number(producedUrl(body).split('/')[3]) });
    const found = (await resourceAct('gestionnaire-conventions', 'Convention', 'lookupReference', { reference: reference! })).body as ActionBody;
    const params = new URLSearchParams(found.redirectUrl!.split('?')[1]);
    expect(found.redirectUrl!.split('?')[0]).toBe('/admin/resources/SuppressionRequest/actions/new');
    expect(Object.fromEntries(params)).toEqual({ habilitationId: String(h.id), position: h.position, effectiveDate: '2026-12-31', formReference: reference });
    // A blank form brings back its convention.
    const blank = (await act('gestionnaire-conventions', h.conventionId, 'generateSuppressionForm', { habilitationIdentifier: '', effectiveFrom: '' })).body as ActionBody;
    const blankDocument = await repo(Document).findOneByOrFail({ id: Number(producedUrl(blank).split('/')[3]) });
    const blankFound = (await resourceAct('gestionnaire-conventions', 'Convention', 'lookupReference', { reference: blankDocument.reference! })).body as ActionBody;
    expect(blankFound.redirectUrl).toBe(`/admin/resources/SuppressionRequest/actions/new?formReference=${blankDocument.reference}&conventionId=${h.conventionId}`);
    const convention = await repo(Convention).findOneByOrFail({ id: h.conventionId });
    expect(blankFound.notice?.message).toContain(`parmi celles de la convention ${convention.number}`);
    const unknown = (await act('gestionnaire-conventions', h.conventionId, 'generateSuppressionForm', { habilitationIdentifier: 'CP78-999999' })).body as ActionBody;
    expect(unknown.record?.errors?.habilitationIdentifier?.message).toContain('Aucune habilitation « CP78-999999 »');
  });

  it('renewal notice and renewal run (Directeur): one notice per anniversary, one combined PDF; 403 for the convention staff', async () => {
    const due = await signedConvention(addYears(addDays(today, 15), -1));
    await makeHabilitation(server.dataSource, due.id);
    const habilitation = await repo(Habilitation).findOneByOrFail({ conventionId: due.id });
    expectForbidden(await act('gestionnaire-conventions', due.id, 'generateRenewalNotice'));
    const single = (await act('directeur', due.id, 'generateRenewalNotice')).body as ActionBody;
    expect(single.notice?.message).toContain(`L’avis de reconduction au ${formatFrenchDate(addDays(today, 15))}`);
    const text = await download('directeur', single);
    expect(text.flat).toContain(`arrive à sa date anniversaire le ${formatFrenchDate(addDays(today, 15))}`);
    expect(text.flat).toContain(habilitation.identifier);

    expectForbidden(await resourceAct('gestionnaire-conventions', 'Convention', 'renewalRun', { days: '30' }));
    const run = (await resourceAct('directeur', 'Convention', 'renewalRun', { days: '30' })).body as ActionBody;
    expect(run.notice?.type).toBe('success');
    expect(run.notice?.message).toMatch(new RegExp(`^Tournée de reconduction du ${formatFrenchDate(today)} \\(30 jours\\) : \\d+/\\d+ conventions traitées`));
    expect(run.notice?.message).toContain('déjà produits auparavant');
    const combined = await download('directeur', run);
    expect(combined.flat).toContain(due.number);
    const notices = await repo(Document).count({ where: { kind: 'renewal-notice', subjectId: due.id } });
    const again = (await resourceAct('directeur', 'Convention', 'renewalRun', { days: '30' })).body as ActionBody;
    expect(again.notice?.message).toContain(', 0 avis produits,');
    expect(producedUrl(again)).toBe(producedUrl(run));
    expect(await repo(Document).count({ where: { kind: 'renewal-notice', subjectId: due.id } })).toBe(notices);
    const bad = (await resourceAct('directeur', 'Convention', 'renewalRun', { days: 'trois' })).body as ActionBody;
    expect(bad.notice?.type).toBe('error');
    expect(bad.errors?.days?.message).toBe('Indiquez un nombre de jours entre 0 et 366, ou laissez vide.');
  });

  it('« Retrouver un formulaire par sa référence » opens a new access request pre-filled with its convention; 403 for consultation', async () => {
    const c = await signedConvention(addYears(today, -1));
    const form = (await act('gestionnaire-conventions', c.id, 'generateAccessRequestForm')).body as ActionBody;
    const document = await repo(Document).findOneByOrFail({ id: Number(producedUrl(form).split('/')[3]) });
    expectForbidden(await resourceAct('consultation', 'Convention', 'lookupReference', { reference: document.reference! }));
    const found = (await resourceAct('gestionnaire-habilitations', 'Convention', 'lookupReference', { reference: ` ${document.reference!.toLowerCase()} ` })).body as ActionBody;
    expect(found.notice).toEqual({ message: `Demande d’accès ${document.reference} : nouvelle demande pré-remplie pour la convention ${c.number}.`, type: 'success' });
    expect(found.redirectUrl).toBe(`/admin/resources/AccessRequest/actions/new?conventionId=${c.id}&formReference=${document.reference}`);
    const keyed = await repo(AccessRequest).save({
      conventionId: c.id, formReference: document.reference, civility: 'Madame', lastName: 'Benoît', firstName: 'Zoé', professionalAddress: 'Mairie',
      phone: '01 30 87 20 10', email: 'zoe.benoit@essai.fr', position: 'Agent d’accueil', contractType: 'CDI', receivedDate: today, status: 'recue',
    } as Partial<AccessRequest>);
    const open = (await resourceAct('gestionnaire-conventions', 'Convention', 'lookupReference', { reference: document.reference })).body as ActionBody;
    expect(open.redirectUrl).toBe(`/admin/resources/AccessRequest/records/${keyed.id}/show`);
    const unknown = (await resourceAct('gestionnaire-conventions', 'Convention', 'lookupReference', { reference: 'DA-2001-000001' })).body as ActionBody;
    expect(unknown.notice).toEqual({ message: 'Aucun document produit par le back-office ne porte la référence DA-2001-000001. Vérifiez la saisie.', type: 'error' });
  });

  it('« Nouvelle désignation » supersedes the responsable in office; 403 for consultation', async () => {
    const c = await signedConvention(addYears(today, -1));
    const api = '/admin/api/resources/HabilitationManager';
    const recorded = await recordDesignation({ dataSource: server.dataSource, storage: services().storage, clock: services().clock }, SYSTEM_ACTOR,
      { ...managerPayload(c.id), designationDate: addDays(today, -30) });
    if (!recorded.ok) throw new Error(recorded.message);
    const first = recorded.designation;

    const url = `${api}/records/${first.id}/designate`;
    expectForbidden(await agents.consultation.post(url).set('Origin', ORIGIN).send({}));
    const res = await agents['gestionnaire-conventions'].post(url).set('Origin', ORIGIN)
      .field('civility', 'Madame').field('lastName', 'Lœvenbruck').field('firstName', 'Anaïs').field('phone', '01 30 87 20 12')
      .field('email', 'anais.loevenbruck@essai.fr').field('designationDate', today).field('isSignatory', 'false')
      .attach('scan', Buffer.from('%PDF-1.4\n% désignation\n'), 'designation.pdf');
    const body = res.body as ActionBody;
    expect(body.notice?.message).toContain(`Madame Anaïs Lœvenbruck est désignée responsable habilitations de la convention n° ${c.number}`);
    expect(body.notice?.message).toContain(`Elle remplace ${first.civility} ${first.firstName} ${first.lastName}`);
    const current = await repo(HabilitationManager).findOneByOrFail({ currentFor: c.id });
    expect(current).toMatchObject({ lastName: 'Lœvenbruck', endDate: null });
    expect(body.redirectUrl).toBe(`/admin/resources/HabilitationManager/records/${current.id}/show`);
    expect(await repo(HabilitationManager).findOneByOrFail({ id: first.id })).toMatchObject({ currentFor: null, endDate: today });
    // The superseded designation no longer offers « designate ».
    const shown = await agents['gestionnaire-conventions'].get(`${api}/records/${first.id}/show`);
    expect(((shown.body as ActionBody).record?.recordActions ?? []).map((a) => a.name)).not.toContain('designate');
  });

  it('« Désignation d’un responsable habilitations » is a paper form like the others: reference stored once, scan on the form and attached later', async () => {
    const c = await signedConvention(addYears(today, -1));
    const designations = '/admin/api/resources/HabilitationManager';
    const form = (await act('gestionnaire-conventions', c.id, 'generateDesignationForm')).body as ActionBody;
    const { reference } = await repo(Document).findOneByOrFail({ id: Number(producedUrl(form).split('/')[3]) });
    const lookup = async () => ((await resourceAct('gestionnaire-conventions', 'Convention', 'lookupReference', { reference: reference! })).body as ActionBody);

    // Not recorded yet: a new designation pre-filled with the convention and the reference.
    expect((await lookup()).redirectUrl).toBe(`/admin/resources/HabilitationManager/actions/new?conventionId=${c.id}&formReference=${reference}`);
    const post = (lastName: string) => agents['gestionnaire-conventions'].post(`${designations}/actions/new`).set('Origin', ORIGIN)
      .field('conventionId', String(c.id)).field('formReference', reference!).field('civility', 'Madame').field('lastName', lastName)
      .field('firstName', 'Anaïs').field('phone', '01 30 87 20 12').field('email', 'anais.loevenbruck@essai.fr').field('designationDate', today)
      .field('isSignatory', 'false').attach('scan', Buffer.from('%PDF-1.4\n% désignation signée\n'), 'désignation.pdf');
    const created = (await post('Lœvenbruck')).body as ActionBody;
    expect(created.notice?.type).toBe('success');
    const designation = await repo(HabilitationManager).findOneByOrFail({ formReference: reference! });
    expect(designation).toMatchObject({ conventionId: c.id, currentFor: c.id, lastName: 'Lœvenbruck' });
    expect(designation.scanId).not.toBeNull();
    const scan = await agents.consultation.get(`/admin/scans/${designation.scanId}`).buffer(true).parse(binary);
    expect((scan.body as Buffer).toString()).toContain('désignation signée');

    // Looked up again, the reference opens that designation, not a second blank one.
    const again = await lookup();
    expect(again.notice).toEqual({ message: `La désignation ${reference} (convention ${c.number}) est déjà enregistrée : la voici.`, type: 'success' });
    expect(again.redirectUrl).toBe(`/admin/resources/HabilitationManager/records/${designation.id}/show`);
    // Keyed a second time anyway: refused in French, the responsable in office stays.
    const duplicate = (await post('Doublon')).body as ActionBody;
    expect(duplicate.notice).toEqual({ message: 'Le formulaire contient des erreurs : corrigez les champs signalés.', type: 'error' });
    expect(duplicate.record?.errors?.formReference?.message).toBe(`Le formulaire ${reference} est déjà enregistré (désignation n° ${designation.id}).`);
    expect(await repo(HabilitationManager).findOneByOrFail({ currentFor: c.id })).toMatchObject({ id: designation.id });
    expect(await repo(HabilitationManager).countBy({ lastName: 'Doublon' })).toBe(0);

    // « Joindre le formulaire numérisé » afterwards (a rescan): the previous scan stays in the journal; 403 for consultation.
    expect(await api.offered('gestionnaire-conventions', 'HabilitationManager', designation.id)).toContain('attachScan');
    const attachUrl = `${designations}/records/${designation.id}/attachScan`;
    expect((await agents.consultation.post(attachUrl).set('Origin', ORIGIN).attach('scan', Buffer.from('%PDF-1.4\n'), 'x.pdf')).status).toBe(403);
    // The habilitation staff read designations; they do not record them, nor attach their scans.
    expect(await api.offered('gestionnaire-habilitations', 'HabilitationManager', designation.id)).not.toContain('attachScan');
    expect((await agents['gestionnaire-habilitations'].post(attachUrl).set('Origin', ORIGIN).attach('scan', Buffer.from('%PDF-1.4\n'), 'x.pdf')).status).toBe(403);
    const attached = await agents['gestionnaire-conventions'].post(attachUrl).set('Origin', ORIGIN).attach('scan', Buffer.from('%PDF-1.4\n% rescan\n'), 'rescan.pdf');
    expect(attached.body.notice).toEqual({ type: 'success', message: `Formulaire numérisé joint à la désignation n° ${designation.id} (il remplace le précédent, conservé).` });
    const journal = await repo(AuditEvent).findOneByOrFail({ action: 'habilitation-manager.attach-scan', entityId: String(designation.id) });
    expect(JSON.parse(String(journal.details))).toMatchObject({ previousScanId: designation.scanId, fileName: 'rescan.pdf' });
    expect((await repo(HabilitationManager).findOneByOrFail({ id: designation.id })).scanId).not.toBe(designation.scanId);
  });

  describe('an end effective today revokes today; a later one is scheduled and shown on each habilitation', () => {
    /** A signed convention with its responsable in office and habilitations in every state. */
    async function conventionWithAgents() {
      const c = await signedConvention(addYears(today, -1));
      const responsable = await repo(HabilitationManager).save({
        ...managerPayload(c.id), civility: 'Madame', lastName: 'Lefèvre', firstName: 'Agnès', email: `agnes.lefevre.${c.id}@essai.fr`,
        designationDate: addYears(today, -1), currentFor: c.id,
      } as Partial<HabilitationManager>);
      const live = [await makeHabilitation(server.dataSource, c.id), await makeHabilitation(server.dataSource, c.id), await makeHabilitation(server.dataSource, c.id)];
      await repo(Habilitation).update(live[2].id, { status: 'suspendue', suspendedDate: today, statusDetails: 'Enquête' });
      const gone = await makeHabilitation(server.dataSource, c.id);
      await repo(Habilitation).update(gone.id, { status: 'revoquee', statusReason: 'manquement', revokedDate: addDays(today, -5) });
      return { c, responsable, live, gone };
    }
    const showHabilitation = async (id: number) =>
      ((await agents.consultation.get(`/admin/api/resources/Habilitation/records/${id}/show`)).body as { record: { params: Record<string, unknown> } }).record.params;
    const endedEmails = (conventionId: number) => repo(OutboxEmail).find({ where: { kind: 'convention-ended', relatedType: 'Convention', relatedId: String(conventionId) } });

    it('« Résilier » today: the form says what will happen, then the habilitations are revoked at once (reason, journal, email); the nightly job adds nothing', async () => {
      const { c, responsable, live, gone } = await conventionWithAgents();
      const reason = 'Consultations sans lien avec la mission (article 4)';

      const preview = (await act('directeur', c.id, 'terminate', { endDate: today, reason, __preview: '1' })).body as ActionBody;
      expect(preview.preview).toBe('La convention prendra fin aujourd’hui, dès la confirmation. '
        + '3 habilitations seront révoquées aujourd’hui (motif « Fin de convention »). '
        + `Courriel : aussitôt, la liste des habilitations révoquées est envoyée au responsable habilitations (Madame Agnès Lefèvre, ${responsable.email}). `
        + 'Courrier : le « Courrier de fin de convention » se produit ensuite depuis « Documents (PDF) », pour le partenaire.');
      expect((await repo(Convention).findOneByOrFail({ id: c.id })).status).toBe('signee');
      expect((await repo(Habilitation).findOneByOrFail({ id: live[0].id })).status).toBe('active');
      const badDate = (await act('directeur', c.id, 'terminate', { endDate: addYears(today, -5), reason, __preview: '1' })).body as ActionBody;
      expect(badDate.record?.errors?.endDate?.message).toBe("La date de fin de la résiliation ne peut pas précéder la date d'effet de la convention.");

      const done = (await act('directeur', c.id, 'terminate', { endDate: today, reason })).body as ActionBody;
      expect(done.notice).toEqual({
        message: `La convention n° ${c.number} est résiliée (article 4) : elle prend fin le ${formatFrenchDate(today)} ; 3 habilitations sont révoquées dès aujourd’hui (fin de convention).`,
        type: 'success',
      });
      for (const h of live) {
        expect(await repo(Habilitation).findOneByOrFail({ id: h.id })).toMatchObject({
          status: 'revoquee', statusReason: 'fin-de-convention', revokedDate: today, statusDetails: `Fin de la convention n° ${c.number} le ${formatFrenchDate(today)}.`,
        });
        expect((await showHabilitation(h.id)).scheduledRevocation).toBeNull();
      }
      expect(await repo(Habilitation).findOneByOrFail({ id: gone.id })).toMatchObject({ statusReason: 'manquement', revokedDate: addDays(today, -5) });
      const journal = await repo(AuditEvent).find({ where: { action: 'habilitation.revoke', reason: 'fin-de-convention' } });
      const mine = journal.filter((a) => live.some((h) => String(h.id) === a.entityId));
      expect(mine.map((a) => [Number(a.entityId), a.fromState, a.actorId]).sort()).toEqual([
        [live[0].id, 'active', server.users.directeur.id], [live[1].id, 'active', server.users.directeur.id], [live[2].id, 'suspendue', server.users.directeur.id],
      ].sort());

      const [email] = await endedEmails(c.id);
      expect(await endedEmails(c.id)).toHaveLength(1);
      expect(email).toMatchObject({ to: responsable.email, status: 'en-attente', subject: `Fin de la convention Cafpro n° ${c.number} : 3 habilitations révoquées` });
      expect(email.text).toMatch(/^Madame Lefèvre,\n/);
      expect(email.text).toContain(`a pris fin le ${formatFrenchDate(today)}, à la suite de sa résiliation (article 4 de la convention).`);
      expect(email.text).toContain('Les 3 habilitations ci-dessous sont donc révoquées : ces identifiants ne permettent plus d’accéder au service Cafpro.');
      for (const h of live) expect(email.text).toContain(`identifiant ${h.identifier}`);
      expect(email.text).not.toContain(gone.identifier);

      // The nightly job (which may run again that night) finds nothing left: no second revocation, entry or email.
      const auditsBefore = await repo(AuditEvent).countBy({ action: 'habilitation.revoke' });
      expect(await runConventionEndJob(server.dataSource, systemClock)).toMatchObject({ revoked: 0 });
      expect(await repo(AuditEvent).countBy({ action: 'habilitation.revoke' })).toBe(auditsBefore);
      expect(await endedEmails(c.id)).toHaveLength(1);
    });

    it('« Dénoncer » with a future end: the preview says when; the habilitations stay active and each one shows « Révocation prévue le … »', async () => {
      const { c, responsable, live } = await conventionWithAgents();
      // Effective a year ago today: the next anniversary (strictly after today) is a year from now, its notice deadline ahead.
      const end = addYears(today, 1);
      const input = { party: 'caf', receivedDate: today, reason: 'Fin du service « périscolaire »' };
      const preview = (await act('directeur', c.id, 'denounce', { ...input, __preview: '1' })).body as ActionBody;
      expect(preview.preview).toContain(`La convention prendra fin le ${formatFrenchDate(end)}`);
      expect(preview.preview).toContain(`3 habilitations seront révoquées le ${formatFrenchDate(end)} (motif « Fin de convention »).`);
      expect(preview.preview).toContain(`Courriel : ce jour-là, la liste des habilitations révoquées est envoyée au responsable habilitations en fonction (actuellement Madame Agnès Lefèvre, ${responsable.email}).`);

      const done = (await act('directeur', c.id, 'denounce', input)).body as ActionBody;
      expect(done.notice?.message).toContain(`elle prendra fin le ${formatFrenchDate(end)}, date à laquelle ses habilitations seront révoquées.`);
      expect(await repo(Convention).findOneByOrFail({ id: c.id })).toMatchObject({ status: 'denoncee', endDate: end });
      for (const h of live) {
        expect((await repo(Habilitation).findOneByOrFail({ id: h.id })).status).not.toBe('revoquee');
        expect((await showHabilitation(h.id)).scheduledRevocation).toBe(`Révocation prévue le ${frenchShortDate(end)} : fin de la convention ${c.number}`);
      }
      expect(await endedEmails(c.id)).toHaveLength(0);
      // The list shows it too.
      const list = await agents.consultation.get(`/admin/api/resources/Habilitation/actions/list?filters.conventionId=${c.id}`);
      const rows = (list.body as { records: Array<{ params: Record<string, unknown> }> }).records;
      expect(rows.filter((r) => r.params.status !== 'revoquee').map((r) => r.params.scheduledRevocation))
        .toEqual(live.map(() => `Révocation prévue le ${frenchShortDate(end)} : fin de la convention ${c.number}`));
      expect(rows.find((r) => r.params.status === 'revoquee')?.params.scheduledRevocation).toBeNull();
    });

    it('a processed suppression effective later is shown on its habilitation, and the earliest revocation wins', async () => {
      const { c, live } = await conventionWithAgents();
      const effective = addDays(today, 40);
      await repo(SuppressionRequest).save({
        habilitationId: live[0].id, formReference: `DS-2026-9${String(c.id).padStart(5, '0')}`, position: 'Agent', effectiveDate: effective,
        receivedDate: today, employerSigned: true, status: 'traitee', revokedDate: null,
      } as Partial<SuppressionRequest>);
      expect((await showHabilitation(live[0].id)).scheduledRevocation)
        .toBe(`Révocation prévue le ${frenchShortDate(effective)} : demande de suppression DS-2026-9${String(c.id).padStart(5, '0')}`);
      expect((await showHabilitation(live[1].id)).scheduledRevocation).toBeNull();
      // A résiliation ending before it: the convention's end comes first.
      const sooner = addDays(today, 10);
      expect(((await act('directeur', c.id, 'terminate', { endDate: sooner, reason: 'Manquement' })).body as ActionBody).notice?.type).toBe('success');
      expect((await showHabilitation(live[0].id)).scheduledRevocation).toBe(`Révocation prévue le ${frenchShortDate(sooner)} : fin de la convention ${c.number}`);
      expect((await repo(Habilitation).findOneByOrFail({ id: live[0].id })).status).toBe('active');
    });
  });
});
