// pdfkit's stream objects (page contents, font programs, character maps), written and compressed
// with less work, to the same bytes.
//
// Text written as one string: pdfkit turned every operator it writes (a word, a rectangle, a colour)
// into a small byte array of its own, concatenated at the end; the text is kept as a string and
// turned into bytes once, as pdfkit does (each character's low byte).
//
// Streams that many documents share, deflated once per process. Every renewal notice embeds the same
// three font subsets and character maps (the same glyphs), byte for byte: deflating them again for
// each document was a sixth of its rendering (zlib, 2 ms of 12). A stream whose bytes were already
// seen twice gets the compressed bytes kept from then on; zlib gives the same output for the same input,
// so the PDF is the same bytes (test/unit/documents/same-bytes.test.ts and deflated-streams.test.ts).
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';

/** What pdfkit's PDFReference (pdfkit 0.20, not exported) has that this module touches. */
interface PdfReference {
  data: { Length?: number; Filter?: string };
  compress: boolean;
  uncompressedLength: number;
  buffer: Uint8Array[];
  /** Text written since the last byte chunk (this module's). */
  pendingText?: string;
  write(chunk: unknown): void;
  finalize(): void;
}

/** Stream contents seen once (their hash): only a second sighting keeps the compressed bytes. */
const seen = new Set<string>();
const deflated = new Map<string, Buffer>();
/** Bounds: past them the memory starts again (page contents, unique per document, are only hashed). */
const MAX_SEEN = 50_000;
const MAX_KEPT_BYTES = 16 * 1024 * 1024;
let keptBytes = 0;

/** zlib.deflateSync(bytes), the compressed bytes of a content already deflated twice taken from memory. */
export function deflateRemembered(bytes: Uint8Array): Buffer {
  const key = createHash('sha256').update(bytes).digest('base64');
  const known = deflated.get(key);
  if (known) return known;
  const compressed = zlib.deflateSync(bytes);
  if (seen.has(key)) {
    if (keptBytes + compressed.length > MAX_KEPT_BYTES) {
      deflated.clear();
      keptBytes = 0;
    }
    deflated.set(key, compressed);
    keptBytes += compressed.length;
  } else {
    if (seen.size >= MAX_SEEN) seen.clear();
    seen.add(key);
  }
  return compressed;
}

/** Forgets the remembered streams (tests: a document made cold or warm is the same). */
export function forgetDeflatedStreams(): void {
  seen.clear();
  deflated.clear();
  keptBytes = 0;
}

const patched = new WeakSet<object>();

/**
 * Whether the shortcuts of this module and of fonts.ts (shareScaledRuns) are taken: turned off, pdfkit
 * runs its own code, which a test compares them with, byte for byte.
 */
export const pdfkitShortcuts = { enabled: true };

/** The text written since the last byte chunk, as the bytes pdfkit would have made of it. */
function flushText(ref: PdfReference): void {
  if (ref.pendingText) {
    ref.buffer.push(Buffer.from(ref.pendingText, 'latin1'));
    ref.pendingText = '';
  }
}

/**
 * Patches pdfkit's PDFReference (pdfkit 0.20) once per process. Its write(chunk) turns text into
 * bytes (each character's low byte, a line break after it), counts /Length, sets /Filter when
 * compressing; its finalize concatenates the chunks, deflates them when `compress` is set and writes
 * the object. Here a text chunk is added to a string (the same counts and /Filter), made bytes when
 * a byte chunk follows or at finalize; the stream is then deflated through `deflateRemembered` and
 * given to pdfkit's finalize as its one chunk, already compressed. The class is not exported: it is
 * the class of the document's catalog, the first object every PDFDocument makes.
 */
export function rememberDeflatedStreams(doc: PDFKit.PDFDocument): void {
  const prototype = Object.getPrototypeOf((doc as unknown as { _root: PdfReference })._root) as PdfReference;
  if (patched.has(prototype)) return;
  const { write, finalize } = prototype;
  prototype.write = function writeText(this: PdfReference, chunk: unknown) {
    if (!pdfkitShortcuts.enabled && !this.pendingText) {
      write.call(this, chunk);
      return;
    }
    if (chunk instanceof Uint8Array) {
      flushText(this);
      write.call(this, chunk);
      return;
    }
    const text = (chunk as string) + '\n';
    this.pendingText = (this.pendingText ?? '') + text;
    this.uncompressedLength += text.length;
    if (this.data.Length == null) this.data.Length = 0;
    this.data.Length += text.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };
  prototype.finalize = function finalizeRemembered(this: PdfReference) {
    flushText(this);
    if (this.compress && this.buffer.length && pdfkitShortcuts.enabled) {
      this.buffer = [deflateRemembered(Buffer.concat(this.buffer))];
      this.compress = false;
    }
    finalize.call(this);
  };
  patched.add(prototype);
}
