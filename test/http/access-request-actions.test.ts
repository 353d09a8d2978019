// The demande d'accès actions through the real server, as a user sees them: which actions a request
// offers to a role, the French notices and field errors, 403 for a role the policy refuses, and the
// habilitation letter behind the approval's download link, read back as text.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, addYears, formatFrenchDate, todayInParis } from '../../src/domain/shared/dates.js';
import { AccessProfile } from '../../src/entities/access-profile.entity.js';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { Convention } from '../../src/entities/convention.entity.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import { Settings } from '../../src/entities/settings.entity.js';
import type { StaffRole } from '../../src/policies/roles.js';
import { accessRequestPayload, makeConvention, makeHabilitation } from '../support/factories.js';
import { startTestServer, type TestServer, loginAllRoles, type Agent } from '../support/http.js';
import { actionsApi, producedUrl, type ActionBody } from '../support/actions-api.js';


const today = todayInParis(new Date());

describe('access request actions through HTTP', () => {
  let server: TestServer;
  let agents: Record<StaffRole, Agent>;
  beforeAll(async () => {
    server = await startTestServer();
    agents = await loginAllRoles(server.app);
  });
  afterAll(async () => { await server.close(); });

  const repo = <T extends object>(entity: new () => T) => server.dataSource.getRepository(entity);
  const api = actionsApi(() => agents);
  const { download, expectForbidden } = api;
  const act = (role: StaffRole, id: number, action: string, body: object = {}) => api.act(role, 'AccessRequest', id, action, body);
  const offered = (role: StaffRole, id: number) => api.offered(role, 'AccessRequest', id);
  const signedConvention = (overrides: Partial<Convention> = {}) => {
    const effectiveDate = addYears(today, -1);
    return makeConvention(server.dataSource, { status: 'signee', sentDate: effectiveDate, partnerSignedDate: effectiveDate, cafSignedDate: effectiveDate, effectiveDate, ...overrides });
  };
  const aRequest = async (conventionId: number, overrides: Partial<AccessRequest> = {}) =>
    repo(AccessRequest).save({ ...accessRequestPayload(conventionId), receivedDate: addDays(today, -5), status: 'recue', ...overrides } as Partial<AccessRequest>);

  it('a received request offers the decisions to the habilitation staff only; the convention staff and readers get 403', async () => {
    const c = await signedConvention();
    const r = await aRequest(c.id);
    expect(await offered('gestionnaire-habilitations', r.id)).toEqual(expect.arrayContaining(['markIncomplete', 'approve', 'refuse']));
    expect(await offered('gestionnaire-habilitations', r.id)).not.toContain('complete');
    for (const role of ['gestionnaire-conventions', 'directeur', 'consultation'] as StaffRole[]) {
      const actions = await offered(role, r.id);
      for (const name of ['markIncomplete', 'approve', 'refuse']) expect({ role, name, offered: actions.includes(name) }).toEqual({ role, name, offered: false });
    }
    expectForbidden(await act('gestionnaire-conventions', r.id, 'approve'));
    expectForbidden(await act('directeur', r.id, 'refuse', { reason: 'x' }));
    expectForbidden(await act('consultation', r.id, 'markIncomplete', { reasonCode: 'autre', details: 'x' }));
    expect((await repo(AccessRequest).findOneByOrFail({ id: r.id })).status).toBe('recue');
  });

  it('« Approuver »: the check first (preview), then the habilitation and its letter — identifier, profile, convention, accents, no password', async () => {
    const c = await signedConvention({ habilitationCap: 10 });
    const partner = await repo(Partner).findOneByOrFail({ id: c.partnerId });
    const profile = await repo(AccessProfile).findOneByOrFail({ id: c.profileId });
    const r = await aRequest(c.id, { civility: 'Madame', lastName: 'Lœwy-Garçon', firstName: 'Anaïs', contractType: 'CDD', contractEndDate: addYears(today, 1) });

    const preview = (await act('gestionnaire-habilitations', r.id, 'approve', { accessCode: '', __preview: '1' })).body as ActionBody;
    expect(preview.preview).toBe(`Tous les contrôles sont satisfaits : une habilitation sera délivrée à Anaïs LŒWY-GARÇON au titre de la convention n° ${c.number} `
      + `(profil T2), jusqu’au ${formatFrenchDate(addYears(today, 1))} (fin du CDD), avec son courrier de notification.`);
    expect((await repo(AccessRequest).findOneByOrFail({ id: r.id })).status).toBe('recue');

    const body = (await act('gestionnaire-habilitations', r.id, 'approve', { accessCode: '' })).body as ActionBody;
    expect(body.notice?.type).toBe('success');
    const h = await repo(Habilitation).findOneByOrFail({ accessRequestId: r.id });
    expect(body.notice?.message).toContain(`Demande approuvée : l’habilitation ${h.identifier} est délivrée à Anaïs LŒWY-GARÇON (convention n° ${c.number}, profil T2)`);
    expect(h).toMatchObject({ status: 'active', grantedDate: today, endDate: addYears(today, 1) });
    expect(await repo(AccessRequest).findOneByOrFail({ id: r.id })).toMatchObject({ status: 'approuvee', habilitationId: h.id, decidedById: server.users['gestionnaire-habilitations'].id });
    expect(await repo(AuditEvent).findOneByOrFail({ action: 'access-request.approve', entityId: String(r.id) }))
      .toMatchObject({ fromState: 'recue', toState: 'approuvee', actorId: server.users['gestionnaire-habilitations'].id });

    const { flat } = await download('gestionnaire-habilitations', body);
    for (const phrase of [
      'Madame Anaïs Lœwy-Garçon', `Identifiant ${h.identifier}`, `Profil d’accès ${profile.code} – ${profile.label}`, `Convention n° ${c.number}`,
      `Partenaire ${partner.name}`, `Fin de l’habilitation (CDD) ${formatFrenchDate(addYears(today, 1))}`, 'Diffusion restreinte',
    ]) expect(flat).toContain(phrase);
    expect(flat).not.toMatch(/mot de passe\s*:/i);
    expect(flat).not.toMatch(/password/i);
    // Readable by whoever may see the habilitation.
    expect((await agents.consultation.get(producedUrl(body))).status).toBe(200);

    expect(await offered('gestionnaire-habilitations', r.id)).not.toContain('approve');
    // No longer offered: AdminJS refuses it (the use case would too).
    expect(((await act('gestionnaire-habilitations', r.id, 'approve')).body as ActionBody).notice?.type).toBe('error');
    expect(await repo(Habilitation).countBy({ accessRequestId: r.id })).toBe(1);
  });

  it('« Approuver » refused: every failed check in the notice, the access code next to its field; nothing changes', async () => {
    const t5 = await repo(AccessProfile).findOneByOrFail({ code: 'T5' });
    const c = await signedConvention({ profileId: t5.id });
    const r = await aRequest(c.id, { employerSigned: false });
    const preview = (await act('administrateur', r.id, 'approve', { accessCode: '', __preview: '1' })).body as ActionBody;
    expect(preview.notice).toEqual({
      type: 'error',
      message: "Le cachet et la signature de l'employeur précédés de « lu et approuvé » sont absents.\n"
        + "Le profil de la convention demande un code d'accès : renseignez « Code bailleur ».",
    });
    expect(preview.record?.errors?.accessCode?.message).toBe("Le profil de la convention demande un code d'accès : renseignez « Code bailleur ».");
    const body = (await act('administrateur', r.id, 'approve', { accessCode: 'BL-1' })).body as ActionBody;
    expect(body.notice).toEqual({ type: 'error', message: "Le cachet et la signature de l'employeur précédés de « lu et approuvé » sont absents." });
    expect(await repo(Habilitation).countBy({ accessRequestId: r.id })).toBe(0);

    const full = await signedConvention({ habilitationCap: 1 });
    await makeHabilitation(server.dataSource, full.id);
    const capped = await aRequest(full.id);
    expect(((await act('gestionnaire-habilitations', capped.id, 'approve')).body as ActionBody).notice)
      .toEqual({ type: 'error', message: "Le nombre maximal d'habilitations de la convention est atteint (1 sur 1)." });
  });

  it('the same person already active through another partner: approved, with a warning in the notice', async () => {
    const there = await makeHabilitation(server.dataSource);
    const c = await signedConvention();
    const r = await aRequest(c.id, { lastName: there.lastName.toUpperCase(), firstName: there.firstName, email: there.email });
    const body = (await act('gestionnaire-habilitations', r.id, 'approve')).body as ActionBody;
    expect(body.notice?.type).toBe('success');
    expect(body.notice?.message).toContain(`Attention : ${there.firstName} ${there.lastName.toUpperCase()} détient déjà une habilitation active chez un autre partenaire : `);
    expect(body.notice?.message).toMatch(new RegExp(`${there.identifier} \\([^)]*, même adresse électronique\\)`));
  });

  it('« Retourner comme incomplète » then « Enregistrer le complément » (convention staff), then « Refuser » with its reason', async () => {
    const c = await signedConvention();
    const r = await aRequest(c.id);
    const missing = (await act('gestionnaire-habilitations', r.id, 'markIncomplete', { reasonCode: '', details: '' })).body as ActionBody;
    expect(missing.notice).toEqual({ type: 'error', message: "Choisissez le motif d'incomplétude dans la liste." });
    expect(missing.record?.errors?.reasonCode?.message).toBe("Choisissez le motif d'incomplétude dans la liste.");
    const marked = (await act('gestionnaire-habilitations', r.id, 'markIncomplete', { reasonCode: 'contrat-non-precise', details: 'CDD ou CDI ?' })).body as ActionBody;
    expect(marked.notice).toEqual({ type: 'success', message: `La demande n° ${r.id} de Zoé BENOÎT est retournée incomplète au partenaire (motif : Contrat non précisé – CDD ou CDI ?).` });

    expect(await offered('gestionnaire-conventions', r.id)).toContain('complete');
    expect(await offered('gestionnaire-habilitations', r.id)).not.toContain('approve');
    expectForbidden(await act('consultation', r.id, 'complete', { complementReceivedDate: today }));
    const future = (await act('gestionnaire-conventions', r.id, 'complete', { complementReceivedDate: addDays(today, 2) })).body as ActionBody;
    expect(future.record?.errors?.complementReceivedDate?.message).toBe('Cette date ne peut pas être dans le futur.');
    const completed = (await act('gestionnaire-conventions', r.id, 'complete', { complementReceivedDate: today })).body as ActionBody;
    expect(completed.notice).toEqual({ type: 'success', message: `Complément reçu le ${formatFrenchDate(today)} : la demande n° ${r.id} de Zoé BENOÎT est de nouveau à instruire.` });

    const noReason = (await act('gestionnaire-habilitations', r.id, 'refuse', { reason: '' })).body as ActionBody;
    expect(noReason.record?.errors?.reason?.message).toBe('Le motif du refus est obligatoire.');
    const refused = (await act('gestionnaire-habilitations', r.id, 'refuse', { reason: 'Poste sans lien avec les prestations familiales.' })).body as ActionBody;
    expect(refused.notice).toEqual({ type: 'success', message: `La demande n° ${r.id} de Zoé BENOÎT est refusée. Motif : Poste sans lien avec les prestations familiales.` });
    expect(await repo(AccessRequest).findOneByOrFail({ id: r.id })).toMatchObject({ status: 'refusee', refusalReason: 'Poste sans lien avec les prestations familiales.' });
    const audit = await repo(AuditEvent).find({ where: { entityType: 'AccessRequest', entityId: String(r.id) }, order: { id: 'ASC' } });
    expect(audit.map((a) => [a.action, a.fromState, a.toState])).toEqual([
      ['access-request.markIncomplete', 'recue', 'incomplete'], ['access-request.complete', 'incomplete', 'recue'], ['access-request.refuse', 'recue', 'refusee'],
    ]);
  });

  it('« double contrôle »: the agent who recorded the request is told to leave the decision to another', async () => {
    const settings = await repo(Settings).findOneOrFail({ where: {}, order: { id: 'ASC' } });
    await repo(Settings).update({ id: settings.id }, { doubleCheck: true });
    try {
      const c = await signedConvention();
      const r = await aRequest(c.id, { recordedById: server.users['gestionnaire-habilitations'].id });
      const body = (await act('gestionnaire-habilitations', r.id, 'approve')).body as ActionBody;
      expect(body.notice).toEqual({ type: 'error', message: 'Double contrôle : vous avez enregistré cette demande, elle doit être décidée par un autre agent.' });
      expect(((await act('administrateur', r.id, 'approve')).body as ActionBody).notice?.type).toBe('success');
    } finally {
      await repo(Settings).update({ id: settings.id }, { doubleCheck: false });
    }
  });
});
