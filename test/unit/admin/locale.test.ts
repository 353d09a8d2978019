import { describe, it, expect } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { frCommon, mergeLocales } from '../../../src/admin/locale/fr/index.js';

type Tree = { [key: string]: unknown };

// adminjs's package "exports" hides lib/, so locate the package then read its English file.
const adminjsEntry = createRequire(import.meta.url).resolve('adminjs');
const en = JSON.parse(
  readFileSync(path.join(path.dirname(adminjsEntry), 'lib', 'locale', 'en', 'translation.json'), 'utf8'),
) as Tree;
const fr = frCommon as Tree;

/** Dotted path → leaf value (strings), plus the paths of every object node. */
function flatten(tree: Tree, prefix: string[] = [], leaves = new Map<string, unknown>(), nodes = new Set<string>()) {
  for (const [key, value] of Object.entries(tree)) {
    const p = [...prefix, key];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      nodes.add(p.join('.'));
      flatten(value as Tree, p, leaves, nodes);
    } else {
      leaves.set(p.join('.'), value);
    }
  }
  return { leaves, nodes };
}

const enFlat = flatten(en);
const frFlat = flatten(fr);

/** i18next placeholders ({{count}}) and the markup react-i18next's <Trans> relies on (<1>, <strong>). */
function tokens(value: unknown): string[] {
  const s = String(value);
  return [...(s.match(/\{\{[^}]*\}\}/g) ?? []), ...(s.match(/<\/?[\w-]+\s*\/?>/g) ?? [])].map((t) => t.replace(/\s+/g, '')).sort();
}

// Values allowed to be identical to the English ones: proper nouns / acronyms only. Currently none —
// every French value differs (e.g. "Navigation" → "Menu", "Pages" → "Autres pages").
const SAME_AS_ENGLISH_ALLOWED = new Set<string>([]);

// Keys present in the French set but not in en/translation.json: keys AdminJS 7 / @adminjs/express use
// without shipping them. Listed here so that a typo in a key name fails the test.
const EXTRA_KEYS = [
  'actions.export', // our « Exporter » resource action (src/admin/secure-actions.ts), on every list
  'actions.search', // backend/actions/search/search-action.js (action name, hidden by default)
  'actions.history', // our « Historique » record action (src/admin/secure-actions.ts), on every business resource
  'buttons.ok', // frontend/hooks/use-modal.js: translateButton('ok') for "alert" modals
  'components.LanguageSelector.availableLanguages.fr', // language-select.js: one entry per available language
  'labels.confirm', // interfaces/action/build-action-click-handler.js: modal label 'confirm' (delete guard)
  'labels.modal-label', // use-modal.js: getDefaultTranslationKey('label')
  'messages.modal-title', // use-modal.js: getDefaultTranslationKey('title')
  'messages.modal-subTitle', // use-modal.js: getDefaultTranslationKey('subTitle')
  'messages.tooManyRequests', // @adminjs/express lib/authentication/login.handler.js (login rate limit)
  'messages.loginUnavailable', // src/server.ts authenticate: the login check itself failed (database down…)
].sort();

// Keys whose French value is deliberately empty.
const EMPTY_ALLOWED = new Set(['messages.modal-subTitle']);

