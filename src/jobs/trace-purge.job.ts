// Daily job: connection traces (logins, failed attempts, lockouts, logouts) are kept 6 months
// (convention art. 3; service overview « traces … conservées pendant 6 mois »), or longer when
// Settings.traceRetentionMonths says so, never less. Older ones are deleted in batches, each its own
// short transaction, except those under a legal hold set by the Administrateur. Decisions and other
// journal entries are never purged. Safe twice and on two instances: a DELETE of rows already gone
// deletes nothing.
import { In, LessThan, type DataSource } from 'typeorm';
import { AuditEvent } from '../entities/audit-event.entity.js';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../domain/audit/audit.js';
import { runInTransaction } from '../domain/shared/transaction.js';
import { getSettings } from '../domain/settings/settings.js';
import type { Clock } from '../domain/shared/clock.js';
import { addMonths } from '../domain/shared/dates.js';

export const TRACE_PURGE_JOB = 'trace-purge';
/** The journal actions that are connection traces (src/auth/login.ts). */
export const TRACE_ACTIONS = ['login.success', 'login.failure', 'login.lockout', 'logout'] as const;
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

export async function runTracePurgeJob(
  dataSource: DataSource, clock: Clock, options: { batchSize?: number; actor?: Actor } = {},
): Promise<Record<string, number>> {
  const now = clock.now();
  const months = retentionMonths((await getSettings(dataSource.manager)).traceRetentionMonths);
  const before = monthsBefore(now, months);
  const batchSize = options.batchSize ?? 1000;
  let deleted = 0;
  let batches = 0;
  for (;;) {
    const ids = (await dataSource.manager.find(AuditEvent, {
      where: { action: In([...TRACE_ACTIONS]), occurredAt: LessThan(before), legalHold: false },
      select: { id: true }, order: { id: 'ASC' }, take: batchSize,
    })).map((e) => e.id);
    if (ids.length === 0) break;
    // The hold is checked again by the DELETE itself: one set meanwhile keeps its row.
    deleted += await runInTransaction(dataSource, async (manager) =>
      (await manager.delete(AuditEvent, { id: In(ids), legalHold: false, action: In([...TRACE_ACTIONS]) })).affected ?? 0);
    batches++;
    if (ids.length < batchSize) break;
  }
  if (deleted > 0) {
    await runInTransaction(dataSource, (manager) => recordAudit(manager, options.actor ?? SYSTEM_ACTOR, {
      action: 'journal.purge', entityType: 'AuditEvent',
      details: { deleted, retentionMonths: months, before: before.toISOString(), actions: TRACE_ACTIONS, job: TRACE_PURGE_JOB },
    }, now));
  }
  return { deleted, batches, retentionMonths: months };
}
