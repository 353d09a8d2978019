// The daily job that ends conventions: every active or suspended habilitation of a convention whose
// end date is reached (Paris) is revoked « fin de convention » on that date, audited once, whether
// the job runs twice or on two instances at the same time.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { runConventionEndJob } from '../../../src/jobs/convention-end.job.js';
import { fixedClock } from '../../../src/domain/shared/clock.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { HabilitationManager } from '../../../src/entities/habilitation-manager.entity.js';
import { OutboxEmail } from '../../../src/entities/outbox-email.entity.js';
import { terminateConvention } from '../../../src/domain/convention/convention.use-cases.js';
import { registerNotificationHandlers } from '../../../src/domain/notifications/notification-handlers.js';
import { isMysql, withSecondInstance } from '../../support/database.js';
import { makeHabilitationRow, makeSignedConvention, openContext, type TestContext } from './support.js';

describe('runConventionEndJob', () => {
  const instances = withSecondInstance(openContext);
  let ctx: TestContext;
  let other: DataSource;
  beforeAll(() => { ({ ctx, other } = instances); });

  const habilitations = (conventionId: number) => ctx.dataSource.getRepository(Habilitation).find({ where: { conventionId }, order: { id: 'ASC' } });
  const revocationAudits = () => ctx.dataSource.getRepository(AuditEvent).find({ where: { action: 'habilitation.revoke' } });

  it('revokes the active and suspended habilitations of ended conventions on the end date, once, even when run twice', async () => {
    const denounced = await makeSignedConvention(ctx.dataSource, '2024-03-15', { status: 'denoncee', noticeParty: 'partenaire', noticeReceivedDate: '2025-11-02', endDate: '2026-03-15', endReason: 'x' });
    const active = await makeHabilitationRow(ctx.dataSource, denounced.id);
    const suspended = await makeHabilitationRow(ctx.dataSource, denounced.id, { status: 'suspendue', statusReason: 'enquête', suspendedDate: '2026-01-10' });
    const alreadyRevoked = await makeHabilitationRow(ctx.dataSource, denounced.id, { status: 'revoquee', statusReason: 'suppression-demandee', revokedDate: '2025-12-01' });
    // Still running: ends tomorrow (Paris).
    const running = await makeSignedConvention(ctx.dataSource, '2024-11-24', { status: 'denoncee', noticeParty: 'caf', noticeReceivedDate: '2026-09-01', endDate: '2026-11-24', endReason: 'x' });
    const runningHabilitation = await makeHabilitationRow(ctx.dataSource, running.id);
    const signed = await makeSignedConvention(ctx.dataSource, '2024-03-15');
    const signedHabilitation = await makeHabilitationRow(ctx.dataSource, signed.id);

    // 23:30 UTC on 22 November = 00:30 on 23 November in Paris.
    const clock = fixedClock('2026-11-22T23:30:00Z');
    const first = await runConventionEndJob(ctx.dataSource, clock);
    expect(first).toEqual({ conventions: 1, conventionsWithRevocations: 1, revoked: 2 });
    const rows = await habilitations(denounced.id);
    expect(rows.map((h) => [h.id, h.status, h.statusReason, h.revokedDate])).toEqual([
      [active.id, 'revoquee', 'fin-de-convention', '2026-03-15'],
      [suspended.id, 'revoquee', 'fin-de-convention', '2026-03-15'],
      [alreadyRevoked.id, 'revoquee', 'suppression-demandee', '2025-12-01'],
    ]);
    expect(rows[0].statusDetails).toBe(`Fin de la convention n° ${denounced.number} le 15 mars 2026.`);
    expect((await ctx.dataSource.getRepository(Habilitation).findOneByOrFail({ id: runningHabilitation.id })).status).toBe('active');
    expect((await ctx.dataSource.getRepository(Habilitation).findOneByOrFail({ id: signedHabilitation.id })).status).toBe('active');
    const audits = await revocationAudits();
    expect(audits.map((a) => [Number(a.entityId), a.fromState, a.toState, a.reason]).sort()).toEqual([
      [active.id, 'active', 'revoquee', 'fin-de-convention'],
      [suspended.id, 'suspendue', 'revoquee', 'fin-de-convention'],
    ].sort());
    expect(audits.every((a) => a.actorEmail === 'système')).toBe(true);

    expect(await runConventionEndJob(ctx.dataSource, clock)).toEqual({ conventions: 1, conventionsWithRevocations: 0, revoked: 0 });
    expect(await revocationAudits()).toHaveLength(2);

    // The next day (Paris), the convention that ended on 24 November is revoked in turn.
    expect(await runConventionEndJob(ctx.dataSource, fixedClock('2026-11-23T23:00:00Z'))).toMatchObject({ conventions: 2, revoked: 1 });
    expect(await ctx.dataSource.getRepository(Habilitation).findOneByOrFail({ id: runningHabilitation.id }))
      .toMatchObject({ status: 'revoquee', revokedDate: '2026-11-24', statusReason: 'fin-de-convention' });
  });

  it('two instances at once: every habilitation revoked exactly once, none skipped', async () => {
    const conventions = await Promise.all(Array.from({ length: 4 }, (_, i) => makeSignedConvention(ctx.dataSource, '2024-05-02', {
      status: 'resiliee', endDate: `2026-0${i + 1}-10`, endReason: 'Manquements répétés (art. 4)',
    })));
    const created: Habilitation[] = [];
    for (const c of conventions) for (let i = 0; i < 5; i++) created.push(await makeHabilitationRow(ctx.dataSource, c.id, i === 4 ? { status: 'suspendue' } : {}));
    const auditsBefore = (await revocationAudits()).length;

    const clock = fixedClock('2026-11-23T10:00:00Z');
    const [a, b] = await Promise.all([runConventionEndJob(ctx.dataSource, clock), runConventionEndJob(other, clock)]);
    expect(a.revoked + b.revoked).toBe(20);
    const rows = await ctx.dataSource.getRepository(Habilitation).findByIds(created.map((h) => h.id));
    expect(rows.every((h) => h.status === 'revoquee' && h.statusReason === 'fin-de-convention')).toBe(true);
    expect(new Set(rows.map((h) => h.revokedDate))).toEqual(new Set(['2026-01-10', '2026-02-10', '2026-03-10', '2026-04-10']));
    const audits = (await revocationAudits()).slice(auditsBefore);
    expect(audits).toHaveLength(20);
    expect(new Set(audits.map((x) => x.entityId)).size).toBe(20);
  });

  // MariaDB only: SQLite has a single writer, a concurrent transaction cannot hold a row meanwhile.
  (isMysql ? it : it.skip)('a habilitation revoked by another transaction while the job waits for its row is neither revoked again nor audited', async () => {
    const convention = await makeSignedConvention(ctx.dataSource, '2024-05-02', { status: 'resiliee', endDate: '2026-10-01', endReason: 'Manquement (art. 4)' });
    const contested = await makeHabilitationRow(ctx.dataSource, convention.id);
    const free = await makeHabilitationRow(ctx.dataSource, convention.id);
    const runner = other.createQueryRunner();
    await runner.startTransaction();
    try {
      await runner.manager.update(Habilitation, { id: contested.id }, { status: 'revoquee', statusReason: 'suppression-demandee', revokedDate: '2026-09-15' });
      const job = runConventionEndJob(ctx.dataSource, fixedClock('2026-11-23T10:00:00Z'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await runner.commitTransaction();
      expect(await job).toMatchObject({ revoked: 1 });
    } finally {
      await runner.release();
    }
    expect(await ctx.dataSource.getRepository(Habilitation).findOneByOrFail({ id: contested.id }))
      .toMatchObject({ status: 'revoquee', statusReason: 'suppression-demandee', revokedDate: '2026-09-15' });
    expect(await ctx.dataSource.getRepository(Habilitation).findOneByOrFail({ id: free.id }))
      .toMatchObject({ status: 'revoquee', statusReason: 'fin-de-convention', revokedDate: '2026-10-01' });
    const audited = (await revocationAudits()).map((a) => Number(a.entityId));
    expect(audited).toContain(free.id);
    expect(audited).not.toContain(contested.id);
  });

  it('emails the responsable the habilitations it revoked, once; after an end revoked on the spot it finds (and sends) nothing', async () => {
    registerNotificationHandlers({ clock: fixedClock('2026-11-23T10:00:00Z') });
    const convention = await makeSignedConvention(ctx.dataSource, '2024-05-02', { status: 'denoncee', noticeParty: 'caf', noticeReceivedDate: '2026-01-10', endDate: '2026-05-02', endReason: 'x' });
    const responsable = await ctx.dataSource.getRepository(HabilitationManager).save({
      conventionId: convention.id, civility: 'Monsieur', lastName: 'Gaëtan', firstName: 'François', phone: '01 30 87 20 11',
      email: 'francois.gaetan@essai.fr', designationDate: '2024-05-02', currentFor: convention.id, isSignatory: false,
    } as Partial<HabilitationManager>);
    const h = await makeHabilitationRow(ctx.dataSource, convention.id, { firstName: 'Zoé', lastName: 'Benoît' });
    const emails = (conventionId: number) => ctx.dataSource.getRepository(OutboxEmail).findBy({ kind: 'convention-ended', relatedId: String(conventionId) });

    const clock = fixedClock('2026-11-23T10:00:00Z');
    await runConventionEndJob(ctx.dataSource, clock);
    await runConventionEndJob(ctx.dataSource, clock);
    const [email] = await emails(convention.id);
    expect(await emails(convention.id)).toHaveLength(1);
    expect(email).toMatchObject({ to: responsable.email, subject: `Fin de la convention Cafpro n° ${convention.number} : 1 habilitation révoquée` });
    expect(email.text).toMatch(/^Monsieur Gaëtan,\n/);
    expect(email.text).toContain('a pris fin le 2 mai 2026, à la suite de sa dénonciation (article 5 de la convention).');
    expect(email.text).toContain(`L’habilitation ci-dessous est donc révoquée : cet identifiant ne permet plus d’accéder au service Cafpro.\n\n- Madame Zoé Benoît – identifiant ${h.identifier}`);

    const terminated = await makeSignedConvention(ctx.dataSource, '2024-05-02');
    await makeHabilitationRow(ctx.dataSource, terminated.id);
    const done = await terminateConvention({ dataSource: ctx.dataSource, storage: ctx.storage, clock }, ctx.actor, terminated.id, { endDate: '2026-11-23', reason: 'Manquement' });
    expect(done).toMatchObject({ ok: true });
    expect(await emails(terminated.id)).toHaveLength(1);
    const before = (await revocationAudits()).length;
    expect(await runConventionEndJob(ctx.dataSource, clock)).toMatchObject({ conventionsWithRevocations: 0, revoked: 0 });
    expect(await revocationAudits()).toHaveLength(before);
    expect(await emails(terminated.id)).toHaveLength(1);
  });
});
