// The yearly recertification on a real database: the list frozen with the renewal notice, the return
// applied in one transaction with a result per line (révoquée, programmée, déjà révoquée, introuvable,
// conservée), what changed since the list was frozen reported, once only (two instances at once), and
// from a pasted list.
import { describe, expect, it } from '@jest/globals';
import { issueRenewalNotice } from '../../../src/domain/documents/renewal-notices.js';
import { lookupReference } from '../../../src/domain/documents/form-references.js';
import { recordPastedReturn, recordRecertificationReturn, recertificationLines } from '../../../src/domain/recertification/recertification.use-cases.js';
import { fixedClock } from '../../../src/domain/shared/clock.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { Recertification } from '../../../src/entities/recertification.entity.js';
import { SuppressionRequest } from '../../../src/entities/suppression-request.entity.js';
import { runHabilitationExpiryJob } from '../../../src/jobs/habilitation-expiry.job.js';
import { withSecondInstance } from '../../support/database.js';
import { auditOf, makeHabilitationRow, makeSignedConvention, openContext, type TestContext } from '../convention/support.js';

describe('recertification', () => {
  const instances = withSecondInstance(openContext);
  const ctx = (): TestContext => instances.ctx;

  /** A convention effective on 20 February 2024 (anniversary 20 February 2027, last day to denounce 20 December 2026), its notice issued. */
  async function issued(count = 4) {
    const convention = await makeSignedConvention(ctx().dataSource, '2024-02-20');
    const habilitations: Habilitation[] = [];
    for (let i = 0; i < count; i++) habilitations.push(await makeHabilitationRow(ctx().dataSource, convention.id, { lastName: `Dupré-${i}` }));
    const suspended = await makeHabilitationRow(ctx().dataSource, convention.id, { status: 'suspendue', suspendedDate: '2026-10-01', lastName: 'Zébulon' });
    await makeHabilitationRow(ctx().dataSource, convention.id, { status: 'revoquee', revokedDate: '2026-01-01', lastName: 'Ancien' });
    const notice = await ctx().dataSource.transaction((m) => issueRenewalNotice(m, ctx().storage, convention.id, '2027-02-20', ctx().actor, new Date('2026-11-23T10:00:00Z')));
    const recertification = await ctx().dataSource.getRepository(Recertification).findOneByOrFail({ documentId: notice.document.id });
    return { convention, habilitations, suspended, notice, recertification };
  }

  it('the renewal notice freezes the live habilitations (active and suspended) in its transaction, once per anniversary', async () => {
    const { convention, habilitations, suspended, notice, recertification } = await issued(2);
    expect(recertification).toMatchObject({
      conventionId: convention.id, anniversary: '2027-02-20', dueDate: '2026-12-20', status: 'envoyee', reference: notice.document.reference,
    });
    const lines = await recertificationLines(ctx().dataSource.manager, recertification.id);
    expect(lines.map((l) => [l.habilitationId, l.identifier, l.statusThen])).toEqual(expect.arrayContaining([
      [habilitations[0].id, habilitations[0].identifier, 'active'], [habilitations[1].id, habilitations[1].identifier, 'active'],
      [suspended.id, suspended.identifier, 'suspendue'],
    ]));
    expect(lines).toHaveLength(3);
    expect(lines[0].name).toBe(`Hélène ${habilitations[0].lastName.toUpperCase()}`);
    // Asked again: the same notice, no second recertification.
    await ctx().dataSource.transaction((m) => issueRenewalNotice(m, ctx().storage, convention.id, '2027-02-20', ctx().actor));
    expect(await ctx().dataSource.getRepository(Recertification).countBy({ conventionId: convention.id })).toBe(1);
    // The reference printed on the notice opens the recertification.
    const found = await lookupReference(ctx().dataSource.manager, ` ${notice.document.reference!.replace('-', ' ')} `);
    expect(found.ok && found.target).toEqual({ kind: 'record', resource: 'Recertification', recordId: recertification.id });
  });

  it('applying the return: exactly the ticked ones, now or scheduled, per-line results, changes since the list reported, journaled', async () => {
    const { habilitations: [now, later, gone, kept], suspended, recertification } = await issued(4);
    const lines = await recertificationLines(ctx().dataSource.manager, recertification.id);
    const lineOf = (h: Habilitation) => lines.find((l) => l.habilitationId === h.id)!;
    // After the notice: one revoked by someone else, one suspended, one deleted (a row that no longer exists).
    const repo = ctx().dataSource.getRepository(Habilitation);
    await repo.update({ id: gone.id }, { status: 'revoquee', revokedDate: '2026-11-20', statusReason: 'perte-ou-vol' });
    await repo.update({ id: kept.id }, { status: 'suspendue', suspendedDate: '2026-11-21' });
    await repo.delete({ id: suspended.id });

    const services = ctx().services(fixedClock('2026-11-23T10:00:00Z'));
    const decisions = new Map<number, { decision: unknown; date: unknown }>([
      [lineOf(now).id, { decision: 'supprimer', date: '2026-11-23' }],
      [lineOf(later).id, { decision: 'supprimer', date: '' }],
      [lineOf(gone).id, { decision: 'supprimer', date: '' }],
      [lineOf(suspended).id, { decision: 'supprimer', date: '' }],
    ]);
    const result = await recordRecertificationReturn(services, ctx().actor, recertification.id, {
      returnedDate: '2026-11-22', signatory: 'Françoise Lecœur, maire', decisions, newUsers: 'Chloé Martin, accueil\n\n',
    });
    if (!result.ok) throw new Error(result.message);
    const outcome = (h: Habilitation) => result.lines.find((l) => l.habilitationId === h.id)!;
    expect(outcome(now)).toMatchObject({ outcome: 'revoquee', changed: null });
    expect(outcome(later)).toMatchObject({ outcome: 'programmee', effectiveDate: '2027-02-20' });
    expect(outcome(gone)).toMatchObject({ outcome: 'deja-revoquee', changed: 'active sur l’avis, révoquée aujourd’hui (le 20 novembre 2026)' });
    expect(outcome(kept)).toMatchObject({ outcome: 'conservee', changed: 'active sur l’avis, suspendue aujourd’hui' });
    expect(outcome(suspended)).toMatchObject({ outcome: 'introuvable' });
    expect(result.message).toContain('1 révoquée(s), 1 programmée(s), 1 déjà révoquée(s), 1 introuvable(s), 1 conservée(s) ; 3 habilitation(s) ont changé depuis l’avis');
    expect(result.report).toContain('Nouvel utilisateur « Chloé Martin, accueil » : pas une habilitation — une demande d’accès (formulaire) est à adresser');

    expect(await repo.findOneByOrFail({ id: now.id })).toMatchObject({
      status: 'revoquee', revokedDate: '2026-11-23', statusReason: 'suppression-demandee',
      statusDetails: `Suppression demandée — recertification annuelle (avis réf. ${recertification.reference}).`,
    });
    expect((await repo.findOneByOrFail({ id: later.id })).status).toBe('active');
    expect(await ctx().dataSource.getRepository(SuppressionRequest).findBy({ habilitationId: later.id }))
      .toEqual([expect.objectContaining({ status: 'traitee', effectiveDate: '2027-02-20', revokedDate: null, receivedDate: '2026-11-22' })]);
    expect((await repo.findOneByOrFail({ id: gone.id })).statusReason).toBe('perte-ou-vol');
    expect(await ctx().dataSource.getRepository(Recertification).findOneByOrFail({ id: recertification.id }))
      .toMatchObject({ status: 'retournee', returnedDate: '2026-11-22', signatory: 'Françoise Lecœur, maire', report: result.report.join('\n') });
    const journal = await auditOf(ctx().dataSource, 'Recertification', recertification.id);
    expect(journal.map((e) => [e.action, e.fromState, e.toState])).toEqual([['recertification.return', 'envoyee', 'retournee']]);
    expect(JSON.parse(journal[0].details!).lines).toHaveLength(5);

    // Once only.
    const again = await recordRecertificationReturn(services, ctx().actor, recertification.id, { decisions: new Map() });
    expect(again).toMatchObject({ ok: false, message: 'Le retour de cette recertification a déjà été enregistré le 22 novembre 2026 : il ne s’applique qu’une fois.' });

    // The scheduled one is revoked by the daily job on the anniversary.
    await runHabilitationExpiryJob(ctx().dataSource, fixedClock('2027-02-20T08:00:00Z'), ctx().actor);
    expect(await repo.findOneByOrFail({ id: later.id })).toMatchObject({ status: 'revoquee', revokedDate: '2027-02-20', statusReason: 'suppression-demandee' });
  });

  it('a wrong line refuses the whole return: nothing revoked, nothing recorded', async () => {
    const { habilitations: [first, second], recertification } = await issued(2);
    const lines = await recertificationLines(ctx().dataSource.manager, recertification.id);
    const result = await recordRecertificationReturn(ctx().services(), ctx().actor, recertification.id, {
      decisions: new Map([
        [lines.find((l) => l.habilitationId === first.id)!.id, { decision: 'supprimer', date: '' }],
        [lines.find((l) => l.habilitationId === second.id)!.id, { decision: 'supprimer', date: '31/02/2027' }],
      ]),
    });
    expect(result).toMatchObject({ ok: false, errors: [{ field: `date_${lines.find((l) => l.habilitationId === second.id)!.id}` }] });
    expect((await ctx().dataSource.getRepository(Habilitation).findOneByOrFail({ id: first.id })).status).toBe('active');
    expect((await ctx().dataSource.getRepository(Recertification).findOneByOrFail({ id: recertification.id })).status).toBe('envoyee');
  });

  it('two agents applying the same return at once (two instances): applied once, every habilitation revoked once', async () => {
    const { habilitations, recertification } = await issued(3);
    const lines = await recertificationLines(ctx().dataSource.manager, recertification.id);
    const decisions = new Map(lines.map((l) => [l.id, { decision: 'supprimer', date: '2026-11-23' }] as const));
    const [a, b] = await Promise.all([
      recordRecertificationReturn(ctx().services(), ctx().actor, recertification.id, { decisions }),
      recordRecertificationReturn({ ...ctx().services(), dataSource: instances.other }, ctx().actor, recertification.id, { decisions }),
    ]);
    expect([a.ok, b.ok].sort()).toEqual([false, true]);
    for (const h of habilitations) {
      const revocations = await ctx().dataSource.getRepository(AuditEvent).countBy({ entityType: 'Habilitation', entityId: String(h.id), action: 'habilitation.revoke' });
      expect(revocations).toBe(1);
    }
    expect(await ctx().dataSource.getRepository(AuditEvent).countBy({ entityType: 'Recertification', entityId: String(recertification.id) })).toBe(1);
  });

  it('from a pasted list: identifiers or emails, the action and date for all, a date on the line wins, unknown lines reported', async () => {
    const { habilitations: [byId, byEmail, untouched], recertification } = await issued(3);
    const result = await recordPastedReturn(ctx().services(), ctx().actor, recertification.id, {
      pasted: `Identifiant;Nom;Départ\n${byId.identifier.toLowerCase()};Dupré;15/01/2027\n${byEmail.email.toUpperCase()}\nCP78-999999 inconnu\n`,
      action: 'supprimer', date: '2026-11-23',
    });
    if (!result.ok) throw new Error(result.message);
    expect(result.lines.find((l) => l.habilitationId === byId.id)).toMatchObject({ outcome: 'programmee', effectiveDate: '2027-01-15' });
    expect(result.lines.find((l) => l.habilitationId === byEmail.id)).toMatchObject({ outcome: 'revoquee' });
    expect(result.lines.find((l) => l.habilitationId === untouched.id)).toMatchObject({ outcome: 'conservee' });
    expect(result.report).toContain('« CP78-999999 inconnu » : introuvable dans la liste de l’avis');
    const refused = await recordPastedReturn(ctx().services(), ctx().actor, recertification.id, { pasted: 'Nom Prénom\n' });
    expect(refused).toMatchObject({ ok: false, message: 'Collez au moins une ligne : un identifiant (CP78-000123) ou une adresse électronique par ligne.' });
  });
});
