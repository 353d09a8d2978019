// What a profil d'accès must satisfy (DOMAIN.md « AccessProfile »): a unique code such as T1, T2, T3
// (printed at the end of every convention number, « 78/2016/0042AS – T2 »), a label, the data
// categories of the profile annex, and the label of the extra access code when the profile needs one.
import { conventionKinds } from '../convention/convention.rules.js';
import { TEXT_MAX } from '../shared/field-limits.js';
import { accepted, rejected } from '../shared/validators.js';
import { bool, choice, FormCheck, requiredText, text, type FormInput, type FormResult } from '../shared/form.validation.js';

export const ACCESS_PROFILE_MESSAGES = {
  code: "Le code du profil s'écrit en majuscules et chiffres, sans espace ni tiret (16 caractères au plus), par exemple T2.",
  codeTaken: (label: string) => `Ce code est déjà celui du profil « ${label} ».`,
  codeInUse: (count: number) =>
    `Ce profil est utilisé par ${count} convention${count > 1 ? 's' : ''} : son code, imprimé dans leur numéro, ne peut plus être changé.`,
  accessCodeLabel: "Indiquez le libellé du code d'accès demandé (par exemple « Code bailleur »).",
  kind: 'Choisissez le type de convention dans la liste.',
} as const;

export interface AccessProfileLookups {
  /** The other profile that already has this code, if any. */
  codeOwner(code: string): Promise<{ id: number; label: string } | null>;
  /** Number of conventions made with the profile being edited. */
  conventionCount(profileId: number): Promise<number>;
}

/** Same rule as formatConventionNumber (the code ends the convention number). */
const CODE = /^[A-Z0-9]{1,16}$/;

export async function validateAccessProfile(input: FormInput, lookups: AccessProfileLookups, stored?: FormInput): Promise<FormResult> {
  const form = new FormCheck(input, stored);
  const code = form.check('code', (raw) => {
    const value = (raw ?? '').trim().toUpperCase();
    return CODE.test(value) ? accepted(value) : rejected(ACCESS_PROFILE_MESSAGES.code);
  });
  if (code !== undefined && form.changes('code')) {
    const owner = await lookups.codeOwner(code);
    const editedId = stored ? Number(stored.id) : undefined;
    if (owner && owner.id !== editedId) form.error('code', ACCESS_PROFILE_MESSAGES.codeTaken(owner.label));
    else if (editedId !== undefined) {
      const used = await lookups.conventionCount(editedId);
      if (used > 0) form.error('code', ACCESS_PROFILE_MESSAGES.codeInUse(used));
    }
  }
  form.check('label', requiredText(255));
  form.check('dataCategories', text({ required: true, max: TEXT_MAX, multiline: true }));
  form.check('dataSharingAnnex', bool);
  form.check('active', bool);
  form.check('conventionKind', choice(conventionKinds, ACCESS_PROFILE_MESSAGES.kind));

  // The label is printed on the demande d'accès next to the box of the code; without a code it means nothing.
  const accessCode = form.sendsAny('needsAccessCode', 'accessCodeLabel');
  const needsCode = form.check('needsAccessCode', bool, accessCode);
  if (needsCode === true) form.check('accessCodeLabel', text({ required: true, max: 100, message: ACCESS_PROFILE_MESSAGES.accessCodeLabel }), true);
  else if (needsCode === false) form.set('accessCodeLabel', null);
  return form.result();
}
