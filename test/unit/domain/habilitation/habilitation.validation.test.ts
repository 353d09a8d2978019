import { describe, expect, it } from '@jest/globals';
import { HABILITATION_MESSAGES, isHabilitationEditable, validateHabilitation } from '../../../../src/domain/habilitation/habilitation.validation.js';

const stored = { id: 1, identifier: 'CP78-000123', civility: 'Madame', lastName: 'Lefèvre', firstName: 'Hélène', email: 'h.lefevre@essai.fr', position: 'Assistante sociale', accessCode: null, status: 'active' };
const noCode = { needsAccessCode: false, accessCodeLabel: null };
const bailleur = { needsAccessCode: true, accessCodeLabel: 'Code bailleur' };
const errorsOf = (result: unknown) => (Array.isArray(result) ? Object.fromEntries(result.map((e) => [e.field, e.message])) : {});

describe('validateHabilitation', () => {
  it('corrects the holder details', async () => {
    expect(validateHabilitation({ lastName: ' Lefèvre-Martin ', email: 'H.Lefevre@Essai.fr', position: 'Responsable de secteur' }, noCode, stored))
      .toEqual({ lastName: 'Lefèvre-Martin', email: 'h.lefevre@essai.fr', position: 'Responsable de secteur' });
  });

  it('refuses blank names, a bad email and an unknown civility', async () => {
    expect(errorsOf(validateHabilitation({ lastName: '', email: 'x', civility: 'Mlle' }, noCode, stored))).toEqual({
      lastName: 'Ce champ est obligatoire.', email: 'Adresse électronique invalide.', civility: HABILITATION_MESSAGES.civility,
    });
  });

  it('requires the access code when the profile asks for one, and clears it otherwise', async () => {
    expect(errorsOf(validateHabilitation({ accessCode: ' ' }, bailleur, stored))).toEqual({ accessCode: HABILITATION_MESSAGES.accessCode('Code bailleur') });
    expect(validateHabilitation({ accessCode: ' B-0042 ' }, bailleur, stored)).toEqual({ accessCode: 'B-0042' });
    expect(validateHabilitation({ accessCode: 'B-0042' }, noCode, stored)).toEqual({ accessCode: null });
  });

  it('is corrected only while not revoked', () => {
    expect(['active', 'suspendue', 'revoquee'].map(isHabilitationEditable)).toEqual([true, true, false]);
  });
});
