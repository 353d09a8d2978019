import { describe, expect, it } from '@jest/globals';
import { changedFields, journalValues } from '../../../../src/domain/audit/record-changes.js';

describe('record changes for the journal', () => {
  it('keeps the column values, dates as ISO strings, without timestamps nor secrets', () => {
    expect(journalValues({
      id: 4, name: 'Ville d’Essai', active: true, signedAt: new Date('2026-11-23T10:00:00Z'), note: undefined,
      createdAt: new Date(), updatedAt: new Date(), passwordHash: '$argon2id$…',
    })).toEqual({ id: 4, name: 'Ville d’Essai', active: true, signedAt: '2026-11-23T10:00:00.000Z', note: null });
  });

  it('lists the fields that changed as [before, after]', () => {
    expect(changedFields(
      { id: 4, name: 'Ville d’Essai', phone: '01 30 87 20 00', doubleCheck: false, updatedAt: new Date(1) },
      { id: 4, name: 'Ville d’Essai', phone: '01 30 87 20 99', doubleCheck: true, updatedAt: new Date(2) },
    )).toEqual({ phone: ['01 30 87 20 00', '01 30 87 20 99'], doubleCheck: [false, true] });
  });

  it('does not report what only differs by its database representation', () => {
    expect(changedFields({ active: 1, cap: '42', fax: '' }, { active: true, cap: 42, fax: null })).toEqual({});
    expect(changedFields({ active: 0 }, { active: true })).toEqual({ active: [0, true] });
  });
});
