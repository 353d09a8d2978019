import { describe, it, expect } from '@jest/globals';
import { DOCUMENT_KINDS, isDocumentKind, renderDocument, type DocumentKind } from '../../../src/documents/index.js';
import * as f from './document-factory.js';
import { expectFrenchCharacters, render } from './document-assertions.js';

const samples = f.SAMPLES;

/** A partner name with every character that must survive: é è à ç œ « » – ’ */
const TRICKY_NAME = 'Association « Cœur de l’Étang » – Garçons & Filles à Mézières';

describe('renderDocument', () => {
  it('knows the ten kinds of documents', () => {
    expect(DOCUMENT_KINDS).toEqual([
      'cover-letter', 'convention', 'access-request-form', 'manager-designation-form',
      'suppression-request-form', 'renewal-notice', 'habilitation-letter', 'termination-letter',
      'incomplete-reminder-letter', 'incomplete-closure-letter',
    ]);
    expect(isDocumentKind('convention')).toBe(true);
    expect(isDocumentKind('toString')).toBe(false);
  });

  it.each(DOCUMENT_KINDS)('renders %s with the partner’s name intact, the reference, the page numbers and « Diffusion restreinte »', async (kind) => {
    const data = samples[kind]();
    data.partner = { ...data.partner, name: TRICKY_NAME };
    const { flat, pages, info } = await render(kind, data as never);
    expect(flat).toContain(TRICKY_NAME);
    expectFrenchCharacters(flat);
    expect(flat).toContain(data.reference);
    for (const page of pages) {
      expect(page).toMatch(/Page \d+ \/ \d+/);
      expect(page).toContain('Diffusion restreinte');
    }
    expect(info.Author).toBe('Caf des Yvelines');
    expect(String(info.CreationDate)).toMatch(/^D:20261123/);
  });

  it.each(DOCUMENT_KINDS)('renders %s to the same text whatever the generation instant, and the same bytes for the same instant', async (kind) => {
    const data = samples[kind]();
    const a = await render(kind, data as never);
    const b = await render(kind, { ...data, generatedAt: new Date('2027-01-05T08:00:00Z') } as never);
    expect(b.pages).toEqual(a.pages);
    expect(b.buffer.equals(a.buffer)).toBe(false);
    const c = await renderDocument(kind, samples[kind]() as never);
    expect(c.equals(a.buffer)).toBe(true);
  });

  it.each(['access-request-form', 'manager-designation-form', 'suppression-request-form'] as const)(
    'keeps the %s on one page with a long partner name and address',
    async (kind) => {
      const data = samples[kind]();
      data.partner = {
        ...data.partner,
        name: 'Centre communal d’action sociale de la Ville de Saint-Germain-en-Laye et des communes associées',
        addressLines: ['Centre communal d’action sociale', 'Pôle solidarités – Bâtiment B, 2e étage', '16 rue du Sacré-Cœur', 'CS 40012', '78100 Saint-Germain-en-Laye Cedex'],
      };
      const { pageCount, flat } = await render(kind, data as never);
      expect(pageCount).toBe(1);
      expect(flat).toContain('Pôle solidarités – Bâtiment B, 2e étage, 16 rue du Sacré-Cœur, CS 40012 78100 Saint-Germain-en-Laye Cedex');
    },
  );

  it('rejects an unknown kind', async () => {
    await expect(renderDocument('brochure' as DocumentKind, {} as never)).rejects.toThrow('Type de document inconnu');
  });
});
