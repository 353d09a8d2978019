import { describe, it, expect } from '@jest/globals';
import { aDataProvider, aDataProvisionConvention, aRenewalNotice, habilitationRows } from './document-factory.js';
import { expectDeterministic, expectFrenchCharacters, expectPhrases, render } from './document-assertions.js';

describe('avis de reconduction', () => {
  it('gives the anniversary, the tacit renewal and the last day to give notice (art. 5)', async () => {
    const { flat } = await render('renewal-notice', aRenewalNotice(3));
    expectPhrases(flat, [
      'N/Réf. : 2026-000046',
      'Votre contact : François Lefèvre',
      'Saint-Quentin-en-Yvelines, le 23 novembre 2026',
      'Madame Françoise LECŒUR Maire Ville de Saint-Germain-en-Laye Hôtel de Ville 16 rue du Sacré-Cœur',
      'Objet : Avis de reconduction de la convention Cafpro n° 78/2016/0042AS – T2',
      'Madame le Maire,',
      'arrive à sa date anniversaire le 21 mars 2027.',
      'Conformément à son article 5, elle sera reconduite par tacite reconduction pour une durée d’un an à compter de cette date',
      'vous pouvez la dénoncer par courrier, deux mois avant l’échéance annuelle : le dernier jour pour dénoncer la convention est le 21 janvier 2027.',
      'Date anniversaire de la convention 21 mars 2027',
      'Reconduction tacite un an, à compter du 21 mars 2027',
      'Dernier jour pour dénoncer (art. 5) 21 janvier 2027',
      'Vous trouverez ci-dessous la liste des 3 habilitations actives au titre de cette convention au 23 novembre 2026.',
      'Tout changement ou fin de mission d’un utilisateur doit être signalé sans tarder',
      'Elodie CLAIR Directeur général',
      'Diffusion restreinte',
    ]);
    expectFrenchCharacters(flat);
  });

  it('lists the habilitations to check with « À conserver / À supprimer » and a return block', async () => {
    const data = aRenewalNotice(3);
    const { flat } = await render('renewal-notice', data);
    expectPhrases(flat, [
      'Habilitations à vérifier – convention n° 78/2016/0042AS – T2',
      'Nom Prénom Fonction Identifiant Date d’octroi À conserver À supprimer',
      'MARTIN Hélène Agent d’accueil CP78001000 01/01/2017',
      'BERNARD Jérôme Instructrice RSA CP78001001 02/02/2018',
      'THOMAS Cécile Travailleur social CP78001002 03/03/2019',
      'Liste vérifiée par le partenaire',
      'Pour le partenaire Cachet et signature',
    ]);
  });

  it('lists all 50 habilitations across pages and repeats the table header on each page', async () => {
    const data = aRenewalNotice(50);
    const habilitations = data.habilitations!;
    const { pages, flat } = await render('renewal-notice', data);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const h of habilitations) expect(flat).toContain(`${h.lastName} ${h.firstName}`);
    for (const h of habilitations) expect(flat).toContain(h.identifier);
    const tablePages = pages.filter((p) => habilitations.some((h) => p.includes(h.identifier)));
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
    for (const page of tablePages) expect(page.replace(/\n/g, ' ')).toContain('Nom Prénom Fonction Identifiant Date d’octroi À conserver À supprimer');
    // in order, first on the first table page, last on the last one
    expect(tablePages[0]).toContain(habilitations[0]!.identifier);
    expect(tablePages.at(-1)).toContain(habilitations[49]!.identifier);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} / ${pages.length}`));
  });

  it('says so when no habilitation is active, without a table', async () => {
    const { flat } = await render('renewal-notice', aRenewalNotice(0));
    expectPhrases(flat, ['Aucune habilitation n’est active à ce jour au titre de cette convention.']);
    expect(flat).not.toContain('Date d’octroi');
    expect(flat).not.toContain('À conserver');
  });

  it('marks a suspended habilitation « suspendue » and counts it apart', async () => {
    const [first, second, third] = habilitationRows(3);
    const data = aRenewalNotice(0, { habilitations: [first!, { ...second!, suspended: true }, third!] });
    const { flat } = await render('renewal-notice', data);
    expectPhrases(flat, [
      'la liste des 3 habilitations (2 actives, 1 suspendue) au titre de cette convention',
      'MARTIN Hélène Agent d’accueil CP78001000 01/01/2017',
      'BERNARD Jérôme Instructrice RSA CP78001001 suspendue 02/02/2018',
      'THOMAS Cécile Travailleur social CP78001002 03/03/2019',
    ]);
    expect(flat.split('suspendue').length - 1).toBe(2);
  });

  it('on the last day itself, still invites to denounce by that day', async () => {
    const { flat } = await render('renewal-notice', aRenewalNotice(1, { date: '2027-01-21' }));
    expectPhrases(flat, ['le dernier jour pour dénoncer la convention est le 21 janvier 2027.', 'Dernier jour pour dénoncer (art. 5) 21 janvier 2027']);
    expect(flat).not.toContain('délai expiré');
  });

  it('dated after the last day (a late run), says the deadline has passed and gives the next one', async () => {
    const { flat } = await render('renewal-notice', aRenewalNotice(1, { date: '2027-01-22' }));
    expectPhrases(flat, [
      'arrive à sa date anniversaire le 21 mars 2027.',
      'Le délai pour dénoncer la convention à cette échéance a pris fin le 21 janvier 2027 : elle sera reconduite le 21 mars 2027.',
      'une dénonciation reçue désormais prendra effet à l’échéance suivante, le 21 mars 2028 ; le dernier jour pour dénoncer la convention à cette échéance est le 21 janvier 2028.',
      'Dernier jour pour dénoncer (art. 5) 21 janvier 2027 (délai expiré)',
      'Pour l’échéance du 21 mars 2028 dénonciation au plus tard le 21 janvier 2028',
    ]);
    expect(flat).not.toContain('vous pouvez la dénoncer');
    expect(flat).not.toContain('le dernier jour pour dénoncer la convention est le 21 janvier 2027');
  });

  describe('convention de mise à disposition de données', () => {
    const dataProvision = (date = '2026-11-23') => aRenewalNotice(0, {
      date,
      partner: aDataProvider(),
      convention: { ...aDataProvisionConvention(), nextAnniversary: '2027-03-21', lastNoticeDay: '2026-12-21' },
      following: { anniversary: '2028-03-21', lastNoticeDay: '2027-12-21' },
      habilitations: undefined,
    });

    it('speaks of data provision: article 3, three months’ notice by registered letter, the monthly updates; no habilitation, no Cafpro', async () => {
      const { flat, pageCount } = await render('renewal-notice', dataProvision());
      expectPhrases(flat, [
        'Objet : Avis de reconduction de la convention de mise à disposition de données n° 78/2026/0003AS – MAD',
        'Monsieur le Président,',
        'La convention de mise à disposition de données n° 78/2026/0003AS – MAD conclue entre Conseil départemental des Yvelines, fournisseur de données, et la Caf des Yvelines arrive à sa date anniversaire le 21 mars 2027.',
        'Conformément à son article 3, elle sera renouvelée par tacite reconduction pour une durée d’un an à compter de cette date',
        'vous pouvez la résilier par lettre recommandée avec avis de réception, sous réserve d’un préavis de trois mois précédant la date d’échéance annuelle : le dernier jour pour résilier la convention est le 21 décembre 2026.',
        'Dernier jour pour résilier (art. 3) 21 décembre 2026',
        'le fichier des données mises à disposition doit être mis à jour au fur et à mesure, au minimum une fois par mois (article 4 de la convention)',
      ]);
      expect(pageCount).toBe(1);
      for (const cafproOnly of [/habilitation/i, /Cafpro/, /dénonc/i, /deux mois/, /art\. 5\)/, /À conserver/, /Liste vérifiée/]) expect(flat).not.toMatch(cafproOnly);
    });

    it('dated after its last day, gives the next anniversary and its own last day', async () => {
      const { flat } = await render('renewal-notice', dataProvision('2026-12-22'));
      expectPhrases(flat, [
        'Le délai de préavis de trois mois pour résilier la convention à cette échéance a pris fin le 21 décembre 2026 : elle sera renouvelée le 21 mars 2027.',
        'une résiliation par lettre recommandée avec avis de réception reçue désormais prendra effet à l’échéance suivante, le 21 mars 2028 ; le dernier jour pour résilier la convention à cette échéance est le 21 décembre 2027.',
        'Dernier jour pour résilier (art. 3) 21 décembre 2026 (délai expiré)',
        'Pour l’échéance du 21 mars 2028 résiliation au plus tard le 21 décembre 2027',
      ]);
      expect(flat).not.toContain('le dernier jour pour résilier la convention est le 21 décembre 2026');
    });
  });

  it('gives the same bytes for the same data', async () => {
    await expectDeterministic('renewal-notice', aRenewalNotice(50));
  });
});
