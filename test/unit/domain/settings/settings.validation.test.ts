import { describe, expect, it } from '@jest/globals';
import { CONTRACT_END_NOTICE_MESSAGE } from '../../../../src/domain/habilitation/contract-end-notices.js';
import { SETTINGS_MESSAGES, validateSettings } from '../../../../src/domain/settings/settings.validation.js';
import { REQUIRED_MESSAGE } from '../../../../src/domain/shared/validators.js';

// The Caf des Yvelines, as printed on its convention (reference data).
const stored = {
  id: 1, cafName: 'Caf des Yvelines', addressLine1: '2 avenue des Prés', addressLine2: 'BP 17', postalCode: '78184',
  city: 'Saint-Quentin-en-Yvelines Cedex', website: 'www.caf.fr', directorCivility: 'Madame', directorName: 'Elodie CLAIR',
  directorTitle: 'Directeur général', delegateName: null, delegateTitle: null, contactName: 'Laurence Descombes',
  contactPhone: '01 30 64 37 25', contactEmail: 'cafpro.cafyvelines@caf.cnafmail.fr', departmentCode: '78', numberSuffix: 'AS',
  renewalLeadDays: 90, passwordPeriodDays: 90, passwordNoticeDays: 15, traceRetentionMonths: 6, doubleCheck: false,
};
const errorsOf = (result: unknown) => (Array.isArray(result) ? Object.fromEntries(result.map((e) => [e.field, e.message])) : {});

