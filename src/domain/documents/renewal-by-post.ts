// « Avis à envoyer par courrier » (issue 6): renewal notices that no email carries (neither the
// partner's representative nor the responsable habilitations has an address) are printed together
// in one PDF for the post, and listed by convention number.
import { In, type DataSource } from 'typeorm';
import type { FileStorage } from '../../adapters/storage.js';
import { Convention } from '../../entities/convention.entity.js';
import { Document } from '../../entities/document.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { renewalNoticesToPost } from '../notifications/notification-handlers.js';
import { formatFrenchDate, todayInParis } from '../shared/dates.js';
import { runInTransaction } from '../shared/transaction.js';
import { mergePdfs } from '../../documents/index.js';
import { openDocumentFile } from './document-regeneration.js';
import { wholeSecond } from './document-archive.js';

export const RENEWAL_BY_POST_KIND = 'renewal-by-post';
/** How far back a notice still waits for the post: the longest renewal lead time. */
const LOOKBACK_DAYS = 120;

export interface NoticesToPost {
  /** Convention numbers of the notices printed, in print order. */
  conventions: string[];
  document: Document | null;
  /** Convention numbers of the notices left out: their file is altered, or missing and not regenerated identically (journaled). */
  unavailable: string[];
}

export async function printRenewalNoticesToPost(dataSource: DataSource, storage: FileStorage, actor: Actor, now: Date): Promise<NoticesToPost> {
  const notices = await renewalNoticesToPost(dataSource.manager, new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000));
  if (!notices.length) return { conventions: [], document: null, unavailable: [] };
  const conventions = await dataSource.getRepository(Convention).find({ where: { id: In(notices.map((n) => n.conventionId)) }, select: { id: true, number: true } });
  const numberOf = (conventionId: number) => conventions.find((c) => c.id === conventionId)?.number ?? `n° ${conventionId}`;
  const documents = await dataSource.getRepository(Document).findBy({ id: In(notices.map((n) => n.documentId)) });
  const printed: Array<{ documentId: number; content: Buffer }> = [];
  const numbers: string[] = [];
  const unavailable: string[] = [];
  for (const notice of notices) {
    const file = await openDocumentFile(dataSource, storage, actor, documents.find((d) => d.id === notice.documentId)!, now);
    if (file.ok) printed.push({ documentId: notice.documentId, content: file.content });
    (file.ok ? numbers : unavailable).push(numberOf(notice.conventionId));
  }
  if (!printed.length) return { conventions: [], document: null, unavailable };
  const generatedAt = wholeSecond(now);
  const pdf = await mergePdfs(printed.map((p) => p.content), { title: 'Avis de reconduction à envoyer par courrier', generatedAt });
  const today = todayInParis(now);
  const document = await runInTransaction(dataSource, async (tx) => {
    // Written inside the transaction: removed again if it rolls back.
    const stored = await storage.store(`documents/${today.slice(0, 4)}`, 'pdf', pdf);
    const saved = await tx.save(Document, {
      kind: RENEWAL_BY_POST_KIND, subjectType: 'Document', subjectId: printed[0].documentId,
      title: `Avis de reconduction à envoyer par courrier – ${printed.length} convention${printed.length > 1 ? 's' : ''} – ${formatFrenchDate(today)}`,
      reference: null, registerYear: null, registerNumber: null, dedupeKey: null,
      parameters: JSON.stringify({ date: today }), storagePath: stored.path, sha256: stored.sha256, size: pdf.length, generatedById: actor.staffUserId, generatedAt,
    } as Partial<Document>);
    await recordAudit(tx, actor, { action: 'document.generate', entityType: 'Document', entityId: saved.id, details: { kind: RENEWAL_BY_POST_KIND, conventions: numbers } }, now);
    return saved;
  });
  return { conventions: numbers, document, unavailable };
}
