import { describe, expect, it } from '@jest/globals';
import {
  campaignFigures, canCloseUnanswered, evidenceAppliedOn, evidenceDecision, frenchMonth, parseCampaignMonth, validateClosureReason,
} from '../../../../src/domain/recertification/recertification-campaign.rules.js';

describe('recertification campaign rules', () => {
  it('a month is « AAAA-MM », from its first to its last day (leap years included)', () => {
    expect(parseCampaignMonth('2028-02')).toEqual({ ok: true, value: { month: '2028-02', first: '2028-02-01', last: '2028-02-29' } });
    expect(parseCampaignMonth(' 2027-02 ')).toEqual({ ok: true, value: { month: '2027-02', first: '2027-02-01', last: '2027-02-28' } });
    for (const bad of ['2027-13', '2027-00', '27-02', '2027-2', '', null, '2027-02-01']) expect(parseCampaignMonth(bad).ok).toBe(false);
    expect(frenchMonth('2026-08')).toBe('août 2026');
  });

  it('only « sans réponse » is closed without a return, and only with a reason', () => {
    expect(canCloseUnanswered('sans-reponse')).toBe(true);
    for (const state of ['envoyee', 'relancee', 'retournee', 'classee'] as const) expect(canCloseUnanswered(state)).toBe(false);
    expect(validateClosureReason('  Partenaire joint par téléphone ')).toEqual({ ok: true, value: 'Partenaire joint par téléphone' });
    expect(validateClosureReason('   ').ok).toBe(false);
    expect(validateClosureReason('x'.repeat(501)).ok).toBe(false);
  });

  it('figures: states counted once each, reminded whatever came next, scheduled revocations counted as revoked', () => {
    const figures = campaignFigures([
      { status: 'retournee', reminderDays: 7 }, { status: 'retournee', reminderDays: null }, { status: 'sans-reponse', reminderDays: 7 },
      { status: 'classee', reminderDays: 30 }, { status: 'envoyee', reminderDays: null }, { status: 'relancee', reminderDays: 30 },
    ], ['conservee', 'conservee', 'revoquee', 'programmee', 'deja-revoquee', 'introuvable', null, null]);
    expect(figures).toEqual({ notices: 6, returned: 2, reminded: 4, unanswered: 1, closed: 1, pending: 2, confirmed: 2, revoked: 2, other: 2 });
  });

  it('evidence: the answer in words and the day it took effect', () => {
    expect(evidenceDecision('retournee', 'conservee')).toBe('Confirmée');
    expect(evidenceDecision('retournee', 'programmee')).toBe('Révocation programmée');
    expect(evidenceDecision('sans-reponse', null)).toBe('Sans réponse');
    expect(evidenceDecision('classee', null)).toBe('Sans retour (classée)');
    expect(evidenceDecision('envoyee', null)).toBe('En attente du retour');
    // Revoked now: its revocation date; scheduled: the date given until the daily job revokes it, then that day.
    expect(evidenceAppliedOn('revoquee', { effectiveDate: '2026-12-01' }, { revokedDate: '2026-11-20' }, '2026-11-20')).toBe('2026-11-20');
    expect(evidenceAppliedOn('programmee', { effectiveDate: '2027-01-15' }, { revokedDate: null }, '2026-11-20')).toBe('2027-01-15');
    expect(evidenceAppliedOn('programmee', { effectiveDate: '2027-01-15' }, { revokedDate: '2027-01-15' }, '2026-11-20')).toBe('2027-01-15');
    expect(evidenceAppliedOn('conservee', { effectiveDate: '2027-01-15' }, null, '2026-11-20')).toBe('2026-11-20');
    expect(evidenceAppliedOn(null, { effectiveDate: null }, null, null)).toBeNull();
    expect(evidenceAppliedOn('deja-revoquee', { effectiveDate: '2027-01-15' }, { revokedDate: '2026-10-01' }, '2026-11-20')).toBeNull();
  });
});
