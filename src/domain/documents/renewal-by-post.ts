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
import { mergePdfs } from './renewal-notices.js';

export const RENEWAL_BY_POST_KIND = 'renewal-by-post';
/** How far back a notice still waits for the post: the longest renewal lead time. */
const LOOKBACK_DAYS = 120;

export async function printRenewalNoticesToPost(
  dataSource: DataSource, storage: FileStorage, actor: Actor, now: Date,
): Promise<{ conventions: string[]; document: Document | null }> {
  const notices = await renewalNoticesToPost(dataSource.manager, new Date(now.getTime() - LOOKBACK_DAYS * 86_400_000));
  if (!notices.length) return { conventions: [], document: null };
  const conventions = await dataSource.getRepository(Convention).find({ where: { id: In(notices.map((n) => n.conventionId)) }, select: { id: true, number: true } });
  const numbers = notices.map((n) => conventions.find((c) => c.id === n.conventionId)?.number ?? `n° ${n.conventionId}`);
  const paths = await dataSource.getRepository(Document).find({ where: { id: In(notices.map((n) => n.documentId)) }, select: { id: true, storagePath: true } });
  const pdf = await mergePdfs(storage, notices.map((n) => paths.find((p) => p.id === n.documentId)!.storagePath), 'Avis de reconduction à envoyer par courrier');
  const today = todayInParis(now);
  const document = await runInTransaction(dataSource, async (tx) => {
    // Written inside the transaction: removed again if it rolls back.
    const stored = await storage.store(`documents/${today.slice(0, 4)}`, 'pdf', pdf);
    const saved = await tx.save(Document, {
      kind: RENEWAL_BY_POST_KIND, subjectType: 'Document', subjectId: notices[0].documentId,
      title: `Avis de reconduction à envoyer par courrier – ${notices.length} convention${notices.length > 1 ? 's' : ''} – ${formatFrenchDate(today)}`,
      reference: null, registerYear: null, registerNumber: null, dedupeKey: null,
      storagePath: stored.path, sha256: stored.sha256, size: pdf.length, generatedById: actor.staffUserId, generatedAt: now,
    } as Partial<Document>);
    await recordAudit(tx, actor, { action: 'document.generate', entityType: 'Document', entityId: saved.id, details: { kind: RENEWAL_BY_POST_KIND, conventions: numbers } }, now);
    return saved;
  });
  return { conventions: numbers, document };
}
