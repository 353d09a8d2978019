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

let buffers: Map<string, Buffer> | undefined;

/** The font files, read once per process. */
function fontBuffers(): Map<string, Buffer> {
  if (!buffers) {
    const dir = findProjectDir('templates', 'fonts', 'liberation-sans');
    buffers = new Map(Object.entries(FILES).map(([name, file]) => [name, readFileSync(path.join(dir, file))]));
  }
  return buffers;
}

/**
 * Registers the three faces on a new document under FONT, FONT_BOLD and FONT_ITALIC. The font is
 * parsed again for each document (≈ 60 ms of a one-page form): a parsed fontkit font shared between
 * documents was tried and gave wrong text extraction (« Yılmaz » copied as « Y:lmaz »), because its
 * glyph cache outlives the document's character map.
 */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const [name, buffer] of fontBuffers()) doc.registerFont(name, buffer);
}

let faces: Array<{ hasGlyphForCodePoint(codePoint: number): boolean }> | undefined;

/**
 * The distinct characters of `text` that one of the faces cannot draw (line breaks and tabs aside),
 * in the order they appear.
 */
// The answer per code point, once: every typed field is checked (an import checks 50 000 rows).
const printableCodePoints = new Map<number, boolean>();

export function unprintableCharacters(text: string): string[] {
  faces ??= [...fontBuffers().values()].map((buffer) => fontkit.create(buffer));
  const missing = new Set<string>();
  for (const char of text) {
    if (char === '\n' || char === '\r' || char === '\t') continue;
    const codePoint = char.codePointAt(0)!;
    let printable = printableCodePoints.get(codePoint);
    if (printable === undefined) {
      printable = faces.every((face) => face.hasGlyphForCodePoint(codePoint));
      printableCodePoints.set(codePoint, printable);
    }
    if (!printable) missing.add(char);
  }
  return [...missing];
}
