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

/** Node's streams say `writableNeedDrain`; archiver's (readable-stream 2) only keep it in their state. */
function needsDrain(stream: Writable): boolean {
  return stream.writableNeedDrain ?? Boolean((stream as unknown as { _writableState?: { needDrain?: boolean } })._writableState?.needDrain);
}

/**
 * Resolves when `stream` may take more (at once when it is not full); rejects when `out` (the
 * response) was closed: a client gone never drains anything again.
 */
function writable(stream: Writable, out: Writable = stream): Promise<void> {
  if (out.destroyed) return Promise.reject(new Error(INTERRUPTED));
  if (!needsDrain(stream)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      stream.off('drain', onDrain);
      out.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new Error(INTERRUPTED));
    stream.on('drain', onDrain);
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

/** Where exceljs writes a streamed sheet (its StreamBuf's destinations): undocumented, hence the care. */
function sheetInputs(sheet: ExcelJS.Worksheet): Writable[] {
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  return Array.isArray(pipes) ? pipes.filter((p): p is Writable => typeof (p as Writable)?.write === 'function' && typeof (p as Writable)?.on === 'function') : [];
}

function xlsxStream(out: Writable, sheetName: string, headers: string[]): TableStream {
  // Shared strings would keep every distinct text in memory until the end, styles every cell's
  // format; level 1 deflates faster than the rows are read (a slightly bigger file).
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false, zip: { zlib: { level: 1 } } });
  // Excel refuses a sheet name over 31 characters or holding : \ / ? * [ ].
  const sheet = workbook.addWorksheet(sheetName.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31));
  const value = (cell: Cell) => (typeof cell === 'string' ? neutralizeFormula(cell) : cell);
  sheet.addRow(headers.map(value)).commit();
  let rows = 0;
  return {
    async row(cells) {
      sheet.addRow(cells.map(value)).commit();
      if (++rows % 200 === 0) {
        // exceljs writes the sheet into the zip's input (a PassThrough that archiver made of it)
        // without ever waiting: when the zip falls behind, that input would grow with the sheet.
        // Waiting for it to drain, then for the response, bounds what is in flight.
        for (const input of sheetInputs(sheet)) await writable(input, out);
        await writable(out);
      }
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
