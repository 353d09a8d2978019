// The daily job of the habilitations: ended CDDs are revoked « fin de contrat » and the scheduled
// revocations of processed suppression requests are performed on their date, each audited once,
// whether the job runs twice or on two instances at the same time.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { fixedClock } from '../../../src/domain/shared/clock.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { SuppressionRequest } from '../../../src/entities/suppression-request.entity.js';
import { runHabilitationExpiryJob } from '../../../src/jobs/habilitation-expiry.job.js';
import { auditOf, makeHabilitationRow, makeSignedConvention, openContext, type TestContext } from './support.js';
import { withSecondInstance } from '../../support/database.js';

describe('runHabilitationExpiryJob', () => {
  const instances = withSecondInstance(openContext);
  let ctx: TestContext;
  let other: DataSource;
  beforeAll(() => { ({ ctx, other } = instances); });

  const row = (id: number) => ctx.dataSource.getRepository(Habilitation).findOneByOrFail({ id });
  const processed = (habilitationId: number, effectiveDate: string, overrides: Partial<SuppressionRequest> = {}) =>
    ctx.dataSource.getRepository(SuppressionRequest).save({
      habilitationId, position: 'Assistante sociale', effectiveDate, receivedDate: '2026-11-02', employerSigned: true, status: 'traitee',
      decidedAt: new Date('2026-11-05T10:00:00Z'), ...overrides,
    } as Partial<SuppressionRequest>);
  const revocations = () => ctx.dataSource.getRepository(AuditEvent).find({ where: { action: 'habilitation.revoke' } });

  it('revokes ended CDDs and performs the revocations due (Paris day), once, even when run twice', async () => {
    const c = await makeSignedConvention(ctx.dataSource);
    const ended = await makeHabilitationRow(ctx.dataSource, c.id, { endDate: '2026-11-22' });
    const endedSuspended = await makeHabilitationRow(ctx.dataSource, c.id, { endDate: '2026-06-30', status: 'suspendue', suspendedDate: '2026-06-01' });
    const lastDay = await makeHabilitationRow(ctx.dataSource, c.id, { endDate: '2026-11-23' });
    const cdi = await makeHabilitationRow(ctx.dataSource, c.id);
    const alreadyRevoked = await makeHabilitationRow(ctx.dataSource, c.id, { endDate: '2026-01-31', status: 'revoquee', statusReason: 'manquement', revokedDate: '2026-01-15' });
    const leaving = await makeHabilitationRow(ctx.dataSource, c.id);
    const dueToday = await processed(leaving.id, '2026-11-23');
    const staying = await makeHabilitationRow(ctx.dataSource, c.id);
    const later = await processed(staying.id, '2026-11-24');
    const revokedMeanwhile = await makeHabilitationRow(ctx.dataSource, c.id, { status: 'revoquee', statusReason: 'fin-de-convention', revokedDate: '2026-11-10' });
    const late = await processed(revokedMeanwhile.id, '2026-11-15');
    const rejected = await processed(cdi.id, '2026-11-01', { status: 'rejetee', rejectionReason: 'Signature absente' });

    // 23:30 UTC on 22 November = 00:30 on 23 November in Paris.
    const clock = fixedClock('2026-11-22T23:30:00Z');
    expect(await runHabilitationExpiryJob(ctx.dataSource, clock)).toEqual({ contractsEnded: 2, scheduledDue: 2, scheduledRevoked: 1, scheduledAlreadyRevoked: 1 });

    expect(await row(ended.id)).toMatchObject({ status: 'revoquee', statusReason: 'fin-de-contrat', revokedDate: '2026-11-23', statusDetails: 'Fin du contrat (CDD) le 22 novembre 2026.' });
    expect(await row(endedSuspended.id)).toMatchObject({ status: 'revoquee', statusReason: 'fin-de-contrat' });
    expect((await row(lastDay.id)).status).toBe('active');
    expect((await row(cdi.id)).status).toBe('active');
    expect(await row(alreadyRevoked.id)).toMatchObject({ statusReason: 'manquement', revokedDate: '2026-01-15' });
    expect(await row(leaving.id)).toMatchObject({ status: 'revoquee', statusReason: 'suppression-demandee', revokedDate: '2026-11-23' });
    expect((await row(staying.id)).status).toBe('active');
    const requests = ctx.dataSource.getRepository(SuppressionRequest);
    expect((await requests.findOneByOrFail({ id: dueToday.id })).revokedDate).toBe('2026-11-23');
    expect((await requests.findOneByOrFail({ id: later.id })).revokedDate).toBeNull();
    expect((await requests.findOneByOrFail({ id: late.id })).revokedDate).toBe('2026-11-10');
    expect((await requests.findOneByOrFail({ id: rejected.id })).revokedDate).toBeNull();

    const audits = await revocations();
    expect(audits.map((a) => [Number(a.entityId), a.fromState, a.toState, a.reason, a.actorEmail]).sort()).toEqual([
      [ended.id, 'active', 'revoquee', 'fin-de-contrat', 'système'],
      [endedSuspended.id, 'suspendue', 'revoquee', 'fin-de-contrat', 'système'],
      [leaving.id, 'active', 'revoquee', 'suppression-demandee', 'système'],
    ].sort());
    expect((await auditOf(ctx.dataSource, 'SuppressionRequest', dueToday.id)).map((a) => [a.action, a.reason])).toEqual([['suppression-request.revocation', 'suppression-demandee']]);

    expect(await runHabilitationExpiryJob(ctx.dataSource, clock)).toEqual({ contractsEnded: 0, scheduledDue: 0, scheduledRevoked: 0, scheduledAlreadyRevoked: 0 });
    expect(await revocations()).toHaveLength(3);

    // The next day (Paris), the last day of the CDD has passed and the later suppression is due.
    expect(await runHabilitationExpiryJob(ctx.dataSource, fixedClock('2026-11-23T23:00:00Z'))).toEqual({ contractsEnded: 1, scheduledDue: 1, scheduledRevoked: 1, scheduledAlreadyRevoked: 0 });
    expect(await row(lastDay.id)).toMatchObject({ status: 'revoquee', revokedDate: '2026-11-24' });
    expect(await row(staying.id)).toMatchObject({ status: 'revoquee', revokedDate: '2026-11-24' });
  });

  it('two instances at once: every revocation exactly once, none skipped', async () => {
    const conventions = await Promise.all(Array.from({ length: 3 }, () => makeSignedConvention(ctx.dataSource)));
    const expected: number[] = [];
    const scheduled: number[] = [];
    for (const c of conventions) {
      for (let i = 0; i < 4; i++) expected.push((await makeHabilitationRow(ctx.dataSource, c.id, { endDate: `2026-0${i + 1}-28` })).id);
      for (let i = 0; i < 3; i++) {
        const h = await makeHabilitationRow(ctx.dataSource, c.id);
        expected.push(h.id);
        scheduled.push((await processed(h.id, `2026-1${i}-05`)).id);
      }
    }
    const before = (await revocations()).length;
    const clock = fixedClock('2026-12-10T10:00:00Z');
    const [a, b] = await Promise.all([runHabilitationExpiryJob(ctx.dataSource, clock), runHabilitationExpiryJob(other, clock)]);
    expect(a.contractsEnded + b.contractsEnded).toBe(12);
    expect(a.scheduledRevoked + b.scheduledRevoked).toBe(9);
    const rows = await ctx.dataSource.getRepository(Habilitation).findByIds(expected);
    expect(rows.every((h) => h.status === 'revoquee' && h.revokedDate === '2026-12-10')).toBe(true);
    const audits = (await revocations()).slice(before);
    expect(audits).toHaveLength(21);
    expect(new Set(audits.map((x) => x.entityId)).size).toBe(21);
    const requests = await ctx.dataSource.getRepository(SuppressionRequest).findByIds(scheduled);
    expect(requests.every((r) => r.revokedDate === '2026-12-10')).toBe(true);
    expect(await ctx.dataSource.getRepository(AuditEvent).count({ where: { action: 'suppression-request.revocation' } })).toBe(1 + 1 + 1 + 9);
  });
});
