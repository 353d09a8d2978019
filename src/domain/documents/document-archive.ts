// Every generated PDF becomes a Document row: kind, subject, who/when, SHA-256, the printed form
// reference (forms) or the outgoing register number (letters), what it was made from besides its
// subject's records (parameters), its file kept outside any public folder. A `dedupeKey` makes a
// document that must exist once (a renewal notice per anniversary) unique: its use case looks for
// the existing one first. The stamp (numbers, date, generation instant) is the archive's: a use case
// builds the rest, so the same record and stamp give the same bytes again (document-regeneration.ts).
import type { EntityManager } from 'typeorm';
import { Document } from '../../entities/document.entity.js';
import type { FileStorage } from '../../adapters/storage.js';
import { renderDocument, type DocumentDataByKind, type DocumentKind } from '../../documents/index.js';
import { nextSequenceValue } from '../shared/sequence.js';
import { isIsoDate, todayInParis, type IsoDate } from '../shared/dates.js';

/** Prefix of the printed reference of each pre-filled form (scanning it opens the right record). */
export const FORM_REFERENCE_PREFIX: Partial<Record<DocumentKind, string>> = {
  'access-request-form': 'DA',
  'manager-designation-form': 'RH',
  'suppression-request-form': 'DS',
};
/** Letters get an outgoing register number per year. */
export const LETTER_KINDS: DocumentKind[] = [
  'cover-letter', 'renewal-notice', 'habilitation-letter', 'termination-letter', 'incomplete-reminder-letter', 'incomplete-closure-letter',
];

/** What the archive stamps on a document: its numbers, its date and its generation instant. */
export interface DocumentStamp {
  /** Printed reference (form reference, register number, or `{kind}-{subjectType}-{subjectId}`). */
  reference: string;
  /** « N/Réf. » of a letter, '' otherwise. */
  registerNumber: string;
  /** 'YYYY-MM-DD' printed on the document. */
  date: IsoDate;
  /** The Document's generatedAt: the PDF dates. */
  generatedAt: Date;
}

/** What a document was made from besides its subject's records and its stamp (Document.parameters). */
export interface DocumentParameters {
  /** Suppression form: « à compter de ». */
  effectiveFrom?: IsoDate;
  /** Renewal notice: the anniversary it announces. */
  anniversary?: IsoDate;
  /** The convention: its number, printed as its footer reference (printedReference). */
  printedReference?: string;
  /** Follow-up letters of an incomplete access request: the return it follows and the closure day it prints. */
  incompleteSince?: IsoDate;
  closureOn?: IsoDate;
}

/** A document's data as a use case builds it: everything but the stamp. */
export type DocumentContent<K extends DocumentKind> = Omit<DocumentDataByKind[K], 'reference' | 'registerNumber' | 'date' | 'generatedAt'>;

export interface GenerateRequest<K extends DocumentKind> {
  kind: K;
  subjectType: string;
  subjectId: number;
  title: string;
  /** 'YYYY-MM-DD' printed on the document; its year numbers the reference and the register. */
  date: IsoDate;
  generatedById: number | null;
  dedupeKey?: string;
  parameters?: DocumentParameters;
  /**
   * The reference printed on a document that has neither a form reference nor a register number
   * (the convention: its number), so that its footer never shows an internal key.
   */
  printedReference?: string;
  /** Builds the document's data once its stamp is known. */
  build: (stamp: DocumentStamp) => Promise<DocumentContent<K>> | DocumentContent<K>;
}

const pad = (n: number) => String(n).padStart(6, '0');
const fallbackReference = (kind: string, subjectType: string, subjectId: number) => `${kind}-${subjectType}-${subjectId}`;

/**
 * The generation instant kept to the second: MySQL's DATETIME has no fraction (MySQL rounds it,
 * MariaDB cuts it) and the PDF dates have none; the row and the PDF must carry the same instant.
 */
export function wholeSecond(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / 1000) * 1000);
}

/** The PDF of `kind` from the content a use case built and the archive's stamp. */
export function renderStamped<K extends DocumentKind>(kind: K, content: DocumentContent<K>, stamp: DocumentStamp): Promise<Buffer> {
  const letter = LETTER_KINDS.includes(kind) ? { registerNumber: stamp.registerNumber } : {};
  return renderDocument(kind, { ...content, ...letter, reference: stamp.reference, date: stamp.date, generatedAt: stamp.generatedAt } as DocumentDataByKind[K]);
}

/** What a Document was made from (Document.parameters); its date is its generation day when not recorded. */
export function parametersOf(document: Document): DocumentParameters & { date: IsoDate } {
  let recorded: Record<string, unknown> = {};
  try {
    recorded = document.parameters ? (JSON.parse(document.parameters) as Record<string, unknown>) : {};
  } catch { /* an unreadable value regenerates nothing identical: the SHA-256 check says so */ }
  const date = (key: string) => (isIsoDate(recorded[key]) ? (recorded[key] as IsoDate) : undefined);
  return {
    date: date('date') ?? todayInParis(document.generatedAt), effectiveFrom: date('effectiveFrom'), anniversary: date('anniversary'),
    incompleteSince: date('incompleteSince'), closureOn: date('closureOn'),
    printedReference: typeof recorded.printedReference === 'string' ? recorded.printedReference : undefined,
  };
}

/** The stamp a Document was generated with, from its row. */
export function stampOf(document: Document): DocumentStamp {
  return {
    reference: document.reference ?? parametersOf(document).printedReference ?? fallbackReference(document.kind, document.subjectType, document.subjectId),
    registerNumber: document.registerNumber !== null ? `${document.registerYear}-${pad(document.registerNumber)}` : '',
    date: parametersOf(document).date,
    generatedAt: document.generatedAt,
  };
}

export async function generateDocument<K extends DocumentKind>(
  manager: EntityManager, storage: FileStorage, request: GenerateRequest<K>, now = new Date(),
): Promise<{ document: Document; pdf: Buffer }> {
  const generatedAt = wholeSecond(now);
  const year = Number(request.date.slice(0, 4));
  const prefix = FORM_REFERENCE_PREFIX[request.kind];
  const isLetter = LETTER_KINDS.includes(request.kind);
  const registerNumber = isLetter ? await nextSequenceValue(manager, `register:${year}`) : null;
  const reference = prefix
    ? `${prefix}-${year}-${pad(await nextSequenceValue(manager, `reference:${prefix}:${year}`))}`
    : registerNumber !== null ? `${year}-${pad(registerNumber)}` : request.printedReference ?? fallbackReference(request.kind, request.subjectType, request.subjectId);
  const stamp: DocumentStamp = { reference, registerNumber: registerNumber !== null ? `${year}-${pad(registerNumber)}` : '', date: request.date, generatedAt };
  const pdf = await renderStamped(request.kind, await request.build(stamp), stamp);
  const stored = await storage.store(`documents/${year}`, 'pdf', pdf);
  const document = await manager.save(Document, {
    kind: request.kind, subjectType: request.subjectType, subjectId: request.subjectId, title: request.title,
    reference: prefix || registerNumber !== null ? reference : null,
    registerYear: registerNumber !== null ? year : null, registerNumber,
    dedupeKey: request.dedupeKey ?? null, parameters: JSON.stringify({ date: request.date, ...request.parameters, ...(request.printedReference ? { printedReference: request.printedReference } : {}) }),
    storagePath: stored.path, sha256: stored.sha256, size: pdf.length,
    generatedById: request.generatedById, generatedAt,
  });
  return { document, pdf };
}
