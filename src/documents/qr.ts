// QR code of the printed form reference (e.g. « DA-2026-000123 »), drawn as vector rectangles so
// that a scan of the returned paper form can be matched to its record. One rectangle per horizontal
// run of dark modules keeps the content stream small.
import QRCode from 'qrcode';

export interface QrRun {
  row: number;
  col: number;
  length: number;
}

export interface QrMatrix {
  /** Modules per side (21 for version 1). */
  size: number;
  /** size × size, 1 = dark. */
  dark: Uint8Array;
  runs: QrRun[];
}

export interface QrDrawing {
  size: number;
  darkModules: number;
  rects: number;
}

/** The module matrix of `text` (error correction M) and its horizontal runs of dark modules. */
export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size;
  const dark = Uint8Array.from(modules.data, (v) => (v ? 1 : 0));
  const runs: QrRun[] = [];
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!dark[row * size + col]) {
        col++;
        continue;
      }
      const startCol = col;
      while (col < size && dark[row * size + col]) col++;
      runs.push({ row, col: startCol, length: col - startCol });
    }
  }
  return { size, dark, runs };
}

/** Draws the QR code of `text` in a square of `side` points at (x, y) (top left, pdfkit coordinates). */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, side: number): QrDrawing {
  const matrix = qrMatrix(text);
  const m = side / matrix.size;
  doc.save();
  for (const run of matrix.runs) doc.rect(x + run.col * m, y + run.row * m, run.length * m, m);
  doc.fillColor('#000000').fill();
  doc.restore();
  const darkModules = matrix.dark.reduce((s, v) => s + v, 0);
  return { size: matrix.size, darkModules, rects: matrix.runs.length };
}