describe('French AdminJS locale (src/admin/locale/fr/common.json)', () => {
  it('contains every key of the English AdminJS translation, with the same structure (plurals included)', () => {
    const missingLeaves = [...enFlat.leaves.keys()].filter((k) => !frFlat.leaves.has(k));
    const missingNodes = [...enFlat.nodes].filter((k) => !frFlat.nodes.has(k));
    expect(missingLeaves).toEqual([]);
    expect(missingNodes).toEqual([]);
    for (const k of enFlat.leaves.keys()) expect(typeof frFlat.leaves.get(k)).toBe(typeof enFlat.leaves.get(k));
    const plurals = [...enFlat.leaves.keys()].filter((k) => k.endsWith('_plural'));
    expect(plurals.length).toBeGreaterThan(0);
    for (const k of plurals) {
      expect(frFlat.leaves.has(k)).toBe(true);
      expect(frFlat.leaves.has(k.replace(/_plural$/, ''))).toBe(true);
    }
  });

  it('adds only the documented extra keys', () => {
    const extra = [...frFlat.leaves.keys()].filter((k) => !enFlat.leaves.has(k)).sort();
    expect(extra).toEqual(EXTRA_KEYS);
  });

  it('preserves the interpolation placeholders and <Trans> markup of each key', () => {
    // These drop AdminJS's internal names (« AccessRequest / approve ») on purpose: an agent reads them (issue 13 §2).
    const withoutInternalNames = new Set(['messages.forbiddenError', 'messages.error404Action']);
    const mismatches = [...enFlat.leaves.keys()]
      .filter((k) => !withoutInternalNames.has(k))
      .filter((k) => JSON.stringify(tokens(frFlat.leaves.get(k))) !== JSON.stringify(tokens(enFlat.leaves.get(k))))
      .map((k) => `${k}: ${tokens(enFlat.leaves.get(k)).join(' ')} ≠ ${tokens(frFlat.leaves.get(k)).join(' ')}`);
    expect(mismatches).toEqual([]);
  });

  it('translates every value (none equals the English one, except whitelisted proper nouns)', () => {
    const untranslated = [...enFlat.leaves.keys()].filter(
      (k) => frFlat.leaves.get(k) === enFlat.leaves.get(k) && !SAME_AS_ENGLISH_ALLOWED.has(k),
    );
    expect(untranslated).toEqual([]);
    for (const k of SAME_AS_ENGLISH_ALLOWED) expect(frFlat.leaves.get(k)).toBe(enFlat.leaves.get(k));
  });

  it('has only non-empty strings (except the deliberately empty ones) and no dots in keys', () => {
    for (const [k, v] of frFlat.leaves) {
      expect(typeof v).toBe('string');
      if (!EMPTY_ALLOWED.has(k)) expect({ k, v: (v as string).trim() }).not.toEqual({ k, v: '' });
      // AdminJS flattens translations with "." as separator
      expect(k.split('.').every((part) => part.length > 0)).toBe(true);
    }
  });

  it('uses French typography: « » guillemets with inner spaces, no straight double quotes, no AdminJS marketing', () => {
    for (const [k, v] of frFlat.leaves) {
      const s = v as string;
      expect({ k, s, ok: !s.includes('"') }).toEqual({ k, s, ok: true });
      expect({ k, s, ok: !/«(?! )|(?<! )»/.test(s) }).toEqual({ k, s, ok: true });
      expect({ k, s, ok: !/discord|github|open-source/i.test(s) }).toEqual({ k, s, ok: true });
    }
  });

  it('has the login and security messages required by the application', () => {
    const f = frFlat.leaves;
    expect(f.get('components.Login.welcomeHeader')).toBe('Bienvenue');
    expect(f.get('components.Login.welcomeMessage')).toBe(
      'sur le back-office Cafpro de votre Caf : partenaires, conventions et habilitations.',
    );
    expect(f.get('components.Login.properties.email')).toBe('Adresse électronique');
    expect(f.get('components.Login.properties.password')).toBe('Mot de passe');
    expect(f.get('components.Login.loginButton')).toBe('Se connecter');
    expect(f.get('labels.dashboard')).toBe('Tableau de bord');
    expect(f.get('messages.invalidCredentials')).toBe(
      'Identifiants incorrects ou compte temporairement verrouillé. Réessayez dans quelques minutes.',
    );
    // must not reveal whether the e-mail address exists
    expect(f.get('messages.invalidCredentials')).not.toMatch(/adresse|courriel|e-?mail|inconnu|existe/i);
    expect(f.get('messages.tooManyRequests')).toBe('Trop de tentatives de connexion. Réessayez dans quelques minutes.');
    // No internal names (« AccessRequest / approve ») in what the agent reads.
    expect(f.get('messages.forbiddenError')).toBe("Vous n'avez pas le droit d'effectuer cette action.");
    expect(f.get('messages.error404Action')).not.toMatch(/\{\{(resourceId|actionName)\}\}/);
    expect(f.get('messages.anyForbiddenError')).toBe("Vous n'avez pas le droit d'effectuer cette action.");
  });
});

