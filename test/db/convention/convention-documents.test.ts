// The documents of a convention on a real database: a Document row per generation (kind, subject,
// reference or register number, SHA-256, stored file), the PDF's text carries the record's data, the
// refusals are French, and each generation is audited.
import { parametersOf } from '../../../src/domain/documents/document-archive.js';
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

  const textOf = async (document: Document) => (await pdfText(await ctx.storage.read(document))).flat;

  it('cover letter: register number, the pack’s enclosures, signed by the director', async () => {
    const c = await makeConventionRow(ctx.dataSource);
    const partner = await ctx.dataSource.getRepository(Partner).findOneByOrFail({ id: c.partnerId });
    const result = await produceConventionDocument(ctx.services(), ctx.actor, c.id, 'cover-letter');
    if (!result.ok) throw new Error(result.message);
    const { document } = result;
    expect(document).toMatchObject({ kind: 'cover-letter', subjectType: 'Convention', subjectId: c.id, registerYear: 2026, generatedById: ctx.actor.staffUserId });
    expect(document.reference).toBe(`2026-${String(document.registerNumber).padStart(6, '0')}`);
    const file = await ctx.storage.read(document);
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
    const parsed = await pdfText(await ctx.storage.read(result.document));
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
    expect(parametersOf(result.document).effectiveFrom).toBe('2026-12-01');
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
    // Produced on 23 November, after the last day (10 November): it says so and gives the next one.
    const text = await textOf(first.document);
    for (const phrase of [
      'arrive à sa date anniversaire le 10 janvier 2027', 'Le délai pour dénoncer la convention à cette échéance a pris fin le 10 novembre 2026',
      'le dernier jour pour dénoncer la convention à cette échéance est le 10 novembre 2027.', 'Bénédicte', 'Anaïs',
    ]) expect(text).toContain(phrase);
    expect(text).not.toContain('le dernier jour pour dénoncer la convention est le 10 novembre 2026');
  });

  it('renewal notice: active and suspended habilitations in French alphabetical order, « suspendue » marked, not the revoked ones', async () => {
    const c = await makeSignedConvention(ctx.dataSource, '2025-03-21');
    for (const [lastName, status] of [['Zola', 'active'], ['Écuyer', 'active'], ['Chevalier', 'active'], ['Château', 'suspendue'], ['Dupont', 'revoquee']] as const) {
      await makeHabilitationRow(ctx.dataSource, c.id, { lastName, firstName: 'Noé', status });
    }
    const result = await produceConventionDocument(ctx.services(), ctx.actor, c.id, 'renewal-notice');
    if (!result.ok) throw new Error(result.message);
    const text = await textOf(result.document);
    expect(text).toContain('le dernier jour pour dénoncer la convention est le 21 janvier 2027.');
    expect(text).toContain('la liste des 4 habilitations (3 actives, 1 suspendue) au titre de cette convention');
    expect(text).toMatch(/Château Noé Assistante sociale CP78-\d+ suspendue 01\/04\/2025/);
    const order = ['Château', 'Chevalier', 'Écuyer', 'Zola'].map((name) => text.indexOf(`${name} Noé`));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(text).not.toContain('Dupont');
  });

  it('termination letter produced after the end date speaks in the past tense', async () => {
    const c = await makeSignedConvention(ctx.dataSource, '2024-11-01', {
      status: 'denoncee', noticeParty: 'partenaire', noticeReceivedDate: '2025-08-20', endDate: '2026-11-01', endReason: 'Fin de la mission',
    });
    const result = await produceConventionDocument(ctx.services(), ctx.actor, c.id, 'termination-letter');
    if (!result.ok) throw new Error(result.message);
    const text = await textOf(result.document);
    for (const phrase of ['la convention a pris fin à sa date anniversaire, le 1er novembre 2026.', 'ont été révoquées le 1er novembre 2026']) expect(text).toContain(phrase);
    for (const future of ['prendra fin', 'seront révoquées']) expect(text).not.toContain(future);
  });

  describe('a data-provision convention (profile MAD)', () => {
    it('prints its own convention: the paper’s articles, the data of its profile, the Caf’s contact as recipient of the file', async () => {
      const c = await makeConventionRow(ctx.dataSource, { status: 'envoyee', sentDate: '2026-11-02' }, 'MAD');
      expect(c.kind).toBe('data-provision');
      const result = await produceConventionDocument(ctx.services(), ctx.actor, c.id, 'convention');
      if (!result.ok) throw new Error(result.message);
      const parsed = await pdfText(await ctx.storage.read(result.document));
      for (const phrase of [
        'CONVENTION DE MISE À DISPOSITION DE DONNÉES', c.number, 'ci-après dénommé « le fournisseur de données »',
        "– le nom ; – le prénom ; – l'adresse physique ; – le numéro de téléphone.", 'Article 3 : Durée et résiliation de la convention',
        'délai de préavis de trois mois', 'Le fichier de données en format « csv » est fourni à l’adresse suivante : Caf des Yvelines Laurence Descombes',
        'Article 6 : Exécution formelle de la convention', 'Françoise Lecœur', 'Elodie CLAIR', 'Exemplaire 2/2',
      ]) expect(parsed.flat).toContain(phrase);
      for (const cafproOnly of [/Profil d’accès/, /habilitation/i, /Cafpro/, /Diffusion restreinte/]) expect(parsed.flat).not.toMatch(cafproOnly);
    });

    it('refuses the Cafpro forms in French and prints nothing', async () => {
      const c = await makeSignedConvention(ctx.dataSource, '2025-05-20', {}, 'MAD');
      const refusals = {
        'access-request-form': 'aucune demande d’accès ne peut être faite à son titre.',
        'manager-designation-form': 'aucun responsable habilitations n’y est désigné.',
        'suppression-request-form': 'aucun accès n’y est à supprimer.',
      } as const;
      for (const [kind, end] of Object.entries(refusals) as Array<[keyof typeof refusals, string]>) {
        expect(await produceConventionDocument(ctx.services(), ctx.actor, c.id, kind)).toMatchObject({
          ok: false, message: `La convention n° ${c.number} est une convention de mise à disposition de données : elle ne donne aucun accès à Cafpro : ${end}`,
        });
      }
      expect(await ctx.dataSource.getRepository(Document).count({ where: { subjectType: 'Convention', subjectId: c.id } })).toBe(0);
    });

    it('renewal notice and termination letter speak of data provision: article 3, three months, no habilitation', async () => {
      const c = await makeSignedConvention(ctx.dataSource, '2025-05-20', {}, 'MAD');
      await makeHabilitationRow(ctx.dataSource, c.id, { lastName: 'Égarée' }); // never listed under such a convention
      const notice = await produceConventionDocument(ctx.services(), ctx.actor, c.id, 'renewal-notice');
      if (!notice.ok) throw new Error(notice.message);
      const text = await textOf(notice.document);
      for (const phrase of [
        `Avis de reconduction de la convention de mise à disposition de données n° ${c.number}`, 'Conformément à son article 3',
        'le dernier jour pour résilier la convention est le 20 février 2027.', 'au minimum une fois par mois (article 4 de la convention)',
      ]) expect(text).toContain(phrase);
      for (const cafproOnly of [/habilitation/i, /Égarée/, /Cafpro/, /À conserver/]) expect(text).not.toMatch(cafproOnly);

      const ended = await makeSignedConvention(ctx.dataSource, '2025-05-20', {
        status: 'denoncee', noticeParty: 'partenaire', noticeReceivedDate: '2026-11-02', endDate: '2027-05-20', endReason: 'Fin de la publication sur mon-enfant.fr',
      }, 'MAD');
      const letter = await produceConventionDocument(ctx.services(), ctx.actor, ended.id, 'termination-letter');
      if (!letter.ok) throw new Error(letter.message);
      const letterText = await textOf(letter.document);
      for (const phrase of [
        `Résiliation à l’échéance annuelle de la convention de mise à disposition de données n° ${ended.number}`,
        'Par courrier reçu le 2 novembre 2026, vous avez résilié', 'Article 3 – Durée et résiliation de la convention',
        'retirées du site « mon-enfant.fr » à compter du 20 mai 2027.', 'Fin de la publication sur mon-enfant.fr',
      ]) expect(letterText).toContain(phrase);
      for (const cafproOnly of [/habilitation/i, /Cafpro/, /Article 5/]) expect(letterText).not.toMatch(cafproOnly);
    });
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
