// Daily job: connection traces (logins, failed attempts, lockouts, logouts) are kept 6 months
// (convention art. 3; service overview « traces … conservées pendant 6 mois »), or longer when
// Settings.traceRetentionMonths says so, never less. The other journal entries (decisions) are kept the
// legal duration the Caf sets (Settings.decisionRetentionYears, 5 years by default), sent emails
// Settings.sentEmailRetentionMonths (12 by default): without it both grew for ever (issue 14 §5); the
// sent emails that are evidence (PROOF_EMAIL_KINDS) are kept as long as the decisions.
// Journal entries under a legal hold set by the Administrateur are never deleted. Expired sessions go
// too. Everything is deleted in batches, each its own short transaction. Safe twice and on two
// instances: a DELETE of rows already gone deletes nothing.
import { In, LessThan, Not, type DataSource, type EntityTarget, type FindOptionsOrder, type FindOptionsSelect, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { AuditEvent } from '../entities/audit-event.entity.js';
import { OutboxEmail } from '../entities/outbox-email.entity.js';
import { pruneExpiredSessions } from '../auth/session-store.js';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../domain/audit/audit.js';
import { runInTransaction } from '../domain/shared/transaction.js';
import { getSettings } from '../domain/settings/settings.js';
import type { Clock } from '../domain/shared/clock.js';
import { addMonths } from '../domain/shared/dates.js';
import { CAMPAIGN_COPY_KIND } from '../domain/password-campaign/password-campaign.use-cases.js';

export const TRACE_PURGE_JOB = 'trace-purge';
/** The journal actions that are connection traces (src/auth/login.ts, and the second factor's steps). */
export const TRACE_ACTIONS = [
  'login.success', 'login.failure', 'login.lockout', 'login.mfa-required', 'login.mfa-success', 'login.mfa-failure', 'logout',
] as const;
/**
 * Sent emails that are evidence, kept as long as the decisions: the copy of a password campaign's
 * notice to each responsable is what the campaign's proof of notice lists (exportNoticeProofCsv).
 */
export const PROOF_EMAIL_KINDS = [CAMPAIGN_COPY_KIND];
/** Convention art. 3: never less than 6 months. */
export const MIN_TRACE_RETENTION_MONTHS = 6;

/** Retention actually applied: Settings, but at least 6 months. */
export const retentionMonths = (configured: number | null | undefined) =>
  Math.max(MIN_TRACE_RETENTION_MONTHS, Number.isInteger(configured) ? Number(configured) : MIN_TRACE_RETENTION_MONTHS);

/** The same instant `months` months earlier (31 August − 6 months → 28/29 February, same time). */
export function monthsBefore(now: Date, months: number): Date {
  const iso = now.toISOString();
  return new Date(`${addMonths(iso.slice(0, 10), -months)}T${iso.slice(11)}`);
}

/**
 * Deletes the rows matching `where`, `batchSize` at a time: ids first, then a DELETE that checks
 * `where` again (a legal hold set meanwhile keeps its row).
 */
async function deleteInBatches<T extends ObjectLiteral & { id: number }>(
  dataSource: DataSource, entity: EntityTarget<T>, where: FindOptionsWhere<T>, batchSize: number,
): Promise<{ deleted: number; batches: number }> {
  let deleted = 0;
  let batches = 0;
  for (;;) {
    const ids = (await dataSource.manager.find(entity, {
      where, select: { id: true } as FindOptionsSelect<T>, order: { id: 'ASC' } as FindOptionsOrder<T>, take: batchSize,
    })).map((row) => row.id);
    if (ids.length === 0) break;
    deleted += await runInTransaction(dataSource, async (manager) =>
      (await manager.delete(entity, { ...where, id: In(ids) })).affected ?? 0);
    batches++;
    if (ids.length < batchSize) break;
  }
  return { deleted, batches };
}

export async function runTracePurgeJob(
  dataSource: DataSource, clock: Clock, options: { batchSize?: number; actor?: Actor } = {},
): Promise<Record<string, number>> {
  const now = clock.now();
  const settings = await getSettings(dataSource.manager);
  const months = retentionMonths(settings.traceRetentionMonths);
  const before = monthsBefore(now, months);
  const decisionsBefore = monthsBefore(now, 12 * settings.decisionRetentionYears);
  const emailsBefore = monthsBefore(now, settings.sentEmailRetentionMonths);
  const batchSize = options.batchSize ?? 1000;
  const traces = await deleteInBatches(dataSource, AuditEvent, { action: In([...TRACE_ACTIONS]), occurredAt: LessThan(before), legalHold: false }, batchSize);
  const decisions = await deleteInBatches(dataSource, AuditEvent, { action: Not(In([...TRACE_ACTIONS])), occurredAt: LessThan(decisionsBefore), legalHold: false }, batchSize);
  const ordinaryEmails = await deleteInBatches(dataSource, OutboxEmail, { status: 'envoye', sentAt: LessThan(emailsBefore), kind: Not(In(PROOF_EMAIL_KINDS)) }, batchSize);
  const proofEmails = await deleteInBatches(dataSource, OutboxEmail, { status: 'envoye', sentAt: LessThan(decisionsBefore), kind: In(PROOF_EMAIL_KINDS) }, batchSize);
  const emails = { deleted: ordinaryEmails.deleted + proofEmails.deleted };
  const sessionsDeleted = await pruneExpiredSessions(dataSource, now);
  if (traces.deleted + decisions.deleted + emails.deleted > 0) {
    await runInTransaction(dataSource, (manager) => recordAudit(manager, options.actor ?? SYSTEM_ACTOR, {
      action: 'journal.purge', entityType: 'AuditEvent',
      details: {
        deleted: traces.deleted, retentionMonths: months, before: before.toISOString(), actions: TRACE_ACTIONS,
        decisionsDeleted: decisions.deleted, decisionRetentionYears: settings.decisionRetentionYears, decisionsBefore: decisionsBefore.toISOString(),
        emailsDeleted: emails.deleted, sentEmailRetentionMonths: settings.sentEmailRetentionMonths, emailsBefore: emailsBefore.toISOString(),
        job: TRACE_PURGE_JOB,
      },
    }, now));
  }
  return {
    deleted: traces.deleted, batches: traces.batches, retentionMonths: months,
    decisionsDeleted: decisions.deleted, decisionRetentionYears: settings.decisionRetentionYears,
    emailsDeleted: emails.deleted, sentEmailRetentionMonths: settings.sentEmailRetentionMonths,
    sessionsDeleted,
  };
}
