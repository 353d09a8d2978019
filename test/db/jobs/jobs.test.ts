// The scheduled jobs of issue 6: renewal notices (once per convention and anniversary, even run twice
// or on two instances), the 6-month trace purge (legal holds kept), the password campaigns, and the
// scheduler that logs every run in JobRun and runs the outbox.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { registerNotificationHandlers } from '../../../src/domain/notifications/notification-handlers.js';
import { enqueueEmail } from '../../../src/domain/outbox/outbox.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { Document } from '../../../src/entities/document.entity.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { JobRun } from '../../../src/entities/job-run.entity.js';
import { OutboxEmail } from '../../../src/entities/outbox-email.entity.js';
import { PasswordCampaign } from '../../../src/entities/password-campaign.entity.js';
import { CAMPAIGN_COPY_KIND } from '../../../src/domain/password-campaign/password-campaign.use-cases.js';
import { Session } from '../../../src/entities/session.entity.js';
import { Settings } from '../../../src/entities/settings.entity.js';
import { runCampaignJob } from '../../../src/jobs/campaign.job.js';
import { JobPartialFailure, runLoggedJob } from '../../../src/jobs/job-run.js';
import { runRenewalNoticeJob } from '../../../src/jobs/renewal-notice.job.js';
import { DAILY_JOBS, ranToday, runDailyJobs, startScheduler } from '../../../src/jobs/scheduler.js';
import { monthsBefore, runTracePurgeJob } from '../../../src/jobs/trace-purge.job.js';
import {
  makeActiveHabilitation, makeSignedConventionWithResponsable, openMailContext, secondDataSource, type MailContext,
} from '../outbox/support.js';
import { pdfText } from '../../support/pdf-text.js';

