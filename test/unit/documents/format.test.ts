import { describe, it, expect } from '@jest/globals';
import { formatSiret, frenchLongDate, frenchShortDate, salutation, titleWithArticle, titleWithPossessive } from '../../../src/documents/format.js';

describe('French formatting of document values', () => {
  it('writes dates in long form, the first of the month as « 1er »', () => {
    expect(frenchLongDate('2026-11-23')).toBe('23 novembre 2026');
    expect(frenchLongDate('2027-02-01')).toBe('1er février 2027');
    expect(frenchLongDate('2027-08-09')).toBe('9 août 2027');
    expect(frenchLongDate('2027-12-31')).toBe('31 décembre 2027');
    expect(frenchShortDate('2027-02-01')).toBe('01/02/2027');
  });

  it('refuses what is not a YYYY-MM-DD date', () => {
    expect(() => frenchLongDate('23/11/2026')).toThrow('AAAA-MM-JJ');
    expect(() => frenchLongDate('2026-13-01')).toThrow('invalide');
  });

  it('groups a SIRET as SIREN + NIC', () => {
    expect(formatSiret('21780551100013')).toBe('217 805 511 00013');
    expect(formatSiret('217 805 511 00013')).toBe('217 805 511 00013');
    expect(formatSiret('123')).toBe('123');
  });

  it('addresses the representative as in the source letter', () => {
    expect(salutation({ civility: 'Madame', fullName: 'Françoise LECŒUR', title: 'Maire' })).toBe('Madame le Maire');
    expect(salutation({ civility: 'Monsieur', fullName: 'Paul ROY', title: 'Président' })).toBe('Monsieur le Président');
    expect(salutation({ civility: 'Madame', fullName: 'Agnès DUVAL', title: 'Présidente' })).toBe('Madame la Présidente');
    expect(salutation({ civility: 'Madame', fullName: 'Anne BRUN', title: 'Directrice générale' })).toBe('Madame la Directrice générale');
    expect(salutation({ civility: 'Madame', fullName: 'Zoé LIN', title: 'Adjointe au maire' })).toBe('Madame l’Adjointe au maire');
    expect(salutation({ civility: 'Monsieur', fullName: 'Léo BOIS', title: 'Maire', salutation: 'Monsieur le Maire honoraire' })).toBe('Monsieur le Maire honoraire');
    expect(titleWithArticle('Madame', 'Directeur général')).toBe('le Directeur général');
    expect(titleWithPossessive('Madame', 'Présidente')).toBe('sa Présidente');
    expect(titleWithPossessive('Madame', 'Maire')).toBe('son Maire');
  });
});
