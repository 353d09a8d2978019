import { describe, it, expect } from '@jest/globals';
import { aConvention, aRenewalNotice } from './document-factory.js';
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
      'Habilitations actives – convention n° 78/2016/0042AS – T2',
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
    const { pages, flat } = await render('renewal-notice', data);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const h of data.habilitations) expect(flat).toContain(`${h.lastName} ${h.firstName}`);
    for (const h of data.habilitations) expect(flat).toContain(h.identifier);
    const tablePages = pages.filter((p) => data.habilitations.some((h) => p.includes(h.identifier)));
    expect(tablePages.length).toBeGreaterThanOrEqual(2);
    for (const page of tablePages) expect(page.replace(/\n/g, ' ')).toContain('Nom Prénom Fonction Identifiant Date d’octroi À conserver À supprimer');
    // in order, first on the first table page, last on the last one
    expect(tablePages[0]).toContain(data.habilitations[0]!.identifier);
    expect(tablePages.at(-1)).toContain(data.habilitations[49]!.identifier);
    pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} / ${pages.length}`));
  });

  it('says so when no habilitation is active, without a table', async () => {
    const { flat } = await render('renewal-notice', aRenewalNotice(0));
    expectPhrases(flat, ['Aucune habilitation n’est active à ce jour au titre de cette convention.']);
    expect(flat).not.toContain('Date d’octroi');
    expect(flat).not.toContain('À conserver');
  });

  it('gives three months’ notice for a data-provision convention', async () => {
    const data = aRenewalNotice(1, { convention: { ...aConvention({ kind: 'data-provision' }), nextAnniversary: '2027-03-21', lastNoticeDay: '2026-12-21' } });
    const { flat } = await render('renewal-notice', data);
    expectPhrases(flat, ['trois mois avant l’échéance annuelle : le dernier jour pour dénoncer la convention est le 21 décembre 2026.']);
  });

  it('gives the same bytes for the same data', async () => {
    await expectDeterministic('renewal-notice', aRenewalNotice(50));
  });
});
