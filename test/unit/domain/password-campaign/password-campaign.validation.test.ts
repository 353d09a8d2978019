import { describe, expect, it } from '@jest/globals';
import {
  isPasswordCampaignEditable, PASSWORD_CAMPAIGN_MESSAGES, validatePasswordCampaign, type PasswordCampaignLookups,
} from '../../../../src/domain/password-campaign/password-campaign.validation.js';

const TODAY = '2026-11-23';
const lookups: PasswordCampaignLookups = { exists: async (_field, id) => id === 5, defaultNoticeDays: 15 };
const errorsOf = (result: unknown) => (Array.isArray(result) ? Object.fromEntries(result.map((e) => [e.field, e.message])) : {});

describe('validatePasswordCampaign', () => {
  it('plans a campaign for every active habilitation, no target kept', async () => {
    expect(await validatePasswordCampaign({ changeDate: '2027-01-15', scope: 'all', scopePartnerId: '5', noticeDays: '20' }, TODAY, lookups)).toEqual({
      changeDate: '2027-01-15', scope: 'all', noticeDays: 20, scopePartnerId: null, scopeConventionId: null, scopeProfileId: null,
    });
  });

  it('takes the notice delay of the Settings when left blank', async () => {
    expect(await validatePasswordCampaign({ changeDate: '2027-01-15', scope: 'all', noticeDays: '' }, TODAY, lookups)).toMatchObject({ noticeDays: 15 });
  });

  it.each([
    ['partner', 'scopePartnerId'],
    ['convention', 'scopeConventionId'],
    ['profile', 'scopeProfileId'],
  ] as const)('requires the target of the scope %p', async (scope, field) => {
    expect(errorsOf(await validatePasswordCampaign({ changeDate: '2027-01-15', scope, noticeDays: '15' }, TODAY, lookups)))
      .toEqual({ [field]: PASSWORD_CAMPAIGN_MESSAGES.scopeTarget[field] });
    expect(errorsOf(await validatePasswordCampaign({ changeDate: '2027-01-15', scope, [field]: '6', noticeDays: '15' }, TODAY, lookups)))
      .toEqual({ [field]: PASSWORD_CAMPAIGN_MESSAGES.scopeUnknown });
    expect(await validatePasswordCampaign({ changeDate: '2027-01-15', scope, [field]: '5', noticeDays: '15' }, TODAY, lookups)).toMatchObject({ scope, [field]: 5 });
  });

  it('wants a change date after today that leaves the notice time', async () => {
    for (const changeDate of [TODAY, '2026-11-01']) {
      expect(errorsOf(await validatePasswordCampaign({ changeDate, scope: 'all', noticeDays: '15' }, TODAY, lookups))).toEqual({ changeDate: PASSWORD_CAMPAIGN_MESSAGES.changeDateFuture });
    }
    expect(errorsOf(await validatePasswordCampaign({ changeDate: '2026-12-07', scope: 'all', noticeDays: '15' }, TODAY, lookups)))
      .toEqual({ changeDate: 'Les utilisateurs doivent être informés 15 jours avant le changement : choisissez une date à partir du 8 décembre 2026.' });
    expect(await validatePasswordCampaign({ changeDate: '2026-12-08', scope: 'all', noticeDays: '15' }, TODAY, lookups)).toMatchObject({ changeDate: '2026-12-08' });
    expect(errorsOf(await validatePasswordCampaign({ changeDate: '2026-13-01', scope: 'all', noticeDays: '0' }, TODAY, lookups))).toEqual({
      changeDate: "Cette date n'existe pas dans le calendrier.",
      noticeDays: PASSWORD_CAMPAIGN_MESSAGES.noticeDays,
    });
  });

  it('wants a change date within 5 years', async () => {
    expect(errorsOf(await validatePasswordCampaign({ changeDate: '9999-12-31', scope: 'all' }, TODAY, lookups)))
      .toEqual({ changeDate: 'Cette date ne peut pas être postérieure au 23 novembre 2031 (5 ans au plus).' });
  });

  it('refuses an unknown scope', async () => {
    expect(errorsOf(await validatePasswordCampaign({ changeDate: '2027-01-15', scope: 'tous', noticeDays: '15' }, TODAY, lookups))).toEqual({ scope: PASSWORD_CAMPAIGN_MESSAGES.scope });
  });

  it('on edit, checks a new notice delay against the stored change date', async () => {
    const stored = { id: 1, changeDate: '2026-12-10', scope: 'all', noticeDays: 15, status: 'planifiee' };
    expect(await validatePasswordCampaign({ noticeDays: '17' }, TODAY, lookups, stored)).toEqual({ changeDate: '2026-12-10', noticeDays: 17 });
    expect(errorsOf(await validatePasswordCampaign({ noticeDays: '20' }, TODAY, lookups, stored))).toEqual({
      changeDate: 'Les utilisateurs doivent être informés 20 jours avant le changement : choisissez une date à partir du 13 décembre 2026.',
    });
  });

  it('is changed only while planned', () => {
    expect(['planifiee', 'notifiee', 'appliquee'].map(isPasswordCampaignEditable)).toEqual([true, false, false]);
  });
});
