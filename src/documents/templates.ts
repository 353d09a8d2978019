// The French wording of the documents lives in templates/documents/<name>.md; this module
// loads a template once, keeps it parsed in memory and fills its {{placeholders}}.
//
// Template format (a small subset of Markdown, so that the texts read like the paper originals):
//   <!-- comment -->          ignored
//   ## key                    starts a section; the code asks for sections by key
//   ## key@variant            the same section for one variant (a kind of convention): a template
//                             read for that variant gives it instead of `key`
//   blocks separated by a blank line, inside a section:
//     ### Heading             a heading (bold)
//     **Whole block**         a bold paragraph
//     - item                  a bulleted list (one item a line)
//     > block                 the same kinds of block, indented (quotations)
//     anything else           a paragraph; a line break inside a block is kept as is
//   {{name}}                  a value given by the code; an unknown name is an error
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type BlockType = 'heading' | 'bold' | 'list' | 'paragraph';

export interface TemplateBlock {
  type: BlockType;
  /** Paragraph, heading or bold text (lines joined with « \n »). */
  text: string;
  /** List items (type 'list'). */
  items: string[];
  indent: boolean;
}

export type TemplateVars = Record<string, string | number>;

export class DocumentTemplate {
  constructor(
    readonly name: string,
    private readonly sections: ReadonlyMap<string, TemplateBlock[]>,
    private readonly variantName?: string,
  ) {}

  /**
   * The template as read for `variant` (the convention's kind): each `key@variant` section replaces
   * `key`, so a document whose wording differs by kind asks for its sections without testing the kind.
   */
  variant(variant: string): DocumentTemplate {
    return new DocumentTemplate(this.name, this.sections, variant);
  }

  has(key: string): boolean {
    return this.find(key) !== undefined;
  }

  /** The blocks of a section, placeholders filled. */
  blocks(key: string, vars: TemplateVars = {}): TemplateBlock[] {
    return this.raw(key).map((b) => ({
      ...b,
      text: fill(b.text, vars, this.name, key),
      items: b.items.map((i) => fill(i, vars, this.name, key)),
    }));
  }

  /** A one-block section as a string (labels, titles), placeholders filled. */
  text(key: string, vars: TemplateVars = {}): string {
    const blocks = this.blocks(key, vars);
    return blocks.map((b) => (b.type === 'list' ? b.items.join('\n') : b.text)).join('\n\n');
  }

  /** The lines of a one-block section (list items or paragraph lines). */
  lines(key: string, vars: TemplateVars = {}): string[] {
    return this.blocks(key, vars).flatMap((b) => (b.type === 'list' ? b.items : b.text.split('\n')));
  }

  private find(key: string): TemplateBlock[] | undefined {
    return (this.variantName !== undefined ? this.sections.get(`${key}@${this.variantName}`) : undefined) ?? this.sections.get(key);
  }

  private raw(key: string): TemplateBlock[] {
    const blocks = this.find(key);
    if (!blocks) throw new Error(`Modèle de document « ${this.name} » : section « ${key} » absente`);
    return blocks;
  }
}

const PLACEHOLDER = /\{\{\s*([\w.-]+)\s*\}\}/g;

export function fill(text: string, vars: TemplateVars, name = '?', key = '?'): string {
  if (!text.includes('{{')) return text;
  return text.replace(PLACEHOLDER, (_m, v: string) => {
    const value = vars[v];
    if (value === undefined) {
      throw new Error(`Modèle de document « ${name} », section « ${key} » : valeur « ${v} » non fournie`);
    }
    return String(value);
  });
}

function parseBlock(lines: string[]): TemplateBlock {
  let indent = false;
  if (lines.every((l) => l.startsWith('>'))) {
    indent = true;
    lines = lines.map((l) => l.replace(/^>\s?/, ''));
  }
  const first = lines[0] ?? '';
  if (lines.length === 1 && first.startsWith('### ')) {
    return { type: 'heading', text: first.slice(4).trim(), items: [], indent };
  }
  if (lines.every((l) => l.startsWith('- '))) {
    return { type: 'list', text: '', items: lines.map((l) => l.slice(2).trim()), indent };
  }
  const joined = lines.join('\n');
  if (joined.startsWith('**') && joined.endsWith('**') && joined.length > 4) {
    return { type: 'bold', text: joined.slice(2, -2), items: [], indent };
  }
  return { type: 'paragraph', text: joined, items: [], indent };
}

export function parseTemplate(name: string, source: string): DocumentTemplate {
  const sections = new Map<string, TemplateBlock[]>();
  const text = source.replace(/\r\n?/g, '\n').replace(/<!--[\s\S]*?-->/g, '');
  let key: string | undefined;
  let current: string[] = [];
  const flush = () => {
    if (key !== undefined && current.length > 0) sections.get(key)!.push(parseBlock(current));
    current = [];
  };
  for (const rawLine of text.split('\n')) {
    const line = rawLine.replace(/\s+$/, '');
    const header = /^## +(\S+)\s*$/.exec(line);
    if (header) {
      flush();
      key = header[1]!;
      if (sections.has(key)) throw new Error(`Modèle de document « ${name} » : section « ${key} » en double`);
      sections.set(key, []);
    } else if (line.trim() === '') {
      flush();
    } else if (key !== undefined) {
      current.push(line.trim());
    }
  }
  flush();
  return new DocumentTemplate(name, sections);
}

/** A folder of the project (templates/documents, templates/fonts…), from src/documents or dist/src/documents. */
export function findProjectDir(...segments: string[]): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, ...segments);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`Dossier ${segments.join('/')} introuvable`);
}

const findTemplatesDir = () => findProjectDir('templates', 'documents');

let templatesDir: string | undefined;
const cache = new Map<string, DocumentTemplate>();

/** The parsed template templates/documents/<name>.md, read once per process. */
export function loadTemplate(name: string): DocumentTemplate {
  let tpl = cache.get(name);
  if (!tpl) {
    templatesDir ??= findTemplatesDir();
    tpl = parseTemplate(name, readFileSync(path.join(templatesDir, `${name}.md`), 'utf8'));
    cache.set(name, tpl);
  }
  return tpl;
}
