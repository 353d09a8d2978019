import { describe, expect, it } from '@jest/globals';
import {
  fillReasonTemplate, REASON_TEMPLATE_MESSAGES, unknownPlaceholders, validateReasonTemplate, type ReasonFacts,
} from '../../../../src/domain/reason-templates/reason-template.rules.js';

const facts: ReasonFacts = {
  partnerName: 'CCAS de Versailles', conventionNumber: '78/2025/0001AS – T3', civility: 'Madame',
  firstName: 'Hélène', lastName: 'Lefèvre', position: 'Assistante sociale', receivedDate: '2026-12-03',
};

describe('filling a modèle de motif', () => {
  it('puts the partner, the convention and the person in place of the placeholders', () => {
    expect(fillReasonTemplate('{civilite} {nom} ({fonction}), {partenaire}, convention n° {convention}, reçue le {date_reception}.', facts))
      .toBe('Madame Hélène LEFÈVRE (Assistante sociale), CCAS de Versailles, convention n° 78/2025/0001AS – T3, reçue le 3 décembre 2026.');
  });

  it('fills a placeholder each time it appears and leaves other braces as typed', () => {
    expect(fillReasonTemplate('{nom} / {nom} / {inconnu} / {}', facts)).toBe('Hélène LEFÈVRE / Hélène LEFÈVRE / {inconnu} / {}');
  });

  it('lists the unknown placeholders once each, in order', () => {
    expect(unknownPlaceholders('{nom} {prénom} {partner} {prénom}')).toEqual(['prénom', 'partner']);
    expect(unknownPlaceholders('Aucun champ.')).toEqual([]);
  });
});

describe('the Administrateur’s form of a modèle de motif', () => {
  const valid = { decision: 'incomplete', label: 'Signature absente', incompleteReason: 'signature-manquante', text: 'Le formulaire de {nom} n’est pas signé.', active: 'true' };

  it('accepts a complete template and keeps its values', () => {
    expect(validateReasonTemplate(valid)).toEqual({ ...valid, active: true });
  });

  it('refuses an unknown placeholder with the list of the known ones, in French', () => {
    const errors = validateReasonTemplate({ ...valid, text: 'Bonjour {prenom}' });
    expect(errors).toEqual([{ field: 'text', message: REASON_TEMPLATE_MESSAGES.unknownPlaceholders(['prenom']) }]);
    expect(REASON_TEMPLATE_MESSAGES.unknownPlaceholders(['prenom'])).toMatch(/^Champ inconnu : \{prenom\}\. Champs possibles : \{partenaire\}, \{convention\}, \{nom\}/);
  });

  it('asks the motif of an « incomplète » template and drops it from a refusal', () => {
    expect(validateReasonTemplate({ ...valid, incompleteReason: '' })).toEqual([{ field: 'incompleteReason', message: REASON_TEMPLATE_MESSAGES.incompleteReason }]);
    expect(validateReasonTemplate({ ...valid, decision: 'refuse' })).toMatchObject({ decision: 'refuse', incompleteReason: null });
  });

  it('requires the decision, the label and the text', () => {
    const errors = validateReasonTemplate({ decision: 'autre', label: ' ', text: '' }) as Array<{ field: string }>;
    expect(errors.map((e) => e.field).sort()).toEqual(['decision', 'label', 'text']);
  });

  it('checks on edit only what is sent, against the stored decision', () => {
    const stored = { ...valid, id: 3 };
    expect(validateReasonTemplate({ label: 'Signature de l’employeur absente' }, stored)).toEqual({ label: 'Signature de l’employeur absente' });
    expect(validateReasonTemplate({ incompleteReason: 'n-importe' }, stored)).toEqual([{ field: 'incompleteReason', message: REASON_TEMPLATE_MESSAGES.incompleteReason }]);
  });
});
