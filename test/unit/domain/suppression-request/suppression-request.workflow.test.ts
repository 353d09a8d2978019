import { describe, it, expect } from '@jest/globals';
import {
  allowedSuppressionRequestEvents,
  applySuppressionRequestEvent,
  suppressionRequestEventLabels,
  suppressionRequestEventNames,
  suppressionRequestEventRefusal,
  suppressionRequestStateLabels,
  suppressionRequestStates,
  type SuppressionRequestEvent,
  type SuppressionRequestFacts,
  type SuppressionRequestState,
} from '../../../../src/domain/suppression-request/suppression-request.workflow.js';

const TODAY = '2026-11-23';
const received: SuppressionRequestFacts = {
  status: 'recue',
  effectiveDate: '2026-11-30',
  employerSignaturePresent: true,
  habilitationStatus: 'active',
};
const facts = (status: SuppressionRequestState) => ({ ...received, status });

const validEvents: Record<SuppressionRequestEvent['type'], SuppressionRequestEvent> = {
  process: { type: 'process' },
  reject: { type: 'reject', reason: 'Utilisateur inconnu' },
};

describe('labels', () => {
  it('has French labels', () => {
    expect(suppressionRequestStateLabels).toEqual({ recue: 'Reçue', traitee: 'Traitée', rejetee: 'Rejetée' });
    for (const event of suppressionRequestEventNames) expect(suppressionRequestEventLabels[event]).toBeTruthy();
  });
});

describe('transition table', () => {
  const expected: Record<SuppressionRequestState, Record<SuppressionRequestEvent['type'], SuppressionRequestState | string>> = {
    recue: { process: 'traitee', reject: 'rejetee' },
    traitee: {
      process: 'Cette demande de suppression est déjà traitée.',
      reject: 'Une demande de suppression traitée ne peut plus être rejetée.',
    },
    rejetee: {
      process: 'Une demande de suppression rejetée ne peut plus être traitée : le partenaire doit envoyer une nouvelle demande.',
      reject: 'Cette demande de suppression est déjà rejetée.',
    },
  };

  for (const state of suppressionRequestStates) {
    for (const event of suppressionRequestEventNames) {
      const outcome = expected[state][event];
      if ((suppressionRequestStates as readonly string[]).includes(outcome)) {
        it(`${state} --${event}--> ${outcome}`, () => {
          expect(suppressionRequestEventRefusal(state, event)).toBeNull();
          expect(applySuppressionRequestEvent(facts(state), validEvents[event], TODAY)).toMatchObject({ ok: true, from: state, to: outcome });
        });
      } else {
        it(`${state} refuses ${event}`, () => {
          expect(suppressionRequestEventRefusal(state, event)).toBe(outcome);
          expect(applySuppressionRequestEvent(facts(state), validEvents[event], TODAY)).toEqual({ ok: false, message: outcome, errors: [] });
        });
      }
    }
  }

  it('lists the allowed events of each state', () => {
    expect(allowedSuppressionRequestEvents('recue')).toEqual(['process', 'reject']);
    expect(allowedSuppressionRequestEvents('traitee')).toEqual([]);
    expect(allowedSuppressionRequestEvents('rejetee')).toEqual([]);
  });
});

describe('process', () => {
  it('revokes now, dated today, when the effective date is today', () => {
    expect(applySuppressionRequestEvent({ ...received, effectiveDate: TODAY }, { type: 'process' }, TODAY)).toEqual({
      ok: true,
      from: 'recue',
      to: 'traitee',
      effects: { type: 'process', processedOn: TODAY, revocation: { when: 'now', revokedOn: TODAY, reasonCode: 'suppression-demandee' } },
    });
  });

  it('revokes now when the effective date is past (the access really stops today)', () => {
    expect(applySuppressionRequestEvent({ ...received, effectiveDate: '2026-11-01' }, { type: 'process' }, TODAY)).toMatchObject({
      ok: true,
      effects: { revocation: { when: 'now', revokedOn: TODAY } },
    });
  });

  it('schedules the revocation when the effective date is in the future', () => {
    expect(applySuppressionRequestEvent({ ...received, effectiveDate: '2026-11-24' }, { type: 'process' }, TODAY)).toEqual({
      ok: true,
      from: 'recue',
      to: 'traitee',
      effects: { type: 'process', processedOn: TODAY, revocation: { when: 'scheduled', revokeOn: '2026-11-24', reasonCode: 'suppression-demandee' } },
    });
  });

  it('revokes a suspended habilitation too', () => {
    expect(applySuppressionRequestEvent({ ...received, effectiveDate: TODAY, habilitationStatus: 'suspendue' }, { type: 'process' }, TODAY)).toMatchObject({
      ok: true,
      effects: { revocation: { when: 'now' } },
    });
  });

  it('has nothing to revoke when the habilitation is already revoked', () => {
    expect(applySuppressionRequestEvent({ ...received, habilitationStatus: 'revoquee' }, { type: 'process' }, TODAY)).toMatchObject({
      ok: true,
      to: 'traitee',
      effects: { revocation: { when: 'none' } },
    });
  });

  it('refuses a form without the employer signature', () => {
    expect(applySuppressionRequestEvent({ ...received, employerSignaturePresent: false }, { type: 'process' }, TODAY)).toEqual({
      ok: false,
      message: "Le cachet et la signature de l'employeur sont absents : la demande ne peut pas être traitée.",
      errors: [],
    });
  });
});

describe('reject', () => {
  it('records the reason', () => {
    expect(applySuppressionRequestEvent(received, { type: 'reject', reason: ' Signature absente ' }, TODAY)).toEqual({
      ok: true,
      from: 'recue',
      to: 'rejetee',
      effects: { type: 'reject', rejectedOn: TODAY, rejectionReason: 'Signature absente' },
    });
  });

  it('requires a reason', () => {
    expect(applySuppressionRequestEvent(received, { type: 'reject', reason: '   ' }, TODAY)).toEqual({
      ok: false,
      message: 'Le motif du rejet est obligatoire.',
      errors: [{ field: 'reason', message: 'Le motif du rejet est obligatoire.' }],
    });
  });
});
