// The outbox worker: claims due emails, sends them, records the outcome. Nothing is lost and nothing
// is sent twice, even with two instances or a process killed mid-send:
// - a row is claimed by a conditional UPDATE (status 'en-attente' and due → 'envoi', claimedBy = a
//   token of this pass): on MariaDB a concurrent UPDATE waits for the row lock, then matches nothing;
//   on SQLite writers are serialised. Only the rows carrying our token are sent by us;
// - the outcome is written only if the row still carries our token ('envoye', or back to
//   'en-attente' with a growing delay, or 'echec' after the last attempt, with the error);
// - a claim older than `staleAfterMinutes` belongs to a process that died between claim and send:
//   it goes back to 'en-attente' and is sent once by the next pass (the attempt is counted, so an
//   email that crashes the process every time ends in 'echec' instead of looping).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { MailAttachment, Mailer } from '../../adapters/mailer.js';
import type { FileStorage } from '../../adapters/storage.js';
import { Document } from '../../entities/document.entity.js';
import { OutboxEmail } from '../../entities/outbox-email.entity.js';
import { PasswordCampaignRecipient } from '../../entities/password-campaign-recipient.entity.js';
import { SYSTEM_ACTOR } from '../audit/audit.js';
import { openDocumentFile } from '../documents/document-regeneration.js';
import { runInTransaction } from '../shared/transaction.js';
import { getSettings } from '../settings/settings.js';
import type { Clock } from '../shared/clock.js';
import { attachmentIds, CAMPAIGN_RECIPIENT_RELATED_TYPE, splitAddresses } from './outbox.js';

export interface OutboxDeps {
  dataSource: DataSource;
  mailer: Mailer;
  storage: FileStorage;
  clock: Clock;
}

export interface OutboxWorkerOptions {
  /** Names this process in claimedBy (default host:pid). */
  instanceId?: string;
  /** Rows claimed at once. */
  batchSize?: number;
  /** Emails sent in parallel (the SMTP pool opens as many connections). */
  concurrency?: number;
  /** A claim older than this is taken back (the process that made it is gone). */
  staleAfterMinutes?: number;
  /** After this many failed attempts the email is « échec » (an allowed role may resend it). */
  maxAttempts?: number;
  /** Delay before the 2nd, 3rd… attempt; the last value repeats. */
  retryDelaysMinutes?: number[];
  /** Stop after this many emails in one pass (the scheduler runs again a few seconds later). */
  maxPerPass?: number;
}

export const OUTBOX_DEFAULTS = {
  batchSize: 50,
  concurrency: 4,
  staleAfterMinutes: 10,
  maxAttempts: 8,
  // 1 min, 5 min, 15 min, 1 h, 3 h, 6 h, 12 h: about 23 hours before « échec ».
  retryDelaysMinutes: [1, 5, 15, 60, 180, 360, 720],
  maxPerPass: 2000,
} as const;

export interface OutboxPassCounts {
  recovered: number;
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  /** Claimed but given back untried because the SMTP server could not be reached. */
  released: number;
}

/** The server could not be reached (rather than refusing this message): the rest of the batch waits. */
export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY', 'EAUTH', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH'].includes(code ?? '');
}

const MINUTE = 60_000;

export const defaultInstanceId = () => `${os.hostname()}:${process.pid}`.slice(0, 40);

/** Minutes to wait before the next attempt, after `attempts` failed ones (1, 2, …). */
export function retryDelayMinutes(attempts: number, delays: readonly number[] = OUTBOX_DEFAULTS.retryDelaysMinutes): number {
  return delays[Math.min(Math.max(attempts, 1), delays.length) - 1];
}

const errorText = (error: unknown) => {
  const e = error as { message?: string; code?: string; responseCode?: number } | null;
  const parts = [e?.code, e?.responseCode, e?.message ?? String(error)].filter((p) => p !== undefined && p !== null && p !== '');
  return parts.join(' ').slice(0, 2000);
};

