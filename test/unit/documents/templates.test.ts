import { describe, it, expect } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadTemplate, parseTemplate } from '../../../src/documents/templates.js';

describe('document templates (templates/documents/*.md)', () => {
  const source = [
    '<!-- a comment -->',
    '## title',
    'Convention n° {{number}}',
    '',
    '## body',
    '### Article 1 : OBJET',
    '',
    'Premier paragraphe',
    'avec un retour à la ligne.',
    '',
    '- un',
    '- deux',
    '',
    '> « citation »',
    '',
    '**En gras**',
  ].join('\n');

  it('parses sections into headings, paragraphs, lists, quotations and bold blocks', () => {
    const tpl = parseTemplate('essai', source);
    expect(tpl.text('title', { number: '78/2016/0042AS – T2' })).toBe('Convention n° 78/2016/0042AS – T2');
    expect(tpl.blocks('body').map((b) => [b.type, b.indent])).toEqual([
      ['heading', false],
      ['paragraph', false],
      ['list', false],
      ['paragraph', true],
      ['bold', false],
    ]);
    expect(tpl.blocks('body')[1]!.text).toBe('Premier paragraphe\navec un retour à la ligne.');
    expect(tpl.lines('body').slice(3, 5)).toEqual(['un', 'deux']);
    expect(tpl.has('comment')).toBe(false);
  });

  it('fails loudly on a missing value or section, so that a wording change cannot print « {{…}} »', () => {
    const tpl = parseTemplate('essai', source);
    expect(() => tpl.text('title')).toThrow('valeur « number » non fournie');
    expect(() => tpl.text('absent')).toThrow('section « absent » absente');
    expect(() => parseTemplate('essai', '## a\nx\n## a\ny')).toThrow('en double');
  });

  it('reads a template for a variant (the kind of convention): `key@variant` replaces `key`, the others stay', () => {
    const tpl = parseTemplate('essai', ['## title', 'Cafpro', '', '## title@data-provision', 'Mise à disposition', '', '## closing', 'Salutations'].join('\n'));
    expect(tpl.text('title')).toBe('Cafpro');
    expect(tpl.variant('cafpro').text('title')).toBe('Cafpro');
    expect(tpl.variant('data-provision').text('title')).toBe('Mise à disposition');
    expect(tpl.variant('data-provision').text('closing')).toBe('Salutations');
    expect(tpl.variant('data-provision').has('title.past')).toBe(false);
  });

  // A « .past » wording (letter dated after the end date) falls back to the base section: each
  // variant that rewrites a section must rewrite its « .past » too, or it would print the Cafpro one.
  it('every variant section with a past tense has its own past tense', () => {
    const dir = path.resolve('templates/documents');
    const missing: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
      const keys = [...readFileSync(path.join(dir, file), 'utf8').matchAll(/^## +(\S+)\s*$/gm)].map((m) => m[1]!);
      for (const key of keys.filter((k) => k.includes('@'))) {
        const [base, variant] = key.split('@') as [string, string];
        if (keys.includes(`${base}.past`) && !keys.includes(`${base}.past@${variant}`)) missing.push(`${file} : ${base}.past@${variant}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('loads every template file once and caches it', () => {
    const dir = path.resolve('templates/documents');
    const names = readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, ''));
    expect(names.sort()).toEqual([
      'access-request-form', 'common', 'convention', 'cover-letter', 'data-provision-convention', 'habilitation-letter',
      'incomplete-follow-up-letter', 'manager-designation-form', 'recipient-register', 'renewal-notice', 'suppression-request-form', 'termination-letter',
    ]);
    for (const name of names) expect(loadTemplate(name)).toBe(loadTemplate(name));
  });
});
