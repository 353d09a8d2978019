import { describe, it, expect } from '@jest/globals';
import { aSuppressionRequestForm } from './document-factory.js';
import { contentStreams, expectDeterministic, expectFrenchCharacters, expectPhrases, render } from './document-assertions.js';

describe('demande de suppression d’accès à Cafpro Internet (formulaire)', () => {
  it('is pre-filled with the partner and leaves the person blank when not generated from a habilitation', async () => {
    const { flat, pages, pageCount } = await render('suppression-request-form', aSuppressionRequestForm());
    expect(pageCount).toBe(1);
    expectPhrases(flat, [
      'Madame le Directeur général Caf des Yvelines',
      'Objet : Demande de suppression d’accès à Cafpro Internet',
      'Convention de service pour la suppression de la consultation d’information de la base allocataires des Caf par l’intermédiaire du service sécurisé Cafpro Internet.',
      'Convention n° 78/2016/0042AS – T2',
      'Organisme et nom du responsable Ville de Saint-Germain-en-Laye Madame Françoise LECŒUR, Maire',
      'Adresse Hôtel de Ville 16 rue du Sacré-Cœur 78100 Saint-Germain-en-Laye',
      'Je demande la suppression de l’autorisation de l’accès au service à compter de',
      'pour la personne désignée ci-dessus.',
      'Fait à',
      'L’employeur Cachet et signature',
    ]);
    const lines = pages[0]!.split('\n');
    for (const label of ['Nom/Prénom de l’utilisateur habilité', 'Identifiant Cafpro', 'Adresse professionnelle', 'Fonction']) {
      expect(lines).toContain(label);
    }
    expectFrenchCharacters(flat, ['é', 'è', 'à', 'ç', 'œ', '–', '’']);
  });

  it('is pre-filled with the habilitated person and the date when generated from a habilitation', async () => {
    const data = aSuppressionRequestForm({
      person: { civility: 'Madame', firstName: 'Hélène', lastName: 'GARÇON', identifier: 'CP78000451', function: 'Agent d’accueil' },
      effectiveFrom: '2026-12-01',
    });
    const { flat } = await render('suppression-request-form', data);
    expectPhrases(flat, [
      'Nom/Prénom de l’utilisateur habilité Madame GARÇON Hélène',
      'Identifiant Cafpro CP78000451',
      'Fonction Agent d’accueil',
      'Je demande la suppression de l’autorisation de l’accès au service à compter de : 01/12/2026 pour la personne désignée ci-dessus.',
    ]);
  });

  it('prints its reference in text and as a QR code', async () => {
    const { flat, buffer } = await render('suppression-request-form', aSuppressionRequestForm());
    expectPhrases(flat, ['Réf. formulaire : DS-2026-000007', 'Diffusion restreinte']);
    expect((contentStreams(buffer).match(/ re\n/g) ?? []).length).toBeGreaterThan(100);
  });

  it('gives the same bytes for the same data', async () => {
    await expectDeterministic('suppression-request-form', aSuppressionRequestForm({ effectiveFrom: '2026-12-01' }));
  });
});
