import { describe, it, expect } from '@jest/globals';
import { anAccessRequestForm } from './document-factory.js';
import { contentStreams, expectDeterministic, expectFrenchCharacters, expectPhrases, render } from './document-assertions.js';

describe('demande d’accès au service Cafpro (formulaire)', () => {
  it('is addressed to the Caf director and pre-filled with the partner and the convention', async () => {
    const { flat, pageCount } = await render('access-request-form', anAccessRequestForm());
    expect(pageCount).toBe(1);
    expectPhrases(flat, [
      'Madame le Directeur général Caf des Yvelines 2 avenue des Prés BP 17 78184 Saint-Quentin-en-Yvelines Cedex',
      'Objet : Demande d’accès au service Cafpro internet',
      'Convention de service pour la consultation d’information de la base allocataires de la Caf par l’intermédiaire du service sécurisé Cafpro Internet',
      'Convention n° 78/2016/0042AS – T2',
      'Organisme employeur et nom du responsable Ville de Saint-Germain-en-Laye Madame Françoise LECŒUR, Maire',
      'Adresse Hôtel de Ville 16 rue du Sacré-Cœur 78100 Saint-Germain-en-Laye',
    ]);
    expectFrenchCharacters(flat, ['é', 'è', 'à', 'ç', 'œ', '–', '’']);
  });

  it('leaves every applicant field blank, with the contract boxes, the commitment and two signature boxes', async () => {
    const { flat, pages } = await render('access-request-form', anAccessRequestForm());
    const lines = pages[0]!.split('\n');
    // blank fields: the label alone on its line, nothing written after it
    for (const label of ['Nom/Prénom du demandeur', 'Adresse professionnelle', 'Tél. Professionnel', 'Fax Professionnel', 'E-mail Professionnel', 'Fonction']) {
      expect(lines).toContain(label);
    }
    expectPhrases(flat, [
      'Contrat : CDD ou CDI CDD CDI date de fin (CDD) :',
      'Je demande à accéder au service Cafpro Internet.',
      'Conformément à la mise en application de la convention de service citée en référence, je m’engage à respecter les termes de cette dernière.',
      'Je prends acte que le non respect de ces obligations peut entraîner, sur initiative de la Caf, les poursuites pénales prévues à l’article 226-13 du Code Pénal.',
      'Fait à',
      'Le',
      'L’utilisateur Signature (Précédée de la mention "lu et approuvé")',
      'L’employeur Cachet et signature (Précédée de la mention "lu et approuvé")',
    ]);
  });

  it('prints its reference in text and as a QR code, with « Diffusion restreinte »', async () => {
    const data = anAccessRequestForm();
    const { flat, buffer } = await render('access-request-form', data);
    expectPhrases(flat, ['Réf. formulaire : DA-2026-000123', 'Diffusion restreinte', 'Page 1 / 1']);
    // the QR modules are drawn as many small rectangles
    expect((contentStreams(buffer).match(/ re\n/g) ?? []).length).toBeGreaterThan(100);
  });

  it('gives the same bytes for the same data', async () => {
    await expectDeterministic('access-request-form', anAccessRequestForm());
  });
});
