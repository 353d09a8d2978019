import { describe, it, expect } from '@jest/globals';
import {
  collectErrors,
  isLuhnValid,
  optional,
  REQUIRED_MESSAGE,
  validateEmail,
  validateIsoDate,
  validatePhone,
  validatePostalCode,
  validateRequiredText,
  validateSiret,
  EARLIEST_DATE,
  MAX_YEARS_AHEAD,
} from '../../../../src/domain/shared/validators.js';

const SIRET_LENGTH = 'Le SIRET doit comporter 14 chiffres.';
const SIRET_KEY = "Le SIRET n'est pas valide (clé de contrôle incorrecte).";

describe('validateSiret', () => {
  it.each([
    ['73282932000074', '73282932000074'],
    ['443 061 841 00047', '44306184100047'],
    ['784-671-695-00087', '78467169500087'],
    ['217805513 00017', '21780551300017'],
    [' 35600000000048 ', '35600000000048'], // La Poste head office: Luhn-valid
  ])('accepts %p as %s', (input, expected) => {
    expect(validateSiret(input)).toEqual({ ok: true, value: expected });
  });

  it('accepts a La Poste establishment: Luhn fails but the digit sum is a multiple of 5', () => {
    expect(isLuhnValid('35600000049837')).toBe(false);
    expect(validateSiret('356 000 000 49837')).toEqual({ ok: true, value: '35600000049837' });
  });

  it('refuses a La Poste SIRET whose digit sum is not a multiple of 5 and Luhn fails', () => {
    expect(validateSiret('35600000049838')).toEqual({ ok: false, message: SIRET_KEY });
  });

  // Establishments of La Poste (SIREN 356 000 000), real-shaped: the INSEE accepts them when the sum
  // of the 14 digits is a multiple of 5, as their numbers outgrew the Luhn key.
  it.each([
    ['35600000049837', 45],
    ['356 000 000 30021', 20],
    ['356-000-000-52013', 25],
  ])('accepts La Poste %p: Luhn fails, digit sum %p is a multiple of 5', (input, sum) => {
    const digits = input.replace(/\D/g, '');
    expect(isLuhnValid(digits)).toBe(false);
    expect([...digits].reduce((total, d) => total + Number(d), 0)).toBe(sum);
    expect(validateSiret(input)).toEqual({ ok: true, value: digits });
  });

  it.each([
    ['35600000012345', 29],
    ['35600000060030', 23],
    ['35600000000049', 27], // the head office with a wrong key
  ])('refuses La Poste %p: Luhn fails and digit sum %p is not a multiple of 5', (input, sum) => {
    expect(isLuhnValid(input)).toBe(false);
    expect([...input].reduce((total, d) => total + Number(d), 0)).toBe(sum);
    expect(validateSiret(input)).toEqual({ ok: false, message: SIRET_KEY });
  });

  it.each(['00000000000000', '000 000 000 00018', '00000000000026'])('refuses %p: Luhn-valid, but its SIREN is all zeros', (input) => {
    expect(isLuhnValid(input.replace(/\s/g, ''))).toBe(true);
    expect(validateSiret(input)).toEqual({ ok: false, message: "Le SIRET n'est pas valide : le numéro SIREN (9 premiers chiffres) ne peut pas être 000 000 000." });
  });

  it('does not extend the digit-sum exception to other SIRENs', () => {
    // Digit sum 60, a multiple of 5, but Luhn fails and the SIREN is not La Poste's.
    expect(isLuhnValid('12345678901234')).toBe(false);
    expect(validateSiret('12345678901234')).toEqual({ ok: false, message: SIRET_KEY });
  });

  it('refuses a wrong check key', () => {
    expect(validateSiret('21780551300018')).toEqual({ ok: false, message: SIRET_KEY });
    expect(validateSiret('73282932000075')).toEqual({ ok: false, message: SIRET_KEY });
  });

  it.each(['7328293200007', '732829320000745', '7328293200007A', 'SIRET'])('refuses %p: not 14 digits', (input) => {
    expect(validateSiret(input)).toEqual({ ok: false, message: SIRET_LENGTH });
  });

  it.each([null, undefined, '', '   '])('requires a value (%p)', (input) => {
    expect(validateSiret(input)).toEqual({ ok: false, message: REQUIRED_MESSAGE });
  });
});

