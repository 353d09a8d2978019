// What a convention must satisfy when it is recorded or corrected (DOMAIN.md « Convention »): a
// partner, an access profile, the partner's signatory, an optional cap on habilitations. The number
// is generated (convention-number.ts), the status and dates change only through the workflow.
import { CIVILITIES } from '../../entities/partner.entity.js';
import type { ConventionKind } from './convention.rules.js';
import type { ConventionState } from './convention.workflow.js';
import { choice, FormCheck, integer, reference, requiredText, type FormInput, type FormResult } from '../shared/form.validation.js';

export const CONVENTION_MESSAGES = {
  partner: 'Choisissez le partenaire.',
  partnerUnknown: "Ce partenaire n'existe pas.",
  profile: "Choisissez le profil d'accès.",
  profileUnknown: "Ce profil d'accès n'existe pas.",
  profileInactive: "Ce profil d'accès n'est plus proposé : choisissez un profil actif.",
  civility: 'Choisissez « Madame » ou « Monsieur ».',
  cap: "Le plafond d'habilitations doit être un nombre entier positif, ou rester vide pour ne pas limiter.",
  partnerFixed: "Le partenaire ne peut plus être changé : la convention lui a déjà été envoyée.",
  profileFixed: "Le profil ne peut plus être changé : la convention a déjà été envoyée au partenaire.",
} as const;

export interface ConventionLookups {
  partnerExists(id: number): Promise<boolean>;
  profile(id: number): Promise<{ code: string; active: boolean; conventionKind: ConventionKind } | null>;
}

/**
 * Checks the fields the form sends. On success the values include `kind`, taken from the profile
 * (a « MAD » profile makes a data-provision convention, with its three months of notice).
 * `stored`: the convention being edited; its partner and profile are fixed once it has been sent.
 */
export async function validateConvention(input: FormInput, lookups: ConventionLookups, stored?: FormInput): Promise<FormResult> {
  const form = new FormCheck(input, stored);
  const draft = !stored || (stored.status as ConventionState) === 'brouillon';

  const partnerId = form.check('partnerId', reference(CONVENTION_MESSAGES.partner));
  if (partnerId !== undefined && form.changes('partnerId')) {
    if (!draft) form.error('partnerId', CONVENTION_MESSAGES.partnerFixed);
    else if (!(await lookups.partnerExists(partnerId))) form.error('partnerId', CONVENTION_MESSAGES.partnerUnknown);
  }

  const profileId = form.check('profileId', reference(CONVENTION_MESSAGES.profile));
  if (profileId !== undefined && form.changes('profileId')) {
    const profile = draft ? await lookups.profile(profileId) : null;
    if (!draft) form.error('profileId', CONVENTION_MESSAGES.profileFixed);
    else if (!profile) form.error('profileId', CONVENTION_MESSAGES.profileUnknown);
    else if (!profile.active) form.error('profileId', CONVENTION_MESSAGES.profileInactive);
    else form.set('kind', profile.conventionKind);
  }

  form.check('signatoryCivility', choice(CIVILITIES, CONVENTION_MESSAGES.civility));
  form.check('signatoryName', requiredText(120));
  form.check('signatoryTitle', requiredText(120));
  // art. 2: « le partenaire s'engage à limiter le nombre de demandes d'habilitations ».
  form.check('habilitationCap', integer({ min: 1, max: 100_000, message: CONVENTION_MESSAGES.cap }));
  return form.result();
}
