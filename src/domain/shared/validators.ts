// Field validators for what staff type from paper forms. Each returns the normalised value
// (what we store) or a French message (what the form shows next to the field).
import { addYears, formatFrenchDate, isAfter, isBefore, isIsoDate, type IsoDate } from './dates.js';

/** A field error, shaped for AdminJS `propertyErrors` ({ [field]: { message } }) and for API answers. */
export interface FieldError {
  field: string;
  message: string;
}

/** The result of one validator: the normalised value, or why it is refused. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** A refused action (workflow transition, form): a summary and, when known, the fields at fault. */
export interface Refusal {
  ok: false;
  message: string;
  errors: FieldError[];
}

export function accepted<T>(value: T): Checked<T> {
  return { ok: true, value };
}

export function rejected(message: string): { ok: false; message: string } {
  return { ok: false, message };
}

export function refusal(message: string, errors: FieldError[] = []): Refusal {
  return { ok: false, message, errors };
}

export const REQUIRED_MESSAGE = 'Ce champ est obligatoire.';

type Input = string | null | undefined;

function isBlank(input: Input): input is null | undefined | '' {
  return input === null || input === undefined || input.trim() === '';
}

/** Collects field errors while validating a form, then tells whether it passed. */
export class FieldErrorCollector {
  private readonly list: FieldError[] = [];

  add(field: string, message: string): void {
    this.list.push({ field, message });
  }

  /** Records the error of `checked` under `field` and returns its value (undefined when refused). */
  take<T>(field: string, checked: Checked<T>): T | undefined {
    if (checked.ok) return checked.value;
    this.add(field, checked.message);
    return undefined;
  }

  get errors(): FieldError[] {
    return [...this.list];
  }

  hasErrors(): boolean {
    return this.list.length > 0;
  }

  /** A Refusal whose message lists every error (one line each), or null when there is none. */
  toRefusal(): Refusal | null {
    if (this.list.length === 0) return null;
    return refusal(this.list.map((e) => e.message).join('\n'), this.errors);
  }
}

export function collectErrors(): FieldErrorCollector {
  return new FieldErrorCollector();
}

/** Wraps a validator for an optional field: blank gives null instead of « obligatoire ». */
export function optional<T>(validator: (input: Input) => Checked<T>): (input: Input) => Checked<T | null> {
  return (input) => (isBlank(input) ? accepted(null) : validator(input));
}

export function validateRequiredText(input: Input, message = REQUIRED_MESSAGE): Checked<string> {
  if (isBlank(input)) return rejected(message);
  return accepted(input.trim().replace(/\s+/g, ' '));
}

// --- SIRET -----------------------------------------------------------------------------------

// The INSEE exception: La Poste's establishments share SIREN 356000000 and are too many for the
// Luhn key; their SIRET is valid when the sum of its digits is a multiple of 5.
const LA_POSTE_SIREN = '356000000';

export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function digitSum(digits: string): number {
  return [...digits].reduce((sum, d) => sum + Number(d), 0);
}

/**
 * DOMAIN.md (Partner): « SIRET (14 digits, Luhn-valid, unique) ». Spaces are removed, and so are
 * dots and hyphens because the convention prints it « XXX-XXX-XXX-XXXXX ». Uniqueness is checked
 * by the use case (it needs the database).
 */
export function validateSiret(input: Input): Checked<string> {
  if (isBlank(input)) return rejected(REQUIRED_MESSAGE);
  const digits = input.replace(/[\s.-]/g, '');
  if (!/^\d{14}$/.test(digits)) return rejected('Le SIRET doit comporter 14 chiffres.');
  // 000 000 000 … passes the Luhn key (a sum of 0) but no SIREN is all zeros.
  if (/^0{9}/.test(digits)) return rejected("Le SIRET n'est pas valide : le numéro SIREN (9 premiers chiffres) ne peut pas être 000 000 000.");
  const laPoste = digits.startsWith(LA_POSTE_SIREN) && digitSum(digits) % 5 === 0;
  if (!isLuhnValid(digits) && !laPoste) return rejected("Le SIRET n'est pas valide (clé de contrôle incorrecte).");
  return accepted(digits);
}

// --- Email -----------------------------------------------------------------------------------

