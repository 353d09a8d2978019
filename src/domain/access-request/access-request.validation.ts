// Recording the paper « Demande d'accès » (DOMAIN.md « AccessRequest »): the applicant (civilité, nom,
// prénom, professional address, phone, fax, email, fonction), the contract (CDI, or CDD with its end
// date), the date the form was received, and the « lu et approuvé » signatures present. The status
// changes only through the workflow (access-request.workflow.ts); the approval checks are in
// access-request.checks.ts.
import { CIVILITIES } from '../../entities/partner.entity.js';
import { conventionKindRules, noCafproAccess, type ConventionKind } from '../convention/convention.rules.js';
import { isAfter, type IsoDate } from '../shared/dates.js';
import { MAX_YEARS_AHEAD } from '../shared/validators.js';
import { bool, choice, date, email, FormCheck, formReference, phone, reference, requiredText, text, type FormInput, type FormResult } from '../shared/form.validation.js';
import { contractTypes } from './access-request.checks.js';
import type { AccessRequestState } from './access-request.workflow.js';

export const ACCESS_REQUEST_MESSAGES = {
  convention: 'Choisissez la convention.',
  conventionUnknown: "Cette convention n'existe pas.",
  noCafproAccess: (number: string) => `${noCafproAccess(number)} : aucune demande d’accès ne peut être enregistrée à son titre.`,
  civility: 'Choisissez « Madame » ou « Monsieur ».',
  contract: 'Précisez le type de contrat : CDI ou CDD.',
  cddEnd: 'La date de fin du CDD est obligatoire.',
  cddEndAfterReceived: 'La date de fin du CDD doit être postérieure à la date de réception de la demande.',
  referenceKeyed: (reference: string, id: number) => `Le formulaire ${reference} est déjà enregistré (demande n° ${id}).`,
} as const;

/** A decided request is the basis of a habilitation (or of a refusal letter): it is no longer corrected. */
const EDITABLE_STATES: readonly AccessRequestState[] = ['recue', 'incomplete'];

export function isAccessRequestEditable(status: unknown): boolean {
  return EDITABLE_STATES.includes(status as AccessRequestState);
}

export interface AccessRequestLookups {
  /** The convention's number and kind, or null when it does not exist. */
  convention(id: number): Promise<{ number: string; kind: ConventionKind } | null>;
  /** The request already recorded with this printed reference (one paper is recorded once). */
  keyedWith(reference: string): Promise<number | null>;
}

export async function validateAccessRequest(
  input: FormInput, today: IsoDate, lookups: AccessRequestLookups, stored?: FormInput,
): Promise<FormResult> {
  const form = new FormCheck(input, stored);
  const conventionId = form.check('conventionId', reference(ACCESS_REQUEST_MESSAGES.convention));
  // Still undecided, the request may be moved to the right convention (a slip when it was recorded).
  if (conventionId !== undefined && form.changes('conventionId')) {
    const convention = await lookups.convention(conventionId);
    if (!convention) form.error('conventionId', ACCESS_REQUEST_MESSAGES.conventionUnknown);
    else if (!conventionKindRules[convention.kind].cafproAccess) form.error('conventionId', ACCESS_REQUEST_MESSAGES.noCafproAccess(convention.number));
  }
  const printedReference = form.check('formReference', formReference('DA'));
  if (printedReference && form.changes('formReference')) {
    const keyed = await lookups.keyedWith(printedReference);
    if (keyed) form.error('formReference', ACCESS_REQUEST_MESSAGES.referenceKeyed(printedReference, keyed));
  }
  form.check('civility', choice(CIVILITIES, ACCESS_REQUEST_MESSAGES.civility));
  form.check('lastName', requiredText(100));
  form.check('firstName', requiredText(100));
  form.check('professionalAddress', text({ required: true, max: 1000, multiline: true }));
  form.check('phone', phone(true));
  form.check('fax', phone(false));
  form.check('email', email(true));
  form.check('position', requiredText(120));
  form.check('userSigned', bool);
  form.check('employerSigned', bool);

  // DOMAIN.md « Habilitation »: « end date (CDD end) »; without it the access would never end.
  const contract = form.sendsAny('contractType', 'contractEndDate', 'receivedDate');
  const contractType = form.check('contractType', choice(contractTypes, ACCESS_REQUEST_MESSAGES.contract), contract);
  const receivedDate = form.check('receivedDate', date({ required: true, notAfter: today }), contract);
  if (contractType === 'CDI') form.set('contractEndDate', null);
  if (contractType === 'CDD') {
    // Within 5 years of today: a longer CDD does not exist in practice (9999-12-31 is a slip).
    const end = form.check('contractEndDate', date({ required: false, ahead: { from: today, years: MAX_YEARS_AHEAD } }), true);
    if (end === null) form.error('contractEndDate', ACCESS_REQUEST_MESSAGES.cddEnd);
    else if (end && receivedDate && !isAfter(end, receivedDate)) form.error('contractEndDate', ACCESS_REQUEST_MESSAGES.cddEndAfterReceived);
  }
  return form.result();
}
