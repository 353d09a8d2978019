import { describe, it, expect } from '@jest/globals';
import {
  allowedConventionEvents,
  applyConventionEvent,
  conventionEventLabels,
  conventionEventNames,
  conventionEventRefusal,
  conventionStateLabels,
  conventionStates,
  isActiveOn,
  type ConventionEvent,
  type ConventionFacts,
  type ConventionState,
} from '../../../../src/domain/convention/convention.workflow.js';

const TODAY = '2026-11-23';

const draft: ConventionFacts = { status: 'brouillon', kind: 'cafpro', sentDate: null, effectiveDate: null, endDate: null };
const sent: ConventionFacts = { ...draft, status: 'envoyee', sentDate: '2024-03-01' };
const signed: ConventionFacts = { ...sent, status: 'signee', effectiveDate: '2024-03-15' };
const denounced: ConventionFacts = { ...signed, status: 'denoncee', endDate: '2027-03-15' };
const terminated: ConventionFacts = { ...signed, status: 'resiliee', endDate: '2026-06-01' };
const byState: Record<ConventionState, ConventionFacts> = {
  brouillon: draft,
  envoyee: sent,
  signee: signed,
  denoncee: denounced,
  resiliee: terminated,
};

const validEvents: Record<ConventionEvent['type'], ConventionEvent> = {
  send: { type: 'send', sentDate: '2026-11-20' },
  sign: { type: 'sign', partnerSignedDate: '2024-03-10', cafSignedDate: '2024-03-15', signedScanId: 'scan-1' },
  denounce: { type: 'denounce', party: 'partenaire', receivedDate: '2026-11-02', reason: 'Fin du service' },
  terminate: { type: 'terminate', endDate: '2026-12-01', reason: 'Manquement aux obligations' },
};

describe('labels', () => {
  it('has a French label for every state and event', () => {
    expect(conventionStateLabels).toEqual({
      brouillon: 'Brouillon',
      envoyee: 'Envoyée',
      signee: 'Signée (active)',
      denoncee: 'Dénoncée',
      resiliee: 'Résiliée',
    });
    for (const event of conventionEventNames) expect(conventionEventLabels[event]).toBeTruthy();
  });
});

describe('transition table', () => {
  const expected: Record<ConventionState, Record<ConventionEvent['type'], ConventionState | string>> = {
    brouillon: {
      send: 'envoyee',
      sign: "Une convention en brouillon doit d'abord être envoyée au partenaire avant d'être signée.",
      denounce: "Une convention en brouillon n'est pas signée : elle ne peut pas être dénoncée.",
      terminate: "Une convention en brouillon n'est pas signée : elle ne peut pas être résiliée.",
    },
    envoyee: {
      send: 'Une convention envoyée ne peut pas être envoyée à nouveau.',
      sign: 'signee',
      denounce: "Une convention envoyée n'est pas encore signée : elle ne peut pas être dénoncée.",
      terminate: "Une convention envoyée n'est pas encore signée : elle ne peut pas être résiliée.",
    },
    signee: {
      send: 'Une convention signée ne peut pas être envoyée à nouveau.',
      sign: 'Cette convention est déjà signée.',
      denounce: 'denoncee',
      terminate: 'resiliee',
    },
    denoncee: {
      send: 'Une convention dénoncée ne peut pas être envoyée à nouveau.',
      sign: 'Une convention dénoncée ne peut pas être signée à nouveau.',
      denounce: 'Cette convention est déjà dénoncée.',
      terminate: 'resiliee',
    },
    resiliee: {
      send: 'Une convention résiliée ne peut pas être envoyée à nouveau.',
      sign: 'Une convention résiliée ne peut pas être signée à nouveau.',
      denounce: 'Une convention résiliée ne peut pas être dénoncée.',
      terminate: 'Cette convention est déjà résiliée.',
    },
  };

  for (const state of conventionStates) {
    for (const event of conventionEventNames) {
      const outcome = expected[state][event];
      if ((conventionStates as readonly string[]).includes(outcome)) {
        it(`${state} --${event}--> ${outcome}`, () => {
          expect(conventionEventRefusal(state, event)).toBeNull();
          const result = applyConventionEvent(byState[state], validEvents[event], TODAY);
          expect(result).toMatchObject({ ok: true, from: state, to: outcome });
        });
      } else {
        it(`${state} refuses ${event}`, () => {
          expect(conventionEventRefusal(state, event)).toBe(outcome);
          expect(applyConventionEvent(byState[state], validEvents[event], TODAY)).toEqual({ ok: false, message: outcome, errors: [] });
        });
      }
    }
  }

  it('lists the allowed events of each state', () => {
    expect(allowedConventionEvents('brouillon')).toEqual(['send']);
    expect(allowedConventionEvents('envoyee')).toEqual(['sign']);
    expect(allowedConventionEvents('signee')).toEqual(['denounce', 'terminate']);
    expect(allowedConventionEvents('denoncee')).toEqual(['terminate']);
    expect(allowedConventionEvents('resiliee')).toEqual([]);
  });
});

