import { describe, it, expect } from '@jest/globals';
import {
  allowedHabilitationEvents,
  applyHabilitationEvent,
  formatHabilitationIdentifier,
  habilitationEventLabels,
  habilitationEventNames,
  habilitationEventRefusal,
  habilitationStateLabels,
  habilitationStates,
  parseHabilitationIdentifier,
  revocationReasonCodes,
  revocationReasonLabels,
  type HabilitationEvent,
  type HabilitationState,
} from '../../../../src/domain/habilitation/habilitation.workflow.js';

const TODAY = '2026-11-23';
const facts = (status: HabilitationState) => ({ status, grantedDate: '2025-01-10' });

const validEvents: Record<HabilitationEvent['type'], HabilitationEvent> = {
  suspend: { type: 'suspend', reason: 'Congé longue durée', date: TODAY },
  reactivate: { type: 'reactivate', date: TODAY },
  revoke: { type: 'revoke', reasonCode: 'fin-de-contrat', date: TODAY },
};

describe('labels', () => {
  it('has French labels for states, events and revocation reasons', () => {
    expect(habilitationStateLabels).toEqual({ active: 'Active', suspendue: 'Suspendue', revoquee: 'Révoquée' });
    for (const event of habilitationEventNames) expect(habilitationEventLabels[event]).toBeTruthy();
    expect(revocationReasonLabels).toEqual({
      'suppression-demandee': 'Suppression demandée',
      'fin-de-convention': 'Fin de convention',
      'fin-de-contrat': 'Fin de contrat',
      'perte-ou-vol': 'Perte ou vol des identifiants',
      manquement: 'Manquement',
    });
  });
});

describe('transition table', () => {
  const expected: Record<HabilitationState, Record<HabilitationEvent['type'], HabilitationState | string>> = {
    active: { suspend: 'suspendue', reactivate: 'Cette habilitation est déjà active.', revoke: 'revoquee' },
    suspendue: { suspend: 'Cette habilitation est déjà suspendue.', reactivate: 'active', revoke: 'revoquee' },
    revoquee: {
      suspend: 'Une habilitation révoquée ne peut pas être suspendue.',
      reactivate: 'Une habilitation révoquée ne peut pas être réactivée : délivrez une nouvelle habilitation.',
      revoke: 'Cette habilitation est déjà révoquée.',
    },
  };

  for (const state of habilitationStates) {
    for (const event of habilitationEventNames) {
      const outcome = expected[state][event];
      if ((habilitationStates as readonly string[]).includes(outcome)) {
        it(`${state} --${event}--> ${outcome}`, () => {
          expect(habilitationEventRefusal(state, event)).toBeNull();
          expect(applyHabilitationEvent(facts(state), validEvents[event], TODAY)).toMatchObject({ ok: true, from: state, to: outcome });
        });
      } else {
        it(`${state} refuses ${event}`, () => {
          expect(habilitationEventRefusal(state, event)).toBe(outcome);
          expect(applyHabilitationEvent(facts(state), validEvents[event], TODAY)).toEqual({ ok: false, message: outcome, errors: [] });
        });
      }
    }
  }

  it('lists the allowed events of each state', () => {
    expect(allowedHabilitationEvents('active')).toEqual(['suspend', 'revoke']);
    expect(allowedHabilitationEvents('suspendue')).toEqual(['reactivate', 'revoke']);
    expect(allowedHabilitationEvents('revoquee')).toEqual([]);
  });
});

