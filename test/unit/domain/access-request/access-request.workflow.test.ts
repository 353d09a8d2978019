import { describe, it, expect } from '@jest/globals';
import {
  accessRequestEventLabels,
  accessRequestEventNames,
  accessRequestEventRefusal,
  accessRequestStateLabels,
  accessRequestStates,
  allowedAccessRequestEvents,
  applyAccessRequestEvent,
  incompleteReasonCodes,
  incompleteReasonLabels,
  type AccessRequestEvent,
  type AccessRequestState,
} from '../../../../src/domain/access-request/access-request.workflow.js';

const TODAY = '2026-11-23';
const facts = (status: AccessRequestState) => ({ status, receivedDate: '2026-11-02' });

const validEvents: Record<AccessRequestEvent['type'], AccessRequestEvent> = {
  markIncomplete: { type: 'markIncomplete', reasonCode: 'signature-manquante' },
  complete: { type: 'complete', complementReceivedDate: '2026-11-20' },
  approve: { type: 'approve' },
  refuse: { type: 'refuse', reason: 'Agent sans besoin de consultation' },
};

describe('labels', () => {
  it('has French labels for states, events and incompleteness reasons', () => {
    expect(accessRequestStateLabels).toEqual({ recue: 'Reçue', incomplete: 'Incomplète', approuvee: 'Approuvée', refusee: 'Refusée', classee: 'Classée sans suite' });
    for (const event of accessRequestEventNames) expect(accessRequestEventLabels[event]).toBeTruthy();
    expect(incompleteReasonLabels['signature-manquante']).toBe('Signature manquante');
    expect(incompleteReasonLabels['contrat-non-precise']).toBe('Contrat non précisé');
    for (const code of incompleteReasonCodes) expect(incompleteReasonLabels[code]).toBeTruthy();
  });
});

describe('transition table', () => {
  const expected: Record<AccessRequestState, Record<AccessRequestEvent['type'], AccessRequestState | string>> = {
    recue: {
      markIncomplete: 'incomplete',
      complete: "Cette demande n'a pas été déclarée incomplète : il n'y a pas de complément à enregistrer.",
      approve: 'approuvee',
      refuse: 'refusee',
    },
    incomplete: {
      markIncomplete: 'Cette demande est déjà déclarée incomplète.',
      complete: 'recue',
      approve: "Une demande incomplète ne peut pas être approuvée : enregistrez d'abord le complément reçu.",
      refuse: "Une demande incomplète ne peut pas être refusée : enregistrez d'abord le complément reçu.",
    },
    approuvee: {
      markIncomplete: 'Une demande approuvée ne peut plus être déclarée incomplète.',
      complete: 'Une demande approuvée ne peut plus être complétée.',
      approve: 'Cette demande est déjà approuvée.',
      refuse: "Une demande approuvée ne peut plus être refusée : révoquez l'habilitation si nécessaire.",
    },
    refusee: {
      markIncomplete: 'Une demande refusée ne peut plus être déclarée incomplète.',
      complete: 'Une demande refusée ne peut plus être complétée : le partenaire doit envoyer une nouvelle demande.',
      approve: 'Une demande refusée ne peut plus être approuvée : le partenaire doit envoyer une nouvelle demande.',
      refuse: 'Cette demande est déjà refusée.',
    },
    // Closed by the follow-up job (incomplete-follow-up.ts), never reopened: a new paper form is a new request.
    classee: {
      markIncomplete: 'Une demande classée sans suite ne peut plus être déclarée incomplète.',
      complete: 'Cette demande a été classée sans suite faute de complément : le partenaire doit envoyer une nouvelle demande.',
      approve: 'Une demande classée sans suite ne peut plus être approuvée : le partenaire doit envoyer une nouvelle demande.',
      refuse: 'Cette demande est déjà classée sans suite.',
    },
  };

  for (const state of accessRequestStates) {
    for (const event of accessRequestEventNames) {
      const outcome = expected[state][event];
      if ((accessRequestStates as readonly string[]).includes(outcome)) {
        it(`${state} --${event}--> ${outcome}`, () => {
          expect(accessRequestEventRefusal(state, event)).toBeNull();
          expect(applyAccessRequestEvent(facts(state), validEvents[event], TODAY)).toMatchObject({ ok: true, from: state, to: outcome });
        });
      } else {
        it(`${state} refuses ${event}`, () => {
          expect(accessRequestEventRefusal(state, event)).toBe(outcome);
          expect(applyAccessRequestEvent(facts(state), validEvents[event], TODAY)).toEqual({ ok: false, message: outcome, errors: [] });
        });
      }
    }
  }

  it('lists the allowed events of each state', () => {
    expect(allowedAccessRequestEvents('recue')).toEqual(['markIncomplete', 'approve', 'refuse']);
    expect(allowedAccessRequestEvents('incomplete')).toEqual(['complete']);
    expect(allowedAccessRequestEvents('approuvee')).toEqual([]);
    expect(allowedAccessRequestEvents('refusee')).toEqual([]);
  });
});

