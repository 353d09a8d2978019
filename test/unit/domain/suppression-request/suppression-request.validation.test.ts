import { describe, expect, it } from '@jest/globals';
import {
  isSuppressionRequestEditable, SUPPRESSION_REQUEST_MESSAGES, validateSuppressionRequest, type SuppressionRequestLookups,
} from '../../../../src/domain/suppression-request/suppression-request.validation.js';

const TODAY = '2026-11-23';
const cafpro = { number: '78/2026/0003AS – T2', kind: 'cafpro' } as const;
const habilitations = {
  1: { status: 'active', grantedDate: '2026-02-01', convention: cafpro },
  2: { status: 'revoquee', grantedDate: '2025-02-01', convention: cafpro },
  3: { status: 'suspendue', grantedDate: '2026-03-01', convention: cafpro },
  // recorded by mistake under a data-provision convention
  4: { status: 'active', grantedDate: '2026-02-01', convention: { number: '78/2026/0006AS – MAD', kind: 'data-provision' } },
} as const;
const lookups: SuppressionRequestLookups = {
  habilitation: async (id) => habilitations[id as 1 | 2 | 3 | 4] ?? null,
  pendingRequest: async (habilitationId, exceptId) => (habilitationId === 3 && exceptId !== 12 ? { id: 12 } : null),
  keyedWith: async (reference) => (reference === 'DS-2026-000777' ? 9 : null),
};
const form = { habilitationId: '1', formReference: '', position: 'Assistante sociale', effectiveDate: '2026-12-15', receivedDate: '2026-11-10', employerSigned: 'true' };
const errorsOf = (result: unknown) => (Array.isArray(result) ? Object.fromEntries(result.map((e) => [e.field, e.message])) : {});

describe('validateSuppressionRequest', () => {
  it('records the paper form; the effective date may be in the future (revocation scheduled)', async () => {
    expect(await validateSuppressionRequest(form, TODAY, lookups)).toEqual({
      habilitationId: 1, formReference: null, position: 'Assistante sociale', effectiveDate: '2026-12-15', receivedDate: '2026-11-10', employerSigned: true,
    });
  });

  it('refuses a printed reference already recorded', async () => {
    expect(errorsOf(await validateSuppressionRequest({ ...form, formReference: 'ds-2026-000777' }, '2026-11-23', lookups)))
      .toEqual({ formReference: SUPPRESSION_REQUEST_MESSAGES.referenceKeyed('DS-2026-000777', 9) });
  });

  it('requires the habilitation, the fonction and both dates', async () => {
    expect(errorsOf(await validateSuppressionRequest({}, TODAY, lookups))).toEqual({
      habilitationId: SUPPRESSION_REQUEST_MESSAGES.habilitation, position: 'Ce champ est obligatoire.',
      effectiveDate: 'Ce champ est obligatoire.', receivedDate: 'Ce champ est obligatoire.',
    });
  });

  it('refuses invalid dates and a received date in the future', async () => {
    expect(errorsOf(await validateSuppressionRequest({ ...form, effectiveDate: '15/12/2026', receivedDate: '2026-11-24' }, TODAY, lookups))).toEqual({
      effectiveDate: 'Date invalide (format attendu AAAA-MM-JJ).', receivedDate: 'Cette date ne peut pas être dans le futur.',
    });
  });

  it('wants plausible dates: received from 2000 on, an effective date within a year of today', async () => {
    expect(errorsOf(await validateSuppressionRequest({ ...form, receivedDate: '0001-01-01' }, TODAY, lookups)))
      .toEqual({ receivedDate: 'Cette date ne peut pas être antérieure au 1er janvier 2000.' });
    expect(await validateSuppressionRequest({ ...form, effectiveDate: '2027-11-23' }, TODAY, lookups)).toMatchObject({ effectiveDate: '2027-11-23' });
    for (const effective of ['2027-11-24', '9999-12-31']) {
      expect(errorsOf(await validateSuppressionRequest({ ...form, effectiveDate: effective }, TODAY, lookups)))
        .toEqual({ effectiveDate: 'Cette date ne peut pas être postérieure au 23 novembre 2027 (1 an au plus).' });
    }
  });

  it('refuses an effective date before the habilitation was granted', async () => {
    expect(errorsOf(await validateSuppressionRequest({ ...form, effectiveDate: '2026-01-31' }, TODAY, lookups))).toEqual({ effectiveDate: SUPPRESSION_REQUEST_MESSAGES.effectiveBeforeGrant });
  });

  it('refuses an unknown or already revoked habilitation, and a second pending request', async () => {
    expect(errorsOf(await validateSuppressionRequest({ ...form, habilitationId: '8' }, TODAY, lookups))).toEqual({ habilitationId: SUPPRESSION_REQUEST_MESSAGES.habilitationUnknown });
    expect(errorsOf(await validateSuppressionRequest({ ...form, habilitationId: '2' }, TODAY, lookups))).toEqual({ habilitationId: SUPPRESSION_REQUEST_MESSAGES.habilitationRevoked });
    expect(errorsOf(await validateSuppressionRequest({ ...form, habilitationId: '3' }, TODAY, lookups))).toEqual({ habilitationId: SUPPRESSION_REQUEST_MESSAGES.pending(12) });
    // The pending request itself may be corrected.
    const stored = { ...form, id: 12, habilitationId: 3, status: 'recue' };
    expect(await validateSuppressionRequest({ position: 'Responsable de secteur' }, TODAY, lookups, stored)).toEqual({ position: 'Responsable de secteur' });
  });

  it('refuses a habilitation under a data-provision convention, and says how to end it', async () => {
    expect(errorsOf(await validateSuppressionRequest({ ...form, habilitationId: '4' }, TODAY, lookups))).toEqual({
      habilitationId: 'La convention n° 78/2026/0006AS – MAD est une convention de mise à disposition de données : elle ne donne aucun accès à Cafpro : '
        + 'aucune demande de suppression d’accès ne peut être enregistrée à son titre (une habilitation qui y figurerait par erreur se révoque depuis sa fiche).',
    });
  });

  it('on edit, checks a new effective date against the stored habilitation', async () => {
    const stored = { ...form, id: 4, habilitationId: 1, status: 'recue' };
    expect(errorsOf(await validateSuppressionRequest({ effectiveDate: '2025-12-31' }, TODAY, lookups, stored))).toEqual({ effectiveDate: SUPPRESSION_REQUEST_MESSAGES.effectiveBeforeGrant });
  });

  it('is corrected only while received', () => {
    expect(['recue', 'traitee', 'rejetee'].map(isSuppressionRequestEditable)).toEqual([true, false, false]);
  });
});
