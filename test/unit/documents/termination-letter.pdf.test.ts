import { describe, it, expect } from '@jest/globals';
import { aDataProvider, aDataProvisionConvention, aTerminationLetter } from './document-factory.js';
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

  it('dated on or after the end date, speaks in the past tense', async () => {
    const ended = await render('termination-letter', aTerminationLetter({ date: '2027-03-22', termination: { ...aTerminationLetter().termination, initiatedBy: 'caf' } }));
    expectPhrases(ended.flat, [
      'Je vous confirme que la Caf des Yvelines a dénoncé la convention de service Cafpro n° 78/2016/0042AS – T2',
      'la convention a pris fin à sa date anniversaire, le 21 mars 2027.',
      'l’ensemble des habilitations délivrées au titre de cette convention ont été révoquées le 21 mars 2027 : les utilisateurs concernés ne peuvent plus accéder au service Cafpro depuis cette date.',
    ]);
    for (const future of ['prendra fin', 'seront révoquées', 'ne pourront plus', 'dénonce la convention', 'à ce jour']) expect(ended.flat).not.toContain(future);

    const onTheDay = await render('termination-letter', aTerminationLetter({
      date: '2026-12-01',
      termination: { kind: 'resiliation', initiatedBy: 'caf', endsOn: '2026-12-01', reason: 'Consultations sans lien avec la mission.' },
    }));
    expectPhrases(onTheDay.flat, [
      'Les manquements constatés m’ont conduit à mettre un terme à la convention de service Cafpro n° 78/2016/0042AS – T2 conclue avec Ville de Saint-Germain-en-Laye, qui a pris fin le 1er décembre 2026.',
      'ont été révoquées le 1er décembre 2026',
    ]);
    expect(onTheDay.flat).not.toContain('avec effet au');

    const before = await render('termination-letter', aTerminationLetter({ date: '2027-03-20' }));
    expectPhrases(before.flat, ['la convention prendra fin à sa date anniversaire, le 21 mars 2027.', 'seront révoquées le 21 mars 2027']);
  });

  describe('convention de mise à disposition de données', () => {
    const dataProvision = (termination: Partial<ReturnType<typeof aTerminationLetter>['termination']> = {}, date = '2026-11-23') => aTerminationLetter({
      date,
      partner: aDataProvider(),
      convention: aDataProvisionConvention(),
      termination: { ...aTerminationLetter().termination, ...termination },
      activeHabilitationCount: undefined,
    });
    const noCafpro = (flat: string) => {
      for (const cafproOnly of [/habilitation/i, /Cafpro/, /dénonc/i, /deux mois/, /Article 5/, /Article 4/, /secret professionnel/]) expect(flat).not.toMatch(cafproOnly);
    };

    it('acknowledges the partner’s résiliation under article 3: three months’ notice, the data withdrawn from the site', async () => {
      const { flat } = await render('termination-letter', dataProvision());
      expectPhrases(flat, [
        'Objet : Résiliation à l’échéance annuelle de la convention de mise à disposition de données n° 78/2026/0003AS – MAD',
        'Lettre recommandée avec avis de réception',
        'Monsieur le Président,',
        'Par courrier reçu le 12 novembre 2026, vous avez résilié la convention de mise à disposition de données n° 78/2026/0003AS – MAD conclue entre Conseil départemental des Yvelines et la Caf des Yvelines. J’en accuse réception.',
        'Conformément à l’article 3 de la convention, qui permet à chacune des parties de la résilier chaque année sous réserve d’un délai de préavis de trois mois précédant la date d’échéance annuelle, la convention prendra fin à sa date anniversaire, le 21 mars 2027.',
        'Fondement Article 3 – Durée et résiliation de la convention',
        'Courrier de résiliation reçu le 12 novembre 2026',
        'les informations fournies au titre de celle-ci seront retirées du site « mon-enfant.fr » à compter du 21 mars 2027.',
        'Les données déjà transmises restent protégées par la Caf et ne peuvent être utilisées à d’autres fins que celles prévues par la convention (article 2).',
      ]);
      noCafpro(flat);
    });

    it('notifies the Caf’s résiliation, deferred when inside the three months, and in the past tense once ended', async () => {
      const late = await render('termination-letter', dataProvision({ initiatedBy: 'caf', noticeOn: '2027-01-10', endsOn: '2028-03-21', deferredToNextAnniversary: true }));
      expectPhrases(late.flat, [
        'Je vous informe que la Caf des Yvelines résilie la convention de mise à disposition de données n° 78/2026/0003AS – MAD conclue avec Conseil départemental des Yvelines.',
        'La résiliation étant intervenue moins de trois mois avant l’échéance annuelle, elle prend effet à l’échéance suivante.',
        'Résiliation notifiée le 10 janvier 2027',
        'Fin de la convention 21 mars 2028',
      ]);
      noCafpro(late.flat);
      const ended = await render('termination-letter', dataProvision({ initiatedBy: 'caf', noticeOn: '2027-01-10', endsOn: '2028-03-21', deferredToNextAnniversary: true }, '2028-04-02'));
      expectPhrases(ended.flat, [
        'Je vous confirme que la Caf des Yvelines a résilié la convention de mise à disposition de données',
        'la convention a pris fin à sa date anniversaire, le 21 mars 2028.',
        'elle a pris effet à l’échéance suivante.',
        'sont retirées du site « mon-enfant.fr » depuis le 21 mars 2028.',
      ]);
      noCafpro(ended.flat);
    });

    it('a résiliation for a breach rests on the commitments of article 2', async () => {
      const { flat } = await render('termination-letter', dataProvision({ kind: 'resiliation', initiatedBy: 'caf', noticeOn: undefined, endsOn: '2026-12-01', reason: 'Fichier transmis sans l’accord des assistant(e)s maternel(le)s.' }));
      expectPhrases(flat, [
        'Objet : Résiliation pour manquement de la convention de mise à disposition de données n° 78/2026/0003AS – MAD',
        'L’article 2 de la convention engage les parties au respect de la loi n° 78 - 17 du 6 janvier 1978',
        'Les manquements constatés à ces engagements me conduisent à mettre un terme à la convention de mise à disposition de données n° 78/2026/0003AS – MAD conclue avec Conseil départemental des Yvelines, avec effet au 1er décembre 2026.',
        'Fondement Article 2 – Obligations et engagements des parties (manquement)',
      ]);
      noCafpro(flat);
    });
  });

  it('gives the same bytes for the same data', async () => {
    await expectDeterministic('termination-letter', aTerminationLetter());
  });
});
