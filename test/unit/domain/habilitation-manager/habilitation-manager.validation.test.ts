import { describe, expect, it } from '@jest/globals';
import { HABILITATION_MANAGER_MESSAGES, validateHabilitationManager } from '../../../../src/domain/habilitation-manager/habilitation-manager.validation.js';

const TODAY = '2026-11-23';
const lookups = {
  convention: async (id: number) => ({ 4: { number: '78/2026/0004AS – T2', kind: 'cafpro' }, 6: { number: '78/2026/0006AS – MAD', kind: 'data-provision' } } as const)[id as 4 | 6] ?? null,
  keyedWith: async (reference: string) => (reference === 'RH-2026-000001' ? 17 : null),
};
const form = {
  conventionId: '4', civility: 'Madame', lastName: 'Vidal', firstName: 'Agnès', address: '', phone: '01.30.87.20.11', fax: '',
  email: 'Agnes.Vidal@ccas-versailles.fr', designationDate: '2026-10-01', isSignatory: 'false',
};
const errorsOf = (result: unknown) => (Array.isArray(result) ? Object.fromEntries(result.map((e) => [e.field, e.message])) : {});

describe('validateHabilitationManager', () => {
  it('accepts a designation form, normalised', async () => {
    expect(await validateHabilitationManager(form, TODAY, lookups)).toEqual({
      conventionId: 4, civility: 'Madame', lastName: 'Vidal', firstName: 'Agnès', address: null, phone: '01 30 87 20 11', fax: null,
      email: 'agnes.vidal@ccas-versailles.fr', designationDate: '2026-10-01', isSignatory: false, formReference: null,
    });
  });

  it('takes the printed reference RH-… once: normalised, refused when malformed or already recorded', async () => {
    expect(await validateHabilitationManager({ ...form, formReference: ' rh-2026-000002 ' }, TODAY, lookups)).toMatchObject({ formReference: 'RH-2026-000002' });
    expect(errorsOf(await validateHabilitationManager({ ...form, formReference: 'DA-2026-000002' }, TODAY, lookups)))
      .toEqual({ formReference: 'Référence du formulaire invalide (ex. RH-2026-000123).' });
    expect(errorsOf(await validateHabilitationManager({ ...form, formReference: 'RH-2026-000001' }, TODAY, lookups)))
      .toEqual({ formReference: 'Le formulaire RH-2026-000001 est déjà enregistré (désignation n° 17).' });
    // Editing the designation keyed from that paper keeps its reference.
    expect(await validateHabilitationManager({ formReference: 'RH-2026-000001' }, TODAY, lookups, { id: 17, conventionId: 4, formReference: 'RH-2026-000001' }))
      .toEqual({ formReference: 'RH-2026-000001' });
  });

  it('requires civilité, nom, prénom, phone, email and designation date', async () => {
    expect(errorsOf(await validateHabilitationManager({ conventionId: '4' }, TODAY, lookups))).toEqual({
      civility: HABILITATION_MANAGER_MESSAGES.civility, lastName: 'Ce champ est obligatoire.', firstName: 'Ce champ est obligatoire.',
      phone: 'Ce champ est obligatoire.', email: 'Ce champ est obligatoire.', designationDate: 'Ce champ est obligatoire.',
    });
  });

  it('checks phone, fax and email', async () => {
    expect(errorsOf(await validateHabilitationManager({ ...form, phone: '0130', fax: '12', email: 'agnes@' }, TODAY, lookups))).toEqual({
      phone: 'Numéro de téléphone invalide (10 chiffres commençant par 0, ou +33).',
      fax: 'Numéro de téléphone invalide (10 chiffres commençant par 0, ou +33).',
      email: 'Adresse électronique invalide.',
    });
  });

  it('refuses a designation date in the future or not in the calendar', async () => {
    expect(errorsOf(await validateHabilitationManager({ ...form, designationDate: '2026-11-24' }, TODAY, lookups))).toEqual({ designationDate: 'Cette date ne peut pas être dans le futur.' });
    expect(errorsOf(await validateHabilitationManager({ ...form, designationDate: '2026-02-30' }, TODAY, lookups))).toEqual({ designationDate: "Cette date n'existe pas dans le calendrier." });
    expect(await validateHabilitationManager({ ...form, designationDate: TODAY }, TODAY, lookups)).toMatchObject({ designationDate: TODAY });
  });

  it('refuses an unknown convention, and moving a designation to another convention', async () => {
    expect(errorsOf(await validateHabilitationManager({ ...form, conventionId: '5' }, TODAY, lookups))).toEqual({ conventionId: HABILITATION_MANAGER_MESSAGES.conventionUnknown });
    const stored = { id: 1, conventionId: 4, lastName: 'Vidal' };
    expect(errorsOf(await validateHabilitationManager({ conventionId: '5' }, TODAY, lookups, stored))).toEqual({ conventionId: HABILITATION_MANAGER_MESSAGES.conventionFixed });
    expect(await validateHabilitationManager({ conventionId: '4', lastName: 'Vidal-Roux' }, TODAY, lookups, stored)).toEqual({ conventionId: 4, lastName: 'Vidal-Roux' });
  });

  it('refuses a data-provision convention: nobody holds a habilitation there', async () => {
    expect(errorsOf(await validateHabilitationManager({ ...form, conventionId: '6' }, TODAY, lookups))).toEqual({
      conventionId: 'La convention n° 78/2026/0006AS – MAD est une convention de mise à disposition de données : elle ne donne aucun accès à Cafpro : '
        + 'aucun responsable habilitations ne peut y être désigné.',
    });
  });
});