describe('suspend / reactivate', () => {
  it('suspend records the reason and the date', () => {
    expect(applyHabilitationEvent(facts('active'), { type: 'suspend', reason: ' Enquête interne ', date: '2026-11-20' }, TODAY)).toEqual({
      ok: true,
      from: 'active',
      to: 'suspendue',
      effects: { type: 'suspend', suspensionReason: 'Enquête interne', suspendedOn: '2026-11-20' },
    });
  });

  it('suspend requires a reason', () => {
    expect(applyHabilitationEvent(facts('active'), { type: 'suspend', reason: '', date: TODAY }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'reason', message: 'Le motif de la suspension est obligatoire.' }],
    });
  });

  it('reactivate records the date', () => {
    expect(applyHabilitationEvent(facts('suspendue'), { type: 'reactivate', date: TODAY }, TODAY)).toEqual({
      ok: true,
      from: 'suspendue',
      to: 'active',
      effects: { type: 'reactivate', reactivatedOn: TODAY },
    });
  });

  it('refuses a missing date, a future date and a date before the grant', () => {
    expect(applyHabilitationEvent(facts('suspendue'), { type: 'reactivate', date: '' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'date', message: 'Ce champ est obligatoire.' }],
    });
    expect(applyHabilitationEvent(facts('suspendue'), { type: 'reactivate', date: '2026-11-24' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'date', message: 'Cette date ne peut pas être dans le futur.' }],
    });
    expect(applyHabilitationEvent(facts('active'), { type: 'suspend', reason: 'x', date: '2025-01-09' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'date', message: "Cette date ne peut pas précéder la délivrance de l'habilitation." }],
    });
  });
});

describe('revoke', () => {
  it.each(revocationReasonCodes.filter((c) => c !== 'manquement'))('accepts the reason %s', (code) => {
    expect(applyHabilitationEvent(facts('active'), { type: 'revoke', reasonCode: code, date: TODAY }, TODAY)).toEqual({
      ok: true,
      from: 'active',
      to: 'revoquee',
      effects: { type: 'revoke', revocationReasonCode: code, revocationDetails: null, revokedOn: TODAY, reissue: code === 'perte-ou-vol' },
    });
  });

  it('asks for a reissue after a loss or theft (art. 3)', () => {
    expect(applyHabilitationEvent(facts('suspendue'), { type: 'revoke', reasonCode: 'perte-ou-vol', date: TODAY }, TODAY)).toMatchObject({
      ok: true,
      effects: { reissue: true },
    });
  });

  it('« manquement » must be described', () => {
    expect(applyHabilitationEvent(facts('active'), { type: 'revoke', reasonCode: 'manquement', details: ' ', date: TODAY }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'details', message: 'Décrivez le manquement constaté.' }],
    });
    expect(
      applyHabilitationEvent(facts('active'), { type: 'revoke', reasonCode: 'manquement', details: 'Consultations hors mission', date: TODAY }, TODAY),
    ).toMatchObject({ ok: true, effects: { revocationReasonCode: 'manquement', revocationDetails: 'Consultations hors mission', reissue: false } });
  });

  it('refuses a reason outside the list', () => {
    expect(applyHabilitationEvent(facts('active'), { type: 'revoke', reasonCode: 'autre', date: TODAY }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'reasonCode', message: 'Choisissez le motif de la révocation dans la liste.' }],
    });
  });
});

describe('identifier', () => {
  it('is CP + département + 6-digit sequence', () => {
    expect(formatHabilitationIdentifier('78', 123)).toBe('CP78-000123');
    expect(formatHabilitationIdentifier('2A', 7)).toBe('CP2A-000007');
    expect(formatHabilitationIdentifier('971', 1234)).toBe('CP971-001234');
    expect(formatHabilitationIdentifier('78', 1234567)).toBe('CP78-1234567');
  });

  it('throws on invalid parts', () => {
    expect(() => formatHabilitationIdentifier('7', 1)).toThrow(RangeError);
    expect(() => formatHabilitationIdentifier('78', 0)).toThrow(RangeError);
    expect(() => formatHabilitationIdentifier('78', 2.5)).toThrow(RangeError);
  });

  it('parses back, case-insensitively', () => {
    expect(parseHabilitationIdentifier('CP78-000123')).toEqual({ department: '78', sequence: 123 });
    expect(parseHabilitationIdentifier(' cp2b-000045 ')).toEqual({ department: '2B', sequence: 45 });
    expect(parseHabilitationIdentifier('CP78-123')).toBeNull();
    expect(parseHabilitationIdentifier('CP78-000000')).toBeNull();
    expect(parseHabilitationIdentifier('78-000123')).toBeNull();
  });
});
