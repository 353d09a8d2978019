// Daily job: « When a convention ends, every habilitation under it is revoked that day » (DOMAIN.md
// « Convention »). For each dénoncée or résiliée convention whose end date is reached (Paris), every
// active or suspended habilitation is revoked with the reason « fin de convention », dated the end
// date, in one transaction per convention, each revocation audited, and the responsable emailed the
// list (revokeForConventionEnd). An end already reached when it was recorded was revoked on the spot
// by the use case: the job then finds nothing left, and sends nothing.
// Safe to run twice and on two instances at once: each habilitation is read locked and revoked by a
// conditional UPDATE (… WHERE id = ? AND status = <the status we read>), so a concurrent run waits,
// then matches nothing: it neither revokes twice (nor audits or emails twice) nor skips one.
import { In, LessThanOrEqual, type DataSource } from 'typeorm';
import { Convention } from '../entities/convention.entity.js';
import { SYSTEM_ACTOR, type Actor } from '../domain/audit/audit.js';
import { revokeForConventionEnd } from '../domain/convention/convention-end.js';
import { runInTransaction } from '../domain/shared/transaction.js';
import type { Clock } from '../domain/shared/clock.js';
import { todayInParis } from '../domain/shared/dates.js';

export const CONVENTION_END_JOB = 'convention-end';

/** Revokes the habilitations of the conventions ended on or before today; returns what it did. */
export async function runConventionEndJob(dataSource: DataSource, clock: Clock, actor: Actor = SYSTEM_ACTOR): Promise<Record<string, number>> {
  const now = clock.now();
  const today = todayInParis(now);
  const ended = await dataSource.manager.find(Convention, {
    where: { status: In(['denoncee', 'resiliee']), endDate: LessThanOrEqual(today) },
    select: { id: true, number: true, status: true, endDate: true },
    order: { endDate: 'ASC', id: 'ASC' },
  });
  const counts = { conventions: ended.length, conventionsWithRevocations: 0, revoked: 0 };

  for (const convention of ended) {
    const revoked = await runInTransaction(dataSource, (manager) =>
      revokeForConventionEnd(manager, actor, convention, now, { revokedOn: convention.endDate!, job: CONVENTION_END_JOB }));
    counts.revoked += revoked.length;
    if (revoked.length) counts.conventionsWithRevocations++;
  }
  return counts;
}
