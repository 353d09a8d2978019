// Every action code the code base writes into the journal has its French label.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { AUDIT_ACTION_LABELS } from '../../../../src/domain/audit/action-labels.js';
import { RECORD_ACTIONS } from '../../../../src/domain/audit/record-changes.js';

const sources = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
  const file = path.join(dir, name);
  return statSync(file).isDirectory() ? sources(file) : /\.tsx?$/.test(name) ? [file] : [];
});

describe('journal action labels', () => {
  const code = ['src', 'resources'].flatMap(sources).map((file) => readFileSync(file, 'utf8')).join('\n');
  const written = new Set([
    ...[...code.matchAll(/action: '([a-z-]+\.[a-zA-Z-]+)'/g)].map((m) => m[1]), 'logout',
    ...[...code.matchAll(/action: (?:hold|after\.active) \? '([a-z.-]+)' : '([a-z.-]+)'/g)].flatMap((m) => [m[1], m[2]]),
    ...[...code.matchAll(/audit\('([a-z.-]+)'/g)].map((m) => m[1]),
    ...[...code.matchAll(/'(habilitation\.(?:reissue|create))'/g)].map((m) => m[1]),
    ...Object.values(RECORD_ACTIONS),
    // `${domain}.${effects.type}`: the transitions of the three state machines.
    ...['send', 'sign', 'denounce', 'terminate'].map((t) => `convention.${t}`),
    ...['markIncomplete', 'complete', 'approve', 'refuse'].map((t) => `access-request.${t}`),
    ...['suspend', 'reactivate', 'revoke'].map((t) => `habilitation.${t}`),
  ]);

  it('finds the codes in the sources', () => {
    expect(written.size).toBeGreaterThan(40);
    expect(written).toContain('login.lockout');
    expect(written).toContain('journal.legal-hold-release');
  });

  it('labels each of them in French', () => {
    expect([...written].filter((action) => !AUDIT_ACTION_LABELS[action])).toEqual([]);
  });
});
