import { describe, it, expect } from '@jest/globals';
import { aConvention, aTerminationLetter } from './document-factory.js';
import { expectDeterministic, expectFrenchCharacters, expectPhrases, render } from './document-assertions.js';

describe('courrier de fin de convention', () => {
  it('acknowledges a dénonciation by the partner: article 5, end at the anniversary, habilitations revoked', async () => {
    const { flat } = await render('termination-letter', aTerminationLetter());
    expectPhrases(flat, [
      'N/Réf. : 2026-000048',
      'Objet : Dénonciation de la convention Cafpro n° 78/2016/0042AS – T2',
      'Lettre recommandée avec avis de réception',
      'Madame le Maire,',
      'Par courrier reçu le 12 novembre 2026, vous avez dénoncé la convention de service Cafpro n° 78/2016/0042AS – T2',
      'Conformément à l’article 5 de la convention, qui permet à chacune des parties de la dénoncer deux mois avant l’échéance annuelle, la convention prendra fin à sa date anniversaire, le 21 mars 2027.',
      'Convention n° 78/2016/0042AS – T2',
      'Fondement Article 5 – Durée de la convention (dénonciation)',
      'Courrier de dénonciation reçu le 12 novembre 2026',
      'Motif Réorganisation des services : l’accueil des familles est transféré au CCAS.',
      'Fin de la convention 21 mars 2027',
      'l’ensemble des habilitations délivrées au titre de cette convention (7 habilitations actives à ce jour) seront révoquées le 21 mars 2027',
      'Elodie CLAIR Directeur général',
      'Diffusion restreinte',
    ]);
    expect(flat).not.toContain('Article 4 –');
    expectFrenchCharacters(flat, ['é', 'è', 'à', 'ç', 'œ', '–', '’']);
  });

  it('notifies a dénonciation by the Caf, deferred to the next anniversary when late', async () => {
    const data = aTerminationLetter({
      termination: { kind: 'denonciation', initiatedBy: 'caf', noticeOn: '2027-02-10', endsOn: '2028-03-21', reason: 'Fin du dispositif d’accompagnement social « Famille + »', deferredToNextAnniversary: true },
    });
    const { flat } = await render('termination-letter', data);
    expectPhrases(flat, [
      'Je vous informe que la Caf des Yvelines dénonce la convention de service Cafpro n° 78/2016/0042AS – T2 conclue avec Ville de Saint-Germain-en-Laye, pour un motif autre que celui prévu à l’article 4.',
      'Dénonciation notifiée le 10 février 2027',
      'elle prend effet à l’échéance suivante.',
      'Fin de la convention 21 mars 2028',
      'Motif Fin du dispositif d’accompagnement social « Famille + »',
    ]);
  });

  it('notifies a résiliation under article 4 with immediate effect on the chosen date', async () => {
    const data = aTerminationLetter({
      termination: { kind: 'resiliation', initiatedBy: 'caf', endsOn: '2026-12-01', reason: 'Consultations de dossiers sans lien avec la mission du partenaire (contrôle du 4 novembre 2026).' },
      activeHabilitationCount: 1,
    });
    const { flat } = await render('termination-letter', data);
    expectPhrases(flat, [
      'Objet : Résiliation de la convention Cafpro n° 78/2016/0042AS – T2',
      'L’article 4 de la convention prévoit qu’en cas de non respect des obligations, la Caf se réserve la faculté de mettre un terme à la convention',
      'avec effet au 1er décembre 2026.',
      'Fondement Article 4 – Non respect des obligations (résiliation)',
      'Motif Consultations de dossiers sans lien avec la mission du partenaire (contrôle du 4 novembre 2026).',
      'Fin de la convention 1er décembre 2026',
      '(1 habilitation active à ce jour) seront révoquées le 1er décembre 2026',
    ]);
    expect(flat).not.toContain('Article 5 –');
  });

  it('gives three months’ notice for a data-provision convention', async () => {
    const { flat } = await render('termination-letter', aTerminationLetter({ convention: aConvention({ kind: 'data-provision' }) }));
    expectPhrases(flat, ['de la dénoncer trois mois avant l’échéance annuelle']);
  });

  it('gives the same bytes for the same data', async () => {
    await expectDeterministic('termination-letter', aTerminationLetter());
  });
});