/** Claims older than `staleAfterMinutes` go back to the queue (or to « échec » when it was the last attempt). */
export async function recoverStaleClaims(
  dataSource: DataSource, now: Date, staleAfterMinutes: number = OUTBOX_DEFAULTS.staleAfterMinutes, maxAttempts: number = OUTBOX_DEFAULTS.maxAttempts,
): Promise<number> {
  const limit = new Date(now.getTime() - staleAfterMinutes * MINUTE);
  const message = `Envoi interrompu (processus arrêté pendant l'envoi ?) : remis en file le ${now.toISOString()}.`;
  return runInTransaction(dataSource, async (manager) => {
    const stale = await manager.createQueryBuilder(OutboxEmail, 'o').select(['o.id', 'o.attempts', 'o.claimedBy', 'o.relatedType', 'o.relatedId'])
      .where("o.status = 'envoi' AND o.claimedAt < :limit", { limit }).getMany();
    let recovered = 0;
    for (const row of stale) {
      const last = row.attempts + 1 >= maxAttempts;
      const result = await manager.createQueryBuilder().update(OutboxEmail)
        .set({
          status: last ? 'echec' : 'en-attente', attempts: () => 'attempts + 1', claimedBy: null, claimedAt: null,
          nextAttemptAt: now, lastError: message,
        })
        .where("id = :id AND status = 'envoi' AND claimedBy = :token", { id: row.id, token: row.claimedBy })
        .execute();
      if (result.affected !== 1) continue;
      recovered++;
      if (last) await syncRecipient(manager, row, 'echec', null);
    }
    return recovered;
  });
}

/** Claims up to `limit` due emails for `token`; returns the rows now carrying it (none when nothing is due). */
export async function claimOutboxEmails(dataSource: DataSource, now: Date, token: string, limit: number): Promise<OutboxEmail[]> {
  // Another instance may claim the same candidates first (its UPDATE wins, ours matches nothing):
  // look again, in a new transaction so that its commit is visible.
  for (let attempt = 0; attempt < 10; attempt++) {
    const { due, claimed } = await runInTransaction(dataSource, async (manager) => {
      const candidates = await manager.createQueryBuilder(OutboxEmail, 'o').select('o.id', 'id')
        .where("o.status = 'en-attente' AND o.nextAttemptAt <= :now", { now })
        .orderBy('o.nextAttemptAt', 'ASC').addOrderBy('o.id', 'ASC').limit(limit).getRawMany<{ id: number }>();
      if (candidates.length === 0) return { due: 0, claimed: [] };
      const ids = candidates.map((d) => Number(d.id));
      await manager.createQueryBuilder().update(OutboxEmail)
        .set({ status: 'envoi', claimedBy: token, claimedAt: now })
        .where("id IN (:...ids) AND status = 'en-attente' AND nextAttemptAt <= :now", { ids, now })
        .execute();
      return { due: ids.length, claimed: await manager.find(OutboxEmail, { where: { id: In(ids), claimedBy: token, status: 'envoi' }, order: { id: 'ASC' } }) };
    });
    if (claimed.length > 0 || due === 0) return claimed;
  }
  return [];
}

type RelatedRow = Pick<OutboxEmail, 'relatedType' | 'relatedId'>;

/** A password-change notice: the recipient's status (proof of notice) follows its email. */
async function syncRecipient(manager: EntityManager, row: RelatedRow, status: 'envoye' | 'echec' | 'en-attente', sentAt: Date | null) {
  if (row.relatedType !== CAMPAIGN_RECIPIENT_RELATED_TYPE || !row.relatedId) return;
  await manager.update(PasswordCampaignRecipient, { id: Number(row.relatedId) }, { status, sentAt });
}

const ATTACHMENT_NAMES: Record<string, string> = {
  'renewal-notice': 'avis-de-reconduction',
  'habilitation-letter': 'notification-habilitation',
  'termination-letter': 'courrier-fin-de-convention',
  'cover-letter': 'courrier-envoi-convention',
  'incomplete-reminder-letter': 'relance-demande-acces',
  'incomplete-closure-letter': 'classement-sans-suite-demande-acces',
};

async function loadAttachments(deps: OutboxDeps, row: OutboxEmail): Promise<MailAttachment[]> {
  const ids = attachmentIds(row);
  if (ids.length === 0) return [];
  const documents = await deps.dataSource.manager.findBy(Document, { id: In(ids) });
  return Promise.all(ids.map(async (id) => {
    const document = documents.find((d) => d.id === id);
    if (!document) throw new Error(`Pièce jointe introuvable : document n° ${id}`);
    const name = `${ATTACHMENT_NAMES[document.kind] ?? document.kind}-${(document.reference ?? String(document.id)).replace(/[^\w-]+/g, '-')}.pdf`;
    // A file changed on disk is never sent; a missing one is regenerated when it can be (journaled).
    const file = await openDocumentFile(deps.dataSource, deps.storage, SYSTEM_ACTOR, document, deps.clock.now());
    if (!file.ok) throw new Error(`Pièce jointe « ${document.title} » (document n° ${id}) : ${file.message}`);
    return { filename: name, content: file.content, contentType: 'application/pdf' };
  }));
}

