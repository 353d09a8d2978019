// The data-provision convention is its own contract: the PDF says, paragraph by paragraph, what the
// paper says (test/fixtures/data-provision-convention.txt, a copy of shared/domain/), with the Caf's,
// the partner's and the profile's data in place of the Haut-Rhin's, and nothing of the Cafpro convention.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { aCaf, aConventionDocument, aDataProvider, aDataProvisionConvention, aMadProfile } from './document-factory.js';
import { expectDeterministic, expectFrenchCharacters, expectPhrases, render } from './document-assertions.js';

const data = aConventionDocument({ partner: aDataProvider(), convention: aDataProvisionConvention() });
const caf = aCaf();

/** Compared as read: quotes (« » or "), apostrophes (’ or ') and spacing do not matter. */
const normalise = (text: string) => text.replace(/[’‘]/g, '\'').replace(/[«»"“”]/g, ' ').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** What the paper names after the Haut-Rhin, and the document fills from the records. */
const FILLED: Array<[string, string]> = [
  // art. 5: the recipient of the data file at the Caf (Settings: the Caf and its service contact)
  ['Caf du Haut-Rhin Monsieur Gabriel GRIMONT Service Informatique', [caf.cafName, caf.serviceContact.name, ...caf.addressLines, caf.serviceContact.email].join(' ')],
  // the partner is « le fournisseur de données » (art. 1 and the preamble)
  ['le conseil général a donné un agrément', 'le fournisseur de données a donné un agrément'],
  ['sont détenues par le Conseil Général.', 'sont détenues par le fournisseur de données.'],
  ['entre le Conseil Général et la Caf.', 'entre le fournisseur de données et la Caf.'],
];

/** The paragraphs of the paper from the preamble to the last article (running headers of its pages left out), one per list item. */
function paperParagraphs(): string[] {
  const text = readFileSync('test/fixtures/data-provision-convention.txt', 'utf8');
  const body = text.slice(text.indexOf('## Préambule'), text.indexOf('Fait en double exemplaire'));
  const runningHeaders = new Set(['Conseil Général', 'Haut-Rhin', 'L\'Acteur de votre quotidien', '*L\'Acteur de votre quotidien*']);
  return body.split(/\n\s*\n/)
    .flatMap((block) => {
      const lines = block.split('\n').map((l) => l.trim()).filter((l) => l && !runningHeaders.has(l));
      return lines.length && lines.every((l) => l.startsWith('- ')) ? lines.map((l) => l.slice(2)) : [lines.join(' ')];
    })
    .map((p) => p.replace(/^#+\s*/, '').replace(/\*\*/g, '').trim())
    .filter(Boolean)
    .map((p) => FILLED.reduce((acc, [paper, printed]) => acc.replace(paper, printed), normalise(p)));
}

describe('convention de mise à disposition de données', () => {
  it('prints every paragraph of the paper’s preamble and articles 1 to 6', async () => {
    const paragraphs = paperParagraphs();
    // the preamble's 11 paragraphs, the six article titles, the lists of art. 1 and 2…
    expect(paragraphs.length).toBeGreaterThan(55);
    expect(paragraphs).toEqual(expect.arrayContaining(['Préambule', 'Article 1 : Objet de la convention', 'Article 6 : Exécution formelle de la convention', 'le nom ;']));
    const { pages } = await render('convention', data);
    // the first copy, without the header and footer of its pages (a paragraph may run onto the next page)
    const running = /^(Exemplaire \d\/\d|Réf\. .* Page \d+ \/ \d+|Caf des Yvelines – 2 avenue des Prés – .*)$/;
    const copy = normalise(pages.slice(0, pages.length / 2).map((p) => p.split('\n').filter((l) => !running.test(l)).join(' ')).join(' '));
    expect(paragraphs.filter((p) => !copy.includes(p))).toEqual([]);
  });

  it('has its own title and the parties as the paper names them, filled from the partner, the convention and the Settings', async () => {
    const { flat } = await render('convention', data);
    expectPhrases(flat, [
      'CONVENTION DE MISE À DISPOSITION DE DONNÉES concernant les assistant(e)s maternel(le)s',
      'Numéro de la convention : 78/2026/0003AS – MAD',
      'Fournisseur de données : Conseil départemental des Yvelines',
      'Entre Conseil départemental des Yvelines, représenté par son Président, Monsieur Pierre BÉDIER ; ci-après dénommé « le fournisseur de données », et '
        + 'la Caf des Yvelines, représentée par son Directeur général, Madame Elodie CLAIR, ci-après dénommée « la Caf », il a été convenu et arrêté ce qui suit :',
      // art. 1: the data listed, from the convention's profile
      'à savoir : – le nom ; – le prénom ; – l’adresse physique ; – le numéro de téléphone. Les parties conviennent',
      // art. 3: one year, tacit renewal, three months' notice by registered letter
      'Sa durée est d’un an renouvelable par tacite reconduction.',
      'sous réserve du respect d’un délai de préavis de trois mois précédant la date d’échéance annuelle. Cette résiliation est formalisée par lettre recommandée avec avis de réception valant mise en demeure.',
      // art. 5: the data file, its format and its recipient at the Caf
      'Le fichier de données en format « csv » est fourni à l’adresse suivante : Caf des Yvelines François Lefèvre 2 avenue des Prés BP 17 78184 Saint-Quentin-en-Yvelines Cedex cafpro.cafyvelines@caf.cnafmail.fr',
      // art. 6: modifications by avenant
      'Toute modification ne pourra être prise en compte qu’après la signature d’un avenant par la Caf et le fournisseur de données.',
      'Fait en double exemplaire à Saint-Quentin-en-Yvelines, le',
      'Le fournisseur de données Conseil départemental des Yvelines Président Pierre BÉDIER La Caf Caf des Yvelines Directeur général Elodie CLAIR',
    ]);
    expectFrenchCharacters(flat, ['é', 'è', 'à', 'ç', '«', '»', '–', '’']);
  });

  it('lists the data the profile of the convention names', async () => {
    const profile = aMadProfile({ description: 'Données transmises :\n- le nom ;\n- la commune d’exercice' });
    const { flat } = await render('convention', aConventionDocument({ partner: aDataProvider(), convention: aDataProvisionConvention({ profile }) }));
    expectPhrases(flat, ['à savoir : – le nom ; – la commune d’exercice. Les parties conviennent']);
    expect(flat).not.toContain('le prénom');
  });

  it('has nothing of the Cafpro convention: no habilitation, no profile or « partage des données » annex, no « Diffusion restreinte »', async () => {
    const { flat } = await render('convention', data);
    for (const cafproOnly of [
      /habilitation/i, /Cafpro/, /Profil d’accès/i, /PROFIL MAD/, /Partage des données/, /Modèle d’information/, /allocataire/i,
      /Diffusion restreinte/, /Article 7/, /deux mois/, /dénonc/i, /Pour le partenaire/,
    ]) expect(flat).not.toMatch(cafproOnly);
  });

  it('prints two complete copies, each with its own « Exemplaire » mark and page numbers', async () => {
    const { pages, flat } = await render('convention', data);
    expect(pages.length % 2).toBe(0);
    const perCopy = pages.length / 2;
    expect(perCopy).toBe(4);
    pages.forEach((page, i) => {
      expect(page).toContain(`Exemplaire ${i < perCopy ? 1 : 2}/2`);
      expect(page).toContain(`Page ${(i % perCopy) + 1} / ${perCopy}`);
    });
    for (const phrase of ['CONVENTION DE MISE À DISPOSITION DE DONNÉES', 'Article 6 : Exécution formelle de la convention', 'Le fournisseur de données Conseil départemental des Yvelines Président']) {
      expect(flat.split(phrase).length - 1).toBe(2);
    }
  });

  it('gives the same bytes for the same data', async () => {
    await expectDeterministic('convention', data);
  });
});