describe('send', () => {
  it('records the sent date', () => {
    expect(applyConventionEvent(draft, { type: 'send', sentDate: '2026-11-23' }, TODAY)).toEqual({
      ok: true,
      from: 'brouillon',
      to: 'envoyee',
      effects: { type: 'send', sentDate: '2026-11-23' },
    });
  });

  it('needs a valid sent date, not in the future', () => {
    expect(applyConventionEvent(draft, { type: 'send', sentDate: '' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'sentDate', message: 'Ce champ est obligatoire.' }],
    });
    expect(applyConventionEvent(draft, { type: 'send', sentDate: '2026-02-30' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'sentDate', message: "Cette date n'existe pas dans le calendrier." }],
    });
    expect(applyConventionEvent(draft, { type: 'send', sentDate: '2026-11-24' }, TODAY)).toEqual({
      ok: false,
      message: 'Cette date ne peut pas être dans le futur.',
      errors: [{ field: 'sentDate', message: 'Cette date ne peut pas être dans le futur.' }],
    });
  });
});

describe('sign', () => {
  it('refuses dates of paper before 2000 (sent, signed)', () => {
    const tooEarly = 'Cette date ne peut pas être antérieure au 1er janvier 2000.';
    expect(applyConventionEvent(draft, { type: 'send', sentDate: '0001-01-01' }, TODAY)).toMatchObject({ ok: false, errors: [{ field: 'sentDate', message: tooEarly }] });
    expect(applyConventionEvent({ ...sent, sentDate: null }, { type: 'sign', partnerSignedDate: '1999-12-31', cafSignedDate: '2026-01-05', signedScanId: '1' }, TODAY))
      .toMatchObject({ ok: false, errors: [{ field: 'partnerSignedDate', message: tooEarly }] });
  });

  it('takes effect on the Caf signature date (art. 5)', () => {
    expect(
      applyConventionEvent(sent, { type: 'sign', partnerSignedDate: '2024-03-10', cafSignedDate: '2024-03-15', signedScanId: ' scan-42 ' }, TODAY),
    ).toEqual({
      ok: true,
      from: 'envoyee',
      to: 'signee',
      effects: { type: 'sign', partnerSignedDate: '2024-03-10', cafSignedDate: '2024-03-15', effectiveDate: '2024-03-15', signedScanId: 'scan-42' },
    });
  });

  it('accepts both signatures on the same day, even 29 February', () => {
    const result = applyConventionEvent(
      { ...sent, sentDate: '2024-02-20' },
      { type: 'sign', partnerSignedDate: '2024-02-29', cafSignedDate: '2024-02-29', signedScanId: 'scan-1' },
      TODAY,
    );
    expect(result).toMatchObject({ ok: true, effects: { effectiveDate: '2024-02-29' } });
  });

  it('refuses a Caf signature before the partner signature', () => {
    expect(
      applyConventionEvent(sent, { type: 'sign', partnerSignedDate: '2024-03-10', cafSignedDate: '2024-03-09', signedScanId: 'scan-1' }, TODAY),
    ).toMatchObject({
      ok: false,
      errors: [{ field: 'cafSignedDate', message: 'La date de signature de la Caf ne peut pas précéder celle du partenaire.' }],
    });
  });

  it('refuses a partner signature before the convention was sent', () => {
    expect(
      applyConventionEvent(sent, { type: 'sign', partnerSignedDate: '2024-02-28', cafSignedDate: '2024-03-15', signedScanId: 'scan-1' }, TODAY),
    ).toMatchObject({
      ok: false,
      errors: [{ field: 'partnerSignedDate', message: "La date de signature du partenaire ne peut pas précéder la date d'envoi de la convention." }],
    });
  });

  it('refuses signature dates in the future', () => {
    expect(
      applyConventionEvent(sent, { type: 'sign', partnerSignedDate: '2026-11-24', cafSignedDate: '2026-11-25', signedScanId: 'scan-1' }, TODAY),
    ).toMatchObject({
      ok: false,
      errors: [
        { field: 'partnerSignedDate', message: 'Cette date ne peut pas être dans le futur.' },
        { field: 'cafSignedDate', message: 'Cette date ne peut pas être dans le futur.' },
      ],
    });
  });

  it('requires both dates and the signed copy scan, and reports every missing field', () => {
    const result = applyConventionEvent(sent, { type: 'sign', partnerSignedDate: '', cafSignedDate: 'demain', signedScanId: '  ' }, TODAY);
    expect(result).toEqual({
      ok: false,
      message: ['Ce champ est obligatoire.', 'Date invalide (format attendu AAAA-MM-JJ).', 'La copie signée numérisée est obligatoire.'].join('\n'),
      errors: [
        { field: 'partnerSignedDate', message: 'Ce champ est obligatoire.' },
        { field: 'cafSignedDate', message: 'Date invalide (format attendu AAAA-MM-JJ).' },
        { field: 'signedScanId', message: 'La copie signée numérisée est obligatoire.' },
      ],
    });
  });
});

