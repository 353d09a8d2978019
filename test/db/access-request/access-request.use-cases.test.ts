// The demande d'accès on a real database: recording the paper form (every field checked, nothing
// written on error), every transition and every refusal with its own French message, the approval
// that creates the habilitation and its letter in one transaction, the audit rows, the domain events
// and the « double contrôle ».
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  approveAccessRequest, completeAccessRequest, markAccessRequestIncomplete, previewApproval, recordAccessRequest, refuseAccessRequest,
} from '../../../src/domain/access-request/access-request.use-cases.js';
import { addDays } from '../../../src/domain/shared/dates.js';
import { AccessRequest } from '../../../src/entities/access-request.entity.js';
import { Document } from '../../../src/entities/document.entity.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { Scan } from '../../../src/entities/scan.entity.js';
import { makePartner } from '../../support/factories.js';
import {
  auditOf, makeHabilitationRow, makeRequestRow, makeSignedConvention, openContext, recordEvents, requestForm, setSettings, TODAY, uploadedFile,
  type TestContext,
} from '../habilitation/support.js';

describe('access request use cases', () => {
  let ctx: TestContext;
  const events = recordEvents();
  beforeAll(async () => { ctx = await openContext(); });
  afterAll(async () => { await ctx?.close(); });

  const requests = () => ctx.dataSource.getRepository(AccessRequest);
  const habilitations = () => ctx.dataSource.getRepository(Habilitation);
  const fieldErrors = (result: { ok: boolean }) => (result.ok ? {} : Object.fromEntries((result as unknown as { errors: Array<{ field: string; message: string }> }).errors.map((e) => [e.field, e.message])));
  const messageOf = (result: { ok: boolean; message: string }) => result.message;

  describe('recording the paper form', () => {
    it('records a valid form (reçue, who recorded it, scan optional) and journals it', async () => {
      const convention = await makeSignedConvention(ctx.dataSource);
      const result = await recordAccessRequest(ctx.services(), ctx.clerk, { ...requestForm(convention.id, { lastName: '  Lefèvre ', email: 'Helene.Lefevre@Saint-Germain.FR' }), scan: uploadedFile() });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const row = await requests().findOneByOrFail({ id: result.accessRequest.id });
      expect(row).toMatchObject({ status: 'recue', conventionId: convention.id, lastName: 'Lefèvre', email: 'helene.lefevre@saint-germain.fr', recordedById: ctx.clerk.staffUserId, userSigned: true, employerSigned: true, contractType: 'CDI', contractEndDate: null });
      expect(row.scanId).not.toBeNull();
      expect(await ctx.dataSource.getRepository(Scan).findOneByOrFail({ id: row.scanId! })).toMatchObject({ mimeType: 'application/pdf', uploadedById: ctx.clerk.staffUserId });
      expect(result.message).toBe(`Demande d’accès n° ${row.id} de Hélène LEFÈVRE enregistrée (convention n° ${convention.number}, reçue le 2 novembre 2026).`);
      const audit = await auditOf(ctx.dataSource, 'AccessRequest', row.id);
      expect(audit.map((a) => [a.action, a.fromState, a.toState, a.actorId])).toEqual([['access-request.record', null, 'recue', ctx.clerk.staffUserId]]);
    });

    it('checks every field and writes nothing on error', async () => {
      const convention = await makeSignedConvention(ctx.dataSource);
      const before = await requests().count();
      const result = await recordAccessRequest(ctx.services(), ctx.clerk, requestForm(convention.id, {
        civility: 'Mademoiselle', lastName: ' ', phone: '12', email: 'pas-une-adresse', contractType: 'CDD', contractEndDate: '', receivedDate: addDays(TODAY, 1),
      }));
      expect(result.ok).toBe(false);
      expect(messageOf(result)).toBe('Le formulaire contient des erreurs : corrigez les champs signalés.');
      expect(fieldErrors(result)).toEqual({
        civility: 'Choisissez « Madame » ou « Monsieur ».',
        lastName: 'Ce champ est obligatoire.',
        phone: 'Numéro de téléphone invalide (10 chiffres commençant par 0, ou +33).',
        email: 'Adresse électronique invalide.',
        receivedDate: 'Cette date ne peut pas être dans le futur.',
        contractEndDate: 'La date de fin du CDD est obligatoire.',
      });
      expect(await requests().count()).toBe(before);
    });

    it('a CDD end date must come after the received date; an unknown convention is refused', async () => {
      const convention = await makeSignedConvention(ctx.dataSource);
      const early = await recordAccessRequest(ctx.services(), ctx.clerk, requestForm(convention.id, { contractType: 'CDD', contractEndDate: '2026-11-01' }));
      expect(fieldErrors(early)).toEqual({ contractEndDate: 'La date de fin du CDD doit être postérieure à la date de réception de la demande.' });
      const unknown = await recordAccessRequest(ctx.services(), ctx.clerk, requestForm(999999));
      expect(fieldErrors(unknown)).toEqual({ conventionId: "Cette convention n'existe pas." });
    });

    it('a scan that is not a PDF, JPEG or PNG is refused and nothing is written', async () => {
      const convention = await makeSignedConvention(ctx.dataSource);
      const before = [await requests().count(), await ctx.dataSource.getRepository(Scan).count()];
      const result = await recordAccessRequest(ctx.services(), ctx.clerk, { ...requestForm(convention.id), scan: uploadedFile('demande.exe', 'MZ binaire') });
      expect(result).toMatchObject({ ok: false, message: 'Format refusé : seuls les fichiers PDF, JPEG et PNG sont acceptés.' });
      expect(fieldErrors(result)).toEqual({ scan: 'Format refusé : seuls les fichiers PDF, JPEG et PNG sont acceptés.' });
      expect([await requests().count(), await ctx.dataSource.getRepository(Scan).count()]).toEqual(before);
    });

    it('the printed form reference names the convention; a reference of another convention, or already keyed, is refused', async () => {
      const convention = await makeSignedConvention(ctx.dataSource);
      const other = await makeSignedConvention(ctx.dataSource);
      await ctx.dataSource.getRepository(Document).save({
        kind: 'access-request-form', subjectType: 'Convention', subjectId: convention.id, title: 'Demande d’accès', reference: 'DA-2026-000777',
        storagePath: 'documents/x.pdf', sha256: 'x', size: 1, generatedAt: new Date(),
      } as Partial<Document>);
      const byReference = await recordAccessRequest(ctx.services(), ctx.clerk, requestForm('', { formReference: 'da-2026-000777' }));
      expect(byReference.ok).toBe(true);
      if (!byReference.ok) return;
      expect(byReference.accessRequest).toMatchObject({ conventionId: convention.id, formReference: 'DA-2026-000777' });

      const again = await recordAccessRequest(ctx.services(), ctx.clerk, requestForm(convention.id, { formReference: 'DA-2026-000777' }));
      expect(fieldErrors(again)).toEqual({ formReference: `Le formulaire DA-2026-000777 est déjà enregistré (demande n° ${byReference.accessRequest.id}).` });
      const mismatch = await recordAccessRequest(ctx.services(), ctx.clerk, requestForm(other.id, { formReference: 'DA-2026-000777' }));
      expect(mismatch.ok ? [] : mismatch.errors).toEqual([
        { field: 'formReference', message: `Le formulaire DA-2026-000777 est déjà enregistré (demande n° ${byReference.accessRequest.id}).` },
        { field: 'formReference', message: `Le formulaire DA-2026-000777 a été imprimé pour la convention n° ${convention.number}, pas pour la convention choisie.` },
      ]);
      const unknown = await recordAccessRequest(ctx.services(), ctx.clerk, requestForm('', { formReference: 'DA-2026-000999' }));
      expect(fieldErrors(unknown)).toEqual({
        formReference: 'Aucun formulaire de demande d’accès imprimé ne porte la référence DA-2026-000999 : vérifiez la saisie ou choisissez la convention.',
      });
    });

    it('warns (without refusing) when the same person already has a request in progress or a habilitation on the convention', async () => {
      const convention = await makeSignedConvention(ctx.dataSource);
      const first = await recordAccessRequest(ctx.services(), ctx.clerk, requestForm(convention.id, { email: 'h.lefevre@ville.fr' }));
      await makeHabilitationRow(ctx.dataSource, convention.id, { lastName: 'LEFEVRE', firstName: 'helene', email: 'H.Lefevre@ville.fr', identifier: 'CP78-990001' });
      const second = await recordAccessRequest(ctx.services(), ctx.clerk, requestForm(convention.id, { email: 'h.lefevre@ville.fr' }));
      expect(second.ok).toBe(true);
      expect(second.message).toContain(`Attention : une demande pour la même personne est déjà en cours sur cette convention (demande n° ${first.ok ? first.accessRequest.id : ''}).`);
      expect(second.message).toContain('Attention : cette personne a déjà une habilitation sur cette convention (CP78-990001) : la demande ne pourra pas être approuvée.');
    });
  });

  describe('incomplete and complement', () => {
    it('reçue → incomplète (reason from the list + details) → reçue (complement date), journaled, event published', async () => {
      const convention = await makeSignedConvention(ctx.dataSource);
      const request = await makeRequestRow(ctx.dataSource, convention.id);

      expect(await markAccessRequestIncomplete(ctx.services(), ctx.instructor, request.id, { reasonCode: 'inconnu' }))
        .toMatchObject({ ok: false, message: "Choisissez le motif d'incomplétude dans la liste.", errors: [{ field: 'reasonCode' }] });
      expect(await markAccessRequestIncomplete(ctx.services(), ctx.instructor, request.id, { reasonCode: 'autre', details: ' ' }))
        .toMatchObject({ ok: false, message: 'Précisez le motif lorsque « Autre motif » est choisi.' });
      expect((await requests().findOneByOrFail({ id: request.id })).status).toBe('recue');

      const marked = await markAccessRequestIncomplete(ctx.services(), ctx.instructor, request.id, { reasonCode: 'signature-manquante', details: "  Cachet de l'employeur absent " });
      expect(marked.ok).toBe(true);
      expect(marked.message).toBe(`La demande n° ${request.id} de Noël ${request.lastName.toUpperCase()} est retournée incomplète au partenaire (motif : Signature manquante – Cachet de l'employeur absent).`);
      expect(await requests().findOneByOrFail({ id: request.id })).toMatchObject({
        status: 'incomplete', incompleteReason: 'signature-manquante', incompleteDetails: "Cachet de l'employeur absent", incompleteSince: TODAY,
      });
      expect(events).toContainEqual({ type: 'access-request.incomplete', accessRequestId: request.id });
      expect(await markAccessRequestIncomplete(ctx.services(), ctx.instructor, request.id, { reasonCode: 'autre', details: 'x' }))
        .toMatchObject({ ok: false, message: 'Cette demande est déjà déclarée incomplète.' });
      expect(await approveAccessRequest(ctx.services(), ctx.instructor, request.id))
        .toMatchObject({ ok: false, message: "Une demande incomplète ne peut pas être approuvée : enregistrez d'abord le complément reçu." });
      expect(await refuseAccessRequest(ctx.services(), ctx.instructor, request.id, { reason: 'x' }))
        .toMatchObject({ ok: false, message: "Une demande incomplète ne peut pas être refusée : enregistrez d'abord le complément reçu." });

      expect(await completeAccessRequest(ctx.services(), ctx.clerk, request.id, { complementReceivedDate: addDays(TODAY, 1) }))
        .toMatchObject({ ok: false, message: 'Cette date ne peut pas être dans le futur.', errors: [{ field: 'complementReceivedDate' }] });
      expect(await completeAccessRequest(ctx.services(), ctx.clerk, request.id, { complementReceivedDate: '2026-11-01' }))
        .toMatchObject({ ok: false, message: 'Le complément ne peut pas avoir été reçu avant la demande.' });
      expect(await completeAccessRequest(ctx.services(), ctx.clerk, request.id, { complementReceivedDate: '2026-11-20' }))
        .toMatchObject({ ok: false, message: 'Le complément ne peut pas avoir été reçu avant le retour de la demande au partenaire (le 23 novembre 2026).' });
      const completed = await completeAccessRequest(ctx.services(), ctx.clerk, request.id, { complementReceivedDate: TODAY });
      expect(completed).toMatchObject({ ok: true, message: `Complément reçu le 23 novembre 2026 : la demande n° ${request.id} de Noël ${request.lastName.toUpperCase()} est de nouveau à instruire.` });
      expect(await requests().findOneByOrFail({ id: request.id })).toMatchObject({ status: 'recue', complementReceivedDate: TODAY });
      expect(await completeAccessRequest(ctx.services(), ctx.clerk, request.id, { complementReceivedDate: TODAY }))
        .toMatchObject({ ok: false, message: "Cette demande n'a pas été déclarée incomplète : il n'y a pas de complément à enregistrer." });

      const audit = await auditOf(ctx.dataSource, 'AccessRequest', request.id);
      expect(audit.map((a) => [a.action, a.fromState, a.toState, a.reason])).toEqual([
        ['access-request.markIncomplete', 'recue', 'incomplete', 'signature-manquante'],
        ['access-request.complete', 'incomplete', 'recue', null],
      ]);
      expect(JSON.parse(audit[0].details!)).toMatchObject({ details: "Cachet de l'employeur absent" });
    });

    it('an unknown request is refused in French', async () => {
      expect(await markAccessRequestIncomplete(ctx.services(), ctx.instructor, 999999, { reasonCode: 'autre', details: 'x' }))
        .toEqual({ ok: false, message: "Cette demande d'accès n'existe pas (elle a peut-être été supprimée).", errors: [] });
    });
  });

  describe('refusal', () => {
    it('needs a reason; records the decision, the audit with the reason and the event; then nothing else is possible', async () => {
      const convention = await makeSignedConvention(ctx.dataSource);
      const request = await makeRequestRow(ctx.dataSource, convention.id);
      expect(await refuseAccessRequest(ctx.services(), ctx.instructor, request.id, { reason: '  ' }))
        .toMatchObject({ ok: false, message: 'Le motif du refus est obligatoire.', errors: [{ field: 'reason', message: 'Le motif du refus est obligatoire.' }] });
      const refused = await refuseAccessRequest(ctx.services(), ctx.instructor, request.id, { reason: 'Le poste ne justifie pas un accès aux dossiers allocataires.' });
      expect(refused).toMatchObject({ ok: true, message: `La demande n° ${request.id} de Noël ${request.lastName.toUpperCase()} est refusée. Motif : Le poste ne justifie pas un accès aux dossiers allocataires.` });
      expect(await requests().findOneByOrFail({ id: request.id })).toMatchObject({
        status: 'refusee', refusalReason: 'Le poste ne justifie pas un accès aux dossiers allocataires.', decidedById: ctx.instructor.staffUserId,
      });
      expect(events).toContainEqual({ type: 'access-request.refused', accessRequestId: request.id });
      expect((await auditOf(ctx.dataSource, 'AccessRequest', request.id)).map((a) => [a.action, a.fromState, a.toState, a.reason]))
        .toEqual([['access-request.refuse', 'recue', 'refusee', 'Le poste ne justifie pas un accès aux dossiers allocataires.']]);
      expect(await approveAccessRequest(ctx.services(), ctx.instructor, request.id))
        .toMatchObject({ ok: false, message: 'Une demande refusée ne peut plus être approuvée : le partenaire doit envoyer une nouvelle demande.' });
      expect(await refuseAccessRequest(ctx.services(), ctx.instructor, request.id, { reason: 'x' })).toMatchObject({ ok: false, message: 'Cette demande est déjà refusée.' });
      expect(await markAccessRequestIncomplete(ctx.services(), ctx.instructor, request.id, { reasonCode: 'autre', details: 'x' }))
        .toMatchObject({ ok: false, message: 'Une demande refusée ne peut plus être déclarée incomplète.' });
    });
  });

  describe('approval', () => {
    it('creates the habilitation (identifier, dates, CDD end), its letter, the audit rows and the event, in one transaction', async () => {
      const convention = await makeSignedConvention(ctx.dataSource, { habilitationCap: 5 });
      const recorded = await recordAccessRequest(ctx.services(), ctx.clerk, requestForm(convention.id, { lastName: 'Brisset', firstName: 'Maëlle', contractType: 'CDD', contractEndDate: '2027-08-31' }));
      if (!recorded.ok) throw new Error(recorded.message);
      const id = recorded.accessRequest.id;
      const result = await approveAccessRequest(ctx.services(), ctx.instructor, id);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const h = result.habilitation;
      expect(h.identifier).toMatch(/^CP78-\d{6}$/);
      expect(h).toMatchObject({
        conventionId: convention.id, accessRequestId: id, civility: 'Madame', lastName: 'Brisset', firstName: 'Maëlle', status: 'active',
        grantedDate: TODAY, endDate: '2027-08-31', accessCode: null, replacesId: null, passwordChangedDate: TODAY, nextPasswordChangeDate: addDays(TODAY, 90),
      });
      expect(result.message).toBe(`Demande approuvée : l’habilitation ${h.identifier} est délivrée à Maëlle BRISSET (convention n° ${convention.number}, profil T2) `
        + `jusqu’au 31 août 2027 (fin du CDD). Le courrier de notification (réf. ${result.letter!.reference}) est prêt à imprimer.`);
      expect(await requests().findOneByOrFail({ id })).toMatchObject({ status: 'approuvee', habilitationId: h.id, decidedById: ctx.instructor.staffUserId });
      expect(result.letter!).toMatchObject({ kind: 'habilitation-letter', subjectType: 'Habilitation', subjectId: h.id, registerYear: 2026, generatedById: ctx.instructor.staffUserId });
      expect(result.letter!.reference).toMatch(/^2026-\d{6}$/);
      expect(events).toContainEqual({ type: 'access-request.approved', accessRequestId: id, habilitationId: h.id, letterDocumentId: result.letter!.id });

      expect((await auditOf(ctx.dataSource, 'AccessRequest', id)).map((a) => [a.action, a.fromState, a.toState])).toEqual([
        ['access-request.record', null, 'recue'], ['access-request.approve', 'recue', 'approuvee'],
      ]);
      expect((await auditOf(ctx.dataSource, 'Habilitation', h.id)).map((a) => [a.action, a.toState, a.actorId])).toEqual([['habilitation.create', 'active', ctx.instructor.staffUserId]]);
      expect((await auditOf(ctx.dataSource, 'Document', result.letter!.id)).map((a) => a.action)).toEqual(['document.generate']);

      // Identifiers follow the named counter and are never reused.
      const next = await makeRequestRow(ctx.dataSource, convention.id);
      const second = await approveAccessRequest(ctx.services(), ctx.instructor, next.id);
      if (!second.ok) throw new Error(second.message);
      expect(Number(second.habilitation.identifier.slice(5))).toBe(Number(h.identifier.slice(5)) + 1);
      expect(await approveAccessRequest(ctx.services(), ctx.instructor, id)).toMatchObject({ ok: false, message: 'Cette demande est déjà approuvée.' });
      expect(await refuseAccessRequest(ctx.services(), ctx.instructor, id, { reason: 'x' }))
        .toMatchObject({ ok: false, message: "Une demande approuvée ne peut plus être refusée : révoquez l'habilitation si nécessaire." });
    });

    it('refuses with its own message each failed check, and changes nothing', async () => {
      const cases: Array<[string, () => Promise<number>, string]> = [
        ['convention not signed', async () => (await makeRequestRow(ctx.dataSource, (await makeSignedConvention(ctx.dataSource, { status: 'envoyee', effectiveDate: null })).id)).id,
          "La convention n'est pas active à la date de la décision."],
        ['convention ended', async () => (await makeRequestRow(ctx.dataSource, (await makeSignedConvention(ctx.dataSource, { status: 'denoncee', endDate: '2026-03-15' })).id)).id,
          "La convention n'est pas active à la date de la décision."],
        ['cap reached', async () => {
          const c = await makeSignedConvention(ctx.dataSource, { habilitationCap: 2 });
          await makeHabilitationRow(ctx.dataSource, c.id);
          await makeHabilitationRow(ctx.dataSource, c.id, { status: 'suspendue' });
          await makeHabilitationRow(ctx.dataSource, c.id, { status: 'revoquee' });
          return (await makeRequestRow(ctx.dataSource, c.id)).id;
        }, "Le nombre maximal d'habilitations de la convention est atteint (2 sur 2)."],
        ['same person active (accents and case folded)', async () => {
          const c = await makeSignedConvention(ctx.dataSource);
          await makeHabilitationRow(ctx.dataSource, c.id, { lastName: 'LEFEVRE', firstName: 'héléne', email: 'H.Lefevre@Ville.fr' });
          return (await makeRequestRow(ctx.dataSource, c.id, { lastName: 'Lefèvre', firstName: 'Hélène', email: 'h.lefevre@ville.fr' })).id;
        }, 'Cette personne a déjà une habilitation active sur cette convention.'],
        ['same person suspended', async () => {
          const c = await makeSignedConvention(ctx.dataSource);
          await makeHabilitationRow(ctx.dataSource, c.id, { lastName: 'Œuvray', firstName: 'Anaïs', email: 'anais@ville.fr', status: 'suspendue' });
          return (await makeRequestRow(ctx.dataSource, c.id, { lastName: 'oeuvray', firstName: 'ANAIS', email: 'anais@ville.fr' })).id;
        }, "Cette personne a une habilitation suspendue sur cette convention : réactivez-la plutôt que d'en créer une nouvelle."],
        ['user signature absent', async () => (await makeRequestRow(ctx.dataSource, (await makeSignedConvention(ctx.dataSource)).id, { userSigned: false })).id,
          "La signature de l'utilisateur précédée de « lu et approuvé » est absente."],
        ['employer signature absent', async () => (await makeRequestRow(ctx.dataSource, (await makeSignedConvention(ctx.dataSource)).id, { employerSigned: false })).id,
          "Le cachet et la signature de l'employeur précédés de « lu et approuvé » sont absents."],
        ['CDD without end date', async () => (await makeRequestRow(ctx.dataSource, (await makeSignedConvention(ctx.dataSource)).id, { contractType: 'CDD', contractEndDate: null })).id,
          'La date de fin du CDD est obligatoire.'],
        ['CDD already over', async () => (await makeRequestRow(ctx.dataSource, (await makeSignedConvention(ctx.dataSource)).id, { contractType: 'CDD', contractEndDate: '2026-11-20' })).id,
          'Le CDD est terminé à la date de la décision.'],
        ['access code of the profile', async () => (await makeRequestRow(ctx.dataSource, (await makeSignedConvention(ctx.dataSource, {}, 'T5')).id)).id,
          "Le profil de la convention demande un code d'accès : renseignez « Code bailleur »."],
      ];
      for (const [label, make, message] of cases) {
        const id = await make();
        const before = await habilitations().count();
        const result = await approveAccessRequest(ctx.services(), ctx.instructor, id);
        expect([label, result.ok, result.message]).toEqual([label, false, message]);
        expect(await habilitations().count()).toBe(before);
        expect((await requests().findOneByOrFail({ id })).status).toBe('recue');
        expect(await auditOf(ctx.dataSource, 'AccessRequest', id)).toEqual([]);
      }
    });

    it('lists every failed check at once', async () => {
      const c = await makeSignedConvention(ctx.dataSource, {}, 'T5');
      const request = await makeRequestRow(ctx.dataSource, c.id, { userSigned: false, employerSigned: false });
      const result = await approveAccessRequest(ctx.services(), ctx.instructor, request.id, { accessCode: ' ' });
      expect(result).toMatchObject({
        ok: false,
        message: "La signature de l'utilisateur précédée de « lu et approuvé » est absente.\n"
          + "Le cachet et la signature de l'employeur précédés de « lu et approuvé » sont absents.\n"
          + "Le profil de la convention demande un code d'accès : renseignez « Code bailleur ».",
        errors: [{ field: 'accessCode', message: "Le profil de la convention demande un code d'accès : renseignez « Code bailleur »." }],
      });
    });

    it('keeps the extra access code when the profile needs one', async () => {
      const c = await makeSignedConvention(ctx.dataSource, {}, 'T5');
      const request = await makeRequestRow(ctx.dataSource, c.id);
      const result = await approveAccessRequest(ctx.services(), ctx.instructor, request.id, { accessCode: ' BL-0457 ' });
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.habilitation).toMatchObject({ accessCode: 'BL-0457', endDate: null });
    });

    it('warns, without refusing, when the same person holds an active habilitation through another partner (preview and approval)', async () => {
      const elsewhere = await makeSignedConvention(ctx.dataSource, {}, 'T2', await makePartner(ctx.dataSource));
      const there = await makeHabilitationRow(ctx.dataSource, elsewhere.id, { lastName: 'GARÇON', firstName: 'Élise', email: 'elise.garcon@ccas.fr' });
      const c = await makeSignedConvention(ctx.dataSource);
      const request = await makeRequestRow(ctx.dataSource, c.id, { lastName: 'Garçon', firstName: 'Elise', email: 'elise.garcon@ville.fr' });
      const warning = `Attention : Elise GARÇON détient déjà une habilitation active chez un autre partenaire : ${there.identifier} `
        + `(Ville d'Essai`;

      const preview = await previewApproval(ctx.services(), ctx.instructor, request.id);
      expect(preview.ok).toBe(true);
      expect(preview.message).toContain(`Tous les contrôles sont satisfaits : une habilitation sera délivrée à Elise GARÇON au titre de la convention n° ${c.number} (profil T2), avec son courrier de notification.`);
      expect(preview.message).toContain(warning);
      expect(preview.message).toContain('Vérifiez qu’il s’agit bien d’un besoin distinct.');
      expect((await requests().findOneByOrFail({ id: request.id })).status).toBe('recue');

      const result = await approveAccessRequest(ctx.services(), ctx.instructor, request.id);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.warnings).toHaveLength(1);
      expect(result.message).toContain(warning);
      expect(result.message).not.toContain('même adresse électronique');
    });

    it('the preview lists the failed checks without writing anything', async () => {
      const c = await makeSignedConvention(ctx.dataSource, { status: 'envoyee', effectiveDate: null });
      const request = await makeRequestRow(ctx.dataSource, c.id, { employerSigned: false });
      expect(await previewApproval(ctx.services(), ctx.instructor, request.id)).toMatchObject({
        ok: false,
        message: "La convention n'est pas active à la date de la décision.\nLe cachet et la signature de l'employeur précédés de « lu et approuvé » sont absents.",
      });
      expect(await auditOf(ctx.dataSource, 'AccessRequest', request.id)).toEqual([]);
    });
  });

  describe('« double contrôle »', () => {
    it('when set, the agent who recorded the request may not approve nor refuse it; another agent may', async () => {
      const c = await makeSignedConvention(ctx.dataSource);
      const recorded = await recordAccessRequest(ctx.services(), ctx.instructor, requestForm(c.id));
      const other = await recordAccessRequest(ctx.services(), ctx.instructor, requestForm(c.id, { lastName: 'Noël', email: 'noel@ville.fr' }));
      if (!recorded.ok || !other.ok) throw new Error('recording failed');
      try {
        await setSettings(ctx.dataSource, { doubleCheck: true });
        const message = 'Double contrôle : vous avez enregistré cette demande, elle doit être décidée par un autre agent.';
        expect(await approveAccessRequest(ctx.services(), ctx.instructor, recorded.accessRequest.id)).toEqual({ ok: false, message, errors: [] });
        expect(await previewApproval(ctx.services(), ctx.instructor, recorded.accessRequest.id)).toEqual({ ok: false, message, errors: [] });
        expect(await refuseAccessRequest(ctx.services(), ctx.instructor, other.accessRequest.id, { reason: 'Doublon' })).toEqual({ ok: false, message, errors: [] });
        expect((await requests().findOneByOrFail({ id: recorded.accessRequest.id })).status).toBe('recue');
        // Returning it incomplete is not a decision.
        expect((await markAccessRequestIncomplete(ctx.services(), ctx.instructor, other.accessRequest.id, { reasonCode: 'coordonnees-incompletes' })).ok).toBe(true);

        expect((await approveAccessRequest(ctx.services(), ctx.secondInstructor, recorded.accessRequest.id)).ok).toBe(true);
      } finally {
        await setSettings(ctx.dataSource, { doubleCheck: false });
      }
      // Without the setting, the same agent may record and decide.
      const alone = await recordAccessRequest(ctx.services(), ctx.instructor, requestForm(c.id, { lastName: 'Seul', email: 'seul@ville.fr' }));
      if (!alone.ok) throw new Error(alone.message);
      expect((await approveAccessRequest(ctx.services(), ctx.instructor, alone.accessRequest.id)).ok).toBe(true);
    });
  });
});
