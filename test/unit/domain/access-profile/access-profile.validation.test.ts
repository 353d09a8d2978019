import { describe, expect, it } from '@jest/globals';
import { ACCESS_PROFILE_MESSAGES, validateAccessProfile, type AccessProfileLookups } from '../../../../src/domain/access-profile/access-profile.validation.js';

const existing = [{ id: 1, code: 'T1', label: 'Profil T1' }, { id: 2, code: 'T2', label: 'Profil T2' }];
const lookups = (conventions = 0): AccessProfileLookups => ({
  codeOwner: async (code) => existing.find((p) => p.code === code) ?? null,
  conventionCount: async () => conventions,
});
const valid = {
  code: 't4', label: 'Profil T4 – bailleurs', dataCategories: "- Numéro d'allocataire\r\n- Montant de l'APL ",
  needsAccessCode: 'true', accessCodeLabel: ' Code  bailleur ', dataSharingAnnex: 'false', conventionKind: 'cafpro', active: 'true',
};
const errorsOf = (result: unknown) => (Array.isArray(result) ? Object.fromEntries(result.map((e) => [e.field, e.message])) : {});

describe('validateAccessProfile', () => {
  it('accepts a new profile, code uppercased, categories kept line by line', async () => {
    expect(await validateAccessProfile(valid, lookups())).toEqual({
      code: 'T4', label: 'Profil T4 – bailleurs', dataCategories: "- Numéro d'allocataire\n- Montant de l'APL",
      needsAccessCode: true, accessCodeLabel: 'Code bailleur', dataSharingAnnex: false, conventionKind: 'cafpro', active: true,
    });
  });

  it.each(['T 2', 'T-2', 'T2é', '', 'ABCDEFGHIJKLMNOPQ'])('refuses the code %p', async (code) => {
    expect(errorsOf(await validateAccessProfile({ ...valid, code }, lookups()))).toEqual({ code: ACCESS_PROFILE_MESSAGES.code });
  });

  it('refuses a code held by another profile', async () => {
    expect(errorsOf(await validateAccessProfile({ ...valid, code: 't2' }, lookups()))).toEqual({ code: ACCESS_PROFILE_MESSAGES.codeTaken('Profil T2') });
  });

  it('lets a profile keep its own code, and refuses to change the code of a profile used by conventions', async () => {
    const stored = { id: 2, code: 'T2', label: 'Profil T2', needsAccessCode: false, accessCodeLabel: null };
    expect(await validateAccessProfile({ code: 'T2', label: 'Profil T2 modifié' }, lookups(3), stored)).toEqual({ code: 'T2', label: 'Profil T2 modifié' });
    expect(errorsOf(await validateAccessProfile({ code: 'T9' }, lookups(3), stored))).toEqual({ code: ACCESS_PROFILE_MESSAGES.codeInUse(3) });
    expect(await validateAccessProfile({ code: 'T9' }, lookups(0), stored)).toEqual({ code: 'T9' });
  });

  it('requires the label of the access code when the profile needs one, and clears it otherwise', async () => {
    expect(errorsOf(await validateAccessProfile({ ...valid, accessCodeLabel: ' ' }, lookups()))).toEqual({ accessCodeLabel: ACCESS_PROFILE_MESSAGES.accessCodeLabel });
    expect(await validateAccessProfile({ ...valid, needsAccessCode: 'false' }, lookups())).toMatchObject({ needsAccessCode: false, accessCodeLabel: null });
    // On edit, ticking the box alone checks the stored (empty) label.
    const stored = { id: 1, code: 'T1', needsAccessCode: false, accessCodeLabel: null };
    expect(errorsOf(await validateAccessProfile({ needsAccessCode: true }, lookups(), stored))).toEqual({ accessCodeLabel: ACCESS_PROFILE_MESSAGES.accessCodeLabel });
  });

  it('requires a label, the data categories and a known convention kind', async () => {
    expect(errorsOf(await validateAccessProfile({ ...valid, label: '', dataCategories: '  ', conventionKind: 'autre' }, lookups()))).toEqual({
      label: 'Ce champ est obligatoire.', dataCategories: 'Ce champ est obligatoire.', conventionKind: ACCESS_PROFILE_MESSAGES.kind,
    });
  });
});