describe('denounce', () => {
  it('a notice received on the deadline day ends the convention at the next anniversary', () => {
    // Effective 2024-03-15 → anniversary 2025-03-15, deadline 2025-01-15.
    expect(applyConventionEvent(signed, { type: 'denounce', party: 'caf', receivedDate: '2025-01-15', reason: ' Réorganisation ' }, TODAY)).toEqual({
      ok: true,
      from: 'signee',
      to: 'denoncee',
      effects: {
        type: 'denounce',
        denouncedBy: 'caf',
        denunciationReceivedDate: '2025-01-15',
        denunciationReason: 'Réorganisation',
        noticeDeadline: '2025-01-15',
        late: false,
        endDate: '2025-03-15',
      },
    });
  });

  it('a notice received the day after the deadline takes effect one year later', () => {
    expect(applyConventionEvent(signed, { type: 'denounce', party: 'partenaire', receivedDate: '2025-01-16', reason: 'Fin du service' }, TODAY)).toMatchObject({
      ok: true,
      effects: { denouncedBy: 'partenaire', noticeDeadline: '2026-01-15', late: true, endDate: '2026-03-15' },
    });
  });

  it('uses three months for a data-provision convention', () => {
    const dataProvision: ConventionFacts = { ...signed, kind: 'data-provision' };
    expect(applyConventionEvent(dataProvision, { type: 'denounce', party: 'caf', receivedDate: '2025-01-15', reason: 'x' }, TODAY)).toMatchObject({
      ok: true,
      effects: { late: true, endDate: '2026-03-15', noticeDeadline: '2025-12-15' },
    });
  });

  it('requires the party, a valid received date and a reason', () => {
    expect(applyConventionEvent(signed, { type: 'denounce', party: 'mairie', receivedDate: '2025-13-01', reason: '' }, TODAY)).toMatchObject({
      ok: false,
      errors: [
        { field: 'party', message: 'Indiquez la partie qui dénonce la convention (la Caf ou le partenaire).' },
        { field: 'receivedDate', message: "Cette date n'existe pas dans le calendrier." },
        { field: 'reason', message: 'Le motif de la dénonciation est obligatoire.' },
      ],
    });
  });

  it('refuses a notice received in the future or before the effective date', () => {
    expect(applyConventionEvent(signed, { type: 'denounce', party: 'caf', receivedDate: '2026-11-24', reason: 'x' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'receivedDate', message: 'Cette date ne peut pas être dans le futur.' }],
    });
    expect(applyConventionEvent(signed, { type: 'denounce', party: 'caf', receivedDate: '2024-03-14', reason: 'x' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'receivedDate', message: "La date de réception de la dénonciation ne peut pas précéder la date d'effet de la convention." }],
    });
  });

  it('refuses a signed convention without an effective date (corrupt data)', () => {
    expect(applyConventionEvent({ ...signed, effectiveDate: null }, validEvents.denounce, TODAY)).toEqual({
      ok: false,
      message: "La date d'effet de la convention est inconnue : enregistrez d'abord sa signature.",
      errors: [],
    });
  });
});