describe('scheduled jobs', () => {
  let ctx: MailContext;
  beforeAll(async () => {
    ctx = await openMailContext('2026-11-23T10:00:00Z');
    registerNotificationHandlers({ clock: ctx.clock });
  });
  afterAll(async () => {
    await ctx?.close();
  });
  beforeEach(() => {
    ctx.clock.set('2026-11-23T10:00:00Z');
    ctx.smtp.messages.length = 0;
  });

  describe('renewal notices', () => {
    it('run twice, and on two instances at once: one notice and one email per convention and anniversary', async () => {
      // Anniversary on 10 January 2027: its last day to denounce (10 November) is within the 90 days
      // (Settings), even past: a late run still notifies.
      const due = await makeSignedConventionWithResponsable(ctx.dataSource, { effectiveDate: '2025-01-10' });
      await makeActiveHabilitation(ctx.dataSource, due.convention.id);
      // Anniversary on 3 May 2027, last day 3 March: 100 days away, not yet.
      const notYet = await makeSignedConventionWithResponsable(ctx.dataSource, { effectiveDate: '2025-05-03' });

      const other: DataSource = await secondDataSource(ctx.config);
      try {
        const [a, b] = await Promise.all([
          runRenewalNoticeJob(ctx.dataSource, ctx.clock, ctx.storage),
          runRenewalNoticeJob(other, ctx.clock, ctx.storage),
        ]);
        expect(a.created + b.created).toBe(1);
        expect(a.failed + b.failed).toBe(0);
      } finally {
        await other.destroy();
      }
      const again = await runRenewalNoticeJob(ctx.dataSource, ctx.clock, ctx.storage);
      expect(again).toMatchObject({ created: 0, failed: 0 });
      expect(again.existing).toBeGreaterThanOrEqual(1);
      // The next day too.
      ctx.clock.set('2026-11-24T10:00:00Z');
      expect(await runRenewalNoticeJob(ctx.dataSource, ctx.clock, ctx.storage)).toMatchObject({ created: 0 });

      const notices = await ctx.dataSource.getRepository(Document).findBy({ kind: 'renewal-notice', subjectId: due.convention.id });
      expect(notices).toHaveLength(1);
      expect(notices[0].dedupeKey).toBe(`renewal-notice:${due.convention.id}:2027-01-10`);
      expect(await ctx.dataSource.getRepository(Document).countBy({ kind: 'renewal-notice', subjectId: notYet.convention.id })).toBe(0);
      const emails = await ctx.dataSource.getRepository(OutboxEmail).findBy({ kind: 'renewal-notice', relatedId: String(notices[0].id) });
      expect(emails).toHaveLength(1);
      expect(emails[0].to).toBe(`${due.partner.email},${due.responsable!.email}`);

      await ctx.deliver();
      const [mail] = await ctx.smtp.waitFor(1);
      expect(mail.subject).toBe(`Avis de reconduction de la convention Cafpro n° ${due.convention.number} au 10 janvier 2027`);
      expect(mail.attachments).toHaveLength(1);
    });

    it('a data-provision partner is notified 90 days before its own last day (three months before the anniversary)', async () => {
      // Effective 5 February 2026: anniversary 5 February 2027, last day to terminate 5 November 2026.
      const { convention } = await makeSignedConventionWithResponsable(ctx.dataSource, { effectiveDate: '2026-02-05', profileCode: 'MAD', responsable: null });
      const notices = () => ctx.dataSource.getRepository(Document).findBy({ kind: 'renewal-notice', subjectId: convention.id });
      ctx.clock.set('2026-08-06T10:00:00Z');
      await runRenewalNoticeJob(ctx.dataSource, ctx.clock, ctx.storage);
      expect(await notices()).toHaveLength(0);
      ctx.clock.set('2026-08-07T10:00:00Z');
      await runRenewalNoticeJob(ctx.dataSource, ctx.clock, ctx.storage);
      const [notice] = await notices();
      expect(notice).toMatchObject({ dedupeKey: `renewal-notice:${convention.id}:2027-02-05` });
      const text = (await pdfText(await ctx.storage.read(notice!))).flat;
      expect(text).toContain('le dernier jour pour résilier la convention est le 5 novembre 2026.');
    });
  });

  describe('trace purge', () => {
    const trace = (action: string, occurredAt: string, legalHold = false) =>
      ctx.dataSource.getRepository(AuditEvent).save({ action, occurredAt: new Date(occurredAt), actorEmail: 'agent@demo.caf.fr', legalHold } as Partial<AuditEvent>);

    it('deletes login traces older than 6 months in batches, keeps the recent ones, the held ones and every decision', async () => {
      await ctx.dataSource.query("DELETE FROM audit_event WHERE action LIKE 'login.%' OR action = 'logout'");
      const old = [
        await trace('login.success', '2026-05-23T09:59:59Z'),
        await trace('login.failure', '2025-12-01T08:00:00Z'),
        await trace('login.lockout', '2026-03-01T08:00:00Z'),
        await trace('logout', '2026-01-01T08:00:00Z'),
        await trace('login.success', '2025-06-01T08:00:00Z'),
        // The second factor's steps are connection traces too.
        await trace('login.mfa-failure', '2026-04-01T08:00:00Z'),
        await trace('login.mfa-success', '2026-04-01T08:00:01Z'),
      ];
      const kept = [
        await trace('login.success', '2026-05-23T10:00:01Z'),
        await trace('login.failure', '2025-01-01T08:00:00Z', true),
        await trace('access-request.approve', '2024-01-01T08:00:00Z'),
      ];
      // A retention below 6 months is not applied (convention art. 3).
      await ctx.dataSource.getRepository(Settings).update({ id: 1 }, { traceRetentionMonths: 3 });
      expect(await runTracePurgeJob(ctx.dataSource, ctx.clock, { batchSize: 2 })).toMatchObject({ deleted: 7, batches: 4, retentionMonths: 6 });
      const left = await ctx.dataSource.getRepository(AuditEvent).find({ select: { id: true } });
      const ids = left.map((e) => e.id);
      for (const e of old) expect(ids).not.toContain(e.id);
      for (const e of kept) expect(ids).toContain(e.id);
      // The purge itself is journalled (and is not a trace, so never purged).
      expect(await ctx.dataSource.getRepository(AuditEvent).findOneBy({ action: 'journal.purge' })).toMatchObject({ actorEmail: 'système' });
      expect(await runTracePurgeJob(ctx.dataSource, ctx.clock)).toMatchObject({ deleted: 0 });
    });

    it('a longer retention from the Settings is honoured', async () => {
      const recent = await trace('logout', '2026-01-01T08:00:00Z');
      const older = await trace('logout', '2025-11-01T08:00:00Z');
      await ctx.dataSource.getRepository(Settings).update({ id: 1 }, { traceRetentionMonths: 12 });
      try {
        expect(await runTracePurgeJob(ctx.dataSource, ctx.clock)).toMatchObject({ retentionMonths: 12 });
        expect(await ctx.dataSource.getRepository(AuditEvent).existsBy({ id: recent.id })).toBe(true);
        expect(await ctx.dataSource.getRepository(AuditEvent).existsBy({ id: older.id })).toBe(false);
      } finally {
        await ctx.dataSource.getRepository(Settings).update({ id: 1 }, { traceRetentionMonths: 6 });
      }
    });

    it('deletes decisions past the legal duration and sent emails past their retention, held entries and unsent emails kept', async () => {
      const email = (status: OutboxEmail['status'], sentAt: string | null, kind = 'essai') => ctx.dataSource.getRepository(OutboxEmail).save({
        kind, to: 'a@essai.fr', subject: 'Essai', html: '<p>x</p>', text: 'x', status, nextAttemptAt: new Date('2025-01-01T08:00:00Z'),
        sentAt: sentAt ? new Date(sentAt) : null,
      } as Partial<OutboxEmail>);
      const decisions = {
        old: await trace('habilitation.revoke', '2021-11-23T09:59:59Z'),
        held: await trace('convention.sign', '2020-01-01T08:00:00Z', true),
        recent: await trace('habilitation.revoke', '2021-11-23T10:00:01Z'),
      };
      const emails = {
        old: await email('envoye', '2025-11-23T09:59:59Z'),
        recent: await email('envoye', '2025-11-23T10:00:01Z'),
        failed: await email('echec', null),
        // The copy to a responsable of a campaign's notice is proof: kept like the decisions.
        proof: await email('envoye', '2023-05-01T08:00:00Z', CAMPAIGN_COPY_KIND),
        oldProof: await email('envoye', '2021-11-23T09:59:59Z', CAMPAIGN_COPY_KIND),
      };
      const exists = (entity: typeof AuditEvent | typeof OutboxEmail, id: number) => ctx.dataSource.getRepository(entity).existsBy({ id });
      expect(await runTracePurgeJob(ctx.dataSource, ctx.clock, { batchSize: 1 }))
        .toMatchObject({ decisionsDeleted: 1, decisionRetentionYears: 5, emailsDeleted: 2, sentEmailRetentionMonths: 12 });
      expect([await exists(AuditEvent, decisions.old.id), await exists(AuditEvent, decisions.held.id), await exists(AuditEvent, decisions.recent.id)])
        .toEqual([false, true, true]);
      expect([await exists(OutboxEmail, emails.old.id), await exists(OutboxEmail, emails.recent.id), await exists(OutboxEmail, emails.failed.id)])
        .toEqual([false, true, true]);
      expect([await exists(OutboxEmail, emails.proof.id), await exists(OutboxEmail, emails.oldProof.id)]).toEqual([true, false]);
      const purge = await ctx.dataSource.getRepository(AuditEvent).findOne({ where: { action: 'journal.purge' }, order: { id: 'DESC' } });
      expect(JSON.parse(purge!.details!)).toMatchObject({ decisionsDeleted: 1, emailsDeleted: 2 });
      // The durations are the Settings'.
      await ctx.dataSource.getRepository(Settings).update({ id: 1 }, { decisionRetentionYears: 4, sentEmailRetentionMonths: 6 });
      try {
        expect(await runTracePurgeJob(ctx.dataSource, ctx.clock)).toMatchObject({ decisionsDeleted: 1, emailsDeleted: 1 });
        expect(await exists(AuditEvent, decisions.recent.id)).toBe(false);
        expect(await exists(AuditEvent, decisions.held.id)).toBe(true);
        expect(await exists(OutboxEmail, emails.failed.id)).toBe(true);
      } finally {
        await ctx.dataSource.getRepository(Settings).update({ id: 1 }, { decisionRetentionYears: 5, sentEmailRetentionMonths: 12 });
      }
    });

    it('deletes the expired sessions, keeps the live ones', async () => {
      const sessions = ctx.dataSource.getRepository(Session);
      await sessions.save([
        { id: 'expiree', expiresAt: new Date('2026-11-23T09:59:00Z'), staffUserId: null, data: '{}' },
        { id: 'vivante', expiresAt: new Date('2026-11-23T10:29:00Z'), staffUserId: null, data: '{}' },
      ]);
      expect(await runTracePurgeJob(ctx.dataSource, ctx.clock)).toMatchObject({ sessionsDeleted: 1 });
      expect((await sessions.find({ select: { id: true } })).map((s) => s.id)).toEqual(['vivante']);
    });

    it('counts months on the calendar', () => {
      expect(monthsBefore(new Date('2026-08-31T12:00:00Z'), 6)).toEqual(new Date('2026-02-28T12:00:00Z'));
    });
  });

  describe('password campaigns', () => {
    it('queues the notices at the notice date, applies the change on the change date, once', async () => {
      const { convention } = await makeSignedConventionWithResponsable(ctx.dataSource);
      const user = await makeActiveHabilitation(ctx.dataSource, convention.id);
      const campaign = await ctx.dataSource.getRepository(PasswordCampaign).save({
        changeDate: '2026-12-16', scope: 'convention', scopeConventionId: convention.id, noticeDays: 15, status: 'planifiee',
      } as Partial<PasswordCampaign>);
      const status = async () => (await ctx.dataSource.getRepository(PasswordCampaign).findOneByOrFail({ id: campaign.id })).status;

      expect(await runCampaignJob(ctx.dataSource, ctx.clock)).toMatchObject({ campaignsNotified: 0 });
      expect(await status()).toBe('planifiee');
      ctx.clock.set('2026-12-01T05:00:00Z');
      expect(await runCampaignJob(ctx.dataSource, ctx.clock)).toMatchObject({ campaignsNotified: 1, noticesQueued: 1, copiesQueued: 1, campaignsApplied: 0 });
      expect(await runCampaignJob(ctx.dataSource, ctx.clock)).toMatchObject({ campaignsNotified: 0, noticesQueued: 0 });
      expect(await status()).toBe('notifiee');
      ctx.clock.set('2026-12-16T05:00:00Z');
      expect(await runCampaignJob(ctx.dataSource, ctx.clock)).toMatchObject({ campaignsApplied: 1, habilitationsUpdated: 1 });
      expect(await runCampaignJob(ctx.dataSource, ctx.clock)).toMatchObject({ campaignsApplied: 0 });
      expect(await status()).toBe('appliquee');
      expect(await ctx.dataSource.getRepository(Habilitation).findOneByOrFail({ id: user.id }))
        .toMatchObject({ passwordChangedDate: '2026-12-16', nextPasswordChangeDate: '2027-03-16' });
    });
  });

  describe('scheduler', () => {
    it('logs every daily run in JobRun (start, end, counts), once per Paris day', async () => {
      ctx.clock.set('2026-11-23T23:30:00Z'); // 00:30 on 24 November in Paris
      const runs = await runDailyJobs({ ...ctx, log: null }, { onlyIfNotRunToday: true, instance: 'test:1' });
      expect(runs.map((r) => r.job)).toEqual(DAILY_JOBS.map((j) => j.name));
      for (const run of runs) expect(run).toMatchObject({ error: null });
      const rows = await ctx.dataSource.getRepository(JobRun).find({ where: { instance: 'test:1' }, order: { id: 'ASC' } });
      expect(rows.map((r) => [r.job, r.status])).toEqual(DAILY_JOBS.map((j) => [j.name, 'termine']));
      expect(rows.every((r) => r.endedAt !== null && r.counts !== null)).toBe(true);
      expect(JSON.parse(rows.find((r) => r.job === 'trace-purge')!.counts!)).toMatchObject({ retentionMonths: 6 });

      expect(await ranToday(ctx.dataSource, 'trace-purge', ctx.clock.now())).toBe(true);
      expect(await runDailyJobs({ ...ctx, log: null }, { onlyIfNotRunToday: true, instance: 'test:2' })).toEqual([]);
      ctx.clock.set('2026-11-24T23:30:00Z');
      expect(await ranToday(ctx.dataSource, 'trace-purge', ctx.clock.now())).toBe(false);
    });

    it('a failed run is logged « échec » with its error and partial counts', async () => {
      const failed = await runLoggedJob(ctx.dataSource, 'essai', async () => { throw new JobPartialFailure({ done: 3, failed: 1 }, ['n° 4 : illisible']); }, { clock: ctx.clock });
      expect(failed).toMatchObject({ error: 'n° 4 : illisible', counts: { done: 3, failed: 1 } });
      expect(await ctx.dataSource.getRepository(JobRun).findOneByOrFail({ id: failed.jobRunId! }))
        .toMatchObject({ job: 'essai', status: 'echec', error: 'n° 4 : illisible', counts: '{"done":3,"failed":1}' });
      // A frequent job that did nothing leaves no row.
      const quiet = await runLoggedJob(ctx.dataSource, 'essai-silencieux', async () => ({ sent: 0 }), { clock: ctx.clock, logWhen: (c) => c.sent > 0 });
      expect(quiet.jobRunId).toBeNull();
      expect(await ctx.dataSource.getRepository(JobRun).countBy({ job: 'essai-silencieux' })).toBe(0);
    });

    it('runs the outbox every few seconds and stops cleanly', async () => {
      await ctx.dataSource.getRepository(OutboxEmail).update({ status: 'en-attente' }, { status: 'envoye' });
      await ctx.dataSource.transaction((m) => enqueueEmail(m, {
        kind: 'essai', to: ['agent@partenaire.example'], subject: 'Par le planificateur', html: '<p>essai</p>', text: 'essai',
      }, ctx.clock.now()));
      // Daily jobs already ran « today » for this clock.
      ctx.clock.set('2026-11-23T23:30:00Z');
      const lines: string[] = [];
      const scheduler = startScheduler({ ...ctx, log: (l) => lines.push(l) }, { outboxEveryMs: 50, instance: 'test:3' });
      try {
        const [mail] = await ctx.smtp.waitFor(1);
        expect(mail.subject).toBe('Par le planificateur');
      } finally {
        await scheduler.stop();
      }
      const outboxRuns = await ctx.dataSource.getRepository(JobRun).findBy({ job: 'outbox', instance: 'test:3' });
      expect(outboxRuns.length).toBeGreaterThanOrEqual(1);
      expect(JSON.parse(outboxRuns[0].counts!)).toMatchObject({ sent: 1 });
      expect(lines.some((l) => l.startsWith('[outbox]'))).toBe(true);
    });
  });
});
