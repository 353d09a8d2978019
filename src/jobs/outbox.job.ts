// The outbox worker as a scheduled job (every few seconds): see src/domain/outbox/outbox.worker.ts.
import { deliverOutbox, type OutboxDeps, type OutboxWorkerOptions } from '../domain/outbox/outbox.worker.js';
import type { JobCounts } from './job-run.js';

export const OUTBOX_JOB = 'outbox';

export async function runOutboxJob(deps: OutboxDeps, options: OutboxWorkerOptions = {}): Promise<JobCounts> {
  return { ...(await deliverOutbox(deps, options)) };
}

/** The outbox runs every few seconds: a JobRun only when it did something. */
export const outboxDidSomething = (counts: JobCounts) => Object.values(counts).some((n) => n > 0);
