// French translation of AdminJS's own interface strings (AdminJS ships none), plus the helper that
// combines it with the per-resource fragments (src/admin/locale/fr/<resource>.json).
import type { LocaleTranslations } from 'adminjs';
import common from './common.json' with { type: 'json' };

/** AdminJS interface strings in French (same structure as adminjs/lib/locale/en/translation.json). */
export const frCommon = common satisfies LocaleTranslations;

/**
 * A locale fragment, e.g. the content of a resource's fr JSON file:
 * `{ resources: { Partner: { properties: {…}, actions: {…}, messages: {…} } }, labels?: {…}, … }`.
 */
export type LocaleFragment = LocaleTranslations;

type Tree = Record<string, unknown>;

// Keys that must never be copied from a JSON file onto an object (prototype pollution).
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(value: unknown): value is Tree {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function cloneValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneValue);
  if (isPlainObject(value)) return mergeInto({}, value);
  return value;
}

/** Deep-merges `source` into `target` (mutates and returns `target`); nested objects are copied, never shared. */
function mergeInto(target: Tree, source: Tree): Tree {
  for (const [key, value] of Object.entries(source)) {
    if (FORBIDDEN_KEYS.has(key) || value === undefined) continue;
    const current = target[key];
    if (isPlainObject(value) && isPlainObject(current)) {
      mergeInto(current, value);
    } else {
      target[key] = cloneValue(value);
    }
  }
  return target;
}

/**
 * Returns a new French locale: {@link frCommon} deep-merged with the given fragments, in order
 * (for the same key, the later fragment wins; objects are merged key by key). Neither `frCommon`
 * nor the fragments are modified.
 *
 * ```ts
 * locale: { language: 'fr', availableLanguages: ['fr'], translations: { fr: mergeLocales(partnerFr, conventionFr) } }
 * ```
 */
export function mergeLocales(...parts: LocaleFragment[]): LocaleTranslations {
  const result = mergeInto({}, frCommon);
  for (const part of parts) {
    if (part === undefined || part === null) continue;
    if (!isPlainObject(part)) throw new TypeError('mergeLocales : chaque fragment de traduction doit être un objet');
    mergeInto(result, part);
  }
  return result as LocaleTranslations;
}
