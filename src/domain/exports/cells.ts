// What a cell of an exported list holds, the same in XLSX and CSV: French dates, no formula a
// spreadsheet would run (OWASP « CSV injection »: a value typed « =HYPERLINK(…) » in a form would
// become a live link or a command once the file is opened in Excel).

export type Cell = string | number | null;

/** A text that a spreadsheet would read as a formula (= + - @, tab, carriage return) gets a leading « ' ». */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV field for Excel in France: `;`-separated, quoted when it holds `;`, a quote or a line break. */
export function csvField(cell: Cell): string {
  if (cell === null) return '';
  const text = typeof cell === 'number' ? String(cell).replace('.', ',') : neutralizeFormula(cell);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: Cell[]): string {
  return `${cells.map(csvField).join(';')}\r\n`;
}
