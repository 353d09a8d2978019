// The shortcuts taken in pdfkit's work (pdfkit-streams.ts: text written as one string, shared streams
// deflated once per process; fonts.ts shareScaledRuns: scaled runs shared between documents) give
// the bytes pdfkit gives without them, for every kind of document, cold and warm.
import { afterEach, describe, expect, it } from '@jest/globals';
import { inflateSync } from 'node:zlib';
import { DOCUMENT_KINDS, renderDocument, type DocumentDataByKind, type DocumentKind } from '../../../src/documents/index.js';
import { deflateRemembered, forgetDeflatedStreams, pdfkitShortcuts } from '../../../src/documents/pdfkit-streams.js';
import { forgetSharedFontData } from '../../../src/documents/fonts.js';
import { aPartner, aRenewalNotice, SAMPLES } from './document-factory.js';

async function withoutShortcuts<T>(make: () => Promise<T>): Promise<T> {
  pdfkitShortcuts.enabled = false;
  try {
    return await make();
  } finally {
    pdfkitShortcuts.enabled = true;
  }
}

const render = <K extends DocumentKind>(kind: K, data: DocumentDataByKind[K]) => renderDocument(kind, data);

/** Notices that differ where the documents of a run differ: the partner, the reference, the list. */
const notices = [0, 1, 3, 24, 60].map((count, i) => aRenewalNotice(count, {
  reference: `2026-00010${i}`,
  registerNumber: `2026-00010${i}`,
  partner: { ...aPartner(), name: `Łucja Thị Şahin-Wałęsa – Commune d’Essai-sur-Œuvre n° ${i + 1}` },
  habilitations: aRenewalNotice(count).habilitations!.map((h, k) => ({ ...h, suspended: k % 3 === 1 })),
}));

describe('pdfkit shortcuts', () => {
  afterEach(() => { pdfkitShortcuts.enabled = true; });

  it.each(DOCUMENT_KINDS)('%s: the same bytes as pdfkit alone, first in the process and after the shared data is forgotten', async (kind) => {
    const expected = await withoutShortcuts(() => render(kind, SAMPLES[kind]() as never));
    forgetDeflatedStreams();
    forgetSharedFontData();
    const cold = await render(kind, SAMPLES[kind]() as never);
    const warm = [await render(kind, SAMPLES[kind]() as never), await render(kind, SAMPLES[kind]() as never)];
    expect(cold.equals(expected)).toBe(true);
    for (const pdf of warm) expect(pdf.equals(expected)).toBe(true);
  });

  it('renewal notices of a run (other partners, references and lists, one after the other) are the bytes pdfkit gives', async () => {
    const expected = await withoutShortcuts(async () => Promise.all(notices.map((n) => render('renewal-notice', n))));
    for (let round = 0; round < 3; round++) {
      for (const [i, notice] of notices.entries()) expect((await render('renewal-notice', notice)).equals(expected[i]!)).toBe(true);
    }
  });

  it('a stream deflated a third time comes from memory, and is what zlib gives', () => {
    forgetDeflatedStreams();
    const bytes = Buffer.from('BT /F1 10 Tf (Avis de reconduction) Tj ET\n'.repeat(50), 'latin1');
    const first = deflateRemembered(bytes);
    const second = deflateRemembered(bytes);
    const third = deflateRemembered(Buffer.from(bytes));
    expect(third).toBe(second);
    expect(first).not.toBe(second);
    expect(inflateSync(third).equals(bytes)).toBe(true);
    expect(deflateRemembered(Buffer.from('autre contenu', 'latin1')).equals(first)).toBe(false);
  });
});
