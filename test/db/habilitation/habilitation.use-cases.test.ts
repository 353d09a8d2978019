// The habilitation on a real database: suspend / reactivate / revoke with a reason from the list,
// every refusal with its own French message, the audit rows (from → to, reason), the reissue after a
// loss or theft in one transaction (new identifier, linked to the old one, letter, event), and the
// notification letter printed again.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  produceHabilitationLetter, reactivateHabilitation, reportLoss, revokeHabilitation, suspendHabilitation,
} from '../../../src/domain/habilitation/habilitation.use-cases.js';
import { fixedClock } from '../../../src/domain/shared/clock.js';
import { addDays } from '../../../src/domain/shared/dates.js';
import { Document } from '../../../src/entities/document.entity.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { SequenceCounter } from '../../../src/entities/sequence-counter.entity.js';
import { auditOf, makeHabilitationRow, makeSignedConvention, openContext, recordEvents, TODAY, type TestContext } from './support.js';

describe('habilitation use cases', () => {
  let ctx: TestContext;
  const events = recordEvents();
  beforeAll(async () => { ctx = await openContext(); });
  afterAll(async () => { await ctx?.close(); });

  const row = (id: number) => ctx.dataSource.getRepository(Habilitation).findOneByOrFail({ id });
  const make = async (overrides: Partial<Habilitation> = {}, profile = 'T2') =>
    makeHabilitationRow(ctx.dataSource, (await makeSignedConvention(ctx.dataSource, {}, profile)).id, { lastName: 'Lefèvre', firstName: 'Hélène', ...overrides });

  it('suspend (reason required, date not in the future nor before the grant) then reactivate, each journaled', async () => {
    const h = await make();
    expect(await suspendHabilitation(ctx.services(), ctx.instructor, h.id, { reason: ' ' }))
      .toMatchObject({ ok: false, message: 'Le motif de la suspension est obligatoire.', errors: [{ field: 'reason' }] });
    expect(await suspendHabilitation(ctx.services(), ctx.instructor, h.id, { reason: 'Enquête', date: addDays(TODAY, 1) }))
      .toMatchObject({ ok: false, message: 'Cette date ne peut pas être dans le futur.', errors: [{ field: 'date' }] });
    expect(await suspendHabilitation(ctx.services(), ctx.instructor, h.id, { reason: 'Enquête', date: '2025-03-31' }))
      .toMatchObject({ ok: false, message: "Cette date ne peut pas précéder la délivrance de l'habilitation." });
    expect(await suspendHabilitation(ctx.services(), ctx.instructor, h.id, { reason: 'Enquête', date: '2026-02-30' }))
      .toMatchObject({ ok: false, message: "Cette date n'existe pas dans le calendrier." });
    expect((await row(h.id)).status).toBe('active');

    const suspended = await suspendHabilitation(ctx.services(), ctx.instructor, h.id, { reason: 'Consultations sans lien avec la mission (contrôle du 20/11)' });
    expect(suspended).toMatchObject({ ok: true, message: `L’habilitation ${h.identifier} de Hélène LEFÈVRE est suspendue depuis le 23 novembre 2026.` });
    expect(await row(h.id)).toMatchObject({ status: 'suspendue', suspendedDate: TODAY, statusDetails: 'Consultations sans lien avec la mission (contrôle du 20/11)' });
    expect(await suspendHabilitation(ctx.services(), ctx.instructor, h.id, { reason: 'x' })).toMatchObject({ ok: false, message: 'Cette habilitation est déjà suspendue.' });

    expect(await reactivateHabilitation(ctx.services(), ctx.instructor, h.id)).toMatchObject({ ok: true, message: `L’habilitation ${h.identifier} de Hélène LEFÈVRE est réactivée.` });
    expect(await row(h.id)).toMatchObject({ status: 'active', suspendedDate: null, statusDetails: null, statusReason: null });
    expect(await reactivateHabilitation(ctx.services(), ctx.instructor, h.id)).toMatchObject({ ok: false, message: 'Cette habilitation est déjà active.' });

    const audit = await auditOf(ctx.dataSource, 'Habilitation', h.id);
    expect(audit.map((a) => [a.action, a.fromState, a.toState, a.reason, a.actorId])).toEqual([
      ['habilitation.suspend', 'active', 'suspendue', 'Consultations sans lien avec la mission (contrôle du 20/11)', ctx.instructor.staffUserId],
      ['habilitation.reactivate', 'suspendue', 'active', null, ctx.instructor.staffUserId],
    ]);
  });

  it('revoke with a reason from the list (details required for « manquement »); a revoked habilitation is final', async () => {
    const h = await make();
    expect(await revokeHabilitation(ctx.services(), ctx.instructor, h.id, { reasonCode: 'depart' }))
      .toMatchObject({ ok: false, message: 'Choisissez le motif de la révocation dans la liste.', errors: [{ field: 'reasonCode' }] });
    expect(await revokeHabilitation(ctx.services(), ctx.instructor, h.id, { reasonCode: 'manquement', details: '' }))
      .toMatchObject({ ok: false, message: 'Décrivez le manquement constaté.', errors: [{ field: 'details' }] });
    const revoked = await revokeHabilitation(ctx.services(), ctx.instructor, h.id, { reasonCode: 'manquement', details: 'Communication de données à un tiers non autorisé (art. 3).', date: '2026-11-20' });
    expect(revoked).toMatchObject({ ok: true, reissued: null, message: `L’habilitation ${h.identifier} de Hélène LEFÈVRE est révoquée le 20 novembre 2026 (manquement).` });
    expect(await row(h.id)).toMatchObject({ status: 'revoquee', statusReason: 'manquement', revokedDate: '2026-11-20', statusDetails: 'Communication de données à un tiers non autorisé (art. 3).' });
    const audit = await auditOf(ctx.dataSource, 'Habilitation', h.id);
    expect(audit.map((a) => [a.action, a.fromState, a.toState, a.reason])).toEqual([['habilitation.revoke', 'active', 'revoquee', 'manquement']]);
    expect(JSON.parse(audit[0].details!)).toMatchObject({ revokedDate: '2026-11-20', details: 'Communication de données à un tiers non autorisé (art. 3).' });

    expect(await revokeHabilitation(ctx.services(), ctx.instructor, h.id, { reasonCode: 'fin-de-contrat' })).toMatchObject({ ok: false, message: 'Cette habilitation est déjà révoquée.' });
    expect(await suspendHabilitation(ctx.services(), ctx.instructor, h.id, { reason: 'x' })).toMatchObject({ ok: false, message: 'Une habilitation révoquée ne peut pas être suspendue.' });
    expect(await reactivateHabilitation(ctx.services(), ctx.instructor, h.id))
      .toMatchObject({ ok: false, message: 'Une habilitation révoquée ne peut pas être réactivée : délivrez une nouvelle habilitation.' });
    expect(await reportLoss(ctx.services(), ctx.instructor, h.id)).toMatchObject({ ok: false, message: 'Cette habilitation est déjà révoquée.' });
    expect(await produceHabilitationLetter(ctx.services(), ctx.instructor, h.id))
      .toMatchObject({ ok: false, message: `L’habilitation ${h.identifier} n’est pas active : son courrier de notification ne peut pas être produit.` });
  });

  it('a suspended habilitation may be revoked; every other reason of the list is accepted', async () => {
    for (const reasonCode of ['suppression-demandee', 'fin-de-convention', 'fin-de-contrat']) {
      const h = await make({ status: 'suspendue', suspendedDate: '2026-10-01' });
      const result = await revokeHabilitation(ctx.services(), ctx.instructor, h.id, { reasonCode });
      expect(result.ok).toBe(true);
      expect(await row(h.id)).toMatchObject({ status: 'revoquee', statusReason: reasonCode, revokedDate: TODAY });
    }
  });

  it('loss or theft: revokes and reissues in one transaction (new identifier, same person, linked), with its letter and the event', async () => {
    const h = await make({ accessCode: 'BL-0457', endDate: '2027-06-30', email: 'helene.lefevre@bailleur.fr' }, 'T5');
    const counter = (await ctx.dataSource.getRepository(SequenceCounter).findOneBy({ name: 'habilitation' }))?.value ?? 0;
    const result = await reportLoss(ctx.services(), ctx.instructor, h.id, { details: 'Carnet volé le 21 novembre (main courante).' });
    expect(result.ok).toBe(true);
    if (!result.ok || !result.reissued) throw new Error(result.message);
    const fresh = result.reissued.habilitation;
    expect(fresh.identifier).toBe(`CP78-${String(counter + 1).padStart(6, '0')}`);
    expect(fresh).toMatchObject({
      conventionId: h.conventionId, civility: h.civility, lastName: 'Lefèvre', firstName: 'Hélène', email: 'helene.lefevre@bailleur.fr', position: h.position,
      accessCode: 'BL-0457', endDate: '2027-06-30', status: 'active', grantedDate: TODAY, replacesId: h.id, nextPasswordChangeDate: addDays(TODAY, 90),
    });
    expect(await row(h.id)).toMatchObject({ status: 'revoquee', statusReason: 'perte-ou-vol', revokedDate: TODAY, statusDetails: 'Carnet volé le 21 novembre (main courante).' });
    expect(result.message).toBe(`L’habilitation ${h.identifier} de Hélène LEFÈVRE est révoquée (perte ou vol des identifiants) ; une nouvelle habilitation `
      + `${fresh.identifier} lui est délivrée. Le courrier de notification (réf. ${result.reissued.letter.reference}) est prêt à imprimer.`);
    expect(result.reissued.letter).toMatchObject({ kind: 'habilitation-letter', subjectType: 'Habilitation', subjectId: fresh.id });
    expect(events).toContainEqual({ type: 'habilitation.reissued', oldHabilitationId: h.id, newHabilitationId: fresh.id, letterDocumentId: result.reissued.letter.id });
    expect((await auditOf(ctx.dataSource, 'Habilitation', h.id)).map((a) => [a.action, a.fromState, a.toState, a.reason])).toEqual([['habilitation.revoke', 'active', 'revoquee', 'perte-ou-vol']]);
    expect((await auditOf(ctx.dataSource, 'Habilitation', fresh.id)).map((a) => [a.action, a.fromState, a.toState, a.reason])).toEqual([['habilitation.reissue', null, 'active', 'perte-ou-vol']]);
  });

  it('« perte ou vol » chosen in « Révoquer » reissues too; the access code may be replaced', async () => {
    const h = await make({ accessCode: 'BL-0001' }, 'T5');
    const result = await revokeHabilitation(ctx.services(), ctx.instructor, h.id, { reasonCode: 'perte-ou-vol', accessCode: 'BL-0002' });
    expect(result.ok && result.reissued?.habilitation).toMatchObject({ replacesId: h.id, accessCode: 'BL-0002' });
  });

  it('no reissue for a suspended habilitation, under an ended convention, or after the CDD; nothing is written', async () => {
    const suspended = await make({ status: 'suspendue' });
    expect(await reportLoss(ctx.services(), ctx.instructor, suspended.id)).toMatchObject({
      ok: false, message: `L’habilitation ${suspended.identifier} est suspendue : réactivez-la avant de délivrer de nouveaux identifiants, ou révoquez-la pour un autre motif.`,
    });
    const ended = await makeSignedConvention(ctx.dataSource, { status: 'resiliee', endDate: '2026-11-01' });
    const underEnded = await makeHabilitationRow(ctx.dataSource, ended.id);
    expect(await reportLoss(ctx.services(), ctx.instructor, underEnded.id)).toMatchObject({
      ok: false, message: `La convention n° ${ended.number} n’est plus active : aucune nouvelle habilitation ne peut être délivrée à son titre.`,
    });
    const cdd = await make({ endDate: '2026-11-22' });
    expect(await reportLoss(ctx.services(), ctx.instructor, cdd.id)).toMatchObject({ ok: false, message: 'Le CDD a pris fin le 22 novembre 2026 : aucune nouvelle habilitation ne peut être délivrée.' });
    for (const h of [suspended, underEnded, cdd]) {
      expect((await row(h.id)).status).toBe(h.status);
      expect(await auditOf(ctx.dataSource, 'Habilitation', h.id)).toEqual([]);
    }
  });

  it('prints the letter again for an active habilitation (a new document with its register number)', async () => {
    const h = await make();
    const first = await produceHabilitationLetter(ctx.services(), ctx.instructor, h.id);
    const second = await produceHabilitationLetter(ctx.services(fixedClock('2026-11-24T09:00:00Z')), ctx.instructor, h.id);
    if (!first.ok || !second.ok) throw new Error('letter refused');
    expect(first.message).toBe(`Courrier de notification de l’habilitation ${h.identifier} (Hélène LEFÈVRE) produit, réf. ${first.document.reference}.`);
    expect(second.document.id).not.toBe(first.document.id);
    expect(second.document.registerNumber).toBe(first.document.registerNumber! + 1);
    expect(await ctx.dataSource.getRepository(Document).count({ where: { kind: 'habilitation-letter', subjectId: h.id } })).toBe(2);
    expect(await produceHabilitationLetter(ctx.services(), ctx.instructor, 999999)).toEqual({ ok: false, message: "Cette habilitation n'existe pas.", errors: [] });
  });

  it('two agents revoking at the same instant: one wins, the other is told; one audit row', async () => {
    const h = await make();
    const results = await Promise.all([
      revokeHabilitation(ctx.services(), ctx.instructor, h.id, { reasonCode: 'suppression-demandee' }),
      revokeHabilitation(ctx.services(), ctx.secondInstructor, h.id, { reasonCode: 'fin-de-contrat' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)?.message).toBe('Cette habilitation est déjà révoquée.');
    expect(await auditOf(ctx.dataSource, 'Habilitation', h.id)).toHaveLength(1);
  });
});
