import { describe, it, expect } from '@jest/globals';
import { aConvention, aHabilitationLetter, aT5Profile } from './document-factory.js';
import { expectDeterministic, expectFrenchCharacters, expectPhrases, render } from './document-assertions.js';

describe('notification d’habilitation', () => {
  it('gives the user the identifier, profile, convention, partner and grant date', async () => {
    const { flat } = await render('habilitation-letter', aHabilitationLetter());
    expectPhrases(flat, [
      'Madame Hélène GARÇON Agent d’accueil Ville de Saint-Germain-en-Laye Hôtel de Ville 16 rue du Sacré-Cœur 78100 Saint-Germain-en-Laye',
      'N/Réf. : 2026-000047',
      'Votre contact : François Lefèvre',
      'Objet : Votre habilitation au service Cafpro',
      'Madame,',
      'une habilitation d’accès au service Cafpro vous a été délivrée au titre de la convention n° 78/2016/0042AS – T2.',
      'Identifiant CP78000451',
      'Profil d’accès T2 – Prestataires de services sociaux – calcul des participations des familles',
      'Convention n° 78/2016/0042AS – T2',
      'Partenaire Ville de Saint-Germain-en-Laye',
      'Date d’octroi 20 novembre 2026',
      'L’accès à l’application se fait par le portail Internet des Caf : www.caf.fr.',
      'votre contact à la Caf : François Lefèvre, Tél. 01 30 64 37 25, cafpro.cafyvelines@caf.cnafmail.fr.',
      'Je vous prie d’agréer, Madame, l’expression de mes salutations distinguées.',
      'Diffusion restreinte',
    ]);
    expect(flat).not.toContain('Fin de l’habilitation');
    expect(flat).not.toContain('Code bailleur');
    expectFrenchCharacters(flat, ['é', 'è', 'à', 'ç', 'œ', '–', '’']);
  });

  it('never prints a password: it is sent separately and changed regularly by the Caf, who informs beforehand', async () => {
    const data = aHabilitationLetter();
    // even if a caller passed one along, it has nowhere to go
    (data.habilitation as Record<string, unknown>).password = 'Zx9!kQ27-secret';
    const { flat } = await render('habilitation-letter', data);
    expect(flat).not.toMatch(/mot de passe\s*:/i);
    expect(flat).not.toMatch(/password/i);
    expect(flat).not.toContain('Zx9!kQ27-secret');
    expectPhrases(flat, [
      'votre mot de passe ne figure pas dans ce courrier : il vous est communiqué séparément.',
      'Les mots de passe sont modifiés régulièrement par la Caf, qui vous en informe préalablement.',
    ]);
  });

  it('prints the end date of a CDD and the extra access code of the profile', async () => {
    const data = aHabilitationLetter({
      user: { civility: 'Monsieur', firstName: 'Benoît', lastName: 'NOËL', function: 'Chargé de gestion locative' },
      convention: aConvention({ number: '78/2026/0107AS – T5', profile: aT5Profile() }),
      habilitation: { identifier: 'CP78000452', grantedOn: '2026-11-20', contract: 'CDD', endsOn: '2027-08-31', accessCode: 'BL-0457' },
    });
    const { flat } = await render('habilitation-letter', data);
    expectPhrases(flat, [
      'Monsieur Benoît NOËL Chargé de gestion locative',
      'Monsieur,',
      'Profil d’accès T5 – Bailleurs sociaux – tiers payant de l’aide au logement',
      'Code bailleur BL-0457',
      'Fin de l’habilitation (CDD) 31 août 2027',
      'Votre habilitation prendra fin le 31 août 2027, date de fin de votre contrat.',
    ]);
  });

  it('gives the same bytes for the same data', async () => {
    await expectDeterministic('habilitation-letter', aHabilitationLetter());
  });
});