// Pragmatic: what mail servers accept in practice, not the full RFC 5322 grammar (no quoted local
// parts, no IP literals, no internationalised domains).
const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** Stored lowercase so that the same person is recognised whatever the form said (normalize.ts). */
export function validateEmail(input: Input): Checked<string> {
  if (isBlank(input)) return rejected(REQUIRED_MESSAGE);
  const email = input.trim().toLowerCase();
  const invalid = rejected('Adresse électronique invalide.');
  if (email.length > 254) return invalid;
  const at = email.lastIndexOf('@');
  if (at <= 0) return invalid;
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local.length > 64 || !LOCAL_PART.test(local)) return invalid;
  const labels = domain.split('.');
  if (labels.length < 2 || labels.some((l) => l.length > 63 || !DOMAIN_LABEL.test(l))) return invalid;
  if (!/^[a-z]{2,}$/.test(labels[labels.length - 1])) return invalid;
  return accepted(email);
}

// --- French phone ----------------------------------------------------------------------------

/**
 * A French number: « 01 23 45 67 89 », « 0123456789 », « 01.23.45.67.89 », « +33 1 23 45 67 89 »,
 * « +33 (0)1 23 45 67 89 » or « 0033 1 … ». Stored as letters print it: « 01 23 45 67 89 ».
 */
export function validatePhone(input: Input): Checked<string> {
  if (isBlank(input)) return rejected(REQUIRED_MESSAGE);
  let compact = input.replace(/[\s.\-/]/g, '').replace('(0)', '');
  if (compact.startsWith('+33')) compact = '0' + compact.slice(3);
  else if (compact.startsWith('0033')) compact = '0' + compact.slice(4);
  if (!/^0[1-9]\d{8}$/.test(compact)) {
    return rejected('Numéro de téléphone invalide (10 chiffres commençant par 0, ou +33).');
  }
  return accepted(compact.match(/\d{2}/g)!.join(' '));
}

// --- Dates and postal code -------------------------------------------------------------------

/**
 * The earliest date a form may bear: the Cafpro service and its conventions date from the 2000s.
 * An earlier one is a slip (0001-01-01 was typed, and approved).
 */
export const EARLIEST_DATE: IsoDate = '2000-01-01';

/** How far ahead an end may be typed (a CDD, a convention, a campaign): further is a slip (9999-12-31). */
export const MAX_YEARS_AHEAD = 5;

export const DATE_MESSAGES = {
  format: 'Date invalide (format attendu AAAA-MM-JJ).',
  calendar: "Cette date n'existe pas dans le calendrier.",
  tooEarly: `Cette date ne peut pas être antérieure au ${formatFrenchDate(EARLIEST_DATE)}.`,
  future: 'Cette date ne peut pas être dans le futur.',
  tooLate: (latest: IsoDate, years: number) =>
    `Cette date ne peut pas être postérieure au ${formatFrenchDate(latest)} (${years} an${years > 1 ? 's' : ''} au plus).`,
} as const;

/**
 * Where a typed date may fall, besides « from EARLIEST_DATE on »: `notAfter` today for a date that
 * has happened (received, sent, signed: a later one is « dans le futur »); `ahead` for a date to
 * come (an end, a scheduled suppression), at most `years` years after `from` (today).
 */
export interface DateBounds {
  notAfter?: IsoDate;
  ahead?: { from: IsoDate; years: number };
}

/** A real calendar day 'YYYY-MM-DD', from EARLIEST_DATE on, within `bounds`. */
export function validateIsoDate(input: Input, bounds: DateBounds = {}): Checked<IsoDate> {
  if (isBlank(input)) return rejected(REQUIRED_MESSAGE);
  const value = input.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return rejected(DATE_MESSAGES.format);
  if (!isIsoDate(value)) return rejected(DATE_MESSAGES.calendar);
  if (isBefore(value, EARLIEST_DATE)) return rejected(DATE_MESSAGES.tooEarly);
  if (bounds.notAfter && isAfter(value, bounds.notAfter)) return rejected(DATE_MESSAGES.future);
  if (bounds.ahead) {
    const latest = addYears(bounds.ahead.from, bounds.ahead.years);
    if (isAfter(value, latest)) return rejected(DATE_MESSAGES.tooLate(latest, bounds.ahead.years));
  }
  return accepted(value);
}

export function validatePostalCode(input: Input): Checked<string> {
  if (isBlank(input)) return rejected(REQUIRED_MESSAGE);
  const code = input.replace(/\s/g, '');
  if (!/^\d{5}$/.test(code)) return rejected('Le code postal doit comporter 5 chiffres.');
  return accepted(code);
}
