// Calendar dates of the back-office: 'YYYY-MM-DD' strings, never Date objects.
// Why: conventions, notices and habilitations are dated by the day written on paper
// (DOMAIN.md « dates (sent, signed by partner, signed by Caf, effective = signature date) »);
// a Date carries a time zone and would shift a day around midnight in Europe/Paris.
// Arithmetic is done on UTC midnights, where every day has exactly 24 hours.

/** A calendar date 'YYYY-MM-DD' (e.g. '2026-11-23'). */
export type IsoDate = string;

interface DateParts {
  year: number;
  month: number; // 1..12
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function tryParse(value: string): DateParts | null {
  const match = ISO_DATE.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { year, month, day };
}

/** True for a real calendar date written 'YYYY-MM-DD' ('2025-02-29' is false). */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && tryParse(value) !== null;
}

// Callers validate user input first (validators.ts); a bad date here is a programming error.
function parse(value: IsoDate): DateParts {
  const parts = tryParse(value);
  if (!parts) throw new RangeError(`Date invalide : « ${value} » (format attendu AAAA-MM-JJ).`);
  return parts;
}

function format({ year, month, day }: DateParts): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function toUtcMs(value: IsoDate): number {
  const { year, month, day } = parse(value);
  return Date.UTC(year, month - 1, day);
}

function fromUtcMs(ms: number): IsoDate {
  const d = new Date(ms);
  return format({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const parisDateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
});

/** An instant as read in Paris: '23/11/2026 14:05'. */
export function formatParisDateTime(instant: Date): string {
  return parisDateTime.format(instant);
}

/** The calendar day in Paris at the instant `now` (the Caf works on Paris time, summer and winter). */
export function todayInParis(now: Date): IsoDate {
  if (Number.isNaN(now.getTime())) throw new RangeError('Instant invalide.');
  const parts = Object.fromEntries(parisParts.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromUtcMs(toUtcMs(date) + days * DAY_MS);
}

/** Adds (or subtracts) months; a day that does not exist in the target month becomes its last day (31 March − 1 month → 28/29 February). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parse(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  return format({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

/** Adds years with the same clamping: 29 February 2024 + 1 year → 28 February 2025. */
export function addYears(date: IsoDate, years: number): IsoDate {
  return addMonths(date, years * 12);
}

/** -1 if a is before b, 0 if the same day, 1 if after. */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  const diff = toUtcMs(a) - toUtcMs(b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

export function isBefore(a: IsoDate, b: IsoDate): boolean {
  return compareDates(a, b) < 0;
}

export function isAfter(a: IsoDate, b: IsoDate): boolean {
  return compareDates(a, b) > 0;
}

/** Number of days from `from` to `to` (positive when `to` is later): diffInDays('2026-01-01', '2026-01-31') = 30. */
export function diffInDays(from: IsoDate, to: IsoDate): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

const FRENCH_MONTHS = [
  'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
  'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
];

/** '2026-11-23' → '23 novembre 2026'; the first of the month is written « 1er » as French letters do. */
export function formatFrenchDate(date: IsoDate): string {
  const { year, month, day } = parse(date);
  return `${day === 1 ? '1er' : day} ${FRENCH_MONTHS[month - 1]} ${year}`;
}
