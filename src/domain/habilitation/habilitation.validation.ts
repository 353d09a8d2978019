// Correcting a habilitation's holder (DOMAIN.md « Habilitation »): civilité, name, email and fonction
// as the partner reports them, and the extra access code when the profile needs one (code bailleur,
// numéro d'instructeur RSA…). The identifier, the dates and the status are never typed: they come
// from the approval and the workflow (habilitation.workflow.ts).
import { CIVILITIES } from '../../entities/partner.entity.js';
import { email, FormCheck, choice, requiredText, text, type FormInput, type FormResult } from '../shared/form.validation.js';
import type { HabilitationState } from './habilitation.workflow.js';

export const HABILITATION_MESSAGES = {
  civility: 'Choisissez « Madame » ou « Monsieur ».',
  accessCode: (label: string) => `Le profil de la convention demande un code d'accès : renseignez « ${label} ».`,
} as const;

/** A revoked habilitation is history: it is never corrected, a new one is issued. */
export function isHabilitationEditable(status: unknown): boolean {
  return status === ('active' as HabilitationState) || status === ('suspendue' as HabilitationState);
}

/** What the profile of the habilitation's convention asks (AccessProfile.needsAccessCode, accessCodeLabel). */
export interface AccessCodeRule {
  needsAccessCode: boolean;
  accessCodeLabel: string | null;
}

export function validateHabilitation(input: FormInput, accessCode: AccessCodeRule, stored: FormInput): FormResult {
  const form = new FormCheck(input, stored);
  form.check('civility', choice(CIVILITIES, HABILITATION_MESSAGES.civility));
  form.check('lastName', requiredText(100));
  form.check('firstName', requiredText(100));
  form.check('email', email(true));
  form.check('position', requiredText(120));
  if (accessCode.needsAccessCode) {
    const label = accessCode.accessCodeLabel ?? "Code d'accès";
    form.check('accessCode', text({ required: true, max: 50, message: HABILITATION_MESSAGES.accessCode(label) }));
  } else if (form.sends('accessCode')) {
    form.set('accessCode', null);
  }
  return form.result();
}
