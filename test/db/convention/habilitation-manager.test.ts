// Designations of the responsable habilitations: a new one supersedes the current one in one
// transaction, the history is kept, and there is exactly one current designation per convention even
// when several agents (or two instances) record one at the same instant.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import {
  currentDesignation, designationHistory, recordDesignation,
} from '../../../src/domain/habilitation-manager/habilitation-manager.use-cases.js';
import { produceConventionDocument } from '../../../src/domain/documents/convention-documents.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { HabilitationManager } from '../../../src/entities/habilitation-manager.entity.js';
import { Scan } from '../../../src/entities/scan.entity.js';
import { auditOf, makeConventionRow, makeSignedConvention, openContext, uploadedPdf, type TestContext } from './support.js';
import { withSecondInstance } from '../../support/database.js';

const person = (conventionId: number, overrides: Record<string, unknown> = {}) => ({
  conventionId: String(conventionId), civility: 'Madame', lastName: 'Œuvray', firstName: 'Céline', address: '',
  phone: '01.30.87.20.11', fax: '', email: 'Celine.Oeuvray@Essai.fr', designationDate: '2026-10-01', isSignatory: 'false', ...overrides,
});

describe('recordDesignation', () => {
  const instances = withSecondInstance(openContext);
  let ctx: TestContext;
  let other: DataSource;
  beforeAll(() => { ({ ctx, other } = instances); });

  it('makes the first designation current, normalised, with its scan and audit row', async () => {
    const convention = await makeConventionRow(ctx.dataSource, { status: 'envoyee', sentDate: '2026-09-01' });
    const result = await recordDesignation(ctx.services(), ctx.actor, { ...person(convention.id), scan: uploadedPdf('designation.pdf') });
    if (!result.ok) throw new Error(result.message);
    expect(result.superseded).toBeNull();
    expect(result.designation).toMatchObject({
      conventionId: convention.id, currentFor: convention.id, endDate: null, phone: '01 30 87 20 11', email: 'celine.oeuvray@essai.fr',
      lastName: 'Œuvray', isSignatory: false, recordedById: ctx.actor.staffUserId,
    });
    expect(await ctx.dataSource.getRepository(Scan).findOneByOrFail({ id: result.designation.scanId! })).toMatchObject({ originalName: 'designation.pdf' });
    expect(result.message).toBe(`Madame Céline Œuvray est désignée responsable habilitations de la convention n° ${convention.number} à compter du 1er octobre 2026.`);
    expect((await auditOf(ctx.dataSource, 'HabilitationManager', result.designation.id)).map((a) => [a.action, a.toState]))
      .toEqual([['habilitation-manager.designate', 'en-fonction']]);
  });

  it('a new designation supersedes the current one (end date = new designation date) and keeps the history', async () => {
    const convention = await makeSignedConvention(ctx.dataSource);
    const first = await recordDesignation(ctx.services(), ctx.actor, person(convention.id, { designationDate: '2025-04-01' }));
    const second = await recordDesignation(ctx.services(), ctx.actor, person(convention.id, {
      civility: 'Monsieur', lastName: 'Gaëtan', firstName: 'François', email: 'francois.gaetan@essai.fr', designationDate: '2026-11-02', isSignatory: 'true',
    }));
    if (!first.ok || !second.ok) throw new Error('designation refused');
    expect(second.superseded).toMatchObject({ id: first.designation.id, currentFor: null, endDate: '2026-11-02' });
    expect(second.designation).toMatchObject({ currentFor: convention.id, isSignatory: true, endDate: null });
    expect(second.message).toContain('Il remplace Madame Céline Œuvray, dont la désignation prend fin le 2 novembre 2026.');
    expect((await currentDesignation(ctx.dataSource.manager, convention.id))?.id).toBe(second.designation.id);
    expect((await designationHistory(ctx.dataSource.manager, convention.id)).map((d) => [d.lastName, d.designationDate, d.endDate]))
      .toEqual([['Gaëtan', '2026-11-02', null], ['Œuvray', '2025-04-01', '2026-11-02']]);
    expect((await auditOf(ctx.dataSource, 'HabilitationManager', first.designation.id)).map((a) => [a.action, a.fromState, a.toState]))
      .toEqual([['habilitation-manager.designate', null, 'en-fonction'], ['habilitation-manager.supersede', 'en-fonction', 'remplace']]);
  });

  it('refuses in French: invalid fields, a date before the current designation, an ended convention', async () => {
    const convention = await makeSignedConvention(ctx.dataSource);
    const invalid = await recordDesignation(ctx.services(), ctx.actor, person(convention.id, { phone: '12', email: 'pas-une-adresse', designationDate: '2026-12-01' }));
    expect(invalid.ok).toBe(false);
    if (!invalid.ok) {
      expect(invalid.errors).toEqual(expect.arrayContaining([
        { field: 'phone', message: 'Numéro de téléphone invalide (10 chiffres commençant par 0, ou +33).' },
        { field: 'email', message: 'Adresse électronique invalide.' },
        { field: 'designationDate', message: 'Cette date ne peut pas être dans le futur.' },
      ]));
    }
    await recordDesignation(ctx.services(), ctx.actor, person(convention.id, { designationDate: '2026-06-01' }));
    const earlier = await recordDesignation(ctx.services(), ctx.actor, person(convention.id, { designationDate: '2026-05-01' }));
    expect(earlier).toMatchObject({ ok: false, message: 'La date de désignation ne peut pas précéder celle du responsable en fonction (Madame Céline Œuvray, désignation du 1er juin 2026).' });
    const ended = await makeSignedConvention(ctx.dataSource, '2024-03-15', { status: 'resiliee', endDate: '2026-02-01', endReason: 'x' });
    expect(await recordDesignation(ctx.services(), ctx.actor, person(ended.id)))
      .toMatchObject({ ok: false, message: `La convention n° ${ended.number} a pris fin le 1er février 2026 : on ne peut plus y désigner de responsable habilitations.` });
    expect(await ctx.dataSource.getRepository(HabilitationManager).count({ where: { conventionId: ended.id } })).toBe(0);
  });

  it('exactly one current designation when 6 are recorded at the same instant on two instances', async () => {
    const convention = await makeSignedConvention(ctx.dataSource);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => recordDesignation(
      { ...ctx.services(), dataSource: i % 2 ? other : ctx.dataSource },
      ctx.actor,
      person(convention.id, { lastName: `Responsable-${i}`, email: `responsable.${i}@essai.fr` }),
    )));
    const rows = await ctx.dataSource.getRepository(HabilitationManager).find({ where: { conventionId: convention.id } });
    const current = rows.filter((r) => r.currentFor !== null);
    expect(current).toHaveLength(1);
    // Every recorded designation but the current one was superseded (end date set): none is lost.
    expect(rows.filter((r) => r.currentFor === null).every((r) => r.endDate === '2026-10-01')).toBe(true);
    const succeeded = results.filter((r) => r.ok);
    expect(rows).toHaveLength(succeeded.length);
    for (const refused of results.filter((r) => !r.ok)) {
      expect(refused.message).toBe('Une autre désignation vient d’être enregistrée pour cette convention au même moment : '
        + 'rechargez la page, vérifiez le responsable en fonction et recommencez si nécessaire.');
    }
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
  });

  describe('the printed reference RH-… (one paper recorded once)', () => {
    const printDesignationForm = async (conventionId: number) => {
      const printed = await produceConventionDocument(ctx.services(), ctx.actor, conventionId, 'manager-designation-form');
      if (!printed.ok) throw new Error(printed.message);
      return printed.document.reference!;
    };

    it('is stored with the designation and names its convention; another convention or an unknown reference is refused', async () => {
      const convention = await makeSignedConvention(ctx.dataSource);
      const reference = await printDesignationForm(convention.id);
      // Typed loosely and without the convention: the reference names it.
      const result = await recordDesignation(ctx.services(), ctx.actor, { ...person(convention.id), conventionId: '', formReference: ` ${reference.toLowerCase()} ` });
      if (!result.ok) throw new Error(result.message);
      expect(result.designation).toMatchObject({ conventionId: convention.id, currentFor: convention.id, formReference: reference });
      const journal = await ctx.dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'habilitation-manager.designate', entityId: String(result.designation.id) });
      expect(JSON.parse(String(journal.details))).toMatchObject({ formReference: reference });

      const other = await makeSignedConvention(ctx.dataSource);
      const elsewhere = await recordDesignation(ctx.services(), ctx.actor, { ...person(other.id), formReference: await printDesignationForm(convention.id) });
      expect(elsewhere.ok ? [] : elsewhere.errors).toEqual([{ field: 'formReference', message: expect.stringContaining(`imprimé pour la convention n° ${convention.number}`) }]);
      const unknown = await recordDesignation(ctx.services(), ctx.actor, { ...person(other.id), conventionId: '', formReference: 'RH-2001-000001' });
      expect(unknown.ok ? [] : unknown.errors).toEqual([{
        field: 'formReference', message: 'Aucun formulaire de désignation imprimé ne porte la référence RH-2001-000001 : vérifiez la saisie ou choisissez la convention.',
      }]);
      expect(await ctx.dataSource.getRepository(HabilitationManager).countBy({ conventionId: other.id })).toBe(0);
    });

    it('recorded a second time, the paper is refused in French and the responsable in office stays', async () => {
      const convention = await makeSignedConvention(ctx.dataSource);
      const reference = await printDesignationForm(convention.id);
      const first = await recordDesignation(ctx.services(), ctx.actor, { ...person(convention.id), formReference: reference });
      if (!first.ok) throw new Error(first.message);
      const again = await recordDesignation(ctx.services(), ctx.actor, { ...person(convention.id, { lastName: 'Doublon' }), formReference: reference });
      expect(again).toEqual({
        ok: false, message: 'Le formulaire contient des erreurs : corrigez les champs signalés.',
        errors: [{ field: 'formReference', message: `Le formulaire ${reference} est déjà enregistré (désignation n° ${first.designation.id}).` }],
      });
      expect(await currentDesignation(ctx.dataSource.manager, convention.id)).toMatchObject({ id: first.designation.id, endDate: null });
    });

    it('two instances recording the same paper at the same instant: one designation, the others refused in French, nobody superseded by a duplicate', async () => {
      const convention = await makeSignedConvention(ctx.dataSource);
      const inOffice = await recordDesignation(ctx.services(), ctx.actor, person(convention.id, { lastName: 'En-fonction', designationDate: '2026-09-01' }));
      if (!inOffice.ok) throw new Error(inOffice.message);
      const reference = await printDesignationForm(convention.id);
      const results = await Promise.all(Array.from({ length: 6 }, (_, i) => recordDesignation(
        { ...ctx.services(), dataSource: i % 2 ? other : ctx.dataSource },
        ctx.actor,
        { ...person(convention.id, { lastName: `Responsable-${i}`, email: `meme.papier.${i}@essai.fr` }), formReference: reference, scan: uploadedPdf(`designation-${i}.pdf`) },
      )));

      const keyed = await ctx.dataSource.getRepository(HabilitationManager).find({ where: { formReference: reference } });
      expect(keyed).toHaveLength(1);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      for (const refused of results.filter((r) => !r.ok)) {
        expect(refused.ok ? [] : refused.errors).toEqual([{ field: 'formReference', message: `Le formulaire ${reference} est déjà enregistré (désignation n° ${keyed[0].id}).` }]);
      }
      // The paper superseded the responsable in office once; no duplicate superseded it in turn.
      const rows = await designationHistory(ctx.dataSource.manager, convention.id);
      expect(rows.map((r) => [r.id, r.currentFor])).toEqual([[keyed[0].id, convention.id], [inOffice.designation.id, null]]);
      expect(await ctx.dataSource.getRepository(AuditEvent).countBy({ action: 'habilitation-manager.supersede', entityId: String(inOffice.designation.id) })).toBe(1);
    });
  });
});