describe('mergeLocales', () => {
  const partner = {
    labels: { Partner: 'Partenaires' },
    resources: {
      Partner: {
        properties: { name: 'Raison sociale', siret: 'SIRET' },
        actions: { export: 'Exporter' },
        messages: { successfullyCreated: 'Le partenaire a bien été créé.' },
      },
    },
  };
  const convention = {
    resources: {
      Convention: { properties: { startsAt: "Date d'effet" } },
      Partner: { properties: { siret: 'Numéro SIRET' } },
    },
  };

  it('returns the common set when called without fragments, as a copy', () => {
    const merged = mergeLocales();
    expect(merged).toEqual(frCommon);
    expect(merged).not.toBe(frCommon);
    (merged.buttons as Tree).save = 'modifié';
    expect(frCommon.buttons.save).toBe('Enregistrer');
  });

  it('deep-merges resource fragments into the common set, later fragments winning', () => {
    const snapshot = JSON.stringify(frCommon);
    const partnerSnapshot = JSON.stringify(partner);
    const merged = mergeLocales(partner, convention) as Tree;
    const m = flatten(merged).leaves;
    // common keys kept
    expect(m.get('buttons.save')).toBe('Enregistrer');
    expect(m.get('labels.dashboard')).toBe('Tableau de bord');
    expect(m.get('messages.successfullyCreated')).toBe("L'enregistrement a bien été créé.");
    // fragments added
    expect(m.get('labels.Partner')).toBe('Partenaires');
    expect(m.get('resources.Partner.properties.name')).toBe('Raison sociale');
    expect(m.get('resources.Partner.actions.export')).toBe('Exporter');
    expect(m.get('resources.Partner.messages.successfullyCreated')).toBe('Le partenaire a bien été créé.');
    expect(m.get('resources.Convention.properties.startsAt')).toBe("Date d'effet");
    // same key in two fragments: the later one wins, siblings are kept
    expect(m.get('resources.Partner.properties.siret')).toBe('Numéro SIRET');
    // inputs untouched
    expect(JSON.stringify(frCommon)).toBe(snapshot);
    expect(JSON.stringify(partner)).toBe(partnerSnapshot);
    expect(frCommon.resources).toEqual({});
  });

  it('lets a fragment override a common string', () => {
    const merged = mergeLocales({ labels: { dashboard: 'Accueil' } }) as Tree;
    expect((merged.labels as Tree).dashboard).toBe('Accueil');
    expect((merged.labels as Tree).filters).toBe('Filtres');
    expect(frCommon.labels.dashboard).toBe('Tableau de bord');
  });

  it('does not share nested objects between the result and its fragments', () => {
    const merged = mergeLocales(partner) as Tree;
    const resources = merged.resources as Record<string, Tree>;
    (resources.Partner.properties as Tree).name = 'modifié';
    expect(partner.resources.Partner.properties.name).toBe('Raison sociale');
  });

  it('ignores prototype-polluting keys coming from JSON files', () => {
    const evil = JSON.parse('{"__proto__": {"polluted": "oui"}, "labels": {"constructor": {"polluted": "oui"}}}');
    const merged = mergeLocales(evil) as Tree;
    expect(({} as Tree).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(merged, '__proto__')).toBe(false);
    expect((merged.labels as Tree).filters).toBe('Filtres');
  });
});
