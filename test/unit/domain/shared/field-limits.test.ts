import { describe, expect, it } from '@jest/globals';
import { lengthError, TEXT_MAX, textLimitErrors, textLimitsOf, type TextLimit } from '../../../../src/domain/shared/field-limits.js';

const LIMITS: Record<string, TextLimit> = { name: { max: 10, multiline: false }, notes: { max: 20, multiline: true } };
const LABELS: Record<string, string> = { name: 'Raison sociale', notes: 'Précisions' };
const check = (typed: Record<string, unknown>, stored?: Record<string, unknown>) => textLimitErrors(LIMITS, (f) => LABELS[f] ?? f, typed, stored);

describe('textLimitsOf', () => {
  it('takes VarChar(n) as n characters on one line, Text as TEXT_MAX with line breaks; other columns have none', () => {
    const columns = [
      { propertyName: 'name', type: 'varchar', length: '200' },
      { propertyName: 'address', type: 'text', length: '' },
      { propertyName: 'count', type: 'int', length: '' },
      { propertyName: 'receivedDate', type: 'date', length: '' },
    ];
    expect(textLimitsOf({ columns } as never)).toEqual({ name: { max: 200, multiline: false }, address: { max: TEXT_MAX, multiline: true } });
    expect(TEXT_MAX).toBe(10_000);
  });
});

describe('textLimitErrors', () => {
  it('accepts texts up to the limit', () => {
    expect(check({ name: 'x'.repeat(10), notes: 'ligne 1\r\nligne 2\tfin' })).toEqual([]);
  });

  it('refuses a text over its column, naming the limit and the length typed', () => {
    expect(check({ name: 'x'.repeat(11) })).toEqual([{ field: 'name', message: 'Le champ « Raison sociale » accepte 10 caractères au plus (11 saisis).' }]);
    expect(textLimitErrors({ name: { max: 255, multiline: false } }, () => 'Nom', { name: 'a'.repeat(1_048_576) }))
      .toEqual([{ field: 'name', message: 'Le champ « Nom » accepte 255 caractères au plus (1 048 576 saisis).' }]);
  });

  it('counts characters as MySQL does (an emoji is one), not UTF-16 units', () => {
    expect('😀'.repeat(10).length).toBe(20);
    // (An emoji is refused anyway — the documents' font cannot print it — so the count is read on its own.)
    expect(lengthError('😀'.repeat(10), LIMITS.name, 'Raison sociale')).toBeNull();
    expect(lengthError('😀'.repeat(11), LIMITS.name, 'Raison sociale')).toContain('(11 saisis)');
    expect(check({ name: '😀' })[0].message).toContain('que les courriers ne savent pas imprimer : « 😀 »');
  });

  it.each([['\u0000'], ['\u0007'], ['\u001b'], ['\u007f'], ['\u0085'], ['\u009f'], ['\u000b'], ['\u000c']])(
    'refuses the control character %j in any field, naming the field', (control) => {
      expect(check({ name: `a${control}b`, notes: `a${control}b` })).toEqual([
        { field: 'name', message: 'Le champ « Raison sociale » contient un caractère de contrôle (invisible) : retirez-le.' },
        { field: 'notes', message: 'Le champ « Précisions » contient un caractère de contrôle (invisible) : retirez-le.' },
      ]);
    });

  it('keeps line breaks and tabs for a multi-line field only', () => {
    expect(check({ name: 'a\tb' })).toEqual([{ field: 'name', message: 'Le champ « Raison sociale » contient un caractère de contrôle (invisible) : retirez-le.' }]);
    for (const value of ['a\nb', 'a\rb']) {
      expect(check({ name: value })).toEqual([{ field: 'name', message: 'Le champ « Raison sociale » tient sur une seule ligne : retirez le retour à la ligne.' }]);
    }
    expect(check({ notes: 'a\n\tb\r\n' })).toEqual([]);
    // Accents, non-breaking spaces and typographic apostrophes are ordinary characters.
    expect(check({ name: 'L’Haÿ\u00a0Cœur' })).toEqual([]);
  });

  it('measures what will be stored, checks control characters in what was typed', () => {
    // « 356-000-000-00048 » typed, 14 digits stored.
    expect(check({ name: '356-000-000-00048' }, { name: '35600000000048' })).toEqual([{ field: 'name', message: expect.stringContaining('10 caractères au plus') }]);
    expect(check({ name: '35-60-00-00' }, { name: '35600000' })).toEqual([]);
    // Not stored yet (the form was refused): only the control characters.
    expect(check({ name: 'x'.repeat(50) }, {})).toEqual([]);
    expect(check({ name: 'a\u0000' }, {})).toHaveLength(1);
  });

  it('leaves fields without a limit and values that are not text to the form', () => {
    expect(check({ other: 'x'.repeat(100), name: 12345678901, notes: null, scan: { size: 3 } })).toEqual([]);
    expect(check({ constructor: 'x', toString: 'y' })).toEqual([]);
  });
});
