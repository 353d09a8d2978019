// What the « Désignation d'un responsable habilitations » form must give (DOMAIN.md
// « HabilitationManager »): civilité, nom, prénom, address when different from the partner's,
// professional phone, fax, email, designation date. Which designation is current (and the end of the
// previous one) is decided by the designation use case, not by this form. Like the other paper forms,
// the reference printed on it (RH-…, QR code) is recorded once.
import { CIVILITIES } from '../../entities/partner.entity.js';
import { conventionKindRules, noCafproAccess, type ConventionKind } from '../convention/convention.rules.js';
import type { IsoDate } from '../shared/dates.js';
import { bool, choice, date, email, FormCheck, formReference, phone, reference, requiredText, text, type FormInput, type FormResult } from '../shared/form.validation.js';

export const HABILITATION_MANAGER_MESSAGES = {
  convention: 'Choisissez la convention.',
  conventionUnknown: "Cette convention n'existe pas.",
  conventionFixed: 'Une désignation ne change pas de convention : enregistrez une nouvelle désignation sur la bonne convention.',
  noCafproAccess: (number: string) => `${noCafproAccess(number)} : aucun responsable habilitations ne peut y être désigné.`,
  civility: 'Choisissez « Madame » ou « Monsieur ».',
  referenceKeyed: (reference: string, id: number) => `Le formulaire ${reference} est déjà enregistré (désignation n° ${id}).`,
} as const;

export interface HabilitationManagerLookups {
  /** The convention's number and kind, or null when it does not exist. */
  convention(id: number): Promise<{ number: string; kind: ConventionKind } | null>;
  /** The designation already recorded with this printed reference (one paper is recorded once). */
  keyedWith(reference: string): Promise<number | null>;
}

export async function validateHabilitationManager(
  input: FormInput, today: IsoDate, lookups: HabilitationManagerLookups, stored?: FormInput,
): Promise<FormResult> {
  const form = new FormCheck(input, stored);
  const conventionId = form.check('conventionId', reference(HABILITATION_MANAGER_MESSAGES.convention));
  if (conventionId !== undefined && form.changes('conventionId')) {
    const convention = stored ? null : await lookups.convention(conventionId);
    if (stored) form.error('conventionId', HABILITATION_MANAGER_MESSAGES.conventionFixed);
    else if (!convention) form.error('conventionId', HABILITATION_MANAGER_MESSAGES.conventionUnknown);
    else if (!conventionKindRules[convention.kind].cafproAccess) form.error('conventionId', HABILITATION_MANAGER_MESSAGES.noCafproAccess(convention.number));
  }
  const printedReference = form.check('formReference', formReference('RH'));
  if (printedReference && form.changes('formReference')) {
    const keyed = await lookups.keyedWith(printedReference);
    if (keyed) form.error('formReference', HABILITATION_MANAGER_MESSAGES.referenceKeyed(printedReference, keyed));
  }
  form.check('civility', choice(CIVILITIES, HABILITATION_MANAGER_MESSAGES.civility));
  form.check('lastName', requiredText(100));
  form.check('firstName', requiredText(100));
  form.check('address', text({ max: 1000, multiline: true }));
  form.check('phone', phone(true));
  form.check('fax', phone(false));
  form.check('email', email(true));
  form.check('designationDate', date({ required: true, notAfter: today }));
  form.check('isSignatory', bool);
  return form.result();
}