describe('markIncomplete', () => {
  it.each(incompleteReasonCodes.filter((c) => c !== 'autre'))('accepts the reason %s without details', (code) => {
    expect(applyAccessRequestEvent(facts('recue'), { type: 'markIncomplete', reasonCode: code }, TODAY)).toEqual({
      ok: true,
      from: 'recue',
      to: 'incomplete',
      effects: { type: 'markIncomplete', incompleteReasonCode: code, incompleteDetails: null },
    });
  });

  it('keeps optional details, trimmed', () => {
    expect(
      applyAccessRequestEvent(facts('recue'), { type: 'markIncomplete', reasonCode: 'coordonnees-incompletes', details: '  Téléphone   absent ' }, TODAY),
    ).toMatchObject({ ok: true, effects: { incompleteDetails: 'Téléphone absent' } });
  });

  it('« autre » needs a free text', () => {
    expect(applyAccessRequestEvent(facts('recue'), { type: 'markIncomplete', reasonCode: 'autre', details: '  ' }, TODAY)).toEqual({
      ok: false,
      message: 'Précisez le motif lorsque « Autre motif » est choisi.',
      errors: [{ field: 'details', message: 'Précisez le motif lorsque « Autre motif » est choisi.' }],
    });
    expect(applyAccessRequestEvent(facts('recue'), { type: 'markIncomplete', reasonCode: 'autre', details: 'Formulaire illisible' }, TODAY)).toMatchObject({
      ok: true,
      effects: { incompleteReasonCode: 'autre', incompleteDetails: 'Formulaire illisible' },
    });
  });

  it('refuses a reason that is not in the list', () => {
    expect(applyAccessRequestEvent(facts('recue'), { type: 'markIncomplete', reasonCode: 'inconnu' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'reasonCode', message: "Choisissez le motif d'incomplétude dans la liste." }],
    });
  });
});

describe('complete', () => {
  it('records the complement received date and returns to « reçue »', () => {
    expect(applyAccessRequestEvent(facts('incomplete'), { type: 'complete', complementReceivedDate: '2026-11-23' }, TODAY)).toEqual({
      ok: true,
      from: 'incomplete',
      to: 'recue',
      effects: { type: 'complete', complementReceivedDate: '2026-11-23' },
    });
  });

  it('accepts a complement received the same day as the request', () => {
    expect(applyAccessRequestEvent(facts('incomplete'), { type: 'complete', complementReceivedDate: '2026-11-02' }, TODAY)).toMatchObject({ ok: true });
  });

  it('refuses a missing, future or earlier-than-the-request date', () => {
    expect(applyAccessRequestEvent(facts('incomplete'), { type: 'complete', complementReceivedDate: '' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'complementReceivedDate', message: 'Ce champ est obligatoire.' }],
    });
    expect(applyAccessRequestEvent(facts('incomplete'), { type: 'complete', complementReceivedDate: '2026-11-24' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'complementReceivedDate', message: 'Cette date ne peut pas être dans le futur.' }],
    });
    expect(applyAccessRequestEvent(facts('incomplete'), { type: 'complete', complementReceivedDate: '2026-11-01' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'complementReceivedDate', message: 'Le complément ne peut pas avoir été reçu avant la demande.' }],
    });
  });
});

describe('approve / refuse', () => {
  it('approve has no payload (checks are in access-request.checks.ts)', () => {
    expect(applyAccessRequestEvent(facts('recue'), { type: 'approve' }, TODAY)).toEqual({ ok: true, from: 'recue', to: 'approuvee', effects: { type: 'approve' } });
  });

  it('refuse records the reason', () => {
    expect(applyAccessRequestEvent(facts('recue'), { type: 'refuse', reason: ' Hors convention ' }, TODAY)).toEqual({
      ok: true,
      from: 'recue',
      to: 'refusee',
      effects: { type: 'refuse', refusalReason: 'Hors convention' },
    });
  });

  it('refuse requires a reason', () => {
    expect(applyAccessRequestEvent(facts('recue'), { type: 'refuse', reason: '' }, TODAY)).toEqual({
      ok: false,
      message: 'Le motif du refus est obligatoire.',
      errors: [{ field: 'reason', message: 'Le motif du refus est obligatoire.' }],
    });
  });
});
