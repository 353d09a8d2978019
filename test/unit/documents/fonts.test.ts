// The documents' font is parsed once per process (fonts.ts): what each document embeds must be what
// fontkit itself would have written — the same subset font program, byte for byte — and a piece of
// text laid out once and replayed in another document must give that document the same glyphs.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { FONT, FONT_BOLD, FONT_ITALIC, fontForDocument, forgetSharedFontData } from '../../../src/documents/fonts.js';
import { renderDocument } from '../../../src/documents/index.js';
import { findProjectDir } from '../../../src/documents/templates.js';
import { SAMPLES } from './document-factory.js';

interface Run { glyphs: Array<{ id: number; codePoints: number[] }>; positions: Array<Record<string, number>>; advanceWidth: number }
interface TestFont { layout(text: string): Run; createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array } }

const FILES = { [FONT]: 'LiberationSans-Regular.ttf', [FONT_BOLD]: 'LiberationSans-Bold.ttf', [FONT_ITALIC]: 'LiberationSans-Italic.ttf' };
// the soft hyphen (a default ignorable: drawn as a zero-width space) is laid out by the document's own fontkit font
const TEXT = 'co\u00adopération Łucja Thị Şahin-Wałęsa, Nguyễn Văn Đức « 78/2026/0004AS – T2 » Œuvre ǅ fi ffl 12 345,67 € Yılmaz ÀÉÎÕÜ';
const fresh = (name: keyof typeof FILES) =>
  fontkit.create(readFileSync(path.join(findProjectDir('templates', 'fonts', 'liberation-sans'), FILES[name]))) as unknown as TestFont;

/** The subset font program of `text` laid out with `font`, glyphs in the order they appear. */
function subsetOf(font: TestFont, text: string): Buffer {
  const subset = font.createSubset();
  for (const glyph of font.layout(text).glyphs) subset.includeGlyph(glyph.id);
  return Buffer.from(subset.encode());
}

describe('the font shared between documents', () => {
  for (const name of [FONT, FONT_BOLD, FONT_ITALIC] as const) {
    it(`${name}: each document's subset is the one fontkit writes, byte for byte, cold and warm`, () => {
      forgetSharedFontData();
      const expected = subsetOf(fresh(name), TEXT);
      expect(subsetOf(fontForDocument(name) as TestFont, TEXT).equals(expected)).toBe(true);
      // warm: glyph data and layouts now come from the shared caches
      expect(subsetOf(fontForDocument(name) as TestFont, TEXT).equals(expected)).toBe(true);
      expect(subsetOf(fontForDocument(name) as TestFont, 'x').equals(subsetOf(fresh(name), 'x'))).toBe(true);
    });

    it(`${name}: a layout replayed in another document gives the glyphs, characters and positions fontkit gives`, () => {
      const plain = (run: Run) => ({
        glyphs: run.glyphs.map((g) => [g.id, g.codePoints]),
        positions: run.positions.map((p) => ({ ...p })),
        advanceWidth: run.advanceWidth,
      });
      for (const word of TEXT.split(' ')) {
        const expected = plain(fresh(name).layout(word));
        expect(plain((fontForDocument(name) as TestFont).layout(word))).toEqual(expected);
        expect(plain((fontForDocument(name) as TestFont).layout(word))).toEqual(expected);
      }
    });
  }

  it('a document is the same bytes made first in the process, after the others, or after the shared data is forgotten', async () => {
    for (const kind of Object.keys(SAMPLES) as Array<keyof typeof SAMPLES>) {
      forgetSharedFontData();
      const cold = await renderDocument(kind, SAMPLES[kind]() as never);
      for (const other of Object.keys(SAMPLES) as Array<keyof typeof SAMPLES>) await renderDocument(other, SAMPLES[other]() as never);
      const warm = await renderDocument(kind, SAMPLES[kind]() as never);
      expect({ kind, same: warm.equals(cold) }).toEqual({ kind, same: true });
    }
  }, 60_000);
});
