// The convention's use cases on a real database: creation with its number, every transition of the
// state machine and its refusals, the audit row written in the same transaction, the dénonciation
// preview, and the signed copy required for « signée ».
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AccessProfile } from '../../../src/entities/access-profile.entity.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { Convention } from '../../../src/entities/convention.entity.js';
import { Scan } from '../../../src/entities/scan.entity.js';
import {
  createConvention, denounceConvention, previewDenunciation, previewTermination, sendConvention, signConvention, terminateConvention,
} from '../../../src/domain/convention/convention.use-cases.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { fixedClock } from '../../../src/domain/shared/clock.js';
import { makePartner } from '../../support/factories.js';
import { auditOf, makeConventionRow, makeHabilitationRow, makeSignedConvention, NOW, openContext, TODAY, uploadedPdf, type TestContext } from './support.js';

describe('convention use cases', () => {
  let ctx: TestContext;
  beforeAll(async () => { ctx = await openContext(); });
  afterAll(async () => { await ctx?.close(); });

  const draftInput = async (profileCode = 'T2') => {
    const partner = await makePartner(ctx.dataSource);
    const profile = await ctx.dataSource.getRepository(AccessProfile).findOneByOrFail({ code: profileCode });
    return { partnerId: String(partner.id), profileId: String(profile.id), signatoryCivility: 'Madame', signatoryName: 'Françoise Lecœur', signatoryTitle: 'Maire', habilitationCap: '' };
  };

  describe('createConvention', () => {
    it('records a draft numbered {département}/{année}/{séquence}{suffixe} – {profil}, with its audit row', async () => {
      const result = await createConvention(ctx.services(), ctx.actor, await draftInput('T2'));
      if (!result.ok) throw new Error(result.message);
      expect(result.convention.number).toMatch(/^78\/2026\/\d{4}AS – T2$/);
      expect(result.convention).toMatchObject({ status: 'brouillon', year: 2026, kind: 'cafpro', createdById: ctx.actor.staffUserId, signatoryName: 'Françoise Lecœur' });
      expect(result.message).toContain(result.convention.number);
      const audit = await auditOf(ctx.dataSource, 'Convention', result.convention.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ action: 'convention.create', toState: 'brouillon', actorId: ctx.actor.staffUserId });
    });

    it('takes the kind from the profile (a data-provision profile gives three months of notice)', async () => {
      const result = await createConvention(ctx.services(), ctx.actor, await draftInput('MAD'));
      if (!result.ok) throw new Error(result.message);
      expect(result.convention.kind).toBe('data-provision');
      expect(result.convention.number).toMatch(/ – MAD$/);
    });

    it('never gives a deleted draft’s number again', async () => {
      const first = await createConvention(ctx.services(), ctx.actor, await draftInput());
      if (!first.ok) throw new Error(first.message);
      await ctx.dataSource.getRepository(Convention).delete({ id: first.convention.id });
      const second = await createConvention(ctx.services(), ctx.actor, await draftInput());
      if (!second.ok) throw new Error(second.message);
      expect(second.convention.number).not.toBe(first.convention.number);
      expect(second.convention.sequence).toBe(first.convention.sequence + 1);
    });

    it('refuses an invalid form field by field, in French, and reserves no number', async () => {
      const before = await ctx.dataSource.getRepository(Convention).count();
      const result = await createConvention(ctx.services(), ctx.actor, { partnerId: '999999', profileId: '', signatoryCivility: 'Mx', signatoryName: '' });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const fields = result.errors.map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['partnerId', 'profileId', 'signatoryCivility', 'signatoryName']));
      expect(result.errors.find((e) => e.field === 'partnerId')?.message).toBe("Ce partenaire n'existe pas.");
      expect(await ctx.dataSource.getRepository(Convention).count()).toBe(before);
    });
  });

  describe('transitions', () => {
    it('brouillon → envoyée → signée → dénoncée → résiliée, each with its audit row (from → to, reason)', async () => {
      const created = await createConvention(ctx.services(), ctx.actor, await draftInput());
      if (!created.ok) throw new Error(created.message);
      const id = created.convention.id;

      const sent = await sendConvention(ctx.services(), ctx.actor, id, { sentDate: '2025-03-01' });
      expect(sent).toMatchObject({ ok: true, convention: { status: 'envoyee', sentDate: '2025-03-01' } });
      expect(sent.message).toContain('envoyée au partenaire (envoi du 1er mars 2025)');

      const signed = await signConvention(ctx.services(), ctx.actor, id, { partnerSignedDate: '2025-03-10', cafSignedDate: '2025-03-15', signedScan: uploadedPdf() });
      if (!signed.ok) throw new Error(signed.message);
      expect(signed.convention).toMatchObject({ status: 'signee', partnerSignedDate: '2025-03-10', cafSignedDate: '2025-03-15', effectiveDate: '2025-03-15' });
      const scan = await ctx.dataSource.getRepository(Scan).findOneByOrFail({ id: signed.convention.signedScanId! });
      expect(scan).toMatchObject({ mimeType: 'application/pdf', originalName: 'convention-signée.pdf', uploadedById: ctx.actor.staffUserId });
      expect(signed.message).toContain('prend effet le 15 mars 2025');
      expect(signed.message).toContain('prochaine date anniversaire : 15 mars 2027');

      // Received 15 January 2026: exactly two months before the 15 March 2026 anniversary (in time).
      const denounced = await denounceConvention(ctx.services(), ctx.actor, id, { party: 'partenaire', receivedDate: '2026-01-15', reason: 'Fin du service « petite enfance »' });
      if (!denounced.ok) throw new Error(denounced.message);
      expect(denounced.convention).toMatchObject({
        status: 'denoncee', noticeParty: 'partenaire', noticeReceivedDate: '2026-01-15', endDate: '2026-03-15', endReason: 'Fin du service « petite enfance »',
      });

      const terminated = await terminateConvention(ctx.services(), ctx.actor, id, { endDate: '2026-02-01', reason: 'Consultations sans rapport avec la mission (art. 4)' });
      if (!terminated.ok) throw new Error(terminated.message);
      expect(terminated.convention).toMatchObject({ status: 'resiliee', endDate: '2026-02-01', endReason: 'Consultations sans rapport avec la mission (art. 4)' });
      expect(terminated.message).toContain('résiliée (article 4)');

      const audit = await auditOf(ctx.dataSource, 'Convention', id);
      expect(audit.map((a) => [a.action, a.fromState, a.toState])).toEqual([
        ['convention.create', null, 'brouillon'],
        ['convention.send', 'brouillon', 'envoyee'],
        ['convention.sign', 'envoyee', 'signee'],
        ['convention.denounce', 'signee', 'denoncee'],
        ['convention.terminate', 'denoncee', 'resiliee'],
      ]);
      expect(audit[3].reason).toBe('Fin du service « petite enfance »');
      expect(JSON.parse(audit[3].details!)).toMatchObject({ denouncedBy: 'partenaire', noticeDeadline: '2026-01-15', late: false, endDate: '2026-03-15' });
      expect(audit[4].reason).toBe('Consultations sans rapport avec la mission (art. 4)');
      expect(audit.every((a) => a.actorId === ctx.actor.staffUserId && a.ip === '127.0.0.1')).toBe(true);
    });

    it('refuses impossible transitions with the state machine’s French message and changes nothing', async () => {
      const draft = await makeConventionRow(ctx.dataSource);
      const auditBefore = await ctx.dataSource.getRepository(AuditEvent).count();
      const sign = await signConvention(ctx.services(), ctx.actor, draft.id, { partnerSignedDate: '2026-01-01', cafSignedDate: '2026-01-02', signedScan: uploadedPdf() });
      expect(sign).toMatchObject({ ok: false, message: "Une convention en brouillon doit d'abord être envoyée au partenaire avant d'être signée." });
      expect(await denounceConvention(ctx.services(), ctx.actor, draft.id, { party: 'caf', receivedDate: '2026-01-01', reason: 'x' }))
        .toMatchObject({ ok: false, message: "Une convention en brouillon n'est pas signée : elle ne peut pas être dénoncée." });
      expect(await terminateConvention(ctx.services(), ctx.actor, draft.id, { endDate: '2026-01-01', reason: 'x' }))
        .toMatchObject({ ok: false, message: "Une convention en brouillon n'est pas signée : elle ne peut pas être résiliée." });
      const signed = await makeSignedConvention(ctx.dataSource);
      expect(await sendConvention(ctx.services(), ctx.actor, signed.id, { sentDate: '2026-01-01' }))
        .toMatchObject({ ok: false, message: 'Une convention signée ne peut pas être envoyée à nouveau.' });
      const resiliee = await makeSignedConvention(ctx.dataSource, '2025-03-15', { status: 'resiliee', endDate: '2026-01-01', endReason: 'x' });
      expect(await terminateConvention(ctx.services(), ctx.actor, resiliee.id, { endDate: '2026-01-01', reason: 'x' }))
        .toMatchObject({ ok: false, message: 'Cette convention est déjà résiliée.' });
      expect(await sendConvention(ctx.services(), ctx.actor, 987654, { sentDate: '2026-01-01' }))
        .toMatchObject({ ok: false, message: "Cette convention n'existe pas (elle a peut-être été supprimée)." });
      expect(await ctx.dataSource.getRepository(Convention).findOneByOrFail({ id: draft.id })).toMatchObject({ status: 'brouillon', partnerSignedDate: null });
      expect(await ctx.dataSource.getRepository(AuditEvent).count()).toBe(auditBefore);
    });

    it('refuses field by field: dates in the future, signature before sending, missing reason', async () => {
      const draft = await makeConventionRow(ctx.dataSource);
      const future = await sendConvention(ctx.services(), ctx.actor, draft.id, { sentDate: '2026-11-24' });
      expect(future).toMatchObject({ ok: false, errors: [{ field: 'sentDate', message: 'Cette date ne peut pas être dans le futur.' }] });
      expect(await sendConvention(ctx.services(), ctx.actor, draft.id, { sentDate: '' }))
        .toMatchObject({ ok: false, errors: [{ field: 'sentDate', message: 'Ce champ est obligatoire.' }] });

      const sent = await makeConventionRow(ctx.dataSource, { status: 'envoyee', sentDate: '2026-10-01' });
      const early = await signConvention(ctx.services(), ctx.actor, sent.id, { partnerSignedDate: '2026-09-30', cafSignedDate: '2026-09-29', signedScan: uploadedPdf() });
      expect(early.ok).toBe(false);
      if (early.ok) return;
      expect(early.errors).toEqual([
        { field: 'partnerSignedDate', message: "La date de signature du partenaire ne peut pas précéder la date d'envoi de la convention." },
        { field: 'cafSignedDate', message: 'La date de signature de la Caf ne peut pas précéder celle du partenaire.' },
      ]);

      const signed = await makeSignedConvention(ctx.dataSource);
      expect(await terminateConvention(ctx.services(), ctx.actor, signed.id, { endDate: '2026-12-01', reason: '  ' }))
        .toMatchObject({ ok: false, errors: [{ field: 'reason', message: 'Le motif de la résiliation est obligatoire.' }] });
      expect(await denounceConvention(ctx.services(), ctx.actor, signed.id, { party: 'maire', receivedDate: '2026-11-01', reason: '' }))
        .toMatchObject({ ok: false, errors: [
          { field: 'party', message: 'Indiquez la partie qui dénonce la convention (la Caf ou le partenaire).' },
          { field: 'reason', message: 'Le motif de la dénonciation est obligatoire.' },
        ] });
    });

    it('« signée » requires the scan of the signed copy, checked by its content, and stores nothing when refused', async () => {
      const sent = await makeConventionRow(ctx.dataSource, { status: 'envoyee', sentDate: '2026-10-01' });
      const scans = await ctx.dataSource.getRepository(Scan).count();
      const missing = await signConvention(ctx.services(), ctx.actor, sent.id, { partnerSignedDate: '2026-10-10', cafSignedDate: '2026-10-12' });
      expect(missing).toMatchObject({ ok: false, errors: [{ field: 'signedScan', message: 'La copie signée numérisée est obligatoire.' }] });
      const notPdf = await signConvention(ctx.services(), ctx.actor, sent.id, { partnerSignedDate: '2026-10-10', cafSignedDate: '2026-10-12', signedScan: uploadedPdf('copie.pdf', 'MZ pas un pdf') });
      expect(notPdf).toMatchObject({ ok: false, errors: [{ field: 'signedScan', message: 'Format refusé : seuls les fichiers PDF, JPEG et PNG sont acceptés.' }] });
      // A refused date after a good file: the scan row is not kept.
      const future = await signConvention(ctx.services(), ctx.actor, sent.id, { partnerSignedDate: '2026-10-10', cafSignedDate: '2026-12-01', signedScan: uploadedPdf() });
      expect(future.ok).toBe(false);
      expect(await ctx.dataSource.getRepository(Scan).count()).toBe(scans);
      expect(await ctx.dataSource.getRepository(Convention).findOneByOrFail({ id: sent.id })).toMatchObject({ status: 'envoyee', signedScanId: null });
    });

    it('a transition that lost a race against another agent is refused, not applied twice', async () => {
      const signed = await makeSignedConvention(ctx.dataSource);
      const results = await Promise.all([
        denounceConvention(ctx.services(), ctx.actor, signed.id, { party: 'caf', receivedDate: '2026-11-02', reason: 'Réorganisation' }),
        denounceConvention(ctx.services(), ctx.actor, signed.id, { party: 'partenaire', receivedDate: '2026-11-03', reason: 'Fin de mission' }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      const refused = results.find((r) => !r.ok)!;
      expect(['Cette convention est déjà dénoncée.', 'Cette convention vient d’être modifiée par un autre agent : rechargez la page et recommencez.']).toContain(refused.message);
      expect((await auditOf(ctx.dataSource, 'Convention', signed.id)).filter((a) => a.action === 'convention.denounce')).toHaveLength(1);
    });
  });

  describe('dénonciation: end date computed (art. 5), shown before confirming', () => {
    it('notice received on the deadline day ends the convention at the next anniversary', async () => {
      const c = await makeSignedConvention(ctx.dataSource, '2024-03-15');
      const preview = await previewDenunciation(ctx.dataSource.manager, fixedClock(NOW_2026_01), c.id, { party: 'partenaire', receivedDate: '2026-01-15', reason: 'x' });
      expect(preview).toMatchObject({ ok: true, endDate: '2026-03-15', noticeDeadline: '2026-01-15', late: false });
      expect(preview.message).toContain('Dénonciation dans les délais');
      expect(preview.message).toContain('prendra fin le 15 mars 2026');
      expect(preview.message).toContain('dernier jour d’accès : 14 mars 2026');
      // Nothing written by a preview.
      expect(await ctx.dataSource.getRepository(Convention).findOneByOrFail({ id: c.id })).toMatchObject({ status: 'signee', endDate: null });
    });

    it('the day after the deadline, it ends one year later, and says why', async () => {
      const c = await makeSignedConvention(ctx.dataSource, '2024-03-15');
      const preview = await previewDenunciation(ctx.dataSource.manager, fixedClock(NOW_2026_01), c.id, { party: 'caf', receivedDate: '2026-01-16', reason: 'x' });
      expect(preview).toMatchObject({ ok: true, endDate: '2027-03-15', noticeDeadline: '2027-01-15', late: true });
      expect(preview.message).toContain('Dénonciation tardive : reçue le 16 janvier 2026, après le dernier jour pour dénoncer avant l’échéance du 15 mars 2026 (15 janvier 2026)');
      expect(preview.message).toContain('prendra fin le 15 mars 2027');
      const done = await denounceConvention(ctx.services(fixedClock(NOW_2026_01)), ctx.actor, c.id, { party: 'caf', receivedDate: '2026-01-16', reason: 'Réorganisation des services' });
      expect(done).toMatchObject({ ok: true, convention: { endDate: '2027-03-15', noticeParty: 'caf' } });
    });

    it('signed on 29 February: anniversaries on 28 February in common years; data provision: three months', async () => {
      const leap = await makeSignedConvention(ctx.dataSource, '2024-02-29');
      expect(await previewDenunciation(ctx.dataSource.manager, fixedClock(NOW), leap.id, { party: 'caf', receivedDate: '2026-11-02', reason: 'x' }))
        .toMatchObject({ ok: true, endDate: '2027-02-28', noticeDeadline: '2026-12-28', late: false });
      const mad = await makeSignedConvention(ctx.dataSource, '2024-02-29', {}, 'MAD');
      const december = fixedClock('2026-12-15T10:00:00Z');
      expect(await previewDenunciation(ctx.dataSource.manager, december, mad.id, { party: 'partenaire', receivedDate: '2026-11-28', reason: 'x' }))
        .toMatchObject({ ok: true, endDate: '2027-02-28', noticeDeadline: '2026-11-28', late: false });
      // One day late: the following anniversary, back on 29 February in the leap year 2028.
      expect(await previewDenunciation(ctx.dataSource.manager, december, mad.id, { party: 'partenaire', receivedDate: '2026-11-29', reason: 'x' }))
        .toMatchObject({ ok: true, endDate: '2028-02-29', noticeDeadline: '2027-11-29', late: true });
    });

    it('today is the day in Paris: at 00:30 on 1 January in Paris (23:30 UTC the day before) a notice of that day is not « in the future »', async () => {
      const c = await makeSignedConvention(ctx.dataSource, '2024-03-15');
      const clock = fixedClock('2025-12-31T23:30:00Z');
      expect(await previewDenunciation(ctx.dataSource.manager, clock, c.id, { party: 'caf', receivedDate: '2026-01-01', reason: 'x' }))
        .toMatchObject({ ok: true, endDate: '2026-03-15' });
    });

    it('refuses a preview of an impossible dénonciation with the same message as the action', async () => {
      const draft = await makeConventionRow(ctx.dataSource);
      expect(await previewDenunciation(ctx.dataSource.manager, fixedClock(NOW), draft.id, { party: 'caf', receivedDate: '2026-01-01', reason: 'x' }))
        .toMatchObject({ ok: false, message: "Une convention en brouillon n'est pas signée : elle ne peut pas être dénoncée." });
    });
  });

  describe('résiliation (art. 4)', () => {
    it('may only bring a dénonciation’s end forward and not before the effective date', async () => {
      const c = await makeSignedConvention(ctx.dataSource, '2025-03-15', { status: 'denoncee', noticeParty: 'caf', noticeReceivedDate: '2025-12-01', endDate: '2026-03-15', endReason: 'x' });
      expect(await terminateConvention(ctx.services(), ctx.actor, c.id, { endDate: '2026-04-01', reason: 'Manquement' }))
        .toMatchObject({ ok: false, errors: [{ field: 'endDate', message: 'La date de fin de la résiliation ne peut pas être postérieure à la fin déjà fixée par la dénonciation.' }] });
      expect(await terminateConvention(ctx.services(), ctx.actor, c.id, { endDate: '2025-01-01', reason: 'Manquement' }))
        .toMatchObject({ ok: false, errors: [{ field: 'endDate', message: "La date de fin de la résiliation ne peut pas précéder la date d'effet de la convention." }] });
    });

    it('ending on a date already past: the habilitations are revoked in the same transaction, dated today (the day access stops)', async () => {
      const c = await makeSignedConvention(ctx.dataSource, '2025-03-15');
      // Granted after the chosen end date: still revoked, and never dated before its grant.
      const late = await makeHabilitationRow(ctx.dataSource, c.id, { grantedDate: '2026-11-01' });
      const suspended = await makeHabilitationRow(ctx.dataSource, c.id, { status: 'suspendue' });
      expect((await previewTermination(ctx.dataSource.manager, fixedClock(NOW), c.id, { endDate: '2026-10-15', reason: 'Manquement' })).message)
        .toContain('La convention prendra fin dès la confirmation (date de fin choisie : 15 octobre 2026, déjà passée). 2 habilitations seront révoquées aujourd’hui');
      const done = await terminateConvention(ctx.services(), ctx.actor, c.id, { endDate: '2026-10-15', reason: 'Manquement' });
      expect(done).toMatchObject({ ok: true, revokedHabilitationIds: [late.id, suspended.id] });
      expect(done.message).toBe(`La convention n° ${c.number} est résiliée (article 4) : elle prend fin le 15 octobre 2026 ; 2 habilitations sont révoquées dès aujourd’hui (fin de convention).`);
      const rows = await ctx.dataSource.getRepository(Habilitation).find({ where: { conventionId: c.id }, order: { id: 'ASC' } });
      expect(rows.map((h) => [h.status, h.statusReason, h.revokedDate])).toEqual([['revoquee', 'fin-de-convention', TODAY], ['revoquee', 'fin-de-convention', TODAY]]);
    });

    it('a refused ending revokes nothing', async () => {
      const c = await makeSignedConvention(ctx.dataSource, '2025-03-15');
      const h = await makeHabilitationRow(ctx.dataSource, c.id);
      expect(await terminateConvention(ctx.services(), ctx.actor, c.id, { endDate: TODAY, reason: '' })).toMatchObject({ ok: false });
      expect((await ctx.dataSource.getRepository(Habilitation).findOneByOrFail({ id: h.id })).status).toBe('active');
    });
  });

  describe('a dénonciation recorded after the anniversary it stopped', () => {
    it('ends the convention at that past anniversary and revokes at once, one habilitation in the singular', async () => {
      const c = await makeSignedConvention(ctx.dataSource, '2024-03-15');
      const h = await makeHabilitationRow(ctx.dataSource, c.id);
      // Received 1 November 2025 (in time for 15 March 2026), keyed only now (23 November 2026).
      const input = { party: 'partenaire', receivedDate: '2025-11-01', reason: 'Fin du service' };
      const preview = await previewDenunciation(ctx.dataSource.manager, fixedClock(NOW), c.id, input);
      expect(preview).toMatchObject({ ok: true, endDate: '2026-03-15' });
      expect(preview.message).toContain('1 habilitation sera révoquée aujourd’hui (motif « Fin de convention »).');
      const done = await denounceConvention(ctx.services(), ctx.actor, c.id, input);
      expect(done.message).toBe(`La convention n° ${c.number} est dénoncée (le partenaire, courrier reçu le 1er novembre 2025) : `
        + 'elle prend fin le 15 mars 2026 ; 1 habilitation est révoquée dès aujourd’hui (fin de convention).');
      expect(await ctx.dataSource.getRepository(Habilitation).findOneByOrFail({ id: h.id })).toMatchObject({ status: 'revoquee', revokedDate: TODAY });
      const audit = await auditOf(ctx.dataSource, 'Habilitation', h.id);
      expect(audit.map((a) => [a.action, a.reason, a.actorId])).toEqual([['habilitation.revoke', 'fin-de-convention', ctx.actor.staffUserId]]);
    });
  });
});

const NOW_2026_01 = '2026-01-20T10:00:00Z';
