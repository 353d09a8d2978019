// The values of an imported spreadsheet as a person typed them (issue 12 §2): French labels the
// back-office shows (« Bailleur social », « Madame », « Signée ») as well as the codes, dates as
// dd/mm/yyyy, yyyy-mm-dd, Excel serial numbers or real Date cells, convention numbers with « - » or
// extra spaces. Each parser returns the stored value or a French reason, like validators.ts.
import { formatConventionNumber, parseConventionNumber, type ConventionNumberParts } from '../convention/convention.rules.js';
import { isIsoDate, type IsoDate } from '../shared/dates.js';
import { accepted, rejected, validateIsoDate, type Checked } from '../shared/validators.js';

/** What a cell holds once read (exceljs or csv-parse): text, a number, a date, or nothing. */
export type CellValue = string | number | Date | boolean | null;

/** Case, accents, punctuation and spacing folded: « N° SIRET » and « numero siret » meet. */
export function foldLabel(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .toLowerCase()
    .replace(/[’'`´]/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The text of a cell, trimmed, or '' when it is empty. Numbers are written without exponent. */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  return String(value).trim();
}

/**
 * A choice typed as its code or its label (« ccas-cias », « CCAS / CIAS », « ccas cias »), folded.
 * `aliases` adds other spellings people use (« Mme » for « Madame »).
 */
export function choiceParser<C extends string>(
  labels: Record<C, string>, message: string, aliases: Record<string, NoInfer<C>> = {},
): (value: CellValue) => Checked<C> {
  const known = new Map<string, C>();
  for (const [code, label] of Object.entries(labels) as Array<[C, string]>) {
    known.set(foldLabel(code), code);
    known.set(foldLabel(label), code);
  }
  for (const [alias, code] of Object.entries(aliases)) known.set(foldLabel(alias), code);
  return (value) => {
    const code = known.get(foldLabel(cellText(value)));
    return code === undefined ? rejected(`${message} (« ${cellText(value)} »).`) : accepted(code);
  };
}

export const IMPORT_VALUE_MESSAGES = {
  date: (typed: string) => `Date impossible : « ${typed} » (attendu JJ/MM/AAAA ou AAAA-MM-JJ).`,
  conventionNumber: (typed: string) => `Numéro de convention illisible : « ${typed} » (attendu par exemple 78/2016/0042AS – T2).`,
  integer: (typed: string) => `Nombre entier attendu : « ${typed} ».`,
} as const;

// Excel counts days from 1899-12-30 (its 1900 leap-year bug included); 25569 is 1970-01-01.
const EXCEL_EPOCH_OFFSET = 25569;
const DAY_MS = 86_400_000;

function fromSerial(serial: number): IsoDate {
  return new Date(Math.round((Math.floor(serial) - EXCEL_EPOCH_OFFSET) * DAY_MS)).toISOString().slice(0, 10);
}

/**
 * A date as a spreadsheet holds it: a Date cell (exceljs gives midnight UTC), an Excel serial number
 * (a cell read without its format, or a CSV written from one), « 15/03/2016 », « 15/3/16 » no (a
 * two-digit year is ambiguous), « 2016-03-15 ». Then the product's own checks (validateIsoDate:
 * a real calendar day, not before 2000).
 */
export function parseImportDate(value: CellValue): Checked<IsoDate | null> {
  const typed = cellText(value);
  if (typed === '') return accepted(null);
  let iso: string | null = null;
  if (value instanceof Date) iso = Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  else if (typeof value === 'number' || /^\d{5}(\.\d+)?$/.test(typed)) {
    const serial = Number(typed);
    iso = serial >= 1 && serial < 2_958_466 ? fromSerial(serial) : null;
  } else {
    const french = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(typed);
    const international = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(typed);
    if (french) iso = `${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}`;
    else if (international) iso = `${international[1]}-${international[2].padStart(2, '0')}-${international[3].padStart(2, '0')}`;
  }
  if (iso === null || !isIsoDate(iso)) return rejected(IMPORT_VALUE_MESSAGES.date(typed));
  const checked = validateIsoDate(iso);
  return checked.ok ? checked : rejected(`Date impossible : « ${typed} » — ${checked.message}`);
}

/** A convention number as typed back from a letter: any dash, spaces anywhere; stored in the product's format. */
export function parseImportConventionNumber(value: CellValue): Checked<ConventionNumberParts & { number: string }> {
  const typed = cellText(value);
  const compact = typed.replace(/\s+/g, '').replace(/[-\u2013\u2014]/, ' \u2013 ').toUpperCase();
  const parts = parseConventionNumber(compact);
  if (!parts) return rejected(IMPORT_VALUE_MESSAGES.conventionNumber(typed));
  try {
    return accepted({ ...parts, number: formatConventionNumber(parts) });
  } catch {
    return rejected(IMPORT_VALUE_MESSAGES.conventionNumber(typed));
  }
}

/** `parse` for a cell that may stay empty (null then). */
export function orNull<T>(parse: (value: CellValue) => Checked<T>): (value: CellValue) => Checked<T | null> {
  return (value) => (cellText(value) === '' ? accepted(null) : parse(value));
}

/** A whole number (a cap), or null when empty; « 1 200 » accepted. */
export function parseImportInteger(value: CellValue, min: number, max: number): Checked<number | null> {
  const typed = cellText(value).replace(/[\s\u00a0\u202f]/g, '');
  if (typed === '') return accepted(null);
  if (!/^\d+$/.test(typed)) return rejected(IMPORT_VALUE_MESSAGES.integer(cellText(value)));
  const n = Number(typed);
  return n < min || n > max ? rejected(`Nombre hors limites : ${n} (de ${min} à ${max}).`) : accepted(n);
}
