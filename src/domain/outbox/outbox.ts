// The outbox (issue 6 « Outbox and delivery »): every email is first an OutboxEmail row written with
// the caller's EntityManager, i.e. in the transaction of the change that causes it, so the email is
// committed together with the decision or not at all. The worker (outbox.worker.ts) sends it later.
import type { EntityManager } from 'typeorm';
import { OutboxEmail } from '../../entities/outbox-email.entity.js';
import { foldEmail } from '../shared/normalize.js';
import { validateEmail } from '../shared/validators.js';

/** One email to queue; `attachments` are Document ids (the PDF is read from storage when sending). */
export interface OutboxMessage {
  kind: string;
  to: string[];
  cc?: string[];
  subject: string;
  html: string;
  text: string;
  attachments?: number[];
  relatedType?: string | null;
  relatedId?: string | number | null;
}

/** The relatedType of a password-change notice to a user: the worker keeps the recipient's status in step. */
export const CAMPAIGN_RECIPIENT_RELATED_TYPE = 'PasswordCampaignRecipient';

/** Valid, lowercase, without duplicates (the order of first appearance is kept). */
export function cleanAddresses(addresses: Array<string | null | undefined>, exclude: string[] = []): string[] {
  const seen = new Set(exclude.map(foldEmail));
  const result: string[] = [];
  for (const address of addresses) {
    if (!address) continue;
    const checked = validateEmail(address);
    if (!checked.ok || seen.has(checked.value)) continue;
    seen.add(checked.value);
    result.push(checked.value);
  }
  return result;
}

/** MariaDB DATETIME keeps whole seconds: the first attempt is due at the second of queueing, never later. */
export const wholeSecond = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

/** The row to insert for `message`, due at `now` (throws when there is no valid recipient). */
export function outboxRow(message: OutboxMessage, now: Date): Partial<OutboxEmail> {
  const to = cleanAddresses(message.to);
  if (to.length === 0) throw new Error(`Courriel « ${message.kind} » sans destinataire valide`);
  const cc = cleanAddresses(message.cc ?? [], to);
  return {
    kind: message.kind.slice(0, 48),
    to: to.join(','),
    cc: cc.length ? cc.join(',') : null,
    subject: message.subject.slice(0, 255),
    html: message.html,
    text: message.text,
    attachments: message.attachments?.length ? JSON.stringify(message.attachments) : null,
    relatedType: message.relatedType ?? null,
    relatedId: message.relatedId === undefined || message.relatedId === null ? null : String(message.relatedId),
    status: 'en-attente',
    attempts: 0,
    nextAttemptAt: wholeSecond(now),
    claimedBy: null,
    claimedAt: null,
    sentAt: null,
    lastError: null,
  };
}

/** Queues one email in the caller's transaction; returns its id. */
export async function enqueueEmail(manager: EntityManager, message: OutboxMessage, now: Date = new Date()): Promise<number> {
  const result = await manager.insert(OutboxEmail, outboxRow(message, now));
  return Number(result.identifiers[0].id);
}

/** Queues many emails with multi-row INSERTs (campaigns); ids are not returned (find them by relatedType/relatedId). */
export async function enqueueEmails(manager: EntityManager, messages: OutboxMessage[], now: Date = new Date(), chunk = 250): Promise<void> {
  const rows = messages.map((m) => outboxRow(m, now));
  for (let i = 0; i < rows.length; i += chunk) {
    await manager.createQueryBuilder().insert().into(OutboxEmail).values(rows.slice(i, i + chunk)).updateEntity(false).execute();
  }
}

/** The Document ids attached to a row. */
export function attachmentIds(row: Pick<OutboxEmail, 'attachments'>): number[] {
  if (!row.attachments) return [];
  const parsed: unknown = JSON.parse(row.attachments);
  return Array.isArray(parsed) ? parsed.map(Number).filter((n) => Number.isInteger(n) && n > 0) : [];
}

export const splitAddresses = (value: string | null): string[] => (value ? value.split(',').map((a) => a.trim()).filter(Boolean) : []);