describe('validateSettings', () => {
  it('accepts the whole stored row sent back by the form, normalised', () => {
    const { id: _id, ...form } = stored;
    expect(validateSettings({ ...form, renewalLeadDays: '90', passwordPeriodDays: '90', passwordNoticeDays: '15', traceRetentionMonths: '6', doubleCheck: 'false' }, stored))
      .toEqual({ ...form, addressLine2: 'BP 17' });
  });

  it('normalises phone, email, département and suffix', () => {
    expect(validateSettings({
      contactPhone: '+33 1 30 64 37 25', contactEmail: ' CafPro@Caf.fr ', departmentCode: ' 2a ', numberSuffix: 'as',
    }, stored)).toEqual({ contactPhone: '01 30 64 37 25', contactEmail: 'cafpro@caf.fr', departmentCode: '2A', numberSuffix: 'AS' });
  });

  it.each(['78', '2A', '2B', '971', '01'])('accepts the département code %p', (code) => {
    expect(validateSettings({ departmentCode: code }, stored)).toEqual({ departmentCode: code });
  });

  it.each(['7', '2C', '9710', 'AB', ''])('refuses the département code %p', (code) => {
    expect(errorsOf(validateSettings({ departmentCode: code }, stored))).toEqual({ departmentCode: SETTINGS_MESSAGES.department });
  });

  it('reads the « fin de CDD » notice days as typed, refuses anything else in French', () => {
    expect(validateSettings({ contractEndNoticeDays: ' 1 ; 14 , 7' }, stored)).toEqual({ contractEndNoticeDays: '14,7,1' });
    expect(errorsOf(validateSettings({ contractEndNoticeDays: 'J-14' }, stored))).toEqual({ contractEndNoticeDays: CONTRACT_END_NOTICE_MESSAGE });
    expect(errorsOf(validateSettings({ contractEndNoticeDays: '' }, stored))).toEqual({ contractEndNoticeDays: CONTRACT_END_NOTICE_MESSAGE });
  });

  it('accepts an empty suffix, refuses digits, accents and more than 8 letters', () => {
    expect(validateSettings({ numberSuffix: '' }, stored)).toEqual({ numberSuffix: '' });
    for (const suffix of ['A1', 'ÉS', 'ABCDEFGHI', 'A-S']) {
      expect(errorsOf(validateSettings({ numberSuffix: suffix }, stored))).toEqual({ numberSuffix: SETTINGS_MESSAGES.suffix });
    }
  });

  it('refuses a bad phone, email or postal code, and a blank required field', () => {
    expect(errorsOf(validateSettings({ contactPhone: '12 34', contactEmail: 'cafpro@', postalCode: '7818', cafName: ' ' }, stored))).toEqual({
      contactPhone: 'Numéro de téléphone invalide (10 chiffres commençant par 0, ou +33).',
      contactEmail: 'Adresse électronique invalide.',
      postalCode: 'Le code postal doit comporter 5 chiffres.',
      cafName: 'Ce champ est obligatoire.',
    });
  });

  it('wants positive whole numbers of days', () => {
    expect(errorsOf(validateSettings({ renewalLeadDays: '0', passwordPeriodDays: '-3', passwordNoticeDays: '1.5' }, stored))).toEqual({
      renewalLeadDays: SETTINGS_MESSAGES.leadDays,
      passwordPeriodDays: SETTINGS_MESSAGES.periodDays,
      passwordNoticeDays: SETTINGS_MESSAGES.noticeDays,
    });
    expect(errorsOf(validateSettings({ renewalLeadDays: '' }, stored))).toEqual({ renewalLeadDays: 'Ce champ est obligatoire.' });
  });

  it('keeps the renewal lead time within what every convention can give: at most 270 days before the last day to denounce', () => {
    expect(errorsOf(validateSettings({ renewalLeadDays: '270' }, stored))).toEqual({});
    expect(errorsOf(validateSettings({ renewalLeadDays: '271' }, stored))).toEqual({ renewalLeadDays: SETTINGS_MESSAGES.leadDays });
    expect(SETTINGS_MESSAGES.leadDays).toBe("Le délai de l'avis de reconduction doit être un nombre entier de jours entre 1 et 270 (jours avant le dernier jour pour dénoncer).");
  });

  it('refuses a password notice as long as the password period (checked against the stored period)', () => {
    expect(errorsOf(validateSettings({ passwordNoticeDays: '90' }, stored))).toEqual({ passwordNoticeDays: SETTINGS_MESSAGES.noticeWithinPeriod });
    expect(validateSettings({ passwordNoticeDays: '30' }, stored)).toEqual({ passwordNoticeDays: 30, passwordPeriodDays: 90 });
  });

  it('wants both the name and the title of the delegate signatory, or neither', () => {
    expect(errorsOf(validateSettings({ delegateName: 'Jean Martin' }, stored))).toEqual({ delegateTitle: SETTINGS_MESSAGES.delegate });
    expect(validateSettings({ delegateName: 'Jean Martin', delegateTitle: 'Directeur adjoint' }, stored))
      .toEqual({ delegateName: 'Jean Martin', delegateTitle: 'Directeur adjoint' });
    expect(validateSettings({ delegateName: '', delegateTitle: '' }, stored)).toEqual({ delegateName: null, delegateTitle: null });
  });

  it('refuses a director civility outside the list', () => {
    expect(errorsOf(validateSettings({ directorCivility: 'Maître' }, stored))).toEqual({ directorCivility: 'Choisissez « Madame » ou « Monsieur ».' });
  });

  it('keeps sent emails 1 to 120 months and decisions 1 to 30 years', () => {
    expect(validateSettings({ sentEmailRetentionMonths: '12', decisionRetentionYears: '5' }, stored))
      .toEqual({ sentEmailRetentionMonths: 12, decisionRetentionYears: 5 });
    for (const months of ['0', '121', '6,5', '']) {
      expect(errorsOf(validateSettings({ sentEmailRetentionMonths: months }, stored)).sentEmailRetentionMonths)
        .toBe(months === '' ? REQUIRED_MESSAGE : SETTINGS_MESSAGES.sentEmailRetention);
    }
    for (const years of ['0', '31', 'cinq']) {
      expect(errorsOf(validateSettings({ decisionRetentionYears: years }, stored))).toEqual({ decisionRetentionYears: SETTINGS_MESSAGES.decisionRetention });
    }
  });
});
