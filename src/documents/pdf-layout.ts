// Page layout shared by every document: Caf letterhead, address and reference blocks, paragraphs,
// form fields, tables that break across pages, signature boxes, the QR code of the form reference,
// and, once all pages exist, the header/footer of each page (« Diffusion restreinte », « Page 1 / 2 »,
// « Exemplaire 1/2 »). The font is embedded (fonts.ts): every name prints and extracts as typed.
import PDFDocument from 'pdfkit';
import { rememberDeflatedStreams } from './pdfkit-streams.js';
import type { CafLetterhead } from './document-data.js';
import { withContentFileId } from './file-id.js';
import { toDate } from './format.js';
import { drawQrCode } from './qr.js';
import { loadTemplate, type TemplateBlock } from './templates.js';

import { FONT, FONT_BOLD, FONT_ITALIC, registerFonts, shareScaledRuns, UNBREAKABLE } from './fonts.js';

export { FONT, FONT_BOLD, FONT_ITALIC };

const PAGE_WIDTH = 595.28;
const PAGE_HEIGHT = 841.89;
const MARGIN = { top: 44, bottom: 72, left: 56, right: 56 };
const CONTENT_WIDTH = PAGE_WIDTH - MARGIN.left - MARGIN.right;

const TEXT = '#1a1a1a';
const MUTED = '#555555';
const CAF_BLUE = '#0b4f8a';
const RULE = '#8c8c8c';
const HEADER_FILL = '#e6edf5';

export const BODY_SIZE = 10;
/** Left edge of a letter's signature column. */
const SIGNATURE_X = 330;
/** Room to sign inside a form's signature box. */
const SIGNING_ROOM = 36;
/** Room left blank for the handwritten signature on a letter: 25 mm. */
const HANDWRITTEN_SIGNATURE = (25 / 25.4) * 72;
const LINE_GAP = 1.5;

/** French typography: non-breaking spaces inside « », before « : » and after « n° », so that they never part. */
export function typeset(text: string): string {
  return text
    .replace(/« /g, '«\u00a0')
    .replace(/ »/g, '\u00a0»')
    .replace(/ ([:;!?])/g, '\u00a0$1')
    .replace(/\b(n°|N°) /g, '$1\u00a0')
    // A convention number (« 78/2016/0042AS – T2 ») is never split across lines: its space and dash are
    // written with characters the line breaker never breaks at, drawn and extracted as « » and « – ».
    .replace(CONVENTION_NUMBER, `$1${UNBREAKABLE.space}${UNBREAKABLE.dash}${UNBREAKABLE.space}$2`);
}

/** formatConventionNumber's format; the space may already be a no-break space. */
const CONVENTION_NUMBER = /\b((?:\d{2,3}|2[AB])\/\d{4}\/\d{4,}[A-Z]*)[ \u00a0]\u2013[ \u00a0]([A-Z0-9]+)\b/g;

