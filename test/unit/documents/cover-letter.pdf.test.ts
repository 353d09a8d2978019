import { describe, it, expect } from '@jest/globals';
import { aCaf, aCoverLetter, aDataProvider, aDataProvisionConvention } from './document-factory.js';
import { expectDeterministic, expectFrenchCharacters, expectPhrases, render } from './document-assertions.js';

describe('cover letter (courrier d’envoi de la convention)', () => {
  it('prints the letter of the source with the partner, the convention and the four enclosures', async () => {
    const { flat, pageCount } = await render('cover-letter', aCoverLetter());
    expect(pageCount).toBe(1);
    expectPhrases(flat, [
      // letterhead and references
      'Caf des Yvelines',
      '2 avenue des Prés',
      '78184 Saint-Quentin-en-Yvelines Cedex',
      'N/Réf. : 2026-000045',
      'Votre contact : François Lefèvre',
      'Tél. : 01 30 64 37 25',
      'Saint-Quentin-en-Yvelines, le 23 novembre 2026',
      // recipient
      'Madame Françoise LECŒUR Maire Ville de Saint-Germain-en-Laye Hôtel de Ville 16 rue du Sacré-Cœur 78100 Saint-Germain-en-Laye',
      'Objet : Convention Cafpro n° 78/2016/0042AS – T2',
      'Madame le Maire,',
      'Je vous prie de bien vouloir trouver, ci-joint, l’ensemble des documents nécessaires à l’ouverture d’un accès à la base allocataires de mon organisme :',
      'la convention citée en objet en deux exemplaires que vous voudrez bien me retourner signés par vos soins,',
      'des demandes d’accès pour les utilisateurs à me retourner signées,',
      'la désignation d’un responsable habilitations à me retourner également signée,',
      'des demandes de suppression d’accès à Cafpro.',
      'je vous prie d’agréer, Madame le Maire, l’expression de mes salutations distinguées.',
      'Elodie CLAIR Directeur général',
      'Diffusion restreinte',
      'Page 1 / 1',
    ]);
    expect(flat).not.toContain('par délégation');
    expectFrenchCharacters(flat, ['é', 'è', 'à', 'ç', 'œ', '–', '’']);
  });

  it('is signed « Pour le Directeur général, par délégation, » when the Caf has a delegate signatory', async () => {
    const data = aCoverLetter({ caf: aCaf({ delegateSignatory: { name: 'Jérôme MARCHAND', title: 'Directeur adjoint' } }) });
    const { flat } = await render('cover-letter', data);
    expectPhrases(flat, ['Pour le Directeur général, par délégation, Jérôme MARCHAND Directeur adjoint']);
    expect(flat).not.toContain('Elodie CLAIR');
  });

  it('addresses a « Présidente » as « Madame la Présidente »', async () => {
    const data = aCoverLetter();
    data.partner = { ...data.partner, name: 'CCAS de Poissy', representative: { civility: 'Madame', fullName: 'Agnès DUVAL', title: 'Présidente' } };
    const { flat } = await render('cover-letter', data);
    expectPhrases(flat, ['Madame la Présidente,', 'je vous prie d’agréer, Madame la Présidente, l’expression']);
  });

  it('sends a data-provision convention alone: no Cafpro form, no access to the allocataires’ files', async () => {
    const { flat } = await render('cover-letter', aCoverLetter({ partner: aDataProvider(), convention: aDataProvisionConvention() }));
    expectPhrases(flat, [
      'Objet : Convention de mise à disposition de données n° 78/2026/0003AS – MAD',
      'Monsieur le Président,',
      'la convention citée en objet, qui fixe les modalités de mise à disposition de vos données à la Caf :',
      'la convention en deux exemplaires que vous voudrez bien me retourner signés par vos soins.',
    ]);
    for (const cafproOnly of [/Cafpro/, /habilitation/i, /demande/i, /allocataire/i]) expect(flat).not.toMatch(cafproOnly);
  });

  it('sets the PDF dates from generatedAt and gives the same bytes for the same data', async () => {
    const { info } = await render('cover-letter', aCoverLetter());
    expect(String(info.CreationDate)).toContain('20261123');
    await expectDeterministic('cover-letter', aCoverLetter());
  });
});
