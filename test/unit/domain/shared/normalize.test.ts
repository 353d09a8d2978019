import { describe, it, expect } from '@jest/globals';
import { foldEmail, foldName, personKey, samePerson } from '../../../../src/domain/shared/normalize.js';

describe('foldName', () => {
  it('trims, collapses spaces, lowercases and strips accents', () => {
    expect(foldName('  Hélène   DUPONT ')).toBe('helene dupont');
    expect(foldName('FRANÇOISE')).toBe('francoise');
    expect(foldName('Zoë Noël')).toBe('zoe noel');
    expect(foldName('Jean-Éric')).toBe('jean-eric');
  });
  it('folds tabs and non-breaking spaces like spaces', () => {
    expect(foldName('Marie\tClaire\u00a0Durand')).toBe('marie claire durand');
  });
  it('unifies apostrophes and ligatures', () => {
    expect(foldName('D’Artagnan')).toBe(foldName("d'artagnan"));
    expect(foldName('Lœtitia')).toBe('loetitia');
    expect(foldName('CŒUR')).toBe('coeur');
  });
  it('handles accents already composed or decomposed', () => {
    expect(foldName('e\u0301lodie')).toBe(foldName('\u00e9lodie'));
  });
});

describe('samePerson', () => {
  const helene = { nom: 'Dupont', prenom: 'Hélène', email: 'helene.dupont@mairie.fr' };

  it('recognises the same person whatever the case, accents and spacing', () => {
    expect(samePerson(helene, { nom: ' DUPONT ', prenom: 'helene', email: 'Helene.Dupont@Mairie.FR ' })).toBe(true);
  });
  it('distinguishes a different first name, last name or email', () => {
    expect(samePerson(helene, { ...helene, prenom: 'Hélèna' })).toBe(false);
    expect(samePerson(helene, { ...helene, nom: 'Dupond' })).toBe(false);
    expect(samePerson(helene, { ...helene, email: 'h.dupont@mairie.fr' })).toBe(false);
  });
  it('does not mix up nom and prénom', () => {
    expect(samePerson({ nom: 'Martin', prenom: 'Paul', email: 'x@y.fr' }, { nom: 'Paul', prenom: 'Martin', email: 'x@y.fr' })).toBe(false);
  });
  it('personKey and foldEmail are stable', () => {
    expect(personKey(helene)).toBe('dupont|helene|helene.dupont@mairie.fr');
    expect(foldEmail('  A@B.FR ')).toBe('a@b.fr');
  });
});
