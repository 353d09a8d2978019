// What a Partner must satisfy before it is stored (DOMAIN.md « Partner »): SIRET 14 digits,
// Luhn-valid and unique; valid email and phone; a type of the list.
import { PARTNER_TYPES, CIVILITIES } from '../../entities/partner.entity.js';
import { collectErrors, optional, validateEmail, validatePhone, validatePostalCode, validateRequiredText, validateSiret, type FieldError } from '../shared/validators.js';

export const PARTNER_TYPE_LABELS: Record<(typeof PARTNER_TYPES)[number], string> = {
  'commune': 'Commune',
  'ccas-cias': 'CCAS / CIAS',
  'conseil-departemental': 'Conseil départemental',
  'bailleur-social': 'Bailleur social',
  'association': 'Association',
  'etablissement-accueil': "Établissement d'accueil",
  'autre': 'Autre',
};

type Input = Record<string, unknown>;
const text = (v: unknown) => (v === undefined || v === null ? null : String(v));

/**
 * Checks and normalises the partner fields present in `input` (a partial edit checks only what it
 * changes). `siretOwner` tells which other partner already holds a SIRET, if any.
 */
export async function validatePartner(
  input: Input, siretOwner: (siret: string) => Promise<{ id: number; name: string } | null>, editedId?: number,
): Promise<FieldError[] | Record<string, unknown>> {
  const errors = collectErrors();
  const out: Record<string, unknown> = {};
  const has = (field: string) => field in input;
  const required = ['name', 'addressLine1', 'representativeName', 'representativeTitle', 'city'];
  for (const field of required) if (has(field) || editedId === undefined) {
    const value = errors.take(field, validateRequiredText(text(input[field])));
    if (value !== undefined) out[field] = value;
  }
  if (has('type') || editedId === undefined) {
    if ((PARTNER_TYPES as readonly string[]).includes(String(input.type))) out.type = input.type;
    else errors.add('type', 'Choisissez le type de partenaire dans la liste.');
  }
  if (has('representativeCivility') || editedId === undefined) {
    if ((CIVILITIES as readonly string[]).includes(String(input.representativeCivility))) out.representativeCivility = input.representativeCivility;
    else errors.add('representativeCivility', 'Choisissez « Madame » ou « Monsieur ».');
  }
  if (has('siret') || editedId === undefined) {
    const siret = errors.take('siret', validateSiret(text(input.siret)));
    if (siret !== undefined) {
      const owner = await siretOwner(siret);
      if (owner && owner.id !== editedId) errors.add('siret', `Ce SIRET est déjà celui du partenaire « ${owner.name} ».`);
      else out.siret = siret;
    }
  }
  if (has('postalCode') || editedId === undefined) {
    const postalCode = errors.take('postalCode', validatePostalCode(text(input.postalCode)));
    if (postalCode !== undefined) out.postalCode = postalCode;
  }
  if (has('email')) {
    const email = errors.take('email', optional(validateEmail)(text(input.email)));
    if (email !== undefined) out.email = email;
  }
  if (has('phone')) {
    const phone = errors.take('phone', optional(validatePhone)(text(input.phone)));
    if (phone !== undefined) out.phone = phone;
  }
  if (has('addressLine2')) out.addressLine2 = text(input.addressLine2)?.trim() || null;
  return errors.hasErrors() ? errors.errors : out;
}
