// Typing or scanning the reference printed on a returned form finds its Document and what to open.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { produceConventionDocument, produceSuppressionFormForHabilitation } from '../../../src/domain/documents/convention-documents.js';
import { lookupReference, normalizeReference } from '../../../src/domain/documents/form-references.js';
import { recordDesignation } from '../../../src/domain/habilitation-manager/habilitation-manager.use-cases.js';
import { AccessRequest } from '../../../src/entities/access-request.entity.js';
import { accessRequestPayload, managerPayload } from '../../support/factories.js';
import { makeHabilitationRow, makeSignedConvention, openContext, type TestContext } from './support.js';

describe('normalizeReference', () => {
  it.each([
    ['DA-2026-000123', 'DA-2026-000123'],
    ['  da-2026-000123 ', 'DA-2026-000123'],
    ['DA 2026 000123', 'DA-2026-000123'],
    ['rh2026000042', 'RH-2026-000042'],
    ['ds–2026–7', 'DS-2026-000007'],
    ['https://cafpro.caf.fr/r/DS-2026-000321', 'DS-2026-000321'],
    ['Réf. formulaire : DA-2027-001000', 'DA-2027-001000'],
    ['2026-000045', '2026-000045'],
  ])('%s → %s', (typed, expected) => {
    expect(normalizeReference(typed)).toBe(expected);
  });

  it.each(['', 'bonjour', 'XX-2026-000123'])('« %s » is not a reference', (typed) => {
    expect(normalizeReference(typed)).toBeNull();
  });
});

describe('lookupReference', () => {
  let ctx: TestContext;
  beforeAll(async () => { ctx = await openContext(); });
  afterAll(async () => { await ctx?.close(); });

  const produce = async (conventionId: number, kind: 'access-request-form' | 'manager-designation-form' | 'suppression-request-form' | 'cover-letter') => {
    const result = await produceConventionDocument(ctx.services(), ctx.actor, conventionId, kind);
    if (!result.ok) throw new Error(result.message);
    return result.document;
  };

  it('DA → a new access request pre-filled with its convention, then the request keyed from it', async () => {
    const c = await makeSignedConvention(ctx.dataSource);
    const form = await produce(c.id, 'access-request-form');
    const typed = form.reference!.toLowerCase().replace(/-/g, ' ');
    const found = await lookupReference(ctx.dataSource.manager, typed);
    expect(found).toMatchObject({
      ok: true, reference: form.reference, document: { id: form.id },
      target: { kind: 'new', resource: 'AccessRequest', params: { conventionId: String(c.id), formReference: form.reference } },
    });
    expect(found.message).toBe(`Demande d’accès ${form.reference} : nouvelle demande pré-remplie pour la convention ${c.number}.`);
    const keyed = await ctx.dataSource.getRepository(AccessRequest).save({ ...accessRequestPayload(c.id), formReference: form.reference, status: 'recue' } as Partial<AccessRequest>);
    expect(await lookupReference(ctx.dataSource.manager, form.reference!))
      .toMatchObject({ ok: true, target: { kind: 'record', resource: 'AccessRequest', recordId: keyed.id } });
  });

  it('RH → a new designation for its convention, then the designation keyed from it (never a second blank one)', async () => {
    const c = await makeSignedConvention(ctx.dataSource);
    const form = await produce(c.id, 'manager-designation-form');
    expect(await lookupReference(ctx.dataSource.manager, form.reference!))
      .toMatchObject({ ok: true, target: { kind: 'new', resource: 'HabilitationManager', params: { conventionId: String(c.id), formReference: form.reference } } });
    const recorded = await recordDesignation(ctx.services(), ctx.actor, { ...managerPayload(c.id), formReference: form.reference });
    if (!recorded.ok) throw new Error(recorded.message);
    const found = await lookupReference(ctx.dataSource.manager, form.reference!);
    expect(found).toMatchObject({ ok: true, target: { kind: 'record', resource: 'HabilitationManager', recordId: recorded.designation.id } });
    expect(found.message).toBe(`La désignation ${form.reference} (convention ${c.number}) est déjà enregistrée : la voici.`);
  });

  it('DS → a new suppression request with what the form printed: its convention (blank form), or the habilitation, and the « à compter de » date', async () => {
    const c = await makeSignedConvention(ctx.dataSource);
    const blank = await produce(c.id, 'suppression-request-form');
    expect(await lookupReference(ctx.dataSource.manager, blank.reference!))
      .toMatchObject({ ok: true, target: { kind: 'new', resource: 'SuppressionRequest', params: { conventionId: String(c.id), formReference: blank.reference } } });
    const h = await makeHabilitationRow(ctx.dataSource, c.id, { position: 'Référente RSA' });
    const personal = await produceSuppressionFormForHabilitation(ctx.services(), ctx.actor, h.id, '2026-12-31');
    if (!personal.ok) throw new Error(personal.message);
    const found = await lookupReference(ctx.dataSource.manager, `QR:${personal.document.reference}`);
    expect(found).toMatchObject({
      ok: true,
      target: {
        kind: 'new', resource: 'SuppressionRequest',
        params: { habilitationId: String(h.id), position: 'Référente RSA', effectiveDate: '2026-12-31', formReference: personal.document.reference },
      },
    });
    expect(found.message).toContain(h.identifier);
    // A form printed without a date leaves « à compter de » to the agent.
    const undated = await produceSuppressionFormForHabilitation(ctx.services(), ctx.actor, h.id);
    if (!undated.ok) throw new Error(undated.message);
    const params = (await lookupReference(ctx.dataSource.manager, undated.document.reference!)) as { target: { params: Record<string, string> } };
    expect(params.target.params).not.toHaveProperty('effectiveDate');
  });

  it('a letter’s reference opens its Document; unknown or unreadable references are refused in French', async () => {
    const c = await makeSignedConvention(ctx.dataSource, '2025-01-10', { status: 'envoyee' });
    const letter = await produce(c.id, 'cover-letter');
    expect(await lookupReference(ctx.dataSource.manager, letter.reference!))
      .toMatchObject({ ok: true, target: { kind: 'record', resource: 'Document', recordId: letter.id } });
    expect(await lookupReference(ctx.dataSource.manager, 'DA-2019-999999'))
      .toMatchObject({ ok: false, message: 'Aucun document produit par le back-office ne porte la référence DA-2019-999999. Vérifiez la saisie.' });
    expect(await lookupReference(ctx.dataSource.manager, 'n’importe quoi'))
      .toMatchObject({ ok: false, errors: [{ field: 'reference' }] });
  });
});
