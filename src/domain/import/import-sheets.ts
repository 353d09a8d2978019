// Reading an imported file into its sheets (issue 12 §2): XLSX (exceljs: one sheet per kind) or CSV
// (csv-parse: one kind per file, « ; » or « , », UTF-8 with or without BOM, or Windows-1252 as Excel
// writes it on a French Windows). Each row keeps its line number in the file for the report.
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { columnOf, IMPORT_COLUMNS, IMPORT_KIND_LABELS, kindOfHeaders, kindOfName, type ImportColumn, type ImportKind } from './import-columns.js';
import type { CellValue } from './import-values.js';

export interface ImportRow {
  /** Line number in the file (1 = first line), as the spreadsheet shows it. */
  line: number;
  /** Cells by entity field; a field whose column is absent from the sheet is absent here. */
  cells: Record<string, CellValue>;
}

export interface ImportSheet {
  kind: ImportKind;
  /** The sheet's name in the workbook, or the CSV file's name. */
  name: string;
  /** The fields whose column the sheet has. */
  fields: Set<string>;
  rows: ImportRow[];
}

export interface ImportFile {
  fileName: string;
  sha256: string;
  sheets: ImportSheet[];
}

export class ImportFileError extends Error {}

export const IMPORT_FILE_MESSAGES = {
  format: 'Fichier illisible : envoyez un classeur Excel (.xlsx) ou un fichier CSV.',
  unreadableXlsx: 'Classeur Excel illisible (fichier abîmé, ou au format .xls ancien : enregistrez-le en .xlsx).',
  unreadableCsv: (reason: string) => `Fichier CSV illisible : ${reason}`,
  noSheet: `Aucune feuille reconnue : nommez les feuilles ${Object.values(IMPORT_KIND_LABELS).map((l) => `« ${l} »`).join(', ')}, ou reprenez les en-têtes des modèles.`,
  twoSheets: (label: string) => `Deux feuilles de « ${label} » dans le même fichier : regroupez-les en une seule.`,
  missingColumns: (sheet: string, headers: string[]) => `Feuille « ${sheet} » : colonne${headers.length > 1 ? 's' : ''} obligatoire${headers.length > 1 ? 's' : ''} absente${headers.length > 1 ? 's' : ''} : ${headers.map((h) => `« ${h} »`).join(', ')}.`,
  duplicateColumn: (sheet: string, header: string) => `Feuille « ${sheet} » : la colonne « ${header} » apparaît deux fois.`,
} as const;

export function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isXlsx(bytes: Buffer): boolean {
  return bytes.length > 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** An exceljs cell value as text, number or date (rich text, formulas' results, hyperlinks' text). */
function cellValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('result' in value) return cellValue((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return null;
  return null;
}

/** Builds a sheet of `kind` from its header row and data rows (the same for XLSX and CSV). */
function buildSheet(kind: ImportKind, name: string, headerLine: number, headers: string[], rows: Array<{ line: number; values: CellValue[] }>): ImportSheet {
  const columns: Array<ImportColumn | null> = headers.map((h) => (h.trim() ? columnOf(kind, h) : null));
  const fields = new Set<string>();
  columns.forEach((c, i) => {
    if (!c) return;
    if (fields.has(c.field)) throw new ImportFileError(IMPORT_FILE_MESSAGES.duplicateColumn(name, headers[i].trim()));
    fields.add(c.field);
  });
  const missing = IMPORT_COLUMNS[kind].filter((c) => c.required).filter((c) => !fields.has(c.field));
  if (missing.length) throw new ImportFileError(IMPORT_FILE_MESSAGES.missingColumns(name, missing.map((c) => c.header)));
  const sheetRows: ImportRow[] = [];
  for (const row of rows) {
    if (row.line <= headerLine) continue;
    const cells: Record<string, CellValue> = {};
    let empty = true;
    columns.forEach((c, i) => {
      if (!c) return;
      const value = row.values[i] ?? null;
      const blank = value === null || (typeof value === 'string' && value.trim() === '');
      cells[c.field] = blank ? null : value;
      if (!blank) empty = false;
    });
    if (!empty) sheetRows.push({ line: row.line, cells });
  }
  return { kind, name, fields, rows: sheetRows };
}


/** How far down a title (« Liste des partenaires au 01/01/2026 ») may push the header row. */
const HEADER_SEARCH_ROWS = 10;

/**
 * The header row of a sheet and its kind: the first of the top rows whose headers fit a kind (the
 * sheet's name tells which, else the headers do); the first row when none fits, so that the missing
 * columns are named in the error.
 */
function headerRow(name: string, rows: Array<{ line: number; values: CellValue[] }>): { kind: ImportKind; row: { line: number }; headers: string[] } | null {
  const named = kindOfName(name);
  const texts = (values: CellValue[]) => values.map((v) => (v === null ? '' : String(v)));
  for (const row of rows.slice(0, HEADER_SEARCH_ROWS)) {
    const headers = texts(row.values);
    const kind = kindOfHeaders(headers, named);
    if (kind) return { kind, row, headers };
  }
  return named && rows.length ? { kind: named, row: rows[0], headers: texts(rows[0].values) } : null;
}

/**
 * `workbook.xlsx.load`, in one block: it holds the event loop for the whole read (1.8 s for 20,000
 * rows, printed by `npm run bench:import`). exceljs' streaming reader would not, but it loses a part
 * of the workbook at random (37 reads in 300 of the same file failed: its unzipper skipped
 * xl/workbook.xml), and a reader that may skip the shared strings could import wrong values.
 */
async function readXlsx(bytes: Buffer): Promise<ImportSheet[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError(IMPORT_FILE_MESSAGES.unreadableXlsx);
  }
  const sheets: ImportSheet[] = [];
  for (const worksheet of workbook.worksheets) {
    const rows: Array<{ line: number; values: CellValue[] }> = [];
    worksheet.eachRow({ includeEmpty: false }, (row, line) => {
      // row.values is 1-based (index 0 unused).
      const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellValue);
      rows.push({ line, values });
    });
    if (!rows.length) continue;
    const found = headerRow(worksheet.name, rows);
    if (!found) continue;
    sheets.push(buildSheet(found.kind, worksheet.name, found.row.line, found.headers, rows));
  }
  return sheets;
}