/** Metadata strings: ordinary spaces. */
function plain(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

/**
 * A one-sheet form drawn with the first of `densities` that keeps it on one page (the last one
 * otherwise): long partner data is set denser rather than push the signatures, away from what they
 * approve, onto a second page. Short data keeps the first, roomier setting.
 */
export function onOnePage<D>(densities: readonly D[], draw: (density: D) => PdfLayout): Promise<Buffer> {
  for (const [i, density] of densities.entries()) {
    const layout = draw(density);
    if (layout.pageCount === 1 || i === densities.length - 1) return layout.finish();
  }
  return Promise.reject(new Error('onOnePage: no density'));
}

export interface PdfLayoutOptions {
  caf: CafLetterhead;
  /** PDF metadata title. */
  title: string;
  subject?: string;
  reference: string;
  /** The PDF CreationDate/ModDate (to the second); the /ID is made from the bytes (file-id.ts). */
  generatedAt: string | Date;
  /** Personal data appears: « Diffusion restreinte » in the footer of every page. */
  restricted: boolean;
}

export interface TableColumn {
  header: string;
  /** Share of the content width (the shares are normalised). */
  width: number;
  align?: 'left' | 'center' | 'right';
  /** An empty box to tick (« À conserver » / « À supprimer »). */
  checkbox?: boolean;
}

export interface SignatureBox {
  title: string;
  caption?: string[];
  /** Printed at the bottom of the box (name and title of the signatory). */
  signatory?: string[];
  /** Font size of the signatory (9 unless a dense form needs less). */
  signatorySize?: number;
}

interface PageGroup {
  start: number;
  label?: string;
}

export class PdfLayout {
  readonly doc: PDFKit.PDFDocument;
  readonly caf: CafLetterhead;
  private readonly common = loadTemplate('common');
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<Buffer>;
  private readonly groups: PageGroup[] = [{ start: 0 }];
  private readonly footnotes = new Map<number, string[]>();

  constructor(private readonly options: PdfLayoutOptions) {
    this.caf = options.caf;
    const created = toDate(options.generatedAt);
    this.doc = new PDFDocument({
      size: 'A4',
      margins: MARGIN,
      bufferPages: true,
      lang: 'fr-FR',
      // no standard Helvetica: pdfkit would parse its metrics for every document, never to use them
      font: '',
      info: {
        Title: plain(options.title),
        Author: options.caf.cafName,
        Subject: plain(options.subject ?? options.title),
        Creator: 'cafpro-backoffice',
        Producer: 'cafpro-backoffice (PDFKit)',
        CreationDate: created,
        ModDate: created,
      },
    });
    rememberDeflatedStreams(this.doc);
    registerFonts(this.doc);
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.ended = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.doc.font(FONT).fontSize(BODY_SIZE).fillColor(TEXT);
    shareScaledRuns((this.doc as unknown as { _font: unknown })._font);
  }

  get left(): number {
    return MARGIN.left;
  }

  get right(): number {
    return PAGE_WIDTH - MARGIN.right;
  }

  get width(): number {
    return CONTENT_WIDTH;
  }

  get y(): number {
    return this.doc.y;
  }

  set y(value: number) {
    this.doc.y = value;
  }

  private get bottom(): number {
    return PAGE_HEIGHT - MARGIN.bottom;
  }

  // ---- pages ---------------------------------------------------------------------------------

  newPage(): void {
    this.doc.addPage();
  }

  /** Pages written so far. */
  get pageCount(): number {
    return this.doc.bufferedPageRange().count;
  }

  /** Index of the page being written. */
  private get pageIndex(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count - 1;
  }

  /** Starts a new group of pages (a copy of the convention) with its own numbering and label. */
  startGroup(label: string, newPage: boolean): void {
    if (newPage) this.newPage();
    const start = this.pageIndex;
    const last = this.groups[this.groups.length - 1]!;
    if (last.start === start) last.label = label;
    else this.groups.push({ start, label });
  }

  /** Breaks the page unless `height` points are left. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  space(points: number): void {
    this.doc.y += points;
  }

  // ---- text ----------------------------------------------------------------------------------

  private font(name: string, size: number, color = TEXT): PDFKit.PDFDocument {
    return this.doc.font(name).fontSize(size).fillColor(color);
  }

  heightOf(text: string, width: number, font = FONT, size = BODY_SIZE): number {
    this.font(font, size);
    return this.doc.heightOfString(typeset(text), { width, lineGap: LINE_GAP });
  }

  paragraph(
    text: string,
    opts: { bold?: boolean; italic?: boolean; size?: number; align?: 'left' | 'center' | 'right' | 'justify'; indent?: number; after?: number; color?: string } = {},
  ): void {
    const size = opts.size ?? BODY_SIZE;
    const font = opts.bold ? FONT_BOLD : opts.italic ? FONT_ITALIC : FONT;
    const indent = opts.indent ?? 0;
    this.font(font, size, opts.color ?? TEXT);
    this.doc.text(typeset(text), this.left + indent, this.doc.y, {
      width: this.width - indent,
      align: opts.align ?? 'left',
      lineGap: LINE_GAP,
    });
    this.doc.y += opts.after ?? 6;
  }

  heading(text: string, opts: { size?: number; align?: 'left' | 'center'; color?: string; before?: number; after?: number } = {}): void {
    const size = opts.size ?? 11;
    this.doc.y += opts.before ?? 4;
    // keep a heading with the first lines of what follows
    this.ensureSpace(this.heightOf(text, this.width, FONT_BOLD, size) + 40);
    this.paragraph(text, { bold: true, size, align: opts.align, color: opts.color ?? CAF_BLUE, after: opts.after ?? 6 });
  }

  title(text: string, size = 13): void {
    this.paragraph(text, { bold: true, size, align: 'center', color: CAF_BLUE, after: 8 });
  }

  bullets(items: string[], opts: { indent?: number; size?: number; after?: number } = {}): void {
    const indent = opts.indent ?? 0;
    const size = opts.size ?? BODY_SIZE;
    for (const item of items) {
      const h = this.heightOf(item, this.width - indent - 14, FONT, size);
      this.ensureSpace(Math.min(h, 30));
      const y = this.doc.y;
      this.font(FONT, size).text('–', this.left + indent, y, { width: 10, lineBreak: false });
      this.doc.text(typeset(item), this.left + indent + 14, y, { width: this.width - indent - 14, lineGap: LINE_GAP });
      this.doc.y += 3;
    }
    this.doc.y += opts.after ?? 4;
  }

  /** Renders the blocks of a template section. */
  blocks(blocks: TemplateBlock[], opts: { size?: number; align?: 'left' | 'justify' } = {}): void {
    for (const b of blocks) {
      const indent = b.indent ? 24 : 0;
      if (b.type === 'heading') this.heading(b.text, { size: (opts.size ?? BODY_SIZE) + 1 });
      else if (b.type === 'list') this.bullets(b.items, { indent, size: opts.size });
      else this.paragraph(b.text, { bold: b.type === 'bold', indent, size: opts.size, align: opts.align });
    }
  }

  /** A footnote printed at the bottom of the current page, above the footer (one short line). */
  footnote(text: string): void {
    const notes = this.footnotes.get(this.pageIndex) ?? [];
    notes.push(text);
    this.footnotes.set(this.pageIndex, notes);
  }

  /** A thin horizontal rule across the content width. */
  rule(after = 8): void {
    this.doc.save().moveTo(this.left, this.doc.y).lineTo(this.right, this.doc.y).lineWidth(0.5).strokeColor(RULE).stroke().restore();
    this.doc.y += after;
  }

  // ---- letter parts --------------------------------------------------------------------------

  /** Caf letterhead, top left of the page. */
  letterhead(): void {
    const caf = this.caf;
    const top = MARGIN.top - 10;
    this.doc.save().rect(this.left, top, 4, 58).fill(CAF_BLUE).restore();
    const x = this.left + 12;
    this.font(FONT_BOLD, 14, CAF_BLUE).text(caf.cafName, x, top, { width: 250, lineBreak: false });
    this.font(FONT, 8, MUTED).text(this.common.text('letterhead.tagline'), x, this.doc.y + 1, { width: 250 });
    this.doc.text(caf.addressLines.join('\n'), x, this.doc.y + 2, { width: 250 });
    this.doc.text(caf.website, x, this.doc.y, { width: 250 });
    this.doc.x = this.left;
    this.doc.y = Math.max(this.doc.y, top + 58) + 14;
  }

  /** Recipient block at the window position of an envelope (right column). */
  addressBlock(lines: string[], y = 150): void {
    const x = 318;
    this.font(FONT, BODY_SIZE + 0.5).text(lines.map(typeset).join('\n'), x, Math.max(y, this.doc.y), {
      width: this.right - x,
      lineGap: LINE_GAP,
    });
    this.doc.x = this.left;
    this.doc.y += 18;
  }

  /** « N/Réf. », « Votre contact »… on the left, as label / value pairs. */
  references(rows: Array<[string, string]>, y?: number): void {
    let cy = y ?? this.doc.y;
    for (const [label, value] of rows) {
      this.font(FONT_BOLD, 8.5, MUTED).text(label, this.left, cy, { width: 80, lineBreak: false });
      this.font(FONT, 8.5).text(value, this.left + 82, cy, { width: 220 });
      cy = this.doc.y + 1;
    }
    this.doc.x = this.left;
    this.doc.y = cy + 8;
  }

  /** « Saint-Quentin-en-Yvelines, le 23 novembre 2026 » aligned right. */
  dateLine(text: string): void {
    this.font(FONT, BODY_SIZE).text(text, this.left, this.doc.y, { width: this.width, align: 'right' });
    this.doc.y += 12;
  }

  /** « Objet : … » in bold. */
  subject(label: string, text: string): void {
    this.font(FONT_BOLD, BODY_SIZE + 0.5);
    this.doc.text(typeset(`${label} ${text}`), this.left, this.doc.y, { width: this.width, lineGap: LINE_GAP });
    this.doc.y += 12;
  }

  /**
   * The end of a letter: its closing paragraphs, then the signature in the right column — the
   * signatory's capacity (« Pour le Directeur général, par délégation, »), the space for the
   * handwritten signature, name and title. Closing and signature move to the next page together
   * when they do not fit: a signature is never alone on a page.
   */
  letterClosing(closing: TemplateBlock[], signer: { capacity?: string; lines: string[] }): void {
    const x = SIGNATURE_X;
    const signatureWidth = this.right - x;
    const blockGap = 6;
    const closingHeight = closing.reduce((sum, b) => sum + this.blockHeight(b) + blockGap, 0);
    const capacityHeight = signer.capacity ? this.heightOf(signer.capacity, signatureWidth) : 0;
    const signatureHeight = 10 + capacityHeight + HANDWRITTEN_SIGNATURE + this.heightOf(signer.lines.join('\n'), signatureWidth);
    this.ensureSpace(closingHeight + signatureHeight);
    this.blocks(closing, { align: 'justify' });
    this.doc.y += 10;
    if (signer.capacity) this.font(FONT, BODY_SIZE).text(typeset(signer.capacity), x, this.doc.y, { width: signatureWidth, align: 'center', lineGap: LINE_GAP });
    this.doc.y += HANDWRITTEN_SIGNATURE;
    this.font(FONT, BODY_SIZE).text(signer.lines.map(typeset).join('\n'), x, this.doc.y, { width: signatureWidth, align: 'center', lineGap: LINE_GAP });
    this.doc.x = this.left;
    this.doc.y += 18;
  }

  /** Height of one template block as `blocks` prints it (paragraph, heading or list). */
  private blockHeight(b: TemplateBlock): number {
    const indent = b.indent ? 24 : 0;
    if (b.type === 'list') return b.items.reduce((sum, item) => sum + this.heightOf(item, this.width - indent - 14) + 3, 4);
    if (b.type === 'heading') return this.heightOf(b.text, this.width, FONT_BOLD, BODY_SIZE + 1) + 10;
    return this.heightOf(b.text, this.width - indent, b.type === 'bold' ? FONT_BOLD : FONT);
  }

  // ---- form parts ----------------------------------------------------------------------------

  /** QR code of the form reference, top right of the current page, with the reference under it. */
  qrReference(reference: string, label: string): void {
    const side = 58;
    const x = this.right - side;
    const y = MARGIN.top - 14;
    drawQrCode(this.doc, reference, x, y, side);
    this.font(FONT, 7, MUTED).text(`${label} ${reference}`, x - 50, y + side + 2, { width: side + 50, align: 'right', lineBreak: false });
    this.font(FONT, BODY_SIZE);
    this.doc.x = this.left;
  }

  private static readonly LABEL_WIDTH = 178;

  /** A pre-filled field: label on the left, the record's value in bold on the right. */
  field(label: string, value: string, size = BODY_SIZE, wide = false): void {
    if (wide) return this.wideField(label, value, size);
    const lw = PdfLayout.LABEL_WIDTH;
    const vw = this.width - lw - 8;
    const h = Math.max(this.heightOf(label, lw, FONT, 9.5), this.heightOf(value, vw, FONT_BOLD, size));
    this.ensureSpace(h + 8);
    const y = this.doc.y;
    this.font(FONT, 9.5, MUTED).text(typeset(label), this.left, y, { width: lw, lineGap: LINE_GAP });
    this.font(FONT_BOLD, size).text(typeset(value), this.left + lw + 8, y, { width: vw, lineGap: LINE_GAP });
    this.doc.x = this.left;
    this.doc.y = y + h + 7;
  }

  /** A field whose long value takes the whole width, under its label. */
  private wideField(label: string, value: string, size: number): void {
    const h = this.heightOf(label, this.width, FONT, 9.5) + 2 + this.heightOf(value, this.width, FONT_BOLD, size);
    this.ensureSpace(h + 8);
    this.font(FONT, 9.5, MUTED).text(typeset(label), this.left, this.doc.y, { width: this.width, lineGap: LINE_GAP });
    this.doc.y += 2;
    this.font(FONT_BOLD, size).text(typeset(value), this.left, this.doc.y, { width: this.width, lineGap: LINE_GAP });
    this.doc.x = this.left;
    this.doc.y += 7;
  }

  /** A blank field to be written by hand: the label and `lines` ruled lines. */
  blankField(label: string, lines = 1): void {
    const lw = PdfLayout.LABEL_WIDTH;
    const lineHeight = 18;
    const labelH = this.heightOf(label, lw, FONT, 9.5);
    const h = Math.max(labelH, lines * lineHeight - 6);
    this.ensureSpace(h + 9);
    const y = this.doc.y;
    this.font(FONT, 9.5).text(typeset(label), this.left, y, { width: lw, lineGap: LINE_GAP });
    this.doc.save().lineWidth(0.5).strokeColor(RULE).dash(1, { space: 2 });
    for (let i = 0; i < lines; i++) {
      const ly = y + 11 + i * lineHeight;
      this.doc.moveTo(this.left + lw + 8, ly).lineTo(this.right, ly).stroke();
    }
    this.doc.undash().restore();
    this.doc.x = this.left;
    this.doc.y = y + h + 9;
  }

  /** Several short blanks on one line: « Fait à ……… Le ……… ». */
  inlineBlanks(labels: string[], columns = labels.length): void {
    this.ensureSpace(24);
    const y = this.doc.y;
    const gap = 16;
    const share = (this.width - gap * (columns - 1)) / columns;
    labels.forEach((label, i) => {
      const x = this.left + i * (share + gap);
      const text = typeset(label);
      this.font(FONT, 9.5).text(text, x, y, { lineBreak: false });
      const lx = x + this.doc.widthOfString(text) + 6;
      this.doc.save().lineWidth(0.5).strokeColor(RULE).dash(1, { space: 2 }).moveTo(lx, y + 11).lineTo(x + share, y + 11).stroke().undash().restore();
    });
    this.doc.x = this.left;
    this.doc.y = y + 22;
  }

  /** Boxes to tick on one line: « Contrat : ☐ CDD ☐ CDI » plus an optional blank after them. */
  choiceField(label: string, choices: string[], trailing?: string): void {
    const lw = PdfLayout.LABEL_WIDTH;
    this.ensureSpace(24);
    const y = this.doc.y;
    this.font(FONT, 9.5).text(typeset(label), this.left, y, { width: lw, lineBreak: false });
    let x = this.left + lw + 8;
    for (const choice of choices) {
      this.doc.save().lineWidth(0.8).strokeColor(TEXT).rect(x, y - 0.5, 9, 9).stroke().restore();
      this.font(FONT, 9.5).text(choice, x + 13, y, { lineBreak: false });
      x += 13 + this.doc.widthOfString(choice) + 18;
    }
    if (trailing) {
      this.font(FONT, 9.5).text(typeset(trailing), x, y, { lineBreak: false });
      x += this.doc.widthOfString(typeset(trailing)) + 6;
      this.doc.save().lineWidth(0.5).strokeColor(RULE).dash(1, { space: 2 }).moveTo(x, y + 11).lineTo(this.right, y + 11).stroke().undash().restore();
    }
    this.doc.x = this.left;
    this.doc.y = y + 24;
  }

  /** Boxes side by side for handwritten signatures. */
  signatureBoxes(boxes: SignatureBox[], height = 92, columns = boxes.length, minHeight = 64): void {
    const gap = 18;
    const w = (this.width - gap * (columns - 1)) / columns;
    // fewer boxes than columns: they sit on the right, where a signature is expected
    const first = columns - boxes.length;
    const titleH = Math.max(...boxes.map((b) => this.heightOf(b.title, w, FONT_BOLD, BODY_SIZE)));
    // A box holds its caption at the top, the signatory's name at the bottom and, between them, room
    // to sign: a long name makes the box taller rather than write over « lu et approuvé ».
    const inside = (b: SignatureBox) => 5 + (b.caption?.length ? this.heightOf(b.caption.join('\n'), w - 12, FONT_ITALIC, 8) : 0)
      + SIGNING_ROOM + (b.signatory?.length ? this.heightOf(b.signatory.join('\n'), w - 12, FONT, b.signatorySize ?? 9) + 6 : 0);
    const needed = Math.max(...boxes.map(inside));
    height = Math.max(height, needed);
    minHeight = Math.max(minHeight, needed);
    // shrink the boxes (down to minHeight) rather than push them alone onto a new page
    // (the 12 points after the boxes may fall into the bottom margin)
    const room = this.bottom - this.doc.y - titleH - 4;
    if (room < height && room >= minHeight) height = room;
    this.ensureSpace(titleH + 4 + height);
    const y = this.doc.y;
    boxes.forEach((box, i) => {
      const x = this.left + (first + i) * (w + gap);
      this.font(FONT_BOLD, BODY_SIZE).text(typeset(box.title), x, y, { width: w, align: 'center' });
      const by = y + titleH + 4;
      this.doc.save().lineWidth(0.6).strokeColor(RULE).rect(x, by, w, height).stroke().restore();
      if (box.caption?.length) {
        this.font(FONT_ITALIC, 8, MUTED).text(box.caption.map(typeset).join('\n'), x + 6, by + 5, { width: w - 12, align: 'center' });
      }
      if (box.signatory?.length) {
        const text = box.signatory.map(typeset).join('\n');
        const size = box.signatorySize ?? 9;
        const sh = this.heightOf(text, w - 12, FONT, size);
        this.font(FONT, size).text(text, x + 6, by + height - sh - 6, { width: w - 12, align: 'center' });
      }
    });
    this.doc.x = this.left;
    this.doc.y = y + titleH + 4 + height + 12;
  }

  // ---- table ---------------------------------------------------------------------------------

  /**
   * A table whose rows break across pages; the header row is repeated at the top of every page
   * the table continues on. Returns the number of pages the table spans.
   */
  table(columns: TableColumn[], rows: string[][], opts: { size?: number } = {}): number {
    const size = opts.size ?? 8.5;
    const pad = 4;
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * this.width);
    const xs = widths.map((_, i) => this.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
    const cellHeight = (cells: string[], font: string) =>
      Math.max(...cells.map((c, i) => this.heightOf(c, widths[i]! - 2 * pad, font, size))) + 2 * pad;
    const headerCells = columns.map((c) => c.header);
    const headerH = cellHeight(headerCells, FONT_BOLD);
    let pages = 1;

    const drawRow = (cells: string[], h: number, header: boolean) => {
      const y = this.doc.y;
      if (header) this.doc.save().rect(this.left, y, this.width, h).fill(HEADER_FILL).restore();
      columns.forEach((col, i) => {
        const x = xs[i]!;
        const w = widths[i]!;
        if (!header && col.checkbox) {
          this.doc.save().lineWidth(0.7).strokeColor(TEXT).rect(x + w / 2 - 4.5, y + h / 2 - 4.5, 9, 9).stroke().restore();
        } else {
          this.font(header ? FONT_BOLD : FONT, size).text(typeset(cells[i] ?? ''), x + pad, y + pad, {
            width: w - 2 * pad,
            align: header ? 'center' : (col.align ?? 'left'),
            lineGap: LINE_GAP,
          });
        }
      });
      this.doc.save().lineWidth(0.4).strokeColor(RULE);
      this.doc.rect(this.left, y, this.width, h).stroke();
      for (const x of xs.slice(1)) this.doc.moveTo(x, y).lineTo(x, y + h).stroke();
      this.doc.restore();
      this.doc.x = this.left;
      this.doc.y = y + h;
    };

    this.ensureSpace(headerH + 20);
    drawRow(headerCells, headerH, true);
    for (const row of rows) {
      const h = cellHeight(row, FONT);
      if (this.doc.y + h > this.bottom) {
        this.newPage();
        pages++;
        drawRow(headerCells, headerH, true);
      }
      drawRow(row, h, false);
    }
    this.doc.y += 10;
    return pages;
  }

  // ---- end -----------------------------------------------------------------------------------

  /** Draws the header and footer of every page and returns the PDF. */
  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    const last = range.start + range.count;
    const footerAddress = [this.caf.cafName, ...this.caf.addressLines, this.caf.website].join(' – ');
    this.groups.forEach((group, g) => {
      const end = this.groups[g + 1]?.start ?? last;
      const count = end - group.start;
      for (let i = group.start; i < end; i++) {
        this.doc.switchToPage(i);
        // the footer sits in the bottom margin: let pdfkit write there without adding a page
        this.doc.page.margins.bottom = 0;
        if (group.label) {
          this.font(FONT_BOLD, 8.5, CAF_BLUE).text(group.label, this.left, 22, { width: this.width, align: 'right', lineBreak: false });
        }
        const fy = PAGE_HEIGHT - 52;
        const notes = this.footnotes.get(i);
        if (notes) {
          const ny = PAGE_HEIGHT - MARGIN.bottom + 4;
          this.doc.save().moveTo(this.left, ny - 3).lineTo(this.left + 80, ny - 3).lineWidth(0.4).strokeColor(RULE).stroke().restore();
          this.font(FONT_ITALIC, 7, MUTED).text(notes.map(typeset).join('   '), this.left, ny, { width: this.width, lineBreak: false });
        }
        this.doc.save().moveTo(this.left, fy - 6).lineTo(this.right, fy - 6).lineWidth(0.5).strokeColor(RULE).stroke().restore();
        if (this.options.restricted) {
          this.font(FONT_BOLD, 8, TEXT).text(this.common.text('footer.restricted'), this.left, fy, { width: 150, lineBreak: false });
        }
        this.font(FONT, 7.5, MUTED).text(`${this.common.text('footer.reference')} ${this.options.reference}`, this.left + 150, fy, {
          width: this.width - 300,
          align: 'center',
          lineBreak: false,
        });
        this.font(FONT, 8, TEXT).text(this.common.text('footer.page', { page: i - group.start + 1, pages: count }), this.right - 150, fy, {
          width: 150,
          align: 'right',
          lineBreak: false,
        });
        this.font(FONT, 6.5, MUTED).text(footerAddress, this.left, fy + 13, { width: this.width, align: 'center', lineBreak: false });
      }
    });
    this.doc.end();
    return withContentFileId(await this.ended);
  }
}
