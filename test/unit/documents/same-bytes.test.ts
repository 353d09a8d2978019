// Same record, same bytes: a document made again from its record (document-regeneration.ts) must
// have the SHA-256 recorded when it was first made. Its dates are its generation instant to the
// second (what the database keeps of it), its /ID is made from its content, and the combined PDFs
// (pdf-lib) do not depend on the moment they are merged.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { PDFDocument } from 'pdf-lib';
import { DOCUMENT_KINDS, mergePdfs, renderDocument, type DocumentDataByKind, type DocumentKind } from '../../../src/documents/index.js';
import { pdfText } from '../../support/pdf-text.js';
import { SAMPLES } from './document-factory.js';

const render = <K extends DocumentKind>(kind: K, overrides: Partial<DocumentDataByKind[K]>) => renderDocument(kind, { ...SAMPLES[kind](), ...overrides });

/** Both halves of the trailer's /ID. */
function fileId(pdf: Buffer): [string, string] {
  const match = /\/ID\s*\[\s*<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\]/i.exec(pdf.toString('latin1', pdf.lastIndexOf('trailer')));
  if (!match) throw new Error('no /ID');
  return [match[1]!, match[2]!];
}

const contentHash = (pdf: Buffer) => createHash('sha256').update(pdf.subarray(0, pdf.lastIndexOf('trailer'))).digest('hex').slice(0, 32);

async function pdfDates(pdf: Buffer): Promise<Array<string | undefined>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  return [doc.getCreationDate()?.toISOString(), doc.getModificationDate()?.toISOString()];
}

describe('same record, same bytes', () => {
  afterEach(() => { jest.useRealTimers(); });

  it.each(DOCUMENT_KINDS)('%s: generated at 09:15:30.654 and made again from the row (09:15:30), the same bytes, dated that second', async (kind) => {
    const generated = await render(kind, { generatedAt: new Date('2026-11-23T09:15:30.654Z') } as never);
    // What MariaDB gives back of the instant (DATETIME without fraction).
    const again = await render(kind, { generatedAt: new Date('2026-11-23T09:15:30Z') } as never);
    expect(again.equals(generated)).toBe(true);
    expect(await pdfDates(generated)).toEqual(['2026-11-23T09:15:30.000Z', '2026-11-23T09:15:30.000Z']);
    const [first, second] = fileId(generated);
    expect(second).toBe(first);
    expect(first).toBe(contentHash(generated));
  });

  it.each(DOCUMENT_KINDS)('%s: another printed reference at the same instant gives another /ID', async (kind) => {
    const a = await render(kind, { reference: 'DA-2026-000001' } as never);
    const b = await render(kind, { reference: 'DA-2026-000002' } as never);
    expect((await pdfText(b)).info).toEqual((await pdfText(a)).info);
    expect(fileId(b)[0]).not.toBe(fileId(a)[0]);
  });
});

describe('mergePdfs', () => {
  const parts = () => Promise.all([render('renewal-notice', {}), render('renewal-notice', { reference: '2026-000047', registerNumber: '2026-000047' })]);

  it('gives the same bytes for the same parts, title and generation instant, whenever it runs, dated that instant', async () => {
    const [a, b] = await parts();
    const options = { title: 'Avis de reconduction à imprimer', generatedAt: new Date('2026-11-23T10:00:07.300Z') };
    const merged = await mergePdfs([a, b], options);
    // A year later, with the instant as the database gives it back.
    jest.useFakeTimers({ now: new Date('2027-11-23T10:00:00Z'), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'] });
    const again = await mergePdfs([a, b], { ...options, generatedAt: new Date('2026-11-23T10:00:07Z') });
    expect(again.equals(merged)).toBe(true);
    expect(await pdfDates(merged)).toEqual(['2026-11-23T10:00:07.000Z', '2026-11-23T10:00:07.000Z']);
    const text = await pdfText(merged);
    expect(text.pageCount).toBe((await pdfText(a)).pageCount + (await pdfText(b)).pageCount);
    expect(text.info.Title).toBe('Avis de reconduction à imprimer');
    expect(text.flat).toContain('2026-000047');
    expect(fileId(merged)).toEqual([contentHash(merged), contentHash(merged)]);
  });

  it('parts in another order: another file and another /ID', async () => {
    const [a, b] = await parts();
    const options = { title: 'Avis', generatedAt: '2026-11-23T10:00:07Z' };
    const ab = await mergePdfs([a, b], options);
    const ba = await mergePdfs([b, a], options);
    expect(ba.equals(ab)).toBe(false);
    expect(fileId(ba)[0]).not.toBe(fileId(ab)[0]);
  });
});
