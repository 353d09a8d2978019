import { describe, it, expect } from '@jest/globals';
import { aConvention, aConventionDocument, aT5Profile } from './document-factory.js';
import { expectDeterministic, expectFrenchCharacters, expectPhrases, render } from './document-assertions.js';

const count = (text: string, phrase: string) => text.split(phrase).length - 1;

describe('convention de service « Cafpro »', () => {
  it('prints the pre-filled convention: title, number, préambule, parties, articles 1 to 5 and signatures', async () => {
    const { flat } = await render('convention', aConventionDocument());
    expectPhrases(flat, [
      'Convention de service « Cafpro » Accès professionnel aux données des Caf',
      'Numéro de la convention : 78/2016/0042AS – T2',
      'Partenaire : Ville de Saint-Germain-en-Laye',
      'Préambule :',
      'Dans le cadre des moyens informatiques dont disposent les Caf pour répondre aux besoins de communication d’information des tiers l’application Cafpro est proposée pour permettre un accès aux données des dossiers allocataires en temps réel.',
      'Des annexes sont jointes à la convention afin de préciser les spécificités du profil ainsi que les modalités pratiques de gestion des accès.',
      'Convention de service entre :',
      'La Caf des Yvelines Siège social : 2 avenue des Prés BP 17 78184 Saint-Quentin-en-Yvelines Cedex',
      'Représentée par son Directeur général, Madame Elodie CLAIR',
      'Ville de Saint-Germain-en-Laye Dénommé « partenaire »',
      'Numéro Siret : 217 805 511 00013',
      'Siège social : Hôtel de Ville – 16 rue du Sacré-Cœur – 78100 Saint-Germain-en-Laye',
      'Représenté par son Maire, Madame Françoise LECŒUR',
      'Téléphone : 01 30 87 20 00',
      'Adresse électronique : accueil@saintgermainenlaye.fr',
      'Il est convenu ce qui suit :',
      'Article 1 : OBJET DU SERVICE CAFPRO',
      'Conformément à l’acte réglementant l’application Cafpro, pris par la Cnaf après l’avis de la Cnil et publié¹',
      '¹ Publication sur le www.caf.fr',
      'Les catégories de données accessibles figurent dans l’annexe « Profil d’accès ».',
      'Article 2 : ACCÈS AU SERVICE CAFPRO',
      'L’utilisateur saisit son identifiant et son mot de passe qui doit être modifié régulièrement.',
      'Article 3 : SÉCURITÉ - CONFIDENTIALITÉ',
      'Tous les accès au service et tentatives infructueuses de connexion font l’objet d’un enregistrement et d’un contrôle.',
      'En cas de perte ou de vol des identifiants, le partenaire en informe immédiatement la Caf qui lui délivre une nouvelle habilitation.',
      'Article 4 : NON RESPECT DES OBLIGATIONS',
      'Article 5 : DURÉE DE LA CONVENTION',
      'La présente convention prend effet pour une durée d’un an à compter de la signature.',
      'Elle sera renouvelée par tacite reconduction par période d’un an.',
      'pour un motif autre que celui prévu à l’article 4 deux mois avant l’échéance annuelle.',
      'Fait en double exemplaire, A Saint-Quentin-en-Yvelines, le',
      'Pour la Caf',
      'Pour le partenaire',
      'Elodie CLAIR Directeur général',
      'Françoise LECŒUR Maire',
    ]);
    expect(flat).not.toContain('trois mois');
    expectFrenchCharacters(flat);
  });

  it('prints the profile annex and, for T2, the « partage des données » annex and the information model', async () => {
    const { flat } = await render('convention', aConventionDocument());
    expectPhrases(flat, [
      'Profil d’accès (RÉFÉRENCE AUX ARTICLES 2 ET 3 DE L’ACTE RÉGLEMENTAIRE PRIS PAR LA CNAF N° 519628)',
      'PROFIL T2 Prestataires de services sociaux – calcul des participations des familles',
      'Catégories d’informations accessibles par les prestataires de services sociaux bénéficiaires de crédits d’action sociale Caf',
      'Rubrique « QF Cnaf » : montant du quotient familial national (historique de 24 mois)',
      'Rubrique « Dialogue »',
      'Partage des données dans le domaine social En l’absence de disposition juridique',
      'Cette annexe est spécifique aux T1, T2 et T3.',
      'POSITION DE LA CNIL CONCERNANT LE SECRET PARTAGÉ DANS LE DOMAINE SOCIAL',
      'Lors d’une saisine en octobre 2002, la Commission Nationale de l’Informatique et des Libertés a précisé sa position.',
      '« dans le domaine social les données ne peuvent être partagées entre entités concourant à la prise en charge d’une même personne que dans la mesure où :',
      'ces communications sont limitées aux seules données nécessaires à cette prise en charge,',
      'la confidentialité des données est assurée,',
      'la personne concernée, préalablement informée, ne s’est pas opposée à ces transmissions. »',
      'la convention de service Cafpro fait obligation aux tiers concernés de s’assurer que l’allocataire n’est pas opposé à la consultation de son dossier.',
      'Modèle d’information des personnes au regard du secret partagé dans le domaine social.',
      'Madame, Monsieur, Nous vous informons que la Caisse d’allocations familiales met à notre disposition un service Internet à caractère professionnel',
      'vous pouvez vous opposer à la consultation de ces informations en nous contactant.',
    ]);
  });

  it('prints two copies, each page marked « Exemplaire 1/2 » or « Exemplaire 2/2 » with its own page numbers', async () => {
    const { pages, flat } = await render('convention', aConventionDocument());
    expect(pages.length % 2).toBe(0);
    const perCopy = pages.length / 2;
    pages.forEach((page, i) => {
      const copy = i < perCopy ? 1 : 2;
      expect(page).toContain(`Exemplaire ${copy}/2`);
      expect(page).not.toContain(`Exemplaire ${3 - copy}/2`);
      expect(page).toContain(`Page ${(i % perCopy) + 1} / ${perCopy}`);
      expect(page).toContain('Diffusion restreinte');
    });
    // each copy is complete: convention, signatures and annexes
    for (const phrase of ['Article 5 : DURÉE DE LA CONVENTION', 'Pour le partenaire', 'PROFIL T2', 'Partage des données dans le domaine social', 'Modèle d’information des personnes']) {
      expect(count(flat, phrase)).toBe(2);
    }
    expect(pages[perCopy]!.replace(/\n/g, ' ')).toContain('Convention de service « Cafpro »');
  });

  it('has no « partage des données » annex for a profile outside T1–T3, and states its extra access code', async () => {
    const data = aConventionDocument({ convention: aConvention({ number: '78/2026/0107AS – T5', profile: aT5Profile() }) });
    const { flat } = await render('convention', data);
    expect(flat).not.toContain('Partage des données');
    expect(flat).not.toContain('Modèle d’information des personnes');
    expectPhrases(flat, [
      'Numéro de la convention : 78/2026/0107AS – T5',
      'PROFIL T5 Bailleurs sociaux – tiers payant de l’aide au logement',
      'Ce profil requiert un code d’accès supplémentaire (Code bailleur), qui limite la consultation aux seuls dossiers d’allocataires relevant du champ d’action de l’utilisateur.',
    ]);
  });

  it('a data-provision convention is another contract (data-provision-convention.pdf.test.ts)', async () => {
    const { flat } = await render('convention', aConventionDocument({ convention: aConvention({ kind: 'data-provision' }) }));
    expect(flat).toContain('CONVENTION DE MISE À DISPOSITION DE DONNÉES');
    expect(flat).not.toContain('Convention de service « Cafpro »');
  });

  it('gives the same bytes for the same data', async () => {
    await expectDeterministic('convention', aConventionDocument());
  });
});
