// The habilitation and suppression request actions through the real server, as a user sees them:
// which actions a record offers to a role, the French notices and field errors, 403 for a role the
// policy refuses, and the PDFs behind the download links (letter, suppression form), read as text.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addDays, addYears, formatFrenchDate, todayInParis } from '../../src/domain/shared/dates.js';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { Convention } from '../../src/entities/convention.entity.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { SuppressionRequest } from '../../src/entities/suppression-request.entity.js';
import type { StaffRole } from '../../src/policies/roles.js';
import { makeConvention } from '../support/factories.js';
import { startTestServer, type TestServer, loginAllRoles, type Agent } from '../support/http.js';
import { actionsApi, type ActionBody } from '../support/actions-api.js';


const today = todayInParis(new Date());

describe('habilitation and suppression actions through HTTP', () => {
  let server: TestServer;
  let agents: Record<StaffRole, Agent>;
  beforeAll(async () => {
    server = await startTestServer();
    agents = await loginAllRoles(server.app);
  });
  afterAll(async () => { await server.close(); });

  const repo = <T extends object>(entity: new () => T) => server.dataSource.getRepository(entity);
  const { act, offered, download, expectForbidden } = actionsApi(() => agents);
  let n = 0;
  const anActiveHabilitation = async (overrides: Partial<Habilitation> = {}) => {
    const effectiveDate = addYears(today, -1);
    const c: Convention = await makeConvention(server.dataSource, { status: 'signee', sentDate: effectiveDate, partnerSignedDate: effectiveDate, cafSignedDate: effectiveDate, effectiveDate });
    return repo(Habilitation).save({
      identifier: `CP78-8${String(++n).padStart(5, '0')}`, conventionId: c.id, civility: 'Madame', lastName: 'Lefèvre', firstName: 'Hélène',
      email: `helene.lefevre.http${n}@essai.fr`, position: 'Assistante sociale', grantedDate: addDays(today, -30), status: 'active', ...overrides,
    } as Partial<Habilitation>);
  };

  it('an active habilitation offers its actions to the habilitation staff; the others get 403', async () => {
    const h = await anActiveHabilitation();
    expect(await offered('gestionnaire-habilitations', 'Habilitation', h.id))
      .toEqual(expect.arrayContaining(['suspend', 'revoke', 'reportLoss', 'generateLetter', 'generateSuppressionForm']));
    expect(await offered('gestionnaire-habilitations', 'Habilitation', h.id)).not.toContain('reactivate');
    const forConventions = await offered('gestionnaire-conventions', 'Habilitation', h.id);
    expect(forConventions).toContain('generateSuppressionForm');
    for (const name of ['suspend', 'revoke', 'reportLoss', 'generateLetter']) expect(forConventions).not.toContain(name);
    expect(await offered('consultation', 'Habilitation', h.id)).not.toEqual(expect.arrayContaining(['suspend']));

    expectForbidden(await act('gestionnaire-conventions', 'Habilitation', h.id, 'suspend', { reason: 'x' }));
    expectForbidden(await act('directeur', 'Habilitation', h.id, 'revoke', { reasonCode: 'manquement', details: 'x' }));
    expectForbidden(await act('consultation', 'Habilitation', h.id, 'reportLoss'));
    expectForbidden(await act('directeur', 'Habilitation', h.id, 'generateLetter'));
    expectForbidden(await act('consultation', 'Habilitation', h.id, 'generateSuppressionForm'));
    expect((await repo(Habilitation).findOneByOrFail({ id: h.id })).status).toBe('active');
  });

  it('« Suspendre » (reason required) then « Réactiver »', async () => {
    const h = await anActiveHabilitation();
    const noReason = (await act('gestionnaire-habilitations', 'Habilitation', h.id, 'suspend', { reason: '', date: '' })).body as ActionBody;
    expect(noReason.notice).toEqual({ type: 'error', message: 'Le motif de la suspension est obligatoire.' });
    expect(noReason.record?.errors?.reason?.message).toBe('Le motif de la suspension est obligatoire.');
    const suspended = (await act('gestionnaire-habilitations', 'Habilitation', h.id, 'suspend', { reason: 'Contrôle des consultations en cours', date: '' })).body as ActionBody;
    expect(suspended.notice).toEqual({ type: 'success', message: `L’habilitation ${h.identifier} de Hélène LEFÈVRE est suspendue depuis le ${formatFrenchDate(today)}.` });
    expect(await offered('gestionnaire-habilitations', 'Habilitation', h.id)).toContain('reactivate');
    expect(await offered('gestionnaire-habilitations', 'Habilitation', h.id)).not.toContain('suspend');
    expectForbidden(await act('gestionnaire-conventions', 'Habilitation', h.id, 'reactivate'));
    const reactivated = (await act('administrateur', 'Habilitation', h.id, 'reactivate', { date: '' })).body as ActionBody;
    expect(reactivated.notice).toEqual({ type: 'success', message: `L’habilitation ${h.identifier} de Hélène LEFÈVRE est réactivée.` });
    const audit = await repo(AuditEvent).find({ where: { entityType: 'Habilitation', entityId: String(h.id) }, order: { id: 'ASC' } });
    expect(audit.map((a) => [a.action, a.fromState, a.toState, a.actorId])).toEqual([
      ['habilitation.suspend', 'active', 'suspendue', server.users['gestionnaire-habilitations'].id],
      ['habilitation.reactivate', 'suspendue', 'active', server.users.administrateur.id],
    ]);
  });

  it('« Révoquer » with a reason from the list; a breach must be described', async () => {
    const h = await anActiveHabilitation();
    const undescribed = (await act('gestionnaire-habilitations', 'Habilitation', h.id, 'revoke', { reasonCode: 'manquement', details: '', date: '' })).body as ActionBody;
    expect(undescribed.record?.errors?.details?.message).toBe('Décrivez le manquement constaté.');
    const done = (await act('gestionnaire-habilitations', 'Habilitation', h.id, 'revoke', { reasonCode: 'fin-de-contrat', details: '', date: '' })).body as ActionBody;
    expect(done.notice).toEqual({ type: 'success', message: `L’habilitation ${h.identifier} de Hélène LEFÈVRE est révoquée le ${formatFrenchDate(today)} (fin de contrat).` });
    expect(done.redirectUrl).toBe(`/admin/resources/Habilitation/records/${h.id}/show`);
    expect(await repo(Habilitation).findOneByOrFail({ id: h.id })).toMatchObject({ status: 'revoquee', statusReason: 'fin-de-contrat', revokedDate: today });
    const actions = await offered('gestionnaire-habilitations', 'Habilitation', h.id);
    for (const name of ['suspend', 'reactivate', 'revoke', 'reportLoss', 'generateLetter', 'generateSuppressionForm']) expect(actions).not.toContain(name);
  });

  it('« Perte ou vol »: revoked and reissued, the new letter downloadable with the new identifier and no password', async () => {
    const h = await anActiveHabilitation({ lastName: 'Noël', firstName: 'Benoît', civility: 'Monsieur' });
    const body = (await act('gestionnaire-habilitations', 'Habilitation', h.id, 'reportLoss', { details: 'Vol du sac signalé par le responsable le jour même.', accessCode: '' })).body as ActionBody;
    expect(body.notice?.type).toBe('success');
    const fresh = await repo(Habilitation).findOneByOrFail({ replacesId: h.id });
    expect(body.notice?.message).toContain(`L’habilitation ${h.identifier} de Benoît NOËL est révoquée (perte ou vol des identifiants) ; une nouvelle habilitation ${fresh.identifier} lui est délivrée.`);
    expect(await repo(Habilitation).findOneByOrFail({ id: h.id })).toMatchObject({ status: 'revoquee', statusReason: 'perte-ou-vol' });
    const { flat } = await download('gestionnaire-habilitations', body);
    expect(flat).toContain(`Identifiant ${fresh.identifier}`);
    expect(flat).toContain('Monsieur Benoît Noël');
    expect(flat).not.toContain(h.identifier);
    expect(flat).not.toMatch(/mot de passe\s*:/i);
  });

  it('« Courrier de notification » and « Formulaire de suppression d’accès » as PDFs', async () => {
    const h = await anActiveHabilitation();
    const letter = (await act('gestionnaire-habilitations', 'Habilitation', h.id, 'generateLetter')).body as ActionBody;
    expect(letter.notice?.message).toMatch(new RegExp(`^Courrier de notification de l’habilitation ${h.identifier} \\(Hélène LEFÈVRE\\) produit, réf\\. \\d{4}-\\d{6}\\.$`));
    const text = await download('gestionnaire-habilitations', letter);
    expect(text.flat).toContain(`Identifiant ${h.identifier}`);
    expect(text.flat).toContain('Madame Hélène Lefèvre');

    const form = (await act('gestionnaire-conventions', 'Habilitation', h.id, 'generateSuppressionForm', { effectiveFrom: '' })).body as ActionBody;
    expect(form.notice?.type).toBe('success');
    const printed = await download('gestionnaire-conventions', form);
    for (const phrase of [h.identifier, 'Lefèvre', 'Hélène', 'DS-']) expect(printed.flat).toContain(phrase);
  });

  describe('demande de suppression', () => {
    const aSuppression = async (h: Habilitation, effectiveDate: string, overrides: Partial<SuppressionRequest> = {}) =>
      repo(SuppressionRequest).save({
        habilitationId: h.id, position: h.position, effectiveDate, receivedDate: addDays(today, -2), employerSigned: true, status: 'recue', ...overrides,
      } as Partial<SuppressionRequest>);

    it('« Traiter »: revokes now when the date has come, or schedules; 403 for the convention staff', async () => {
      const h = await anActiveHabilitation();
      const now = await aSuppression(h, today);
      expect(await offered('gestionnaire-habilitations', 'SuppressionRequest', now.id)).toEqual(expect.arrayContaining(['process', 'reject']));
      expect(await offered('gestionnaire-conventions', 'SuppressionRequest', now.id)).not.toContain('process');
      expectForbidden(await act('gestionnaire-conventions', 'SuppressionRequest', now.id, 'process'));
      const done = (await act('gestionnaire-habilitations', 'SuppressionRequest', now.id, 'process')).body as ActionBody;
      expect(done.notice).toEqual({ type: 'success', message: `Demande de suppression n° ${now.id} traitée : l’habilitation ${h.identifier} de Hélène LEFÈVRE est révoquée ce jour (${formatFrenchDate(today)}).` });
      expect(await repo(SuppressionRequest).findOneByOrFail({ id: now.id })).toMatchObject({ status: 'traitee', revokedDate: today });
      expect(await repo(Habilitation).findOneByOrFail({ id: h.id })).toMatchObject({ status: 'revoquee', statusReason: 'suppression-demandee' });

      const later = await anActiveHabilitation();
      const scheduled = await aSuppression(later, addDays(today, 10));
      const planned = (await act('administrateur', 'SuppressionRequest', scheduled.id, 'process')).body as ActionBody;
      expect(planned.notice?.message).toBe(`Demande de suppression n° ${scheduled.id} traitée : l’habilitation ${later.identifier} de Hélène LEFÈVRE sera révoquée le ${formatFrenchDate(addDays(today, 10))}.`);
      expect((await repo(Habilitation).findOneByOrFail({ id: later.id })).status).toBe('active');
    });

    it('« Traiter » refused without the employer’s signature; « Rejeter » needs a reason; 403 for readers', async () => {
      const h = await anActiveHabilitation();
      const unsigned = await aSuppression(h, today, { employerSigned: false });
      const refused = (await act('gestionnaire-habilitations', 'SuppressionRequest', unsigned.id, 'process')).body as ActionBody;
      expect(refused.notice).toEqual({ type: 'error', message: "Le cachet et la signature de l'employeur sont absents : la demande ne peut pas être traitée." });
      expectForbidden(await act('consultation', 'SuppressionRequest', unsigned.id, 'reject', { reason: 'x' }));
      const noReason = (await act('gestionnaire-habilitations', 'SuppressionRequest', unsigned.id, 'reject', { reason: '' })).body as ActionBody;
      expect(noReason.record?.errors?.reason?.message).toBe('Le motif du rejet est obligatoire.');
      const rejected = (await act('gestionnaire-habilitations', 'SuppressionRequest', unsigned.id, 'reject', { reason: 'Formulaire non signé par l’employeur.' })).body as ActionBody;
      expect(rejected.notice).toEqual({
        type: 'success', message: `Demande de suppression n° ${unsigned.id} rejetée : l’habilitation ${h.identifier} de Hélène LEFÈVRE reste active. Motif : Formulaire non signé par l’employeur.`,
      });
      expect(await offered('gestionnaire-habilitations', 'SuppressionRequest', unsigned.id)).not.toContain('process');
      expect((await repo(Habilitation).findOneByOrFail({ id: h.id })).status).toBe('active');
    });
  });
});
