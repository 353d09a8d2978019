// The spreadsheets the import gives back (issue 12 §2): the templates (French headers and one example
// line per sheet) and the dry run's report (one line per row of the file), both as XLSX written by
// exceljs; a template sheet also as CSV (« ; », UTF-8 with BOM, as Excel opens it on a French Windows).
import ExcelJS from 'exceljs';
import { formatFrenchDate } from '../shared/dates.js';
import { IMPORT_COLUMNS, IMPORT_KIND_LABELS, IMPORT_KINDS, type ImportKind } from './import-columns.js';
import type { ImportPlan } from './import-plan.js';

const HEADER_FONT = { bold: true };

export async function importTemplateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const kind of IMPORT_KINDS) {
    const sheet = workbook.addWorksheet(IMPORT_KIND_LABELS[kind]);
    const columns = IMPORT_COLUMNS[kind];
    sheet.columns = columns.map((c) => ({ header: c.header, width: Math.max(14, c.header.length + 2), style: c.example instanceof Date ? { numFmt: 'dd/mm/yyyy' } : {} }));
    sheet.getRow(1).font = HEADER_FONT;
    sheet.addRow(columns.map((c) => (c.example === '' ? null : c.example)));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const csvCell = (value: string) => (/[;"\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function importTemplateCsv(kind: ImportKind): Buffer {
  const columns = IMPORT_COLUMNS[kind];
  const example = columns.map((c) => (c.example instanceof Date ? formatFrenchDate(c.example.toISOString().slice(0, 10)) : String(c.example)));
  const text = [columns.map((c) => c.header), example].map((row) => row.map(csvCell).join(';')).join('\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** The report of a dry run (or of the refused apply), one line per row of the file. */
export async function importReportXlsx(plan: ImportPlan): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Rapport');
  sheet.columns = [
    { header: 'Feuille', width: 26 }, { header: 'Ligne', width: 8 }, { header: 'Objet', width: 40 },
    { header: 'Résultat', width: 12 }, { header: 'Détail', width: 100 },
  ];
  sheet.getRow(1).font = HEADER_FONT;
  for (const line of plan.lines) sheet.addRow([line.sheet, line.line, line.subject, line.outcome, line.details.join('\n')]);
  const summary = workbook.addWorksheet('Résumé');
  summary.addRows([
    ['Fichier', plan.fileName], ['SHA-256', plan.sha256],
    ...Object.entries(plan.counts).map(([outcome, n]) => [outcome, n]),
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The report as plain text lines (the command prints them; the page shows the same). */
export function importReportText(plan: ImportPlan): string[] {
  return plan.lines.map((l) => `${l.sheet}, ligne ${l.line} — ${l.subject} : ${l.outcome}${l.details.length ? ` (${l.details.join(' ; ')})` : ''}`);
}

export function importCountsText(plan: ImportPlan): string {
  const c = plan.counts;
  return `${c['créé']} créé(s), ${c['mis à jour']} mis à jour, ${c['inchangé']} inchangé(s), ${c.erreur} en erreur`;
}