describe('isLuhnValid', () => {
  it('implements the Luhn key', () => {
    expect(isLuhnValid('79927398713')).toBe(true);
    expect(isLuhnValid('79927398710')).toBe(false);
    expect(isLuhnValid('732829320')).toBe(true); // a SIREN
  });
});

describe('validateEmail', () => {
  it.each([
    ['contact@mairie-saint-germain.fr', 'contact@mairie-saint-germain.fr'],
    ['  Laurence.Descombes@CAF.FR ', 'laurence.descombes@caf.fr'],
    ['prenom.nom+cafpro@sous.domaine.gouv.fr', 'prenom.nom+cafpro@sous.domaine.gouv.fr'],
    ["o'neil@example.org", "o'neil@example.org"],
  ])('accepts %p as %s', (input, expected) => {
    expect(validateEmail(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    'sans-arobase.fr',
    '@mairie.fr',
    'nom@',
    'nom@mairie',
    'nom@@mairie.fr',
    'nom@mairie..fr',
    '.nom@mairie.fr',
    'nom.@mairie.fr',
    'pre..nom@mairie.fr',
    'nom prenom@mairie.fr',
    'nom@-mairie.fr',
    'nom@mairie-.fr',
    'nom@mairie.f',
    'nom@mairie.123',
    'élodie@mairie.fr',
    `${'a'.repeat(65)}@mairie.fr`,
    `a@${'b'.repeat(64)}.fr`,
  ])('refuses %p', (input) => {
    expect(validateEmail(input)).toEqual({ ok: false, message: 'Adresse électronique invalide.' });
  });

  it('requires a value', () => {
    expect(validateEmail('')).toEqual({ ok: false, message: REQUIRED_MESSAGE });
  });
});

describe('validatePhone', () => {
  it.each([
    ['0130643725', '01 30 64 37 25'],
    ['01 30 64 37 25', '01 30 64 37 25'],
    ['01.30.64.37.25', '01 30 64 37 25'],
    ['01-30-64-37-25', '01 30 64 37 25'],
    ['+33 1 30 64 37 25', '01 30 64 37 25'],
    ['+33130643725', '01 30 64 37 25'],
    ['+33 (0)1 30 64 37 25', '01 30 64 37 25'],
    ['0033 6 12 34 56 78', '06 12 34 56 78'],
    ['09 70 00 00 00', '09 70 00 00 00'],
  ])('accepts %p as %s', (input, expected) => {
    expect(validatePhone(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['013064372', '01306437251', '1130643725', '0030643725', '+44 20 7946 0958', '+33 0 1 30 64 37 25', '01 30 64 37 2A'])(
    'refuses %p',
    (input) => {
      expect(validatePhone(input)).toEqual({ ok: false, message: 'Numéro de téléphone invalide (10 chiffres commençant par 0, ou +33).' });
    },
  );

  it('requires a value', () => {
    expect(validatePhone(undefined)).toEqual({ ok: false, message: REQUIRED_MESSAGE });
  });
});

describe('validateIsoDate', () => {
  it('accepts a real calendar date', () => {
    expect(validateIsoDate('2024-02-29')).toEqual({ ok: true, value: '2024-02-29' });
    expect(validateIsoDate(' 2026-11-23 ')).toEqual({ ok: true, value: '2026-11-23' });
  });
  it('refuses another format', () => {
    expect(validateIsoDate('23/11/2026')).toEqual({ ok: false, message: 'Date invalide (format attendu AAAA-MM-JJ).' });
    expect(validateIsoDate('2026-11-23T10:00:00Z')).toEqual({ ok: false, message: 'Date invalide (format attendu AAAA-MM-JJ).' });
  });
  it('refuses a date that does not exist', () => {
    expect(validateIsoDate('2025-02-29')).toEqual({ ok: false, message: "Cette date n'existe pas dans le calendrier." });
    expect(validateIsoDate('2026-04-31')).toEqual({ ok: false, message: "Cette date n'existe pas dans le calendrier." });
    expect(validateIsoDate('2026-13-01')).toEqual({ ok: false, message: "Cette date n'existe pas dans le calendrier." });
  });
  it('requires a value', () => {
    expect(validateIsoDate(null)).toEqual({ ok: false, message: REQUIRED_MESSAGE });
  });
  it('refuses a date before 2000 (0001-01-01 is a slip)', () => {
    for (const date of ['0001-01-01', '1999-12-31']) expect(validateIsoDate(date)).toEqual({ ok: false, message: 'Cette date ne peut pas être antérieure au 1er janvier 2000.' });
    expect(validateIsoDate(EARLIEST_DATE)).toEqual({ ok: true, value: '2000-01-01' });
  });
  it('notAfter today: a received date is not in the future', () => {
    expect(validateIsoDate('2026-11-23', { notAfter: '2026-11-23' })).toEqual({ ok: true, value: '2026-11-23' });
    expect(validateIsoDate('2026-11-24', { notAfter: '2026-11-23' })).toEqual({ ok: false, message: 'Cette date ne peut pas être dans le futur.' });
  });
  it('ahead: a date to come is at most so many years after today (9999-12-31 is a slip)', () => {
    const bounds = { ahead: { from: '2026-11-23', years: MAX_YEARS_AHEAD } };
    expect(validateIsoDate('2031-11-23', bounds)).toEqual({ ok: true, value: '2031-11-23' });
    for (const date of ['2031-11-24', '9999-12-31']) {
      expect(validateIsoDate(date, bounds)).toEqual({ ok: false, message: 'Cette date ne peut pas être postérieure au 23 novembre 2031 (5 ans au plus).' });
    }
    expect(validateIsoDate('2027-11-24', { ahead: { from: '2026-11-23', years: 1 } }))
      .toEqual({ ok: false, message: 'Cette date ne peut pas être postérieure au 23 novembre 2027 (1 an au plus).' });
    // A past date stays possible (a suppression « à compter de » a day already gone), from 2000 on.
    expect(validateIsoDate('2020-01-01', bounds)).toEqual({ ok: true, value: '2020-01-01' });
  });
});

describe('validatePostalCode', () => {
  it('accepts five digits, spaces removed', () => {
    expect(validatePostalCode('78184')).toEqual({ ok: true, value: '78184' });
    expect(validatePostalCode('78 184')).toEqual({ ok: true, value: '78184' });
    expect(validatePostalCode('97100')).toEqual({ ok: true, value: '97100' });
  });
  it.each(['7818', '781840', '2A004', 'ABCDE'])('refuses %p', (input) => {
    expect(validatePostalCode(input)).toEqual({ ok: false, message: 'Le code postal doit comporter 5 chiffres.' });
  });
});

describe('validateRequiredText / optional', () => {
  it('trims and collapses spaces, or refuses blank text with the given message', () => {
    expect(validateRequiredText('  Manquement   aux  obligations ')).toEqual({ ok: true, value: 'Manquement aux obligations' });
    expect(validateRequiredText('  ', 'Le motif est obligatoire.')).toEqual({ ok: false, message: 'Le motif est obligatoire.' });
  });
  it('optional() lets a blank value through as null and validates the others', () => {
    const optionalPhone = optional(validatePhone);
    expect(optionalPhone('')).toEqual({ ok: true, value: null });
    expect(optionalPhone(null)).toEqual({ ok: true, value: null });
    expect(optionalPhone('0130643725')).toEqual({ ok: true, value: '01 30 64 37 25' });
    expect(optionalPhone('12')).toMatchObject({ ok: false });
  });
});

describe('collectErrors', () => {
  it('returns values of valid fields and collects the errors of the others', () => {
    const errors = collectErrors();
    expect(errors.take('email', validateEmail('A@B.FR'))).toBe('a@b.fr');
    expect(errors.hasErrors()).toBe(false);
    expect(errors.toRefusal()).toBeNull();

    expect(errors.take('siret', validateSiret('123'))).toBeUndefined();
    errors.add('phone', 'Numéro absent.');
    expect(errors.hasErrors()).toBe(true);
    expect(errors.errors).toEqual([
      { field: 'siret', message: SIRET_LENGTH },
      { field: 'phone', message: 'Numéro absent.' },
    ]);
    expect(errors.toRefusal()).toEqual({
      ok: false,
      message: `${SIRET_LENGTH}\nNuméro absent.`,
      errors: errors.errors,
    });
  });

  it('does not let a caller alter the collected list', () => {
    const errors = collectErrors();
    errors.add('a', 'A');
    errors.errors.push({ field: 'b', message: 'B' });
    expect(errors.errors).toHaveLength(1);
  });
});
