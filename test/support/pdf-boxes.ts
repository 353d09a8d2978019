// Where each piece of text sits on each page of a PDF (pdfjs-dist), to check a layout the way an eye
// would: no two pieces of text drawn over each other, a block kept on the page of what it belongs to.
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface TextBox {
  page: number;
  text: string;
  /** PDF units from the bottom-left corner of the page. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export async function textBoxes(buffer: Buffer): Promise<TextBox[]> {
  const task = pdfjs.getDocument({ data: new Uint8Array(buffer), disableFontFace: true, isEvalSupported: false, verbosity: pdfjs.VerbosityLevel.ERRORS });
  const pdf = await task.promise;
  try {
    const boxes: TextBox[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      for (const item of (await page.getTextContent()).items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const [, , , d, e, f] = item.transform as number[];
        boxes.push({ page: n, text: item.str, x: e, y: f, width: item.width, height: item.height || Math.abs(d) });
      }
      page.cleanup();
    }
    return boxes;
  } finally {
    await task.destroy();
  }
}

/**
 * Pairs of text pieces that cover each other by more than a sliver (glyphs touching at a line's edge,
 * or pieces of one line split by the PDF writer, do not count).
 */
export function overlappingText(boxes: TextBox[], tolerance = 1): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i];
      const b = boxes[j];
      if (a.page !== b.page) continue;
      const dx = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      if (dx > tolerance && dy > Math.min(a.height, b.height) * 0.3) pairs.push([`p${a.page} « ${a.text} »`, `« ${b.text} »`]);
    }
  }
  return pairs;
}

/** The page on which a text first appears (0 when absent). */
export const pageOf = (boxes: TextBox[], text: string | RegExp): number =>
  boxes.find((b) => (typeof text === 'string' ? b.text.includes(text) : text.test(b.text)))?.page ?? 0;