describe('terminate (résiliation, art. 4)', () => {
  it('ends on the chosen date', () => {
    expect(applyConventionEvent(signed, { type: 'terminate', endDate: '2026-11-23', reason: 'Manquement' }, TODAY)).toEqual({
      ok: true,
      from: 'signee',
      to: 'resiliee',
      effects: { type: 'terminate', endDate: '2026-11-23', terminationReason: 'Manquement' },
    });
  });

  it('ends within 5 years of today (9999-12-31 is a slip)', () => {
    expect(applyConventionEvent(signed, { type: 'terminate', endDate: '2031-11-23', reason: 'x' }, TODAY)).toMatchObject({ ok: true });
    expect(applyConventionEvent(signed, { type: 'terminate', endDate: '9999-12-31', reason: 'x' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'endDate', message: 'Cette date ne peut pas être postérieure au 23 novembre 2031 (5 ans au plus).' }],
    });
  });

  it('may end on the effective date but not before', () => {
    expect(applyConventionEvent(signed, { type: 'terminate', endDate: '2024-03-15', reason: 'x' }, TODAY)).toMatchObject({ ok: true });
    expect(applyConventionEvent(signed, { type: 'terminate', endDate: '2024-03-14', reason: 'x' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'endDate', message: "La date de fin de la résiliation ne peut pas précéder la date d'effet de la convention." }],
    });
  });

  it('from dénoncée, may only bring the end forward', () => {
    expect(applyConventionEvent(denounced, { type: 'terminate', endDate: '2027-03-15', reason: 'x' }, TODAY)).toMatchObject({ ok: true, to: 'resiliee' });
    expect(applyConventionEvent(denounced, { type: 'terminate', endDate: '2027-03-16', reason: 'x' }, TODAY)).toMatchObject({
      ok: false,
      errors: [{ field: 'endDate', message: 'La date de fin de la résiliation ne peut pas être postérieure à la fin déjà fixée par la dénonciation.' }],
    });
  });

  it('requires an end date and a reason', () => {
    expect(applyConventionEvent(signed, { type: 'terminate', endDate: '', reason: ' ' }, TODAY)).toMatchObject({
      ok: false,
      errors: [
        { field: 'endDate', message: 'Ce champ est obligatoire.' },
        { field: 'reason', message: 'Le motif de la résiliation est obligatoire.' },
      ],
    });
  });

  it('refuses a signed convention without an effective date (corrupt data)', () => {
    expect(applyConventionEvent({ ...signed, effectiveDate: null }, validEvents.terminate, TODAY)).toMatchObject({ ok: false, errors: [] });
  });
});

describe('isActiveOn', () => {
  it('is false before the signature', () => {
    expect(isActiveOn(draft, TODAY)).toBe(false);
    expect(isActiveOn({ ...sent, effectiveDate: '2024-03-15' }, TODAY)).toBe(false);
  });

  it('is true from the effective date while no end date is set', () => {
    expect(isActiveOn(signed, '2024-03-14')).toBe(false);
    expect(isActiveOn(signed, '2024-03-15')).toBe(true);
    expect(isActiveOn(signed, '2036-01-01')).toBe(true);
  });

  it('stays active until the eve of the end date of a dénonciation or résiliation', () => {
    expect(isActiveOn(denounced, '2027-03-14')).toBe(true);
    expect(isActiveOn(denounced, '2027-03-15')).toBe(false);
    expect(isActiveOn(terminated, '2026-05-31')).toBe(true);
    expect(isActiveOn(terminated, '2026-06-01')).toBe(false);
  });

  it('is false when the signature date is missing', () => {
    expect(isActiveOn({ ...signed, effectiveDate: null }, TODAY)).toBe(false);
  });
});
