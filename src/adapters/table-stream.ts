// A table written row by row to a stream (an HTTP response), as XLSX or as CSV, without ever holding
// the whole file: exceljs's streaming writer (rows committed one by one, no shared strings, no styles,
// fast deflate) or CSV lines; the producer waits whenever the response asks it to (backpressure), so
// a slow client cannot make the server buffer the file.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvLine, neutralizeFormula, type Cell } from '../domain/exports/cells.js';

export type TableFormat = 'xlsx' | 'csv';

export const TABLE_MIME: Record<TableFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export interface TableStream {
  row(cells: Cell[]): Promise<void>;
  end(): Promise<void>;
}

const INTERRUPTED = 'Téléchargement interrompu par le client.';

/** Resolves when `out` may take more (at once when it is not full); rejects when it was closed. */
function writable(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error(INTERRUPTED));
  if (!out.writableNeedDrain) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new Error(INTERRUPTED));
    out.on('drain', onDrain);
    out.on('close', onClose);
  });
}

/** CSV for Excel in France: UTF-8 with a BOM (or Excel reads it as Windows-1252), `;`, CRLF. */
function csvStream(out: Writable, headers: string[]): TableStream {
  const CHUNK = 64 * 1024;
  let pending = `\uFEFF${csvLine(headers)}`;
  const flush = async () => {
    if (!pending) return;
    await writable(out);
    out.write(pending);
    pending = '';
  };
  return {
    async row(cells) {
      pending += csvLine(cells);
      if (pending.length >= CHUNK) await flush();
    },
    async end() {
      await flush();
      await writable(out);
      out.end();
      await once(out, 'finish');
    },
  };
}

function xlsxStream(out: Writable, sheetName: string, headers: string[]): TableStream {
  // Shared strings would keep every distinct text in memory until the end, styles every cell's
  // format; level 1 deflates about as fast as rows are read (the file is ~10 % bigger than level 6).
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false, zip: { zlib: { level: 1 } } });
  // Excel refuses a sheet name over 31 characters or holding : \ / ? * [ ].
  const sheet = workbook.addWorksheet(sheetName.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31));
  const value = (cell: Cell) => (typeof cell === 'string' ? neutralizeFormula(cell) : cell);
  sheet.addRow(headers.map(value)).commit();
  let rows = 0;
  return {
    async row(cells) {
      sheet.addRow(cells.map(value)).commit();
      // exceljs pushes into the zip without waiting; checking the response every few rows keeps
      // what is compressed but not yet sent to a few hundred kilobytes.
      if (++rows % 200 === 0) await writable(out);
    },
    async end() {
      sheet.commit();
      await workbook.commit();
      if (!out.writableFinished) await once(out, 'finish');
    },
  };
}

export function openTableStream(format: TableFormat, out: Writable, sheetName: string, headers: string[]): TableStream {
  return format === 'xlsx' ? xlsxStream(out, sheetName, headers) : csvStream(out, headers);
}
