// The documents' font: Liberation Sans (templates/fonts/liberation-sans, SIL OFL 1.1), embedded as a
// subset in every PDF. The PDF standard Helvetica only knows WinAnsi: « Łucja Thị Şahin-Wałęsa »
// printed as garbage, on letters sent to partners. Liberation Sans has Helvetica's metrics (layouts
// are unchanged) and draws every European Latin letter and Vietnamese. A character it cannot draw
// is refused when typed (`unprintableCharacters`), never printed as a blank or a wrong glyph.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { pdfkitShortcuts } from './pdfkit-streams.js';
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

/** The part of fontkit that pdfkit and this module call (fontkit ships no types). */
interface Position { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }
interface Metrics { advanceWidth: number; advanceHeight: number; leftBearing: number; topBearing: number }
interface Glyph { id: number; codePoints: number[]; advanceWidth: number; _metrics?: Metrics; _getMetrics(): Metrics; _decode(): { numberOfContours: number; components?: Array<{ glyphID: number; pos: number }> } | null }
interface Run { glyphs: Glyph[]; positions: Position[]; readonly advanceWidth: number }
interface Subset {
  font: Face;
  glyphs: number[];
  glyf: Uint8Array[];
  loca: { offsets: number[]; version: number };
  hmtx: { metrics: Array<{ advance: number; bearing: number }>; bearings: number[] };
  offset: number;
  includeGlyph(gid: number): number;
  _addGlyph(gid: number): number;
  encode(): Uint8Array;
}
interface Face {
  _tables: Record<string, unknown>;
  _cmapProcessor: { lookup(codePoint: number): number };
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  loca: { offsets: number[]; version: number };
  layout(text: string, features?: unknown): Run;
  getGlyph(id: number, codePoints?: number[]): Glyph;
  createSubset(): Subset;
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/** What a piece of text lays out to, whatever the document: its glyphs and their positions. */
interface SharedLayout { glyphs: readonly GlyphOfText[]; positions: Position[] }
/** A glyph's TrueType data as a subset copies it (outline bytes, components, metrics). */
interface SharedGlyph { bytes: Uint8Array; components?: Array<{ glyphID: number; pos: number }>; advance: number; bearing: number }

interface Parsed {
  buffer: Buffer;
  /** Parsed once per process: its decoded tables are shared by the fonts of every document. */
  face: Face;
  layouts: Map<string, SharedLayout>;
  glyphs: Map<number, SharedGlyph>;
  /** pdfkit's runs of the plain layouts, scaled to its 1000 units (see shareScaledRuns), by the text pdfkit asked for. */
  scaledRuns: Map<string, Run>;
}

/** Pieces of text whose layout is kept (words, mostly); past that the cache starts again. */
const MAX_LAYOUTS = 20_000;

let parsed: Map<string, Parsed> | undefined;

/** The font files, read and parsed once per process. */
function parsedFaces(): Map<string, Parsed> {
  if (!parsed) {
    const dir = findProjectDir('templates', 'fonts', 'liberation-sans');
    parsed = new Map(Object.entries(FILES).map(([name, file]) => {
      const buffer = readFileSync(path.join(dir, file));
      return [name, { buffer, face: fontkit.create(buffer) as Face, layouts: new Map(), glyphs: new Map(), scaledRuns: new Map() }];
    }));
  }
  return parsed;
}

/** Forgets the layouts and glyph data shared between documents (tests: a document made cold or warm is the same). */
export function forgetSharedFontData(): void {
  for (const p of parsedFaces().values()) {
    p.layouts.clear();
    p.glyphs.clear();
    p.scaledRuns.clear();
  }
}

/**
 * A font for one document. fontkit's tables (cmap, metrics, kerning, substitutions…) are read-only
 * once decoded and are shared; what depends on the document is not: the characters each glyph stands
 * for, which become the document's ToUnicode entries (a fontkit glyph object keeps the characters it
 * was first made from: shared between documents, it extracted « Yılmaz » as « Y:lmaz »), and pdfkit's
 * subset and character map, made by pdfkit for each document from this font.
 *
 * What does not depend on the document is computed once per process, as plain data: the layout of a
 * piece of text — glyph ids and positions, each glyph given as the character it is laid out from —
 * when each glyph is its character's own (no ligature, no substitution: those are laid out by this
 * document's own fontkit font, whose glyph objects only this document makes), and a glyph's TrueType
 * bytes and metrics for the subset. A document is the same whether these were known or not.
 */
function documentFont(p: Parsed): Face {
  // What pdfkit reads of the font (names, metrics, tables) is the shared face's; its own fontkit font
  // is made only if the document has a ligature or a substitution to lay out.
  const font = Object.create(p.face) as Face & { [SHARED]?: Parsed };
  font[SHARED] = p;
  let own: Face | undefined;
  const ownFont = () => {
    if (!own) {
      own = fontkit.create(p.buffer) as Face;
      own._tables = p.face._tables;
      const getGlyph = own.getGlyph.bind(own);
      own.getGlyph = (id: number, codePoints?: number[]) => withSharedMetrics(p, getGlyph(id, codePoints));
    }
    return own;
  };
  font.layout = (masked: string, features?: unknown) => {
    const text = masked.replace(MASKED, (c) => REAL[c]!);
    if (features) return ownFont().layout(text, features);
    const shared = p.layouts.get(text) ?? sharedLayout(p, text);
    return shared ? runOf(shared) : ownFont().layout(text);
  };
  font.createSubset = () => {
    const subset = p.face.createSubset();
    subset._addGlyph = (gid: number) => addGlyph(subset, p, gid);
    subset.encode = () => encodeSubset(subset, p);
    return subset;
  };
  return font;
}

/** A glyph of a shared layout: what pdfkit reads of a fontkit glyph. */
interface GlyphOfText { readonly id: number; readonly codePoints: number[]; readonly advanceWidth: number }

/**
 * The layout of `text` laid out once by the shared face, kept when each glyph is the character's own
 * (null otherwise: a ligature or a substitution, left to the document's font).
 */
function sharedLayout(p: Parsed, text: string): SharedLayout | null {
  const run = p.face.layout(text);
  const codePoints = [...text].map((c) => c.codePointAt(0)!);
  const plain = run.glyphs.length === codePoints.length && run.glyphs.every((g, i) => g.id === p.face._cmapProcessor.lookup(codePoints[i]!));
  if (!plain) return null;
  const shared: SharedLayout = {
    glyphs: run.glyphs.map((g, i) => Object.freeze({ id: g.id, codePoints: [codePoints[i]!], advanceWidth: g.advanceWidth })),
    positions: run.positions.map(copyPosition),
  };
  if (p.layouts.size >= MAX_LAYOUTS) p.layouts.clear();
  p.layouts.set(text, shared);
  return shared;
}

/**
 * A glyph's metrics (advance, bearings) do not depend on the document: read once per process from
 * the shared face (fontkit would decode the glyph's header again for each document to get them).
 */
function withSharedMetrics(p: Parsed, glyph: Glyph): Glyph {
  if (!glyph._metrics) glyph._metrics = p.face.getGlyph(glyph.id)._getMetrics();
  return glyph;
}

const copyPosition = ({ xAdvance, yAdvance, xOffset, yOffset }: Position): Position => ({ xAdvance, yAdvance, xOffset, yOffset });

/** A run as fontkit gives it; fresh positions, since pdfkit scales them in place. */
function runOf(shared: SharedLayout): Run {
  const run: Run = {
    glyphs: shared.glyphs as Glyph[],
    positions: shared.positions.map(copyPosition),
    get advanceWidth() {
      return this.positions.reduce((sum, position) => sum + position.xAdvance, 0);
    },
  };
  plainRuns.add(run);
  return run;
}

/** The runs made from a shared layout (each glyph its character's own): only those are shared scaled. */
const plainRuns = new WeakSet<Run>();
/** Where a document's font finds the data its face shares between documents. */
const SHARED = Symbol('shared font data');

/** The part of pdfkit's EmbeddedFont (pdfkit 0.20, not exported) that shareScaledRuns replaces. */
interface EmbeddedFont {
  font: Face & { [SHARED]?: Parsed };
  layoutCache?: Record<string, Run>;
  layoutRun(text: string): Run;
  layoutCached(text: string): Run;
}
const sharingPrototypes = new WeakSet<object>();

/**
 * pdfkit keeps the runs of a document's font per document (layoutCached): each new document laid
 * every word out again, copied its positions, scaled them to 1000 units and summed its advance
 * (a tenth of a renewal notice). A run made from a shared layout does not depend on the document
 * (its glyphs are the characters', its positions are not changed once scaled: pdfkit copies them
 * to justify), so once scaled it is kept for every document, its advance summed once, the same way.
 * `embedded` is one of pdfkit's EmbeddedFont objects (doc._font), whose class pdfkit does not export.
 */
export function shareScaledRuns(embedded: unknown): void {
  const prototype = Object.getPrototypeOf(embedded) as EmbeddedFont;
  if (sharingPrototypes.has(prototype)) return;
  const layoutCached = prototype.layoutCached;
  prototype.layoutCached = function sharedLayoutCached(this: EmbeddedFont, text: string): Run {
    const p = this.font[SHARED];
    if (!p || !this.layoutCache || !pdfkitShortcuts.enabled) return layoutCached.call(this, text);
    let run = this.layoutCache[text] ?? p.scaledRuns.get(text);
    if (!run) {
      run = this.layoutRun(text);
      if (plainRuns.has(run)) {
        const advanceWidth = run.advanceWidth;
        Object.defineProperty(run, 'advanceWidth', { value: advanceWidth });
        if (p.scaledRuns.size >= MAX_LAYOUTS) p.scaledRuns.clear();
        p.scaledRuns.set(text, run);
      }
    }
    this.layoutCache[text] = run;
    return run;
  };
  sharingPrototypes.add(prototype);
}

/** fontkit's TTFSubset._addGlyph (fontkit 2.0.4, fonts without variations), the glyph's data read once per process. */
function addGlyph(subset: Subset, p: Parsed, gid: number): number {
  let shared = p.glyphs.get(gid);
  if (!shared) {
    const glyph = subset.font.getGlyph(gid);
    const glyf = glyph._decode();
    const offsets = subset.font.loca.offsets;
    const stream = subset.font._getTableStream('glyf');
    stream.pos += offsets[gid]!;
    const bytes = new Uint8Array(stream.readBuffer(offsets[gid + 1]! - offsets[gid]!));
    const components = glyf && glyf.numberOfContours < 0 ? glyf.components : undefined;
    shared = { bytes, components, advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing };
    p.glyphs.set(gid, shared);
  }
  let bytes = shared.bytes;
  if (shared.components) {
    // a compound glyph names its components by their ids in the subset
    bytes = new Uint8Array(bytes);
    const view = new DataView(bytes.buffer);
    for (const component of shared.components) view.setUint16(component.pos, subset.includeGlyph(component.glyphID));
  }
  subset.glyf.push(bytes);
  subset.loca.offsets.push(subset.offset);
  subset.hmtx.metrics.push({ advance: shared.advance, bearing: shared.bearing });
  subset.offset += bytes.length;
  return subset.glyf.length - 1;
}

/** The tables a PDF's TrueType font program holds, in fontkit's order (TTFSubset.encode). */
const SUBSET_TABLES = ['head', 'hhea', 'loca', 'maxp', 'cvt ', 'prep', 'glyf', 'hmtx', 'fpgm'] as const;

/**
 * fontkit's TTFSubset.encode, byte for byte (test/unit/documents/fonts.test.ts), without re-encoding
 * the hinting programs value by value for every document: head, hhea, maxp, cvt, prep and fpgm are
 * the font file's own bytes (head's indexToLocFormat, hhea's numberOfMetrics and maxp's numGlyphs
 * set as fontkit sets them), loca, glyf and hmtx written from the subset's glyphs.
 */
function encodeSubset(subset: Subset, p: Parsed): Uint8Array {
  const font = subset.font;
  subset.glyf = [];
  subset.offset = 0;
  subset.loca = { offsets: [], version: font.loca.version };
  subset.hmtx = { metrics: [], bearings: [] };
  // _addGlyph may add a compound glyph's components at the end of the list
  for (let i = 0; i < subset.glyphs.length; i++) subset._addGlyph(subset.glyphs[i]!);
  subset.loca.offsets.push(subset.offset);

  const raw = (tag: string) => {
    const entry = p.face.directory.tables[tag];
    return entry ? new Uint8Array(p.buffer.buffer, p.buffer.byteOffset + entry.offset, entry.length) : undefined;
  };
  const withUint16 = (bytes: Uint8Array | undefined, at: number, value: number) => {
    if (!bytes) return undefined;
    const copy = new Uint8Array(bytes);
    new DataView(copy.buffer).setUint16(at, value);
    return copy;
  };
  const shortLoca = subset.loca.version === 0;
  const loca = new Uint8Array(subset.loca.offsets.length * (shortLoca ? 2 : 4));
  const locaView = new DataView(loca.buffer);
  subset.loca.offsets.forEach((offset, i) => (shortLoca ? locaView.setUint16(i * 2, offset >>> 1) : locaView.setUint32(i * 4, offset)));
  const hmtx = new Uint8Array(subset.hmtx.metrics.length * 4);
  const hmtxView = new DataView(hmtx.buffer);
  subset.hmtx.metrics.forEach(({ advance, bearing }, i) => {
    hmtxView.setUint16(i * 4, advance);
    hmtxView.setInt16(i * 4 + 2, bearing);
  });
  const glyf = new Uint8Array(subset.offset);
  let at = 0;
  for (const bytes of subset.glyf) {
    glyf.set(bytes, at);
    at += bytes.length;
  }
  const content: Record<(typeof SUBSET_TABLES)[number], Uint8Array | undefined> = {
    head: withUint16(raw('head'), 50, subset.loca.version),
    hhea: withUint16(raw('hhea'), 34, subset.hmtx.metrics.length),
    loca,
    maxp: withUint16(raw('maxp'), 4, subset.glyf.length),
    'cvt ': raw('cvt '),
    prep: raw('prep'),
    glyf,
    hmtx,
    fpgm: raw('fpgm'),
  };
  const tables = SUBSET_TABLES.flatMap((tag) => (content[tag] ? [[tag, content[tag]] as const] : []));

  // the sfnt directory as fontkit writes it: tag « true », checksums left at 0, tables one after another
  const headerLength = 12 + 16 * tables.length;
  const out = new Uint8Array(headerLength + tables.reduce((sum, [, bytes]) => sum + bytes.length, 0));
  const view = new DataView(out.buffer);
  const ascii = (offset: number, text: string) => [...text].forEach((c, i) => view.setUint8(offset + i, c.charCodeAt(0)));
  const power = 2 ** Math.floor(Math.log2(tables.length));
  ascii(0, 'true');
  view.setUint16(4, tables.length);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, tables.length * 16 - power * 16);
  let offset = headerLength;
  tables.forEach(([tag, bytes], i) => {
    ascii(12 + i * 16, tag);
    view.setUint32(12 + i * 16 + 8, offset);
    view.setUint32(12 + i * 16 + 12, bytes.length);
    out.set(bytes, offset);
    offset += bytes.length;
  });
  return out;
}

/** A new document's font for FONT, FONT_BOLD or FONT_ITALIC (pdfkit takes a fontkit font). */
export function fontForDocument(name: string): unknown {
  const p = parsedFaces().get(name);
  if (!p) throw new Error(`Police inconnue : « ${name} »`);
  return documentFont(p);
}

/** Registers the three faces on a new document under FONT, FONT_BOLD and FONT_ITALIC. */
export function registerFonts(doc: PDFKit.PDFDocument): void {
  for (const name of parsedFaces().keys()) doc.registerFont(name, fontForDocument(name) as never);
}

/**
 * The distinct characters of `text` that one of the faces cannot draw (line breaks and tabs aside),
 * in the order they appear.
 */
// The answer per code point, once: every typed field is checked (an import checks 50 000 rows).
const printableCodePoints = new Map<number, boolean>();

export function unprintableCharacters(text: string): string[] {
  const faces = [...parsedFaces().values()].map((p) => p.face);
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