/** UTF-8 when the bytes are valid UTF-8 (BOM or not), else Windows-1252 (Excel's « CSV (séparateur : point-virgule) »). */
export function decodeCsv(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

// Windows-1252 is Latin-1 but for 0x80–0x9F, where it puts « € ’ – — œ … »; Node's own decoder
// (without full ICU) reads those bytes as control characters, hence this table.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Buffer): string {
  let text = '';
  for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}

function readCsv(bytes: Buffer, fileName: string): ImportSheet[] {
  const text = decodeCsv(bytes);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, { delimiter, relax_column_count: true, info: true, skip_empty_lines: false, bom: true }) as unknown as typeof records;
  } catch (error) {
    throw new ImportFileError(IMPORT_FILE_MESSAGES.unreadableCsv((error as Error).message));
  }
  const nonEmpty = records.filter((r) => r.record.some((v) => v.trim() !== ''));
  if (!nonEmpty.length) throw new ImportFileError(IMPORT_FILE_MESSAGES.noSheet);
  // info.lines is the line where the record ends: a quoted cell over several lines counts them all.
  const rows = nonEmpty.map((r) => ({ line: r.info.lines, values: r.record.map((v) => (v.trim() === '' ? null : v)) }));
  const found = headerRow(fileName, rows);
  if (!found) throw new ImportFileError(IMPORT_FILE_MESSAGES.noSheet);
  return [buildSheet(found.kind, fileName, found.row.line, found.headers, rows)];
}

/** Reads an uploaded file; ImportFileError (French) when it is not a readable spreadsheet of ours. */
export async function readImportFile(bytes: Buffer, fileName: string): Promise<ImportFile> {
  const sha256 = sha256Of(bytes);
  let sheets: ImportSheet[];
  if (isXlsx(bytes)) sheets = await readXlsx(bytes);
  else if (/\.(xlsx|xls|ods)$/i.test(fileName)) throw new ImportFileError(IMPORT_FILE_MESSAGES.unreadableXlsx);
  else sheets = readCsv(bytes, fileName);
  if (!sheets.length) throw new ImportFileError(IMPORT_FILE_MESSAGES.noSheet);
  const seen = new Set<ImportKind>();
  for (const sheet of sheets) {
    if (seen.has(sheet.kind)) throw new ImportFileError(IMPORT_FILE_MESSAGES.twoSheets(IMPORT_KIND_LABELS[sheet.kind]));
    seen.add(sheet.kind);
  }
  return { fileName, sha256, sheets };
}
