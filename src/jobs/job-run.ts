// Every run of a scheduled job leaves a JobRun row (issue 6: « Each job run is logged (start, end,
// counts, errors) and visible in the back-office »): 'en-cours' at start, then 'termine' with the
// counts or 'echec' with the error. Frequent jobs (the outbox every few seconds) may ask to be logged
// only when they did something or failed, so the list stays readable.
import os from 'node:os';
import type { DataSource } from 'typeorm';
import { JobRun } from '../entities/job-run.entity.js';
import { runInTransaction } from '../domain/shared/transaction.js';
import type { Clock } from '../domain/shared/clock.js';

export type JobCounts = Record<string, number>;

/** Some items failed, the others were done: the run is logged with its counts AND the errors. */
export class JobPartialFailure extends Error {
  constructor(readonly counts: JobCounts, readonly errors: string[]) {
    super(errors.join('\n'));
  }
}

export const instanceName = () => `${os.hostname()}:${process.pid}`.slice(0, 64);

export interface LoggedRun {
  job: string;
  counts: JobCounts | null;
  error: string | null;
  jobRunId: number | null;
}

export interface RunOptions {
  clock: Clock;
  instance?: string;
  /** Log only the runs for which this returns true (errors are always logged). Default: every run. */
  logWhen?: (counts: JobCounts) => boolean;
}

const errorText = (error: unknown) => String((error as Error)?.stack ?? error).slice(0, 4000);

/** Runs `work` and records it in JobRun; never throws (the error is in the result and in the row). */
export async function runLoggedJob(dataSource: DataSource, job: string, work: () => Promise<JobCounts>, options: RunOptions): Promise<LoggedRun> {
  const instance = options.instance ?? instanceName();
  const startedAt = options.clock.now();
  const logAll = !options.logWhen;
  const started = logAll
    ? await runInTransaction(dataSource, (m) => m.save(JobRun, { job, startedAt, status: 'en-cours', instance } as Partial<JobRun>))
    : null;
  let counts: JobCounts | null = null;
  let error: string | null = null;
  try {
    counts = await work();
  } catch (failure) {
    if (failure instanceof JobPartialFailure) counts = failure.counts;
    error = failure instanceof JobPartialFailure ? failure.message : errorText(failure);
  }
  const end = {
    endedAt: options.clock.now(), status: (error ? 'echec' : 'termine') as JobRun['status'],
    counts: counts ? JSON.stringify(counts) : null, error,
  };
  let jobRunId = started?.id ?? null;
  try {
    if (started) await runInTransaction(dataSource, (m) => m.update(JobRun, { id: started.id }, end));
    else if (error || options.logWhen!(counts ?? {})) {
      jobRunId = (await runInTransaction(dataSource, (m) => m.save(JobRun, { job, startedAt, instance, ...end } as Partial<JobRun>))).id;
    }
  } catch (logFailure) {
    error ??= `Journal des traitements indisponible : ${errorText(logFailure)}`;
  }
  return { job, counts, error, jobRunId };
}

/** Runs left « en cours » by a process that died are closed as « échec » after `hours`. */
export async function closeAbandonedRuns(dataSource: DataSource, now: Date, hours = 6): Promise<number> {
  const limit = new Date(now.getTime() - hours * 3_600_000);
  return runInTransaction(dataSource, async (m) => (await m.createQueryBuilder().update(JobRun)
    .set({ status: 'echec', endedAt: now, error: 'Traitement interrompu (processus arrêté).' })
    .where("status = 'en-cours' AND startedAt < :limit", { limit }).execute()).affected ?? 0);
}
