// The list sent to a new responsable habilitations outside the anniversary (issue 15 §3): the renewal
// notice's list page (reference and QR code, « À conserver / À supprimer », return block) after a letter
// that says it comes from their designation and gives the day to return it — nothing of the tacit renewal.
import { describe, it, expect } from '@jest/globals';
import { aNewManagerList } from './document-factory.js';
import { expectDeterministic, expectFrenchCharacters, expectPhrases, render } from './document-assertions.js';

describe('liste des habilitations à confirmer par un nouveau responsable', () => {
  it('addresses the new responsable, says the list comes from their designation, then the same list page to return', async () => {
    const { flat, pages } = await render('new-manager-recertification', aNewManagerList(3));
    expect(pages).toHaveLength(2);
    expectPhrases(pages[0]!.replace(/\s+/g, ' '), [
      'Madame Anaïs PÉREZ-ŒHLER Responsable habilitations Ville de Saint-Germain-en-Laye',
      'N/Réf. : 2026-000052',
      'Objet : Désignation d’un nouveau responsable habilitations : liste des habilitations à confirmer',
      'Madame,',
      'Vous avez été désignée responsable habilitations de la convention de service Cafpro n° 78/2016/0042AS – T2',
      'à compter du 16 novembre 2026',
      'Cette nouvelle désignation vous confie le suivi des accès',
      'Responsable habilitations depuis le 16 novembre 2026',
      'Liste à retourner au plus tard le 23 décembre 2026',
      'de me la retourner complétée et signée au plus tard le 23 décembre 2026.',
      'je vous prie d’agréer, Madame, l’expression de mes salutations distinguées.',
    ]);
    expect(flat).not.toContain('tacite reconduction');
    expect(flat).not.toContain('dénoncer');
    expectPhrases(pages[1]!.replace(/\s+/g, ' '), [
      'Réf. formulaire : 2026-000052',
      'Habilitations à confirmer (nouveau responsable) – convention n° 78/2016/0042AS – T2',
      'À conserver', 'À supprimer', 'Liste vérifiée par le partenaire', 'Cachet et signature',
    ]);
    expectFrenchCharacters(flat, ['é', 'è', 'à', 'Œ', '–', '’', '«', '»']);
  });

  it('the yearly notice is unchanged: tacit renewal, last day to denounce', async () => {
    const { newManager: _ignored, ...yearly } = aNewManagerList(3);
    const { flat } = await render('renewal-notice', yearly);
    expectPhrases(flat, ['elle sera reconduite par tacite reconduction', 'Dernier jour pour dénoncer (art. 5)', 'Habilitations à vérifier – convention n°']);
    expect(flat).not.toContain('nouveau responsable');
  });

  it('gives the same bytes for the same data', async () => {
    await expectDeterministic('new-manager-recertification', aNewManagerList(2));
  });
});