type Outcome = 'sent' | 'retried' | 'failed' | 'lost-claim';

/** Sends one claimed row and records the outcome; returns what happened (and the error, if any). */
async function sendOne(
  deps: OutboxDeps, row: OutboxEmail, token: string, replyTo: string | undefined, options: Required<OutboxWorkerOptions>,
): Promise<{ outcome: Outcome; failure: unknown }> {
  let failure: unknown = null;
  try {
    await deps.mailer.send({
      to: splitAddresses(row.to), cc: splitAddresses(row.cc), replyTo, subject: row.subject, html: row.html, text: row.text,
      attachments: await loadAttachments(deps, row),
      messageId: `outbox-${row.id}-${row.createdAt.getTime()}`,
    });
  } catch (error) {
    failure = error;
  }
  const now = deps.clock.now();
  const outcome = await runInTransaction(deps.dataSource, async (manager): Promise<Outcome> => {
    const mine = () => manager.createQueryBuilder().update(OutboxEmail)
      .where("id = :id AND status = 'envoi' AND claimedBy = :token", { id: row.id, token });
    if (failure === null) {
      const result = await mine().set({ status: 'envoye', sentAt: now, attempts: () => 'attempts + 1', claimedBy: null }).execute();
      if (result.affected !== 1) return 'lost-claim';
      await syncRecipient(manager, row, 'envoye', now);
      return 'sent';
    }
    const attempts = row.attempts + 1;
    const last = attempts >= options.maxAttempts;
    const result = await mine().set({
      status: last ? 'echec' : 'en-attente', attempts, claimedBy: null, claimedAt: null, lastError: errorText(failure),
      nextAttemptAt: last ? now : new Date(now.getTime() + retryDelayMinutes(attempts, options.retryDelaysMinutes) * MINUTE),
    }).execute();
    if (result.affected !== 1) return 'lost-claim';
    if (last) await syncRecipient(manager, row, 'echec', null);
    return last ? 'failed' : 'retried';
  });
  return { outcome, failure };
}

/** Gives claimed rows back to the queue untried (attempts unchanged), due in one minute. */
async function releaseClaims(dataSource: DataSource, rows: OutboxEmail[], token: string, now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  return runInTransaction(dataSource, async (manager) => {
    const result = await manager.createQueryBuilder().update(OutboxEmail)
      .set({ status: 'en-attente', claimedBy: null, claimedAt: null, nextAttemptAt: new Date(now.getTime() + MINUTE) })
      .where("id IN (:...ids) AND status = 'envoi' AND claimedBy = :token", { ids: rows.map((r) => r.id), token })
      .execute();
    return result.affected ?? 0;
  });
}

/**
 * One pass of the worker: takes back stale claims, then claims and sends due emails batch after batch
 * until none is due (or `maxPerPass`). Returns the counts for the JobRun.
 */
export async function deliverOutbox(deps: OutboxDeps, options: OutboxWorkerOptions = {}): Promise<OutboxPassCounts> {
  const o = { ...OUTBOX_DEFAULTS, instanceId: defaultInstanceId(), ...options } as Required<OutboxWorkerOptions>;
  const counts: OutboxPassCounts = { recovered: 0, claimed: 0, sent: 0, retried: 0, failed: 0, released: 0 };
  counts.recovered = await recoverStaleClaims(deps.dataSource, deps.clock.now(), o.staleAfterMinutes, o.maxAttempts);
  const replyTo = await getSettings(deps.dataSource.manager).then((s) => s.contactEmail, () => undefined);

  let unreachable = false;
  while (!unreachable && counts.claimed < o.maxPerPass) {
    const token = `${o.instanceId}:${randomUUID().slice(0, 8)}`.slice(0, 64);
    const rows = await claimOutboxEmails(deps.dataSource, deps.clock.now(), token, Math.min(o.batchSize, o.maxPerPass - counts.claimed));
    if (rows.length === 0) break;
    counts.claimed += rows.length;
    let next = 0;
    const lane = async () => {
      while (!unreachable && next < rows.length) {
        const { outcome, failure } = await sendOne(deps, rows[next++], token, replyTo, o);
        if (outcome === 'sent') counts.sent++;
        else if (outcome === 'retried') counts.retried++;
        else if (outcome === 'failed') counts.failed++;
        // SMTP down: one failed attempt is enough to know it; the others wait for the next pass.
        if (failure !== null && isConnectionError(failure)) unreachable = true;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(o.concurrency, rows.length)) }, lane));
    if (unreachable) counts.released += await releaseClaims(deps.dataSource, rows.slice(next), token, deps.clock.now());
  }
  return counts;
}
