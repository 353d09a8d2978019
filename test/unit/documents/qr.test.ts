import { describe, it, expect } from '@jest/globals';
import PDFDocument from 'pdfkit';
import { drawQrCode, qrMatrix } from '../../../src/documents/qr.js';
import { anAccessRequestForm, aManagerDesignationForm, aSuppressionRequestForm } from './document-factory.js';
import { contentStreams, render } from './document-assertions.js';

interface Rect { x: number; y: number; w: number; h: number }

function rects(stream: string): Rect[] {
  const out: Rect[] = [];
  const re = /(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re\n/g;
  for (let m = re.exec(stream); m; m = re.exec(stream)) {
    out.push({ x: Number(m[1]), y: Number(m[2]), w: Number(m[3]), h: Number(m[4]) });
  }
  return out;
}

/** Rebuilds the module matrix from the rectangles drawn for the QR code (all one module high). */
function matrixFromDrawing(all: Rect[], size: number): Uint8Array {
  // QR rectangles are the most frequent small height
  const heights = new Map<string, number>();
  for (const r of all) if (r.h < 5) heights.set(r.h.toFixed(3), (heights.get(r.h.toFixed(3)) ?? 0) + 1);
  const moduleSize = Number([...heights.entries()].sort((a, b) => b[1] - a[1])[0]![0]);
  const qr = all.filter((r) => Math.abs(r.h - moduleSize) < 1e-3);
  const x0 = Math.min(...qr.map((r) => r.x));
  const y0 = Math.min(...qr.map((r) => r.y));
  const dark = new Uint8Array(size * size);
  for (const r of qr) {
    const row = Math.round((r.y - y0) / moduleSize);
    const col = Math.round((r.x - x0) / moduleSize);
    const len = Math.round(r.w / moduleSize);
    for (let c = col; c < col + len; c++) dark[row * size + c] = 1;
  }
  return dark;
}

describe('QR code of the form reference', () => {
  it('turns the reference into horizontal runs that cover exactly the dark modules', () => {
    const m = qrMatrix('DA-2026-000123');
    expect(m.size).toBe(21); // version 1, error correction M: short upper-case references fit
    const rebuilt = new Uint8Array(m.size * m.size);
    for (const run of m.runs) for (let c = run.col; c < run.col + run.length; c++) rebuilt[run.row * m.size + c] = 1;
    expect(rebuilt).toEqual(m.dark);
    // finder pattern: the top-left 7×7 square has a dark border
    for (let i = 0; i < 7; i++) {
      expect(m.dark[i]).toBe(1);
      expect(m.dark[i * m.size]).toBe(1);
    }
  });

  it('draws one rectangle per run', () => {
    const doc = new PDFDocument({ compress: false });
    const drawing = drawQrCode(doc, 'DS-2026-000007', 100, 100, 63);
    const m = qrMatrix('DS-2026-000007');
    expect(drawing).toEqual({ size: m.size, darkModules: m.dark.reduce((s, v) => s + v, 0), rects: m.runs.length });
    expect(drawing.darkModules).toBeGreaterThan(150);
    doc.end();
  });

  it.each([
    ['access-request-form', anAccessRequestForm()],
    ['manager-designation-form', aManagerDesignationForm()],
    ['suppression-request-form', aSuppressionRequestForm()],
  ] as const)('is drawn on the %s and encodes its reference', async (kind, data) => {
    const { buffer } = await render(kind, data as never);
    const expected = qrMatrix(data.reference);
    const drawn = matrixFromDrawing(rects(contentStreams(buffer)), expected.size);
    expect(drawn).toEqual(expected.dark);
  });

  it('changes with the reference', () => {
    expect(qrMatrix('DA-2026-000123').dark).not.toEqual(qrMatrix('DA-2026-000124').dark);
  });
});
