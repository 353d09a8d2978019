// Checking a form typed from a paper document (or a settings page). On creation every field is
// checked; on edit only the fields the form sends, with the stored values standing in for the
// others where a rule involves several fields (a CDD end date against the received date…).
// The result is what secure-actions.ts expects: the normalised values to store, or every field
// error at once, in French, shown next to each field.
import type { IsoDate } from './dates.js';
import {
  accepted, collectErrors, DATE_MESSAGES, optional, rejected, REQUIRED_MESSAGE, validateEmail, validateIsoDate, validatePhone,
  type Checked, type DateBounds, type FieldError,
} from './validators.js';

export type FormInput = Record<string, unknown>;
export type FormResult = FieldError[] | Record<string, unknown>;
type Raw = string | null | undefined;
type Validator<T> = (input: Raw) => Checked<T>;

export const NOT_IN_FUTURE_MESSAGE = DATE_MESSAGES.future;

function asText(value: unknown): Raw {
  if (value === undefined || value === null) return value;
  return String(value);
}

const isBlank = (input: Raw): boolean => input === null || input === undefined || input.trim() === '';

export class FormCheck {
  private readonly errorList = collectErrors();
  private readonly failed = new Set<string>();
  /** The normalised values of the checked fields. */
  readonly values: Record<string, unknown> = {};

  /** `stored`: the record being edited (AdminJS record params); absent on creation. */
  constructor(private readonly input: FormInput, private readonly stored?: FormInput) {}

  get creating(): boolean {
    return this.stored === undefined;
  }

  /** Whether the form sets `field`: always on creation, on edit when the form sends it. */
  sends(field: string): boolean {
    return this.creating || Object.prototype.hasOwnProperty.call(this.input, field);
  }

  /** Whether the form sets any of `fields` (a rule across them must then be checked again). */
  sendsAny(...fields: string[]): boolean {
    return fields.some((f) => this.sends(f));
  }

  /** What will be stored in `field`: the checked value, else the stored one; undefined when refused. */
  value<T = unknown>(field: string): T | undefined {
    if (field in this.values) return this.values[field] as T;
    if (this.failed.has(field)) return undefined;
    if (this.sends(field)) return undefined;
    return this.stored?.[field] as T | undefined;
  }

  /** Whether the form changes `field` from its stored value (always true on creation). */
  changes(field: string): boolean {
    if (this.creating) return true;
    if (!this.sends(field)) return false;
    const next = field in this.values ? this.values[field] : this.input[field];
    return String(next ?? '') !== String(this.stored?.[field] ?? '');
  }

  /**
   * Checks `field` when the form sends it, or when `force` is set (a related field changed: the
   * stored value is checked again). Returns the normalised value, undefined when not checked or refused.
   */
  check<T>(field: string, validator: Validator<T>, force = false): T | undefined {
    if (!force && !this.sends(field)) return undefined;
    const raw = Object.prototype.hasOwnProperty.call(this.input, field) ? this.input[field] : this.stored?.[field];
    const checked = validator(asText(raw));
    if (checked.ok) {
      this.values[field] = checked.value;
      return checked.value;
    }
    this.error(field, checked.message);
    return undefined;
  }

  /** Sets a value the form does not type (derived from another field, or cleared). */
  set(field: string, value: unknown): void {
    this.values[field] = value;
  }

  error(field: string, message: string): void {
    this.failed.add(field);
    delete this.values[field];
    this.errorList.add(field, message);
  }

  hasError(field: string): boolean {
    return this.failed.has(field);
  }

  get errors(): FieldError[] {
    return this.errorList.errors;
  }

  result(): FormResult {
    return this.errorList.hasErrors() ? this.errorList.errors : { ...this.values };
  }
}

// --- Validators for FormCheck.check ---------------------------------------------------------

/** A line of text (spaces collapsed) or, with `multiline`, a block (lines kept, trimmed). */
export function text(options: { required?: boolean; max: number; multiline?: boolean; message?: string }): Validator<string | null> {
  return (input) => {
    if (isBlank(input)) return options.required ? rejected(options.message ?? REQUIRED_MESSAGE) : accepted(null);
    const value = options.multiline
      ? input!.replace(/\r\n?/g, '\n').split('\n').map((l) => l.trim().replace(/[ \t]+/g, ' ')).join('\n').trim()
      : input!.trim().replace(/\s+/g, ' ');
    if (value.length > options.max) return rejected(`Ce champ ne peut pas dépasser ${options.max} caractères.`);
    return accepted(value);
  };
}

/** A required line of text. */
export const requiredText = (max: number, message?: string) => text({ required: true, max, message }) as Validator<string>;

/** One of the values of a list (a select field). */
export function choice<T extends string>(values: readonly T[], message: string): Validator<T> {
  return (input) => ((values as readonly string[]).includes(input ?? '') ? accepted(input as T) : rejected(message));
}

/** A checkbox: AdminJS sends true/false (or nothing when unticked). */
export const bool: Validator<boolean> = (input) => accepted(input === 'true' || input === '1' || input === 'on');

/** A whole number in [min, max]; blank gives null unless required. */
export function integer(options: { min: number; max?: number; required?: boolean; message: string }): Validator<number | null> {
  return (input) => {
    if (isBlank(input)) return options.required ? rejected(REQUIRED_MESSAGE) : accepted(null);
    const value = input!.trim();
    if (!/^\d+$/.test(value)) return rejected(options.message);
    const n = Number(value);
    if (n < options.min || (options.max !== undefined && n > options.max)) return rejected(options.message);
    return accepted(n);
  };
}

/** The id of a record chosen in a reference field. */
export function reference(message: string): Validator<number> {
  return (input) => {
    const value = (input ?? '').trim();
    return /^[1-9]\d*$/.test(value) ? accepted(Number(value)) : rejected(message);
  };
}

export const email = (required: boolean): Validator<string | null> => (required ? validateEmail : optional(validateEmail));
export const phone = (required: boolean): Validator<string | null> => (required ? validatePhone : optional(validatePhone));

/** A calendar date 'YYYY-MM-DD' from 2000 on, within `bounds` (validateIsoDate): `notAfter` today refuses the future. */
export function date(options: { required: boolean } & DateBounds): Validator<IsoDate | null> {
  return (input) => {
    if (isBlank(input)) return options.required ? rejected(REQUIRED_MESSAGE) : accepted(null);
    return validateIsoDate(input, options);
  };
}

/** A printed form reference (QR code), e.g. « DA-2026-000123 »: optional, stored uppercase. */
export function formReference(prefix: string): Validator<string | null> {
  return (input) => {
    if (isBlank(input)) return accepted(null);
    const value = input!.replace(/\s/g, '').toUpperCase();
    if (!new RegExp(`^${prefix}-\\d{4}-\\d{6,}$`).test(value) || value.length > 32) {
      return rejected(`Référence du formulaire invalide (ex. ${prefix}-2026-000123).`);
    }
    return accepted(value);
  };
}
