import { describe, expect, it } from '@jest/globals';
import { CONVENTION_MESSAGES, validateConvention, type ConventionLookups } from '../../../../src/domain/convention/convention.validation.js';

const profiles: Record<number, { code: string; active: boolean; conventionKind: 'cafpro' | 'data-provision' }> = {
  2: { code: 'T2', active: true, conventionKind: 'cafpro' },
  5: { code: 'MAD', active: true, conventionKind: 'data-provision' },
  9: { code: 'T9', active: false, conventionKind: 'cafpro' },
};
const lookups: ConventionLookups = {
  partnerExists: async (id) => id === 7,
  profile: async (id) => profiles[id] ?? null,
};
const form = { partnerId: '7', profileId: '2', signatoryCivility: 'Monsieur', signatoryName: ' Arnaud  Péricard ', signatoryTitle: 'Maire', habilitationCap: '' };
const errorsOf = (result: unknown) => (Array.isArray(result) ? Object.fromEntries(result.map((e) => [e.field, e.message])) : {});

describe('validateConvention', () => {
  it('accepts a new convention and takes its kind from the profile', async () => {
    expect(await validateConvention(form, lookups)).toEqual({
      partnerId: 7, profileId: 2, kind: 'cafpro', signatoryCivility: 'Monsieur', signatoryName: 'Arnaud Péricard', signatoryTitle: 'Maire', habilitationCap: null,
    });
    expect(await validateConvention({ ...form, profileId: '5', habilitationCap: '12' }, lookups)).toMatchObject({ kind: 'data-provision', habilitationCap: 12 });
  });

  it('requires partner, profile and signatory', async () => {
    expect(errorsOf(await validateConvention({}, lookups))).toEqual({
      partnerId: CONVENTION_MESSAGES.partner, profileId: CONVENTION_MESSAGES.profile, signatoryCivility: CONVENTION_MESSAGES.civility,
      signatoryName: 'Ce champ est obligatoire.', signatoryTitle: 'Ce champ est obligatoire.',
    });
  });

  it('refuses an unknown partner, an unknown or withdrawn profile', async () => {
    expect(errorsOf(await validateConvention({ ...form, partnerId: '8', profileId: '3' }, lookups))).toEqual({
      partnerId: CONVENTION_MESSAGES.partnerUnknown, profileId: CONVENTION_MESSAGES.profileUnknown,
    });
    expect(errorsOf(await validateConvention({ ...form, profileId: '9' }, lookups))).toEqual({ profileId: CONVENTION_MESSAGES.profileInactive });
  });

  it.each(['0', '-2', '2.5', 'dix'])('refuses the cap %p', async (cap) => {
    expect(errorsOf(await validateConvention({ ...form, habilitationCap: cap }, lookups))).toEqual({ habilitationCap: CONVENTION_MESSAGES.cap });
  });

  it('lets a draft change its partner and profile, not a convention already sent', async () => {
    const draft = { id: 1, status: 'brouillon', partnerId: 7, profileId: 2 };
    expect(await validateConvention({ profileId: '5' }, lookups, draft)).toEqual({ profileId: 5, kind: 'data-provision' });
    const sent = { ...draft, status: 'envoyee' };
    expect(errorsOf(await validateConvention({ partnerId: '8', profileId: '5' }, lookups, sent))).toEqual({
      partnerId: CONVENTION_MESSAGES.partnerFixed, profileId: CONVENTION_MESSAGES.profileFixed,
    });
    // The form sends the unchanged values back: no refusal.
    expect(await validateConvention({ partnerId: '7', profileId: '2', signatoryName: 'Céline Œuvray' }, lookups, sent))
      .toEqual({ partnerId: 7, profileId: 2, signatoryName: 'Céline Œuvray' });
  });
});
