// The demande de suppression d'accès on a real database: recording the paper form (the habilitation
// picked by identifier or by name within the partner), processing it (revocation now, or scheduled
// and performed by the daily job), rejecting it; every refusal with its own message; audit and events.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fixedClock } from '../../../src/domain/shared/clock.js';
import {
  processSuppressionRequest, recordSuppressionRequest, rejectSuppressionRequest,
} from '../../../src/domain/suppression-request/suppression-request.use-cases.js';
import { Document } from '../../../src/entities/document.entity.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { SuppressionRequest } from '../../../src/entities/suppression-request.entity.js';
import { runHabilitationExpiryJob } from '../../../src/jobs/habilitation-expiry.job.js';
import { makePartner } from '../../support/factories.js';
import {
  auditOf, makeHabilitationRow, makeSignedConvention, openContext, recordEvents, TODAY, uploadedFile, type TestContext,
} from '../habilitation/support.js';

describe('suppression request use cases', () => {
  let ctx: TestContext;
  const events = recordEvents();
  beforeAll(async () => { ctx = await openContext(); });
  afterAll(async () => { await ctx?.close(); });

  const requests = () => ctx.dataSource.getRepository(SuppressionRequest);
  const habilitation = (id: number) => ctx.dataSource.getRepository(Habilitation).findOneByOrFail({ id });
  const form = (overrides: Record<string, unknown> = {}) => ({
    position: 'Assistante sociale', effectiveDate: '2026-11-30', receivedDate: '2026-11-20', employerSigned: 'true', ...overrides,
  });
  const fieldErrors = (result: { ok: boolean }) => (result.ok ? {} : Object.fromEntries((result as unknown as { errors: Array<{ field: string; message: string }> }).errors.map((e) => [e.field, e.message])));

  /** A partner with two conventions and a few habilitations, one person on each. */
  async function partnerWithAgents() {
    const partner = await makePartner(ctx.dataSource);
    const c1 = await makeSignedConvention(ctx.dataSource, {}, 'T2', partner);
    const c2 = await makeSignedConvention(ctx.dataSource, {}, 'T5', partner);
    const lefevre = await makeHabilitationRow(ctx.dataSource, c1.id, { lastName: 'Lefèvre', firstName: 'Hélène' });
    const martin1 = await makeHabilitationRow(ctx.dataSource, c1.id, { lastName: 'Martin', firstName: 'Paul' });
    const martin2 = await makeHabilitationRow(ctx.dataSource, c2.id, { lastName: 'MARTIN', firstName: 'Zoé' });
    const gone = await makeHabilitationRow(ctx.dataSource, c2.id, { lastName: 'Parti', firstName: 'Jean', status: 'revoquee', revokedDate: '2026-01-01' });
    return { partner, c1, c2, lefevre, martin1, martin2, gone };
  }

  describe('recording the paper form', () => {
    it('picks the habilitation by identifier or by name within the partner (accents and case folded), with an optional scan', async () => {
      const { partner, lefevre, martin2 } = await partnerWithAgents();
      const byIdentifier = await recordSuppressionRequest(ctx.services(), ctx.clerk, { ...form(), partnerId: String(partner.id), habilitationQuery: ` ${lefevre.identifier.toLowerCase()} `, scan: uploadedFile() });
      expect(byIdentifier.ok).toBe(true);
      if (!byIdentifier.ok) return;
      expect(byIdentifier.suppressionRequest).toMatchObject({ habilitationId: lefevre.id, status: 'recue', recordedById: ctx.clerk.staffUserId, effectiveDate: '2026-11-30', employerSigned: true });
      expect(byIdentifier.suppressionRequest.scanId).not.toBeNull();
      expect(byIdentifier.message).toBe(`Demande de suppression n° ${byIdentifier.suppressionRequest.id} enregistrée pour l’habilitation ${lefevre.identifier} de Hélène LEFÈVRE (à compter du 30 novembre 2026).`);
      expect((await auditOf(ctx.dataSource, 'SuppressionRequest', byIdentifier.suppressionRequest.id)).map((a) => [a.action, a.toState])).toEqual([['suppression-request.record', 'recue']]);

      const byName = await recordSuppressionRequest(ctx.services(), ctx.clerk, { ...form(), partnerId: String(partner.id), habilitationQuery: 'zoe martin' });
      expect(byName.ok && byName.suppressionRequest.habilitationId).toBe(martin2.id);
    });

    it('refuses, each with its own message: unknown identifier, identifier of another partner, unknown or ambiguous name, no partner for a name', async () => {
      const { partner } = await partnerWithAgents();
      const elsewhere = await makeHabilitationRow(ctx.dataSource, (await makeSignedConvention(ctx.dataSource)).id);
      const before = await requests().count();
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ partnerId: String(partner.id), habilitationQuery: 'CP78-123456' }, 'Aucune habilitation ne porte l’identifiant CP78-123456.'],
        [{ partnerId: String(partner.id), habilitationQuery: elsewhere.identifier }, `L’habilitation ${elsewhere.identifier} n’a pas été délivrée à un agent de ce partenaire.`],
        [{ partnerId: String(partner.id), habilitationQuery: 'Dupont Marie' }, 'Aucune habilitation en cours au nom de « Dupont Marie » chez ce partenaire.'],
        [{ partnerId: String(partner.id), habilitationQuery: 'Parti Jean' }, 'Aucune habilitation en cours au nom de « Parti Jean » chez ce partenaire.'],
        [{ habilitationQuery: 'Lefèvre Hélène' }, 'Choisissez le partenaire pour rechercher l’habilitation par le nom de la personne.'],
      ];
      for (const [input, message] of cases) {
        const result = await recordSuppressionRequest(ctx.services(), ctx.clerk, { ...form(), ...input });
        expect(result).toMatchObject({ ok: false, message: 'Le formulaire contient des erreurs : corrigez les champs signalés.' });
        expect(fieldErrors(result)).toEqual({ habilitationQuery: message });
      }
      const ambiguous = await recordSuppressionRequest(ctx.services(), ctx.clerk, { ...form(), partnerId: String(partner.id), habilitationQuery: 'martin' });
      expect(fieldErrors(ambiguous).habilitationQuery).toMatch(/^Plusieurs habilitations en cours correspondent à « martin » \(CP78-\d+, CP78-\d+\) : indiquez l’identifiant\.$/);
      expect(await requests().count()).toBe(before);
    });

    it('checks every field: revoked habilitation, request already pending, dates; nothing written on error', async () => {
      const { lefevre, gone } = await partnerWithAgents();
      expect(fieldErrors(await recordSuppressionRequest(ctx.services(), ctx.clerk, { ...form(), habilitationId: String(gone.id) })))
        .toEqual({ habilitationId: "Cette habilitation est déjà révoquée : il n'y a plus d'accès à supprimer." });
      expect(fieldErrors(await recordSuppressionRequest(ctx.services(), ctx.clerk, { ...form({ position: '', effectiveDate: '2025-01-01', receivedDate: '2026-12-01' }), habilitationId: String(lefevre.id) })))
        .toEqual({
          position: 'Ce champ est obligatoire.',
          effectiveDate: "La date d'effet ne peut pas précéder la délivrance de l'habilitation.",
          receivedDate: 'Cette date ne peut pas être dans le futur.',
        });
      expect(fieldErrors(await recordSuppressionRequest(ctx.services(), ctx.clerk, form()))).toEqual({ habilitationId: "Choisissez l'habilitation à supprimer." });
      const first = await recordSuppressionRequest(ctx.services(), ctx.clerk, { ...form(), habilitationId: String(lefevre.id) });
      if (!first.ok) throw new Error(first.message);
      expect(fieldErrors(await recordSuppressionRequest(ctx.services(), ctx.clerk, { ...form(), habilitationId: String(lefevre.id) })))
        .toEqual({ habilitationId: `Une demande de suppression est déjà en cours pour cette habilitation (demande n° ${first.suppressionRequest.id}).` });
    });

    it('the reference printed on a form generated for a habilitation names it', async () => {
      const { martin1 } = await partnerWithAgents();
      await ctx.dataSource.getRepository(Document).save({
        kind: 'suppression-request-form', subjectType: 'Habilitation', subjectId: martin1.id, title: 'Demande de suppression', reference: 'DS-2026-000321',
        storagePath: 'documents/x.pdf', sha256: 'x', size: 1, generatedAt: new Date(),
      } as Partial<Document>);
      const result = await recordSuppressionRequest(ctx.services(), ctx.clerk, { ...form(), formReference: 'ds-2026-000321' });
      expect(result.ok && result.suppressionRequest).toMatchObject({ habilitationId: martin1.id, formReference: 'DS-2026-000321' });
    });

    it('the convention printed on a blank form (pre-filled by the reference lookup): a habilitation of another convention is refused', async () => {
      const { partner, c1, c2, martin1, martin2 } = await partnerWithAgents();
      const elsewhere = await recordSuppressionRequest(ctx.services(), ctx.clerk, { ...form(), conventionId: String(c1.id), habilitationId: String(martin2.id) });
      expect(fieldErrors(elsewhere)).toEqual({ habilitationId: `L’habilitation ${martin2.identifier} relève de la convention n° ${c2.number}, pas de la convention n° ${c1.number} du formulaire.` });
      expect(await requests().countBy({ habilitationId: martin2.id })).toBe(0);
      const mine = await recordSuppressionRequest(ctx.services(), ctx.clerk, { ...form(), conventionId: String(c1.id), habilitationId: String(martin1.id) });
      expect(mine.ok && mine.suppressionRequest).toMatchObject({ habilitationId: martin1.id });
      // The convention names its partner: a name written on the form is searched there.
      const byName = await recordSuppressionRequest(ctx.services(), ctx.clerk, { ...form(), conventionId: String(c2.id), habilitationQuery: 'Zoé Martin' });
      expect(byName.ok && byName.suppressionRequest).toMatchObject({ habilitationId: martin2.id });
      expect(partner.id).toBe(c2.partnerId);
    });
  });

  describe('processing and rejection', () => {
    const recorded = async (h: Habilitation, overrides: Record<string, unknown> = {}) => {
      const result = await recordSuppressionRequest(ctx.services(), ctx.clerk, { ...form(overrides), habilitationId: String(h.id) });
      if (!result.ok) throw new Error(result.message);
      return result.suppressionRequest;
    };

    it('effective date today or past: revokes now, in the same transaction; the request shows the date', async () => {
      const { lefevre, martin1 } = await partnerWithAgents();
      for (const [h, effectiveDate] of [[lefevre, TODAY], [martin1, '2026-11-15']] as const) {
        const request = await recorded(h, { effectiveDate });
        const result = await processSuppressionRequest(ctx.services(), ctx.instructor, request.id);
        expect(result).toMatchObject({ ok: true, revocation: { when: 'now', revokedOn: TODAY, reasonCode: 'suppression-demandee' } });
        expect(result.message).toBe(`Demande de suppression n° ${request.id} traitée : l’habilitation ${h.identifier} de ${h.firstName} ${h.lastName.toUpperCase()} est révoquée ce jour (23 novembre 2026).`);
        expect(await requests().findOneByOrFail({ id: request.id })).toMatchObject({ status: 'traitee', revokedDate: TODAY, decidedById: ctx.instructor.staffUserId });
        expect(await habilitation(h.id)).toMatchObject({ status: 'revoquee', statusReason: 'suppression-demandee', revokedDate: TODAY });
        expect((await auditOf(ctx.dataSource, 'SuppressionRequest', request.id)).map((a) => [a.action, a.fromState, a.toState]))
          .toEqual([['suppression-request.record', null, 'recue'], ['suppression-request.process', 'recue', 'traitee']]);
        const revocation = await auditOf(ctx.dataSource, 'Habilitation', h.id);
        expect(revocation.map((a) => [a.action, a.fromState, a.toState, a.reason])).toEqual([['habilitation.revoke', 'active', 'revoquee', 'suppression-demandee']]);
        expect(JSON.parse(revocation[0].details!)).toMatchObject({ suppressionRequestId: request.id });
        expect(events).toContainEqual({ type: 'suppression-request.processed', suppressionRequestId: request.id });
      }
    });

    it('effective date in the future: scheduled; the daily job revokes on that day and the request shows it', async () => {
      const { martin2 } = await partnerWithAgents();
      const request = await recorded(martin2, { effectiveDate: '2026-12-31' });
      const result = await processSuppressionRequest(ctx.services(), ctx.instructor, request.id);
      expect(result).toMatchObject({ ok: true, revocation: { when: 'scheduled', revokeOn: '2026-12-31' } });
      expect(result.message).toBe(`Demande de suppression n° ${request.id} traitée : l’habilitation ${martin2.identifier} de Zoé MARTIN sera révoquée le 31 décembre 2026.`);
      expect(await requests().findOneByOrFail({ id: request.id })).toMatchObject({ status: 'traitee', revokedDate: null });
      expect((await habilitation(martin2.id)).status).toBe('active');

      await runHabilitationExpiryJob(ctx.dataSource, fixedClock('2026-12-30T10:00:00Z'));
      expect((await habilitation(martin2.id)).status).toBe('active');
      await runHabilitationExpiryJob(ctx.dataSource, fixedClock('2026-12-31T06:00:00Z'));
      expect(await habilitation(martin2.id)).toMatchObject({ status: 'revoquee', statusReason: 'suppression-demandee', revokedDate: '2026-12-31' });
      expect((await requests().findOneByOrFail({ id: request.id })).revokedDate).toBe('2026-12-31');
    });

    it('a habilitation revoked meanwhile: processed without a second revocation, the request shows when it happened', async () => {
      const { lefevre } = await partnerWithAgents();
      const request = await recorded(lefevre);
      await ctx.dataSource.getRepository(Habilitation).update({ id: lefevre.id }, { status: 'revoquee', statusReason: 'fin-de-convention', revokedDate: '2026-11-21' });
      const result = await processSuppressionRequest(ctx.services(), ctx.instructor, request.id);
      expect(result).toMatchObject({ ok: true, revocation: { when: 'none' } });
      expect(result.message).toBe(`Demande de suppression n° ${request.id} traitée : l’habilitation ${lefevre.identifier} de Hélène LEFÈVRE était déjà révoquée (le 21 novembre 2026).`);
      expect(await requests().findOneByOrFail({ id: request.id })).toMatchObject({ status: 'traitee', revokedDate: '2026-11-21' });
      expect(await auditOf(ctx.dataSource, 'Habilitation', lefevre.id)).toEqual([]);
    });

    it('refusals: no employer signature, already processed, rejected; nothing changes', async () => {
      const { lefevre, martin1 } = await partnerWithAgents();
      const unsigned = await recorded(lefevre, { employerSigned: 'false', effectiveDate: TODAY });
      expect(await processSuppressionRequest(ctx.services(), ctx.instructor, unsigned.id))
        .toEqual({ ok: false, message: "Le cachet et la signature de l'employeur sont absents : la demande ne peut pas être traitée.", errors: [] });
      expect((await habilitation(lefevre.id)).status).toBe('active');
      expect((await requests().findOneByOrFail({ id: unsigned.id })).status).toBe('recue');

      expect(await rejectSuppressionRequest(ctx.services(), ctx.instructor, unsigned.id, { reason: '' }))
        .toMatchObject({ ok: false, message: 'Le motif du rejet est obligatoire.', errors: [{ field: 'reason' }] });
      const rejected = await rejectSuppressionRequest(ctx.services(), ctx.instructor, unsigned.id, { reason: 'Formulaire sans cachet ni signature de l’employeur.' });
      expect(rejected).toMatchObject({
        ok: true, message: `Demande de suppression n° ${unsigned.id} rejetée : l’habilitation ${lefevre.identifier} de Hélène LEFÈVRE reste active. Motif : Formulaire sans cachet ni signature de l’employeur.`,
      });
      expect(await requests().findOneByOrFail({ id: unsigned.id })).toMatchObject({ status: 'rejetee', rejectionReason: 'Formulaire sans cachet ni signature de l’employeur.', revokedDate: null });
      expect(events).toContainEqual({ type: 'suppression-request.rejected', suppressionRequestId: unsigned.id });
      expect((await auditOf(ctx.dataSource, 'SuppressionRequest', unsigned.id)).map((a) => [a.action, a.fromState, a.toState, a.reason]).slice(1))
        .toEqual([['suppression-request.reject', 'recue', 'rejetee', 'Formulaire sans cachet ni signature de l’employeur.']]);
      expect(await processSuppressionRequest(ctx.services(), ctx.instructor, unsigned.id)).toMatchObject({
        ok: false, message: 'Une demande de suppression rejetée ne peut plus être traitée : le partenaire doit envoyer une nouvelle demande.',
      });
      expect(await rejectSuppressionRequest(ctx.services(), ctx.instructor, unsigned.id, { reason: 'x' })).toMatchObject({ ok: false, message: 'Cette demande de suppression est déjà rejetée.' });

      const done = await recorded(martin1, { effectiveDate: TODAY });
      expect((await processSuppressionRequest(ctx.services(), ctx.instructor, done.id)).ok).toBe(true);
      expect(await processSuppressionRequest(ctx.services(), ctx.instructor, done.id)).toMatchObject({ ok: false, message: 'Cette demande de suppression est déjà traitée.' });
      expect(await rejectSuppressionRequest(ctx.services(), ctx.instructor, done.id, { reason: 'x' }))
        .toMatchObject({ ok: false, message: 'Une demande de suppression traitée ne peut plus être rejetée.' });
      expect(await processSuppressionRequest(ctx.services(), ctx.instructor, 999999))
        .toEqual({ ok: false, message: "Cette demande de suppression n'existe pas (elle a peut-être été supprimée).", errors: [] });
    });

    it('two agents processing the same request at once: one revocation, one audit row', async () => {
      const { lefevre } = await partnerWithAgents();
      const request = await recorded(lefevre, { effectiveDate: TODAY });
      const results = await Promise.all([
        processSuppressionRequest(ctx.services(), ctx.instructor, request.id),
        processSuppressionRequest(ctx.services(), ctx.secondInstructor, request.id),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.find((r) => !r.ok)?.message).toBe('Cette demande de suppression est déjà traitée.');
      expect(await auditOf(ctx.dataSource, 'Habilitation', lefevre.id)).toHaveLength(1);
    });
  });
});
