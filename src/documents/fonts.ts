// The documents' font: Liberation Sans (templates/fonts/liberation-sans, SIL OFL 1.1), embedded as a
// subset in every PDF. The PDF standard Helvetica only knows WinAnsi: « Łucja Thị Şahin-Wałęsa »
// printed as garbage, on letters sent to partners. Liberation Sans has Helvetica's metrics (layouts
// are unchanged) and draws every European Latin letter and Vietnamese. A character it cannot draw
// is refused when typed (`unprintableCharacters`), never printed as a blank or a wrong glyph.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { findProjectDir } from './templates.js';

export const FONT = 'Corps';
export const FONT_BOLD = 'Corps-Gras';
export const FONT_ITALIC = 'Corps-Italique';

const FILES: Record<string, string> = {
  [FONT]: 'LiberationSans-Regular.ttf',
  [FONT_BOLD]: 'LiberationSans-Bold.ttf',
  [FONT_ITALIC]: 'LiberationSans-Italic.ttf',
};

/**
 * Characters the line breaker never breaks at (private use: class AL), drawn as the character they
 * stand for. `typeset` writes a convention number's space and dash with them: pdfkit's line breaker
 * allows a break after « – » even before a no-break space, and the invisible joiners (U+2060) are not
 * in the font. The PDF shows and extracts the real characters: each document's font lays the text out
 * with them (so the glyphs, widths and ToUnicode entries are those of U+0020 and U+2013).
 */
export const UNBREAKABLE = { space: '\ue000', dash: '\ue001' } as const;
const REAL: Record<string, string> = { [UNBREAKABLE.space]: ' ', [UNBREAKABLE.dash]: '\u2013' };
const MASKED = /[\ue000\ue001]/g;

/** The part of a fontkit font that pdfkit and this module call (fontkit ships no types). */
interface Face {
  _tables: Record<string, unknown>;
  layout(text: string, ...rest: unknown[]): unknown;
  hasGlyphForCodePoint(codePoint: number): boolean;
}

interface Parsed {
  buffer: Buffer;
  /** Parsed once per process: its decoded tables are shared by the fonts of every document. */
  face: Face;
}

let parsed: Map<string, Parsed> | undefined;

/** The font files, read and parsed once per process. */
function parsedFaces(): Map<string, Parsed> {
  if (!parsed) {
    const dir = findProjectDir('templates', 'fonts', 'liberation-sans');
    parsed = new Map(Object.entries(FILES).map(([name, file]) => {
      const buffer = readFileSync(path.join(dir, file));
      return [name, { buffer, face: fontkit.create(buffer) as unknown as Face }];
    }));
  }
  return parsed;
}

/**
 * A font for one document. fontkit's tables (cmap, metrics, kerning, substitutions…) are read-only
 * once decoded and are shared; what depends on the document is not: its glyph objects (each keeps the
 * characters it was first laid out from, which become the document's ToUnicode entries — a glyph
 * shared between documents extracted « Yılmaz » as « Y:lmaz »), its layout engine, and pdfkit's
 * subset and character map, made by pdfkit for each document from this font.
 */
function documentFont({ buffer, face }: Parsed): Face {
  const font = fontkit.create(buffer) as unknown as Face;
  font._tables = face._tables;
  const layout = font.layout.bind(font);
  font.layout = (text: string, ...rest: unknown[]) => layout(text.replace(MASKED, (c) => REAL[c]!), ...rest);
  return font;
}

/** Registers the three faces on a new document under FONT, FONT_BOLD and FONT_ITALIC. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, face] of parsedFaces()) doc.registerFont(name, documentFont(face) as never);
}

/**
 * The distinct characters of `text` that one of the faces cannot draw (line breaks and tabs aside),
 * in the order they appear.
 */
export function unprintableCharacters(text: string): string[] {
  const faces = [...parsedFaces().values()].map((p) => p.face);
  const missing = new Set<string>();
  for (const char of text) {
    if (char === '\n' || char === '\r' || char === '\t') continue;
    const codePoint = char.codePointAt(0)!;
    if (faces.some((face) => !face.hasGlyphForCodePoint(codePoint))) missing.add(char);
  }
  return [...missing];
}
