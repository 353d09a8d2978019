// What any typed text must satisfy before it reaches the database, whatever the form or the field:
// no longer than its column (MariaDB refuses a longer value with an error, a 500; SQLite stores it
// whole, 1 MB in a partner's name), and no control character (invisible, pasted from another
// program, they would travel on into the PDF letters and the e-mails). The limits come from the entity
// columns (src/entities/columns.ts), so that every entity and every write path share ONE check.
import type { EntityMetadata } from 'typeorm';
import type { FieldError } from './validators.js';
import { unprintableCharacters } from '../../documents/fonts.js';

export interface TextLimit {
  /** Characters (Unicode code points, as MySQL counts them in utf8mb4). */
  max: number;
  /** A TEXT column keeps line breaks and tabs; a VARCHAR holds one line. */
  multiline: boolean;
}

/**
 * The cap of a TEXT column (reasons, addresses, data categories): long enough for any paper form,
 * and 4 bytes × 10 000 stays within MySQL's TEXT (65 535 bytes) whatever the characters.
 */
export const TEXT_MAX = 10_000;

/** A one-line field that lands in no column of its own (a reference to look up): the widest VARCHAR. */
export const LINE_MAX = 255;

/** The limit of each text column of an entity: VarChar(n) → n characters on one line, Text → TEXT_MAX. */
export function textLimitsOf(metadata: Pick<EntityMetadata, 'columns'>): Record<string, TextLimit> {
  const limits: Record<string, TextLimit> = {};
  for (const column of metadata.columns) {
    if (column.type === 'varchar') limits[column.propertyName] = { max: Number(column.length), multiline: false };
    else if (column.type === 'text') limits[column.propertyName] = { max: TEXT_MAX, multiline: true };
  }
  return limits;
}

// C0 and C1 control characters (U+0000–U+001F, U+007F–U+009F); line breaks and tab apart.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAK = /[\n\r]/;
const TAB = /\t/;

export const FIELD_LIMIT_MESSAGES = {
  control: (label: string) => `Le champ « ${label} » contient un caractère de contrôle (invisible) : retirez-le.`,
  oneLine: (label: string) => `Le champ « ${label} » tient sur une seule ligne : retirez le retour à la ligne.`,
  unprintable: (label: string, chars: string[]) =>
    `Le champ « ${label} » contient ${chars.length > 1 ? 'des caractères' : 'un caractère'} que les courriers ne savent pas imprimer : ${chars.slice(0, 5).map((c) => `« ${c} »`).join(', ')}. Remplacez-${chars.length > 1 ? 'les' : 'le'} (par exemple par les lettres latines correspondantes).`,
  tooLong: (label: string, max: number, length: number) =>
    `Le champ « ${label} » accepte ${formatCount(max)} caractères au plus (${formatCount(length)} saisis).`,
} as const;

/** 1048576 → « 1 048 576 » (a plain space: the message is also read in e-mails and logs). */
function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** Code points: an emoji is one character for MySQL, two UTF-16 units for JavaScript. */
function characterCount(value: string): number {
  let surrogates = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) surrogates++;
  }
  return value.length - surrogates;
}

/** Why the typed `value` cannot be accepted under `limit` (a control character), or null. */
export function controlCharacterError(value: string, limit: TextLimit, label: string): string | null {
  if (CONTROL.test(value) || (!limit.multiline && TAB.test(value))) return FIELD_LIMIT_MESSAGES.control(label);
  if (!limit.multiline && LINE_BREAK.test(value)) return FIELD_LIMIT_MESSAGES.oneLine(label);
  // Whatever is typed may end up in a PDF: a letter the documents' font cannot draw is refused here,
  // never printed as a blank or a wrong glyph.
  const unprintable = unprintableCharacters(value);
  if (unprintable.length) return FIELD_LIMIT_MESSAGES.unprintable(label, unprintable);
  return null;
}

/** Why `value` cannot be stored under `limit` (too long), or null. */
export function lengthError(value: string, limit: TextLimit, label: string): string | null {
  // Counting is only needed when the UTF-16 length is over: code points never outnumber it.
  if (value.length <= limit.max) return null;
  const length = characterCount(value);
  return length > limit.max ? FIELD_LIMIT_MESSAGES.tooLong(label, limit.max, length) : null;
}

/**
 * The field errors of the text fields that have a limit: control characters in what was `typed`,
 * length of what will be `stored`. `stored` defaults to the typed values (a form stored as typed);
 * after a form's normalisation it holds the normalised values (a SIRET typed « 356-000-000-00048 »
 * is 17 characters, stored as 14); a field absent from `stored` is not measured. Other values
 * (numbers, files, fields without a column) are left to the form's own validation.
 */
export function textLimitErrors(
  limits: Record<string, TextLimit>, labelOf: (field: string) => string,
  typed: Record<string, unknown>, stored: Record<string, unknown> = typed,
): FieldError[] {
  const limitOf = (field: string) => (Object.prototype.hasOwnProperty.call(limits, field) ? limits[field] : undefined);
  const errors = new Map<string, string>();
  for (const [field, value] of Object.entries(typed)) {
    const limit = limitOf(field);
    const message = limit && typeof value === 'string' ? controlCharacterError(value, limit, labelOf(field)) : null;
    if (message) errors.set(field, message);
  }
  for (const [field, value] of Object.entries(stored)) {
    const limit = limitOf(field);
    const message = limit && typeof value === 'string' && !errors.has(field) ? lengthError(value, limit, labelOf(field)) : null;
    if (message) errors.set(field, message);
  }
  return [...errors].map(([field, message]) => ({ field, message }));
}
