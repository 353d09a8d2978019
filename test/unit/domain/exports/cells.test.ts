import { describe, expect, it } from '@jest/globals';
import { csvField, csvLine, neutralizeFormula } from '../../../../src/domain/exports/cells.js';

describe('exported cells', () => {
  it('prefixes with « \' » what a spreadsheet would run as a formula, and nothing else', () => {
    for (const hostile of ['=HYPERLINK("http://x","y")', '+33 1 30 87 20 10', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd']) {
      expect(neutralizeFormula(hostile)).toBe(`'${hostile}`);
    }
    for (const plain of ['Lefèvre', '01 30 87 20 10', 'a=b', ' =espace', '']) expect(neutralizeFormula(plain)).toBe(plain);
  });

  it('CSV for Excel in France: « ; », quotes doubled, decimal comma, CRLF', () => {
    expect(csvField('Ville; Essai')).toBe('"Ville; Essai"');
    expect(csvField('dit "Jo"')).toBe('"dit ""Jo"""');
    expect(csvField('ligne\nsuivante')).toBe('"ligne\nsuivante"');
    expect(csvField(2.5)).toBe('2,5');
    expect(csvField(null)).toBe('');
    expect(csvField('=1+1;2')).toBe('"\'=1+1;2"');
    expect(csvLine(['a', 1, null])).toBe('a;1;\r\n');
  });
});
