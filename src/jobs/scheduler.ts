// The one scheduler (issue 6 « Scheduled jobs »), run by `npm run worker` (src/worker.ts) and, when
// RUN_JOBS_IN_WEB is true, inside the web process:
// - the outbox every few seconds;
// - the password campaigns every few minutes (a notice date is a day, but a campaign planned today
//   for today must not wait for tomorrow);
// - the daily jobs, once per Paris day after `dailyAt`: convention ends, habilitation expiries
//   (scheduled suppressions, CDD ends), incomplete access requests (reminder, closure), renewal notices,
//   campaigns, trace purge.
// Every run is a JobRun row (job-run.ts). Two instances may run the same job at the same time: every
// job is idempotent by conditional updates and unique keys, so the second one simply finds nothing
// left to do; a daily job already finished today (by any instance) is not started again.
import { MoreThanOrEqual, type DataSource } from 'typeorm';
import { createMailer, type Mailer } from '../adapters/mailer.js';
import { openStorage } from '../adapters/open-storage.js';
import type { FileStorage } from '../adapters/storage.js';
import { DEFAULT_MAIL_FROM, type AppConfig } from '../config.js';
import type { Clock } from '../domain/shared/clock.js';
import { systemClock } from '../domain/shared/clock.js';
import { todayInParis } from '../domain/shared/dates.js';
import { JobRun } from '../entities/job-run.entity.js';
import type { OutboxWorkerOptions } from '../domain/outbox/outbox.worker.js';
import { campaignDidSomething, CAMPAIGN_JOB, runCampaignJob } from './campaign.job.js';
import { ACCESS_REQUEST_FOLLOW_UP_JOB, runAccessRequestFollowUpJob } from './access-request-follow-up.job.js';
import { CONTRACT_END_NOTICE_JOB, runContractEndNoticeJob } from './contract-end-notice.job.js';
import { RECERTIFICATION_REMINDER_JOB, runRecertificationReminderJob } from './recertification-reminder.job.js';
import { CONVENTION_END_JOB, runConventionEndJob } from './convention-end.job.js';
import { HABILITATION_EXPIRY_JOB, runHabilitationExpiryJob } from './habilitation-expiry.job.js';
import { closeAbandonedRuns, instanceName, runLoggedJob, type JobCounts, type LoggedRun } from './job-run.js';
import { OUTBOX_JOB, outboxDidSomething, runOutboxJob } from './outbox.job.js';
import { RENEWAL_NOTICE_JOB, runRenewalNoticeJob } from './renewal-notice.job.js';
import { runTracePurgeJob, TRACE_PURGE_JOB } from './trace-purge.job.js';

export interface SchedulerDeps {
  dataSource: DataSource;
  storage: FileStorage;
  mailer: Mailer;
  clock: Clock;
  /** Where run summaries go (default console.log); null: silent. */
  log?: ((line: string) => void) | null;
}

export interface SchedulerOptions {
  outboxEveryMs?: number;
  campaignsEveryMs?: number;
  /** How often the daily jobs check whether today's run is due. */
  dailyCheckEveryMs?: number;
  /** Paris time after which the daily jobs of the day run ('HH:MM'). */
  dailyAt?: string;
  instance?: string;
  outbox?: OutboxWorkerOptions;
}

export const SCHEDULER_DEFAULTS = {
  outboxEveryMs: 5_000,
  campaignsEveryMs: 5 * 60_000,
  dailyCheckEveryMs: 60_000,
  dailyAt: '00:05',
} as const;

export interface JobDefinition {
  name: string;
  run: (deps: SchedulerDeps) => Promise<JobCounts>;
}

/** The daily jobs, in this order: revocations first, so the renewal notices list who is still active. */
export const DAILY_JOBS: JobDefinition[] = [
  { name: CONVENTION_END_JOB, run: (d) => runConventionEndJob(d.dataSource, d.clock) },
  { name: HABILITATION_EXPIRY_JOB, run: (d) => runHabilitationExpiryJob(d.dataSource, d.clock) },
  { name: ACCESS_REQUEST_FOLLOW_UP_JOB, run: (d) => runAccessRequestFollowUpJob(d.dataSource, d.clock, d.storage) },
  // After the expiry job: a CDD that has ended is revoked, not announced.
  { name: CONTRACT_END_NOTICE_JOB, run: (d) => runContractEndNoticeJob(d.dataSource, d.clock, d.storage) },
  { name: RENEWAL_NOTICE_JOB, run: (d) => runRenewalNoticeJob(d.dataSource, d.clock, d.storage) },
  { name: CAMPAIGN_JOB, run: (d) => runCampaignJob(d.dataSource, d.clock) },
  { name: TRACE_PURGE_JOB, run: (d) => runTracePurgeJob(d.dataSource, d.clock) },
  { name: RECERTIFICATION_REMINDER_JOB, run: (d) => runRecertificationReminderJob(d.dataSource, d.clock) },
];

const parisTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Midnight (UTC instant) of the Paris day of `now`, give or take the offset: used only to find today's runs. */
function startOfParisDay(now: Date): Date {
  const [hours, minutes] = parisTime.format(now).split(':').map(Number);
  return new Date(now.getTime() - (hours * 60 + minutes) * 60_000 - now.getUTCSeconds() * 1000 - now.getUTCMilliseconds());
}

/** True when `job` already finished (or is running, started less than 6 hours ago) today, Paris time. */
export async function ranToday(dataSource: DataSource, job: string, now: Date): Promise<boolean> {
  const runs = await dataSource.manager.find(JobRun, {
    where: { job, startedAt: MoreThanOrEqual(startOfParisDay(now)) }, select: { id: true, status: true, startedAt: true },
  });
  return runs.some((r) => r.status === 'termine' || (r.status === 'en-cours' && now.getTime() - r.startedAt.getTime() < 6 * 3_600_000));
}

/** Runs every daily job once, now, each logged (also used by tests and by « lancer maintenant »). */
export async function runDailyJobs(deps: SchedulerDeps, options: { onlyIfNotRunToday?: boolean; instance?: string } = {}): Promise<LoggedRun[]> {
  const results: LoggedRun[] = [];
  for (const job of DAILY_JOBS) {
    if (options.onlyIfNotRunToday && (await ranToday(deps.dataSource, job.name, deps.clock.now()))) continue;
    results.push(await runLoggedJob(deps.dataSource, job.name, () => job.run(deps), { clock: deps.clock, instance: options.instance }));
  }
  return results;
}

export interface Scheduler {
  /** Stops the timers and waits for the running jobs. */
  stop(): Promise<void>;
}

export function startScheduler(deps: SchedulerDeps, options: SchedulerOptions = {}): Scheduler {
  const o = { ...SCHEDULER_DEFAULTS, instance: instanceName(), ...options };
  const log = deps.log === undefined ? (line: string) => console.log(line) : deps.log;
  const running = new Map<string, Promise<unknown>>();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;

  const report = (run: LoggedRun) => {
    if (!log) return;
    if (run.error) log(`[${run.job}] échec : ${run.error.split('\n')[0]}`);
    else if (run.counts && Object.values(run.counts).some((n) => n > 0)) log(`[${run.job}] ${JSON.stringify(run.counts)}`);
  };

  /** One run of `name` at a time in this process; a tick while it runs is skipped. */
  const once = (name: string, work: () => Promise<void>) => {
    if (stopped || running.has(name)) return;
    const promise = work().catch((error) => log?.(`[${name}] erreur : ${String(error)}`)).finally(() => running.delete(name));
    running.set(name, promise);
  };

  const outbox = () => once(OUTBOX_JOB, async () => {
    report(await runLoggedJob(deps.dataSource, OUTBOX_JOB, () => runOutboxJob(deps, { instanceId: o.instance.slice(0, 40), ...o.outbox }),
      { clock: deps.clock, instance: o.instance, logWhen: outboxDidSomething }));
  });
  const campaigns = () => once(CAMPAIGN_JOB, async () => {
    report(await runLoggedJob(deps.dataSource, CAMPAIGN_JOB, () => runCampaignJob(deps.dataSource, deps.clock),
      { clock: deps.clock, instance: o.instance, logWhen: campaignDidSomething }));
  });
  const daily = () => once('daily', async () => {
    const now = deps.clock.now();
    if (parisTime.format(now) < o.dailyAt) return;
    await closeAbandonedRuns(deps.dataSource, now);
    for (const run of await runDailyJobs(deps, { onlyIfNotRunToday: true, instance: o.instance })) report(run);
  });

  timers.push(setInterval(outbox, o.outboxEveryMs), setInterval(campaigns, o.campaignsEveryMs), setInterval(daily, o.dailyCheckEveryMs));
  for (const timer of timers) timer.unref?.();
  outbox();
  daily();
  log?.(`Traitements planifiés démarrés (${o.instance}) : courriels toutes les ${o.outboxEveryMs / 1000} s, tâches quotidiennes après ${o.dailyAt} (heure de Paris), le jour : ${todayInParis(deps.clock.now())}.`);

  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      await Promise.allSettled([...running.values()]);
    },
  };
}

/** The scheduler with the adapters built from the configuration (worker, and web process when RUN_JOBS_IN_WEB). */
export function startSchedulerFromConfig(config: AppConfig, dataSource: DataSource, clock: Clock = systemClock): Scheduler & { mailer: Mailer } {
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom ?? DEFAULT_MAIL_FROM, dataDir: config.dataDir });
  const storage = openStorage(config);
  const scheduler = startScheduler({ dataSource, storage, mailer, clock });
  return {
    mailer,
    async stop() {
      await scheduler.stop();
      mailer.close();
    },
  };
}
