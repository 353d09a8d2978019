// Every generated PDF becomes a Document row: kind, subject, who/when, SHA-256, the printed form
// reference (forms) or the outgoing register number (letters), its file kept outside any public
// folder. A `dedupeKey` makes a document that must exist once (a renewal notice per anniversary)
// idempotent: asking again returns the existing one.
import type { EntityManager } from 'typeorm';
import { Document } from '../../entities/document.entity.js';
import type { FileStorage } from '../../adapters/storage.js';
import { renderDocument, type DocumentDataByKind, type DocumentKind } from '../../documents/index.js';
import { nextSequenceValue } from '../shared/sequence.js';

/** Prefix of the printed reference of each pre-filled form (scanning it opens the right record). */
export const FORM_REFERENCE_PREFIX: Partial<Record<DocumentKind, string>> = {
  'access-request-form': 'DA',
  'manager-designation-form': 'RH',
  'suppression-request-form': 'DS',
};
/** Letters get an outgoing register number per year. */
export const LETTER_KINDS: DocumentKind[] = ['cover-letter', 'renewal-notice', 'habilitation-letter', 'termination-letter'];

export interface Numbers { reference: string; registerNumber: string }

export interface GenerateRequest<K extends DocumentKind> {
  kind: K;
  subjectType: string;
  subjectId: number;
  title: string;
  /** 'YYYY-MM-DD' printed on the document; its year numbers the reference and the register. */
  date: string;
  generatedById: number | null;
  dedupeKey?: string;
  /**
   * The reference printed on a document that has neither a form reference nor a register number
   * (the convention: its number), so that its footer never shows an internal key.
   */
  printedReference?: string;
  /** « à compter de » printed on a pre-filled suppression form (carried back by the reference lookup). */
  effectiveFrom?: string | null;
  /** Builds the document's data once its numbers are known. */
  build: (numbers: Numbers) => Promise<DocumentDataByKind[K]> | DocumentDataByKind[K];
}

const pad = (n: number) => String(n).padStart(6, '0');

export async function generateDocument<K extends DocumentKind>(
  manager: EntityManager, storage: FileStorage, request: GenerateRequest<K>, now = new Date(),
): Promise<{ document: Document; pdf: Buffer; created: boolean }> {
  if (request.dedupeKey) {
    const existing = await manager.findOneBy(Document, { dedupeKey: request.dedupeKey });
    if (existing) return { document: existing, pdf: await storage.read(existing.storagePath), created: false };
  }
  const year = Number(request.date.slice(0, 4));
  const prefix = FORM_REFERENCE_PREFIX[request.kind];
  const isLetter = LETTER_KINDS.includes(request.kind);
  const registerNumber = isLetter ? await nextSequenceValue(manager, `register:${year}`) : null;
  const reference = prefix
    ? `${prefix}-${year}-${pad(await nextSequenceValue(manager, `reference:${prefix}:${year}`))}`
    : registerNumber !== null ? `${year}-${pad(registerNumber)}` : request.printedReference;
  if (!reference) throw new Error(`Document « ${request.kind} » sans référence imprimée (printedReference).`);
  const numbers: Numbers = { reference, registerNumber: registerNumber !== null ? `${year}-${pad(registerNumber)}` : '' };
  const pdf = await renderDocument(request.kind, await request.build(numbers));
  const stored = await storage.store(`documents/${year}`, 'pdf', pdf);
  const document = await manager.save(Document, {
    kind: request.kind, subjectType: request.subjectType, subjectId: request.subjectId, title: request.title,
    reference: prefix || registerNumber !== null ? reference : null,
    registerYear: registerNumber !== null ? year : null, registerNumber,
    effectiveFrom: request.effectiveFrom ?? null,
    dedupeKey: request.dedupeKey ?? null, storagePath: stored.path, sha256: stored.sha256, size: pdf.length,
    generatedById: request.generatedById, generatedAt: now,
  });
  return { document, pdf, created: true };
}
