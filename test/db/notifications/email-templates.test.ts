// The email templates (templates/emails): every kind has its .txt (« Objet : … ») and .html, the
// values are HTML-escaped, a missing value is an error rather than a blank in a letter. No database.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseTemplate, renderTemplate } from '../../../src/domain/notifications/email-templates.js';
import { EMAIL_KINDS, greetingFor, renderEmail } from '../../../src/domain/notifications/emails.js';

const caf = { cafName: 'Caf des Yvelines', contactName: 'Laurence Descombes', contactPhone: '01 30 64 37 25', contactEmail: 'cafpro@caf.example', address: '2 avenue des Prés, 78184 Saint-Quentin-en-Yvelines' };

describe('email templates', () => {
  it('one .txt and one .html per kind', () => {
    for (const kind of EMAIL_KINDS) {
      for (const ext of ['txt', 'html']) expect([kind, existsSync(path.join('templates', 'emails', `${kind}.${ext}`))]).toEqual([kind, true]);
    }
  });

  it('escapes values in HTML, not in text; sections repeat lists and test flags', () => {
    const nodes = parseTemplate('{{#users}}<li>{{name}}</li>{{/users}}{{^users}}aucun{{/users}}{{#flag}} !{{/flag}}{{! commentaire }}');
    expect(renderTemplate(nodes, { users: [{ name: 'A & <B>' }, { name: 'Zoé' }], flag: true }, { html: true })).toBe('<li>A &amp; &lt;B&gt;</li><li>Zoé</li> !');
    expect(renderTemplate(nodes, { users: [], flag: false }, { html: false })).toBe('aucun');
  });

  it('a missing value or an unclosed section is an error', () => {
    expect(() => renderTemplate(parseTemplate('Bonjour {{nom}}'), {}, { html: false, name: 'essai' })).toThrow('Modèle de courriel « essai » : valeur « nom » non fournie');
    expect(() => parseTemplate('{{#a}}x', 'essai')).toThrow('section « a » non fermée');
    expect(() => renderEmail('access-request-refused', { reason: 'x' } as never, caf, 'Madame,')).toThrow(/non fournie/);
  });

  it('the subject comes from the first line, the Caf contact closes the text', () => {
    const email = renderEmail('password-change-notice', {
      identifier: 'CP78-000042', conventionNumber: '78/2026/0042AS – T2', partnerName: 'Ville <de> Trappes', changeDate: '15 janvier 2027', managerName: null,
    }, caf, 'Madame, Monsieur,');
    expect(email.subject).toBe('Cafpro – changement de votre mot de passe le 15 janvier 2027');
    expect(email.text.startsWith('Madame, Monsieur,\n\nLa Caf des Yvelines modifie régulièrement')).toBe(true);
    expect(email.text).toContain('adressez-vous à votre responsable habilitations.');
    expect(email.text).toContain('Laurence Descombes – 01 30 64 37 25 – cafpro@caf.example');
    expect(email.html).toContain('Ville &lt;de&gt; Trappes');
    expect(email.text).toContain('Ville <de> Trappes');
  });

  it('{{plural n|…}}: French singular for 0 and 1, plural above, « # » for the number, an optional form for 0', () => {
    const two = parseTemplate('{{plural n|# habilitation révoquée|# habilitations révoquées}}');
    const three = parseTemplate('{{plural n|aucune habilitation|une habilitation|# habilitations}}');
    expect([0, 1, 2, 12].map((n) => renderTemplate(two, { n }, { html: false })))
      .toEqual(['0 habilitation révoquée', '1 habilitation révoquée', '2 habilitations révoquées', '12 habilitations révoquées']);
    expect([0, 1, 3].map((n) => renderTemplate(three, { n }, { html: true }))).toEqual(['aucune habilitation', 'une habilitation', '3 habilitations']);
    expect(() => renderTemplate(two, { n: '2' }, { html: false, name: 'essai' })).toThrow('Modèle de courriel « essai » : nombre « n » non fourni');
    expect(() => parseTemplate('{{plural n|seul}}', 'essai')).toThrow('demande 2 ou 3 formes');
  });

  it('no template writes « (s) »: every plural is a real one', () => {
    for (const file of readdirSync(path.join('templates', 'emails'))) {
      expect([file, /\((s|e|es|x)\)/.test(readFileSync(path.join('templates', 'emails', file), 'utf8'))]).toEqual([file, false]);
    }
  });

  it('greets a known person by civility and name, anybody else « Madame, Monsieur, »', () => {
    expect(greetingFor({ civility: 'Madame', lastName: 'Lefèvre' })).toBe('Madame Lefèvre,');
    expect(greetingFor({ civility: 'Monsieur', lastName: ' Gaëtan ' })).toBe('Monsieur Gaëtan,');
    expect(greetingFor(null)).toBe('Madame, Monsieur,');
    expect(greetingFor({ civility: '', lastName: 'Lefèvre' })).toBe('Madame, Monsieur,');
  });
});
