import { describe, expect, it } from '@jest/globals';
import { ACCESS_REQUEST_MESSAGES, isAccessRequestEditable, validateAccessRequest } from '../../../../src/domain/access-request/access-request.validation.js';

const TODAY = '2026-11-23';
const conventions = {
  3: { number: '78/2026/0003AS – T2', kind: 'cafpro' },
  4: { number: '78/2026/0004AS – T3', kind: 'cafpro' },
  6: { number: '78/2026/0006AS – MAD', kind: 'data-provision' },
} as const;
const lookups = {
  convention: async (id: number) => conventions[id as keyof typeof conventions] ?? null,
  keyedWith: async (reference: string) => (reference === 'DA-2026-000999' ? 41 : null),
};
const form = {
  conventionId: '3', formReference: 'da-2026-000123', civility: 'Madame', lastName: 'Benoît', firstName: 'Zoé',
  professionalAddress: 'CCAS\r\n16 rue de Pontoise\r\n78100 Saint-Germain-en-Laye', phone: '0130872010', fax: '', email: 'Zoe.Benoit@essai.fr',
  position: "Agent d'accueil", contractType: 'CDI', contractEndDate: '', receivedDate: '2026-11-02', userSigned: 'true', employerSigned: 'true',
};
const errorsOf = (result: unknown) => (Array.isArray(result) ? Object.fromEntries(result.map((e) => [e.field, e.message])) : {});

