// Helpers shared by the document tests: render a kind and read its text back.
import { expect } from '@jest/globals';
import { inflateSync } from 'node:zlib';
import { renderDocument, type DocumentDataByKind, type DocumentKind } from '../../../src/documents/index.js';
import { pdfText, type PdfText } from '../../support/pdf-text.js';

export interface Rendered extends PdfText {
  buffer: Buffer;
}

export async function render<K extends DocumentKind>(kind: K, data: DocumentDataByKind[K]): Promise<Rendered> {
  const buffer = await renderDocument(kind, data);
  expect(buffer.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return { buffer, ...(await pdfText(buffer)) };
}

/** Every phrase is in the text (lines joined with spaces, so wrapping does not matter). */
export function expectPhrases(text: string, phrases: string[]): void {
  const missing = phrases.filter((p) => !text.includes(p));
  expect(missing).toEqual([]);
}

/** The French characters survive rendering and extraction (no « ? », no mojibake). */
export function expectFrenchCharacters(text: string, chars = ['é', 'è', 'à', 'ç', 'œ', '«', '»', '–', '’']): void {
  expect(chars.filter((c) => !text.includes(c))).toEqual([]);
  expect(text).not.toMatch(/Ã|Å|â€|\uFFFD/);
}

/** Page content streams, inflated (pdfkit compresses them with FlateDecode). */
export function contentStreams(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const out: string[] = [];
  const re = /stream\r?\n([\s\S]*?)\r?\nendstream/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const data = Buffer.from(m[1]!, 'latin1');
    try {
      out.push(inflateSync(data).toString('latin1'));
    } catch {
      out.push(m[1]!);
    }
  }
  return out.join('\n');
}

/** Renders twice: same text, same bytes. */
export async function expectDeterministic<K extends DocumentKind>(kind: K, data: DocumentDataByKind[K]): Promise<void> {
  const a = await renderDocument(kind, data);
  const b = await renderDocument(kind, structuredClone(data));
  expect((await pdfText(b)).pages).toEqual((await pdfText(a)).pages);
  expect(b.equals(a)).toBe(true);
}
