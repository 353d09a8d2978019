// Daily job: « When a convention ends, every habilitation under it is revoked that day » (DOMAIN.md
// « Convention »). For each dénoncée or résiliée convention whose end date is reached (Paris), every
// active or suspended habilitation is revoked with the reason « fin de convention », dated the end
// date, in one transaction per convention, each revocation audited.
// Safe to run twice and on two instances at once: each habilitation is revoked by a conditional
// UPDATE (… WHERE id = ? AND status = <the status we read>); the row lock makes a concurrent run wait,
// then match nothing, so it neither revokes twice (nor audits twice) nor skips one.
import { In, LessThanOrEqual, type DataSource } from 'typeorm';
import { Convention } from '../entities/convention.entity.js';
import { Habilitation } from '../entities/habilitation.entity.js';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../domain/audit/audit.js';
import { runInTransaction } from '../domain/shared/transaction.js';
import { habilitationEventRefusal, type HabilitationState } from '../domain/habilitation/habilitation.workflow.js';
import type { Clock } from '../domain/shared/clock.js';
import { formatFrenchDate, todayInParis } from '../domain/shared/dates.js';

export const CONVENTION_END_JOB = 'convention-end';
const REVOCABLE: HabilitationState[] = ['active', 'suspendue'];

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
    const revoked = await runInTransaction(dataSource, async (manager) => {
      const candidates = await manager.find(Habilitation, {
        where: { conventionId: convention.id, status: In(REVOCABLE) }, select: { id: true, status: true }, order: { id: 'ASC' },
      });
      let n = 0;
      for (const habilitation of candidates) {
        if (habilitationEventRefusal(habilitation.status, 'revoke')) continue;
        const result = await manager.createQueryBuilder().update(Habilitation)
          .set({
            status: 'revoquee', statusReason: 'fin-de-convention', revokedDate: convention.endDate!,
            statusDetails: `Fin de la convention n° ${convention.number} le ${formatFrenchDate(convention.endDate!)}.`,
          })
          .where('id = :id AND status = :status', { id: habilitation.id, status: habilitation.status })
          .execute();
        if (result.affected !== 1) continue; // revoked meanwhile by another run (or another agent)
        n++;
        await recordAudit(manager, actor, {
          action: 'habilitation.revoke', entityType: 'Habilitation', entityId: habilitation.id,
          fromState: habilitation.status, toState: 'revoquee', reason: 'fin-de-convention',
          details: { conventionId: convention.id, conventionStatus: convention.status, revokedDate: convention.endDate, job: CONVENTION_END_JOB },
        }, now);
      }
      return n;
    });
    counts.revoked += revoked;
    if (revoked) counts.conventionsWithRevocations++;
  }
  return counts;
}
