// The documents of a convention on a real database: a Document row per generation (kind, subject,
// reference or register number, SHA-256, stored file), the PDF's text carries the record's data, the
// refusals are French, and each generation is audited.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  conventionDocumentRefusal, generateConventionDocument, produceConventionDocument, produceSuppressionFormForHabilitation,
} from '../../../src/domain/documents/convention-documents.js';
import { fixedClock } from '../../../src/domain/shared/clock.js';
import { Document } from '../../../src/entities/document.entity.js';
import { Partner } from '../../../src/entities/partner.entity.js';
import { normalizeSpaces, pdfText } from '../../support/pdf-text.js';
import { auditOf, makeConventionRow, makeHabilitationRow, makeSignedConvention, NOW, openContext, type TestContext } from './support.js';

describe('convention documents', () => {
  let ctx: TestContext;
  beforeAll(async () => { ctx = await openContext(); });
  afterAll(async () => { await ctx?.close(); });

  const textOf = async (document: Document) => (await pdfText(await ctx.storage.read(document.storagePath))).flat;

  it('cover letter: register number, the pack’s enclosures, signed by the director', async () => {
    const c = await makeConventionRow(ctx.dataSource);
    const partner = await ctx.dataSource.getRepository(Partner).findOneByOrFail({ id: c.partnerId });
    const result = await produceConventionDocument(ctx.services(), ctx.actor, c.id, 'cover-letter');
    if (!result.ok) throw new Error(result.message);
    const { document } = result;
    expect(document).toMatchObject({ kind: 'cover-letter', subjectType: 'Convention', subjectId: c.id, registerYear: 2026, generatedById: ctx.actor.staffUserId });
    expect(document.reference).toBe(`2026-${String(document.registerNumber).padStart(6, '0')}`);
    const file = await ctx.storage.read(document.storagePath);
    expect(document.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    expect(document.size).toBe(file.length);
    const text = await textOf(document);
    for (const phrase of [
      `N/Réf. : ${document.reference}`, 'Je vous prie de bien vouloir trouver, ci-joint', partner.name, `${c.number}`,
      'Elodie CLAIR', 'Laurence Descombes', 'le 23 novembre 2026',
    ]) expect(text).toContain(phrase);
    expect((await auditOf(ctx.dataSource, 'Document', document.id))[0]).toMatchObject({ action: 'document.generate', actorId: ctx.actor.staffUserId });
  });

  it('the convention in two copies, with the profile annex and the « partage des données » annex (T2)', async () => {
    const c = await makeConventionRow(ctx.dataSource, { status: 'envoyee', sentDate: '2026-11-02' });
    const result = await produceConventionDocument(ctx.services(), ctx.actor, c.id, 'convention');
    if (!result.ok) throw new Error(result.message);
    const parsed = await pdfText(await ctx.storage.read(result.document.storagePath));
    for (const phrase of ['Convention de service', c.number, 'PROFIL T2', 'Partage des données dans le domaine social', 'Article 5', 'Françoise Lecœur']) {
      expect(parsed.flat).toContain(phrase);
    }
    expect(parsed.flat).toContain('Exemplaire 1/2');
    expect(parsed.flat).toContain('Exemplaire 2/2');
    expect(parsed.flat).toContain('Modèle d’information des personnes');
    // The footer of every page names the convention by its number, never by an internal key.
    for (const page of parsed.pages) expect(normalizeSpaces(page)).toContain(`Réf. ${c.number}`);
    expect(parsed.flat).not.toMatch(/convention-Convention|Réf\. convention-/);
    expect(result.document.reference).toBeNull();
  });

  it('each pre-filled form gets a new printed reference DA/RH/DS-YYYY-NNNNNN, its SIRET and convention number', async () => {
    const c = await makeSignedConvention(ctx.dataSource);
    const partner = await ctx.dataSource.getRepository(Partner).findOneByOrFail({ id: c.partnerId });
    const siret = `${partner.siret.slice(0, 3)} ${partner.siret.slice(3, 6)} ${partner.siret.slice(6, 9)} ${partner.siret.slice(9)}`;
    const references: string[] = [];
    for (const [kind, prefix] of [['access-request-form', 'DA'], ['manager-designation-form', 'RH'], ['suppression-request-form', 'DS'], ['access-request-form', 'DA']] as const) {
      const result = await produceConventionDocument(ctx.services(), ctx.actor, c.id, kind);
      if (!result.ok) throw new Error(result.message);
      expect(result.document.reference).toMatch(new RegExp(`^${prefix}-2026-\\d{6}$`));
      expect(result.document.registerNumber).toBeNull();
      const text = await textOf(result.document);
      expect(text).toContain(result.document.reference!);
      expect(text).toContain(partner.name);
      if (kind !== 'manager-designation-form') expect(text).toContain(c.number);
      if (kind === 'manager-designation-form') expect(text).toContain(siret);
      references.push(result.document.reference!);
    }
    expect(new Set(references).size).toBe(4);
  });

  it('suppression form from a habilitation: the person is printed and the habilitation is the subject', async () => {
    const c = await makeSignedConvention(ctx.dataSource);
    const h = await makeHabilitationRow(ctx.dataSource, c.id, { lastName: 'Garçon', firstName: 'Zoé', position: 'Conseillère en économie sociale' });
    const result = await produceSuppressionFormForHabilitation(ctx.services(), ctx.actor, h.id, '2026-12-01');
    if (!result.ok) throw new Error(result.message);
    expect(result.document).toMatchObject({ kind: 'suppression-request-form', subjectType: 'Habilitation', subjectId: h.id });
    const text = await textOf(result.document);
    for (const phrase of ['Garçon', 'Zoé', h.identifier, 'Conseillère en économie sociale', 'à compter de : 01/12/2026']) expect(text).toContain(phrase);
    // The printed date is kept with the document: typing its reference brings it back (form-references.ts).
    expect(result.document.effectiveFrom).toBe('2026-12-01');
    // By identifier, from the convention: same person; an identifier of another convention is refused.
    const byIdentifier = await produceConventionDocument(ctx.services(), ctx.actor, c.id, 'suppression-request-form', { habilitationIdentifier: h.identifier.toLowerCase() });
    expect(byIdentifier).toMatchObject({ ok: true, document: { subjectType: 'Habilitation', subjectId: h.id } });
    const elsewhere = await makeHabilitationRow(ctx.dataSource, (await makeSignedConvention(ctx.dataSource)).id);
    expect(await produceConventionDocument(ctx.services(), ctx.actor, c.id, 'suppression-request-form', { habilitationIdentifier: elsewhere.identifier }))
      .toMatchObject({ ok: false, message: `Aucune habilitation « ${elsewhere.identifier} » n’existe sous la convention n° ${c.number}.` });
  });

  it('termination letter: dénonciation (late notice, deferred) and résiliation, with the article, reason and end date', async () => {
    const late = await makeSignedConvention(ctx.dataSource, '2024-03-15', {
      status: 'denoncee', noticeParty: 'partenaire', noticeReceivedDate: '2026-01-16', endDate: '2027-03-15', endReason: 'Fin du service « petite enfance »',
    });
    await makeHabilitationRow(ctx.dataSource, late.id);
    const denunciation = await produceConventionDocument(ctx.services(), ctx.actor, late.id, 'termination-letter');
    if (!denunciation.ok) throw new Error(denunciation.message);
    const text = await textOf(denunciation.document);
    for (const phrase of [
      `Dénonciation de la convention Cafpro n° ${late.number}`, 'Par courrier reçu le 16 janvier 2026', 'le 15 mars 2027',
      'elle prend effet à l’échéance suivante', 'Fin du service « petite enfance »', 'Article 5', '1 habilitation active',
    ]) expect(text).toContain(phrase);

    const terminated = await makeSignedConvention(ctx.dataSource, '2025-03-15', { status: 'resiliee', endDate: '2026-12-01', endReason: 'Consultations sans lien avec la mission' });
    const resiliation = await produceConventionDocument(ctx.services(), ctx.actor, terminated.id, 'termination-letter');
    if (!resiliation.ok) throw new Error(resiliation.message);
    const text2 = await textOf(resiliation.document);
    for (const phrase of [`Résiliation de la convention Cafpro n° ${terminated.number}`, 'Article 4', 'avec effet au 1er décembre 2026', 'Consultations sans lien avec la mission']) {
      expect(text2).toContain(phrase);
    }
  });

  it('renewal notice from a convention: once per anniversary', async () => {
    const c = await makeSignedConvention(ctx.dataSource, '2025-01-10');
    await makeHabilitationRow(ctx.dataSource, c.id, { lastName: 'Bénédicte', firstName: 'Anaïs' });
    const first = await produceConventionDocument(ctx.services(), ctx.actor, c.id, 'renewal-notice');
    const second = await produceConventionDocument(ctx.services(), ctx.actor, c.id, 'renewal-notice');
    if (!first.ok || !second.ok) throw new Error('refused');
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, document: { id: first.document.id } });
    expect(second.message).toContain('avait déjà été produit');
    expect(first.document.dedupeKey).toBe(`renewal-notice:${c.id}:2027-01-10`);
    const text = await textOf(first.document);
    for (const phrase of ['arrive à sa date anniversaire le 10 janvier 2027', 'le dernier jour pour dénoncer la convention est le 10 novembre 2026', 'Bénédicte', 'Anaïs']) {
      expect(text).toContain(phrase);
    }
  });

  it('refuses in French what the convention’s state does not allow', async () => {
    const draft = await makeConventionRow(ctx.dataSource);
    expect(await produceConventionDocument(ctx.services(), ctx.actor, draft.id, 'termination-letter'))
      .toMatchObject({ ok: false, message: 'Le courrier de fin de convention suppose une dénonciation ou une résiliation enregistrée.' });
    expect(await produceConventionDocument(ctx.services(), ctx.actor, draft.id, 'renewal-notice'))
      .toMatchObject({ ok: false, message: 'L’avis de reconduction ne concerne qu’une convention signée et non dénoncée.' });
    const signed = await makeSignedConvention(ctx.dataSource);
    expect(await produceConventionDocument(ctx.services(), ctx.actor, signed.id, 'cover-letter'))
      .toMatchObject({ ok: false, message: 'Le courrier d’envoi accompagne la convention à signer : cette convention a déjà été signée ou a pris fin.' });
    const ended = await makeSignedConvention(ctx.dataSource, '2024-03-15', { status: 'denoncee', noticeParty: 'caf', noticeReceivedDate: '2025-01-02', endDate: '2025-03-15', endReason: 'x' });
    expect(conventionDocumentRefusal('access-request-form', ended, '2026-11-23')).toBe(`La convention n° ${ended.number} a pris fin le 15 mars 2025 : ce document n’a plus d’objet.`);
    expect(await produceConventionDocument(ctx.services(), ctx.actor, 424242, 'convention'))
      .toMatchObject({ ok: false, message: "Cette convention n'existe pas (elle a peut-être été supprimée)." });
    const documents = await ctx.dataSource.getRepository(Document).count({ where: { subjectId: draft.id, subjectType: 'Convention' } });
    expect(documents).toBe(0);
  });

  it('regenerating from the same data gives the same text', async () => {
    const c = await makeSignedConvention(ctx.dataSource);
    const clock = fixedClock(NOW);
    const a = await ctx.dataSource.transaction((m) => generateConventionDocument(m, ctx.storage, ctx.actor, c.id, 'convention', clock.now()));
    const b = await ctx.dataSource.transaction((m) => generateConventionDocument(m, ctx.storage, ctx.actor, c.id, 'convention', clock.now()));
    if (!a.ok || !b.ok) throw new Error('refused');
    expect(await textOf(b.document)).toBe(await textOf(a.document));
  });
});
