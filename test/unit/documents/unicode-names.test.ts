// Every European Latin name and Vietnamese prints and extracts as typed, in every kind of document, with
// the font embedded (the standard Helvetica, WinAnsi only, printed « Łucja Thị Şahin-Wałęsa » as
// « V6¦ThË æ†–âÕpa!sa »); a character the font cannot draw is caught before it reaches a document.
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderDocument, type DocumentKind } from '../../../src/documents/index.js';
import { unprintableCharacters } from '../../../src/documents/fonts.js';
import { pdfText } from '../../support/pdf-text.js';
import {
  aConventionDocument, aCoverLetter, aHabilitationLetter, aManagerDesignationForm, anAccessRequestForm, aPartner, aRenewalNotice,
  aSuppressionRequestForm, aTerminationLetter,
} from './document-factory.js';

const NAMES = ['Łucja Thị Şahin-Wałęsa', 'Wójcik-Łukaszewska', 'Ștefan Ţiriac', 'Şükrü Yılmaz', 'Miloš Đorđević', 'Nguyễn Văn Đức', 'Ødegård Åsa', 'Çağlar Öztürk', 'Zoë Brontë-Œuvray'];
const partner = aPartner({ name: `Association ${NAMES[0]}`, representative: { civility: 'Madame', fullName: NAMES[1], title: 'Présidente' } });

const documents: Array<[DocumentKind, () => object]> = [
  ['cover-letter', () => aCoverLetter({ partner })],
  ['convention', () => aConventionDocument({ partner })],
  ['access-request-form', () => anAccessRequestForm({ partner })],
  ['manager-designation-form', () => aManagerDesignationForm({ partner })],
  ['suppression-request-form', () => aSuppressionRequestForm({ partner })],
  ['renewal-notice', () => aRenewalNotice(3, { partner })],
  ['habilitation-letter', () => aHabilitationLetter({ partner, user: { civility: 'Monsieur', firstName: 'Şükrü', lastName: 'YILMAZ-ĐORĐEVIĆ', function: 'Agent d’accueil' } })],
  ['termination-letter', () => aTerminationLetter({ partner })],
];

const pdffonts = (pdf: Buffer) => {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'cafpro-fonts-')), 'document.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter((line) => line.trim());
};

describe('names in every script of Europe', () => {
  for (const [kind, data] of documents) {
    it(`${kind}: the partner's names print and extract as typed, every font embedded`, async () => {
      const pdf = await renderDocument(kind, data() as never);
      const { flat } = await pdfText(pdf);
      expect(flat).toContain(`Association ${NAMES[0]}`);
      if (kind === 'habilitation-letter') expect(flat).toContain('Şükrü YILMAZ-ĐORĐEVIĆ');
      const fonts = pdffonts(pdf);
      expect(fonts.length).toBeGreaterThan(0);
      // pdffonts columns: name type encoding emb sub uni object ID — « emb » and « sub » are yes.
      for (const line of fonts) expect(line).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+\s*$/);
    });
  }

  it('every name of the list prints in a letter', async () => {
    const pdf = await renderDocument('termination-letter', aTerminationLetter({ partner: aPartner({ name: NAMES.join(' · ') }) }));
    const { flat } = await pdfText(pdf);
    for (const name of NAMES) expect(flat).toContain(name);
  });

  it('every name extracts as typed in documents made one after another in one process, in any order (the font is parsed once)', async () => {
    // Each document has its own subset and character map over the shared font tables: a glyph object
    // shared between documents had once copied « Yılmaz » as « Y:lmaz ».
    for (let round = 0; round < 3; round++) {
      const order = documents.map((_, i) => documents[(i * (round + 2)) % documents.length]!);
      for (const [i, [kind, data]] of order.entries()) {
        const names = NAMES.map((_, j) => NAMES[(j + i + round) % NAMES.length]!);
        const base = data() as { partner: ReturnType<typeof aPartner> };
        const pdf = await renderDocument(kind, { ...base, partner: { ...base.partner, name: names.join(' · ') } } as never);
        // a long name may wrap after a hyphen: compare letters, spaces aside
        const letters = (await pdfText(pdf)).flat.replace(/\s+/g, '');
        for (const name of names) {
          const expected = name.replace(/\s+/g, '');
          expect({ kind, round, found: letters.includes(expected) ? expected : letters }).toEqual({ kind, round, found: expected });
        }
      }
    }
  }, 60_000);

  it('tells which characters the font cannot draw', () => {
    for (const name of NAMES) expect(unprintableCharacters(name)).toEqual([]);
    expect(unprintableCharacters('Ville de Sèvres « Œuvre » – n° 12 €\nligne 2')).toEqual([]);
    expect(unprintableCharacters('山田 太郎 😀 ok')).toEqual(['山', '田', '太', '郎', '😀']);
  });
});
