// The French wording of the emails lives in templates/emails/ (STYLE.md habit 7), one pair of files
// per kind: <kind>.txt (first line « Objet : … », a blank line, then the plain text) and <kind>.html
// (the HTML body). layout.txt and layout.html wrap every email (greeting and the Caf's contact from
// Settings); their {{{content}}} receives the body.
//
// Template syntax (a small subset of Mustache, enough for letters):
//   {{name}} {{a.b}}          a value given by the code (HTML-escaped in .html); unknown name = error
//   {{{name}}}                the same, not escaped (only for {{{content}}} of the layout)
//   {{#name}}…{{/name}}       repeated for each item of a list (its fields in scope), or shown once
//                             when the value is true / a non-empty string or object
//   {{^name}}…{{/name}}       shown when the value is false, empty or null
//   {{plural n|un|plusieurs}} the singular or the plural by the number `n` (French: 0 and 1 take the
//                             singular), « # » standing for the number: « {{plural count|# habilitation
//                             révoquée|# habilitations révoquées}} »; with three forms, the first is for 0
//                             (« aucune habilitation »). A letter never writes « habilitation(s) ».
//   {{! comment }}            ignored
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type TemplateValue = string | number | boolean | null | undefined | TemplateScope | TemplateScope[] | string[];
export interface TemplateScope {
  [key: string]: TemplateValue;
}

type Node =
  | { type: 'text'; value: string }
  | { type: 'var'; name: string; raw: boolean }
  | { type: 'plural'; name: string; forms: string[] }
  | { type: 'section'; name: string; inverted: boolean; children: Node[] };

const TAG = /\{\{(\{?)\s*([#^/!]?)\s*([^}]*?)\s*\}?\}\}/g;
const PLURAL = /^plural\s+([\w.]+)\s*\|([\s\S]*)$/;

export function parseTemplate(source: string, name = '?'): Node[] {
  const root: Node[] = [];
  const stack: Array<{ name: string; children: Node[] }> = [{ name: '', children: root }];
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    const [whole, brace, sigil, key] = match;
    const top = stack[stack.length - 1];
    if (match.index > last) top.children.push({ type: 'text', value: source.slice(last, match.index) });
    last = match.index + whole.length;
    if (sigil === '!') continue;
    if (sigil === '#' || sigil === '^') {
      const section: Node = { type: 'section', name: key, inverted: sigil === '^', children: [] };
      top.children.push(section);
      stack.push({ name: key, children: section.children });
    } else if (sigil === '/') {
      if (stack.length === 1 || top.name !== key) throw new Error(`Modèle de courriel « ${name} » : {{/${key}}} inattendu`);
      stack.pop();
    } else if (PLURAL.test(key)) {
      const [, counted, rest] = PLURAL.exec(key)!;
      const forms = rest.split('|');
      if (forms.length < 2 || forms.length > 3) throw new Error(`Modèle de courriel « ${name} » : {{plural ${counted}|…}} demande 2 ou 3 formes`);
      top.children.push({ type: 'plural', name: counted, forms });
    } else {
      top.children.push({ type: 'var', name: key, raw: brace === '{' });
    }
  }
  if (stack.length > 1) throw new Error(`Modèle de courriel « ${name} » : section « ${stack[stack.length - 1].name} » non fermée`);
  if (last < source.length) root.push({ type: 'text', value: source.slice(last) });
  return root;
}

export const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function lookup(scopes: TemplateValue[], name: string): TemplateValue {
  if (name === '.') return scopes[scopes.length - 1];
  const [head, ...rest] = name.split('.');
  for (let i = scopes.length - 1; i >= 0; i--) {
    const scope = scopes[i];
    if (scope && typeof scope === 'object' && !Array.isArray(scope) && head in scope) {
      let value: TemplateValue = (scope as TemplateScope)[head];
      for (const part of rest) value = value && typeof value === 'object' && !Array.isArray(value) ? (value as TemplateScope)[part] : undefined;
      return value;
    }
  }
  return undefined;
}

function renderNodes(nodes: Node[], scopes: TemplateValue[], html: boolean, name: string): string {
  let out = '';
  for (const node of nodes) {
    if (node.type === 'text') out += node.value;
    else if (node.type === 'plural') {
      const count = lookup(scopes, node.name);
      if (typeof count !== 'number') throw new Error(`Modèle de courriel « ${name} » : nombre « ${node.name} » non fourni`);
      const [zero, one, many] = node.forms.length === 3 ? node.forms : [node.forms[0], ...node.forms];
      out += (count === 0 ? zero : count <= 1 ? one : many).replace(/#/g, String(count));
    } else if (node.type === 'var') {
      const value = lookup(scopes, node.name);
      if (value === undefined || (typeof value === 'object' && value !== null)) {
        throw new Error(`Modèle de courriel « ${name} » : valeur « ${node.name} » non fournie`);
      }
      const text = value === null ? '' : String(value);
      out += html && !node.raw ? escapeHtml(text) : text;
    } else {
      const value = lookup(scopes, node.name);
      if (value === undefined) throw new Error(`Modèle de courriel « ${name} » : valeur « ${node.name} » non fournie`);
      const empty = value === null || value === false || value === '' || value === 0 || (Array.isArray(value) && value.length === 0);
      if (node.inverted) {
        if (empty) out += renderNodes(node.children, scopes, html, name);
      } else if (Array.isArray(value)) {
        for (const item of value) out += renderNodes(node.children, [...scopes, item], html, name);
      } else if (!empty) {
        out += renderNodes(node.children, typeof value === 'object' ? [...scopes, value] : scopes, html, name);
      }
    }
  }
  return out;
}

/** Fills a parsed template. */
export function renderTemplate(nodes: Node[], vars: TemplateScope, options: { html: boolean; name?: string }): string {
  return renderNodes(nodes, [vars], options.html, options.name ?? '?');
}

function findTemplatesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'templates', 'emails');
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('Dossier templates/emails introuvable');
}

let templatesDir: string | null = null;
const cache = new Map<string, Node[]>();

/** templates/emails/<file>, parsed once. */
export function loadTemplate(file: string): Node[] {
  let nodes = cache.get(file);
  if (!nodes) {
    templatesDir ??= findTemplatesDir();
    nodes = parseTemplate(readFileSync(path.join(templatesDir, file), 'utf8'), file);
    cache.set(file, nodes);
  }
  return nodes;
}
