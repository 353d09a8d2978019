// The letters of the follow-up of an incomplete access request (incomplete-follow-up.ts): the reminder,
// then the closure « classée sans suite », to the responsable habilitations (else the representative).
import { describe, it, expect } from '@jest/globals';
import { anIncompleteFollowUpLetter } from './document-factory.js';
import { expectDeterministic, expectFrenchCharacters, expectPhrases, render } from './document-assertions.js';

describe('courriers de suivi d’une demande d’accès incomplète', () => {
  it('the reminder: to the responsable, the request summarised, the day it will be closed without a complement', async () => {
    const { flat, pages } = await render('incomplete-reminder-letter', anIncompleteFollowUpLetter('reminder'));
    expect(pages).toHaveLength(1);
    expectPhrases(flat, [
      'Monsieur Gaëtan LŒUVRE Responsable habilitations Ville de Saint-Germain-en-Laye',
      'N/Réf. : 2026-000051',
      'Objet : Relance – demande d’accès au service Cafpro incomplète',
      'Monsieur,',
      'La demande d’accès au service Cafpro de Madame Thị Lan Nguyễn, reçue le 28 septembre 2026 au titre de la convention n° 78/2016/0042AS – T2 conclue entre Ville de Saint-Germain-en-Laye et la Caf des Yvelines, vous a été retournée incomplète le 1er octobre 2026.',
      'Formulaire n° DA-2026-000123',
      'Motif Signature manquante – Signature de l’employeur absente',
      'Classement sans suite le 30 décembre 2026',
      'Sans complément reçu avant le 30 décembre 2026, la demande sera classée sans suite',
      'Je vous prie d’agréer, Monsieur, l’expression de mes salutations distinguées.',
      'Elodie CLAIR Directeur général',
    ]);
    expect(flat).not.toContain('classée sans suite le 30');
    expectFrenchCharacters(flat, ['é', 'è', 'à', 'ç', '–', '’', 'ễ', 'Œ']);
  });

  it('the closure: classée sans suite on its day, a new request invited', async () => {
    const { flat, pages } = await render('incomplete-closure-letter', anIncompleteFollowUpLetter('closure'));
    expect(pages).toHaveLength(1);
    expectPhrases(flat, [
      'Objet : Classement sans suite d’une demande d’accès au service Cafpro',
      'Le complément demandé ne nous est pas parvenu dans le délai imparti.',
      'Classée sans suite le 30 décembre 2026',
      'cette demande est classée sans suite le 30 décembre 2026 : aucun accès au service Cafpro n’a été ouvert à ce titre.',
      'je vous invite à nous adresser une nouvelle demande d’accès',
    ]);
    expect(flat).not.toContain('Relance');
  });

  it('without a responsable, to the legal representative, greeted by title; no form line without a form reference', async () => {
    const { flat } = await render('incomplete-reminder-letter', anIncompleteFollowUpLetter('reminder', { responsable: undefined, formReference: undefined }));
    expectPhrases(flat, ['Madame Françoise LECŒUR Maire', 'Madame le Maire,', 'Je vous prie d’agréer, Madame le Maire,']);
    expect(flat).not.toContain('Formulaire n°');
  });

  it('gives the same bytes for the same data', async () => {
    await expectDeterministic('incomplete-closure-letter', anIncompleteFollowUpLetter('closure'));
  });
});
