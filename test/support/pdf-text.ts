// Extracts the text of a PDF Buffer with pdfjs-dist (legacy build: runs in Node without a DOM).
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfText {
  /** Text of each page, lines separated by « \n ». */
  pages: string[];
  /** Every page, lines joined with a single space: wrapped sentences read as one line. */
  flat: string;
  /** Number of pages. */
  pageCount: number;
  /** Document information dictionary (Title, Author, CreationDate…). */
  info: Record<string, unknown>;
}

/** Non-breaking and thin spaces print as spaces; compare with ordinary spaces. */
export function normalizeSpaces(text: string): string {
  return text.replace(/[\u00a0\u202f\u2009]/g, ' ').replace(/[ \t]+/g, ' ');
}

export async function pdfText(buffer: Buffer): Promise<PdfText> {
  const task = pdfjs.getDocument({
    data: new Uint8Array(buffer),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    // the standard 14 fonts are not embedded: no glyph data is needed to read the text
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  const pdf = await task.promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(
        normalizeSpaces(text)
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l !== '')
          .join('\n'),
      );
      page.cleanup();
    }
    const { info } = await pdf.getMetadata();
    return {
      pages,
      pageCount: pdf.numPages,
      flat: pages.map((p) => p.replace(/\n/g, ' ')).join(' '),
      info: info as Record<string, unknown>,
    };
  } finally {
    await task.destroy();
  }
}