describe('validateAccessRequest', () => {
  it('records the paper form, normalised', async () => {
    expect(await validateAccessRequest(form, TODAY, lookups)).toEqual({
      conventionId: 3, formReference: 'DA-2026-000123', civility: 'Madame', lastName: 'Benoît', firstName: 'Zoé',
      professionalAddress: 'CCAS\n16 rue de Pontoise\n78100 Saint-Germain-en-Laye', phone: '01 30 87 20 10', fax: null, email: 'zoe.benoit@essai.fr',
      position: "Agent d'accueil", contractType: 'CDI', contractEndDate: null, receivedDate: '2026-11-02', userSigned: true, employerSigned: true,
    });
  });

  it('requires every applicant field, the contract and the received date', async () => {
    expect(errorsOf(await validateAccessRequest({}, TODAY, lookups))).toEqual({
      conventionId: ACCESS_REQUEST_MESSAGES.convention, civility: ACCESS_REQUEST_MESSAGES.civility,
      lastName: 'Ce champ est obligatoire.', firstName: 'Ce champ est obligatoire.', professionalAddress: 'Ce champ est obligatoire.',
      phone: 'Ce champ est obligatoire.', email: 'Ce champ est obligatoire.', position: 'Ce champ est obligatoire.',
      contractType: ACCESS_REQUEST_MESSAGES.contract, receivedDate: 'Ce champ est obligatoire.',
    });
  });

  it('refuses a printed reference already recorded, unless it is the record being corrected', async () => {
    expect(errorsOf(await validateAccessRequest({ ...form, formReference: 'da-2026-000999' }, TODAY, lookups)))
      .toEqual({ formReference: ACCESS_REQUEST_MESSAGES.referenceKeyed('DA-2026-000999', 41) });
    const stored = { ...form, formReference: 'DA-2026-000999' };
    expect(await validateAccessRequest({ ...stored, lastName: 'Martin' }, TODAY, lookups, stored)).toMatchObject({ lastName: 'Martin' });
  });

  it('clears the end date of a CDI', async () => {
    expect(await validateAccessRequest({ ...form, contractEndDate: '2027-01-31' }, TODAY, lookups)).toMatchObject({ contractType: 'CDI', contractEndDate: null });
  });

  it('wants plausible dates: received from 2000 on and not in the future, a CDD ending within 5 years', async () => {
    expect(errorsOf(await validateAccessRequest({ ...form, receivedDate: '0001-01-01' }, TODAY, lookups)))
      .toEqual({ receivedDate: 'Cette date ne peut pas être antérieure au 1er janvier 2000.' });
    expect(errorsOf(await validateAccessRequest({ ...form, receivedDate: '2026-11-24' }, TODAY, lookups)))
      .toEqual({ receivedDate: 'Cette date ne peut pas être dans le futur.' });
    const cdd = { ...form, contractType: 'CDD' };
    expect(await validateAccessRequest({ ...cdd, contractEndDate: '2031-11-23' }, TODAY, lookups)).toMatchObject({ contractEndDate: '2031-11-23' });
    for (const end of ['2031-11-24', '9999-12-31']) {
      expect(errorsOf(await validateAccessRequest({ ...cdd, contractEndDate: end }, TODAY, lookups)))
        .toEqual({ contractEndDate: 'Cette date ne peut pas être postérieure au 23 novembre 2031 (5 ans au plus).' });
    }
  });

  it('requires the end date of a CDD, after the received date', async () => {
    const cdd = { ...form, contractType: 'CDD' };
    expect(errorsOf(await validateAccessRequest(cdd, TODAY, lookups))).toEqual({ contractEndDate: ACCESS_REQUEST_MESSAGES.cddEnd });
    expect(errorsOf(await validateAccessRequest({ ...cdd, contractEndDate: '2026-11-02' }, TODAY, lookups))).toEqual({ contractEndDate: ACCESS_REQUEST_MESSAGES.cddEndAfterReceived });
    expect(await validateAccessRequest({ ...cdd, contractEndDate: '2027-06-30' }, TODAY, lookups)).toMatchObject({ contractType: 'CDD', contractEndDate: '2027-06-30' });
  });

  it('refuses a received date in the future, and a reference of another form', async () => {
    expect(errorsOf(await validateAccessRequest({ ...form, receivedDate: '2026-11-24', formReference: 'DS-2026-000001' }, TODAY, lookups))).toEqual({
      receivedDate: 'Cette date ne peut pas être dans le futur.', formReference: 'Référence du formulaire invalide (ex. DA-2026-000123).',
    });
  });

  it('checks email, phone and fax', async () => {
    expect(errorsOf(await validateAccessRequest({ ...form, email: 'zoe', phone: '', fax: '99' }, TODAY, lookups))).toEqual({
      email: 'Adresse électronique invalide.', phone: 'Ce champ est obligatoire.', fax: 'Numéro de téléphone invalide (10 chiffres commençant par 0, ou +33).',
    });
  });

  it('on edit, checks a new end date against the stored received date and contract', async () => {
    const stored = { ...form, id: 9, conventionId: 3, contractType: 'CDD', contractEndDate: '2027-06-30', status: 'recue' };
    expect(errorsOf(await validateAccessRequest({ contractEndDate: '2026-10-01' }, TODAY, lookups, stored))).toEqual({ contractEndDate: ACCESS_REQUEST_MESSAGES.cddEndAfterReceived });
    expect(errorsOf(await validateAccessRequest({ receivedDate: '2027-07-01' }, '2027-08-01', lookups, stored))).toEqual({ contractEndDate: ACCESS_REQUEST_MESSAGES.cddEndAfterReceived });
    expect(await validateAccessRequest({ position: 'Conseillère ESF' }, TODAY, lookups, stored)).toEqual({ position: 'Conseillère ESF' });
  });

  it('lets an undecided request move to another existing convention', async () => {
    const stored = { ...form, id: 9, conventionId: 3 };
    expect(await validateAccessRequest({ conventionId: '4' }, TODAY, lookups, stored)).toEqual({ conventionId: 4 });
    expect(errorsOf(await validateAccessRequest({ conventionId: '5' }, TODAY, lookups, stored))).toEqual({ conventionId: ACCESS_REQUEST_MESSAGES.conventionUnknown });
  });

  it('refuses a data-provision convention: it gives no Cafpro access', async () => {
    expect(errorsOf(await validateAccessRequest({ ...form, conventionId: '6' }, TODAY, lookups))).toEqual({
      conventionId: 'La convention n° 78/2026/0006AS – MAD est une convention de mise à disposition de données : elle ne donne aucun accès à Cafpro : '
        + 'aucune demande d’accès ne peut être enregistrée à son titre.',
    });
    const stored = { ...form, id: 9, conventionId: 3 };
    expect(errorsOf(await validateAccessRequest({ conventionId: '6' }, TODAY, lookups, stored))).toEqual({ conventionId: ACCESS_REQUEST_MESSAGES.noCafproAccess('78/2026/0006AS – MAD') });
  });

  it('is corrected only while undecided', () => {
    expect(['recue', 'incomplete', 'approuvee', 'refusee'].map(isAccessRequestEditable)).toEqual([true, true, false, false]);
  });
});
