// Daily job of the habilitations (DOMAIN.md « Habilitation » and « SuppressionRequest »):
// - end of contract: every active or suspended habilitation whose CDD end date has passed (Paris) is
//   revoked « fin de contrat », dated the day of the run;
// - scheduled revocations: every processed demande de suppression whose « à compter de » date has
//   come gets its habilitation revoked « suppression demandée », and the request records the date.
// One short transaction per habilitation / request, each change audited. Safe to run twice and on two
// instances at once: every row is locked and changed by a conditional UPDATE (… AND status = <read> /
// … AND revokedDate IS NULL), so a concurrent run waits, then matches nothing: nothing is revoked
// twice and nothing is skipped.
import { In, IsNull, LessThan, LessThanOrEqual, type DataSource } from 'typeorm';
import { Habilitation } from '../entities/habilitation.entity.js';
import { SuppressionRequest } from '../entities/suppression-request.entity.js';
import { SYSTEM_ACTOR, type Actor } from '../domain/audit/audit.js';
import { runInTransaction } from '../domain/shared/transaction.js';
import { revokeEndedContract } from '../domain/habilitation/habilitation.use-cases.js';
import type { Clock } from '../domain/shared/clock.js';
import { todayInParis } from '../domain/shared/dates.js';
import { performScheduledRevocation } from '../domain/suppression-request/suppression-request.use-cases.js';

export const HABILITATION_EXPIRY_JOB = 'habilitation-expiry';

/** Revokes the ended CDDs and performs the scheduled revocations due today; returns what it did. */
export async function runHabilitationExpiryJob(dataSource: DataSource, clock: Clock, actor: Actor = SYSTEM_ACTOR): Promise<Record<string, number>> {
  const now = clock.now();
  const today = todayInParis(now);
  const counts = { contractsEnded: 0, scheduledDue: 0, scheduledRevoked: 0, scheduledAlreadyRevoked: 0 };

  const ended = await dataSource.manager.find(Habilitation, {
    where: { status: In(['active', 'suspendue']), endDate: LessThan(today) }, select: { id: true }, order: { endDate: 'ASC', id: 'ASC' },
  });
  for (const { id } of ended) {
    if (await runInTransaction(dataSource, (manager) => revokeEndedContract(manager, actor, id, now, HABILITATION_EXPIRY_JOB))) counts.contractsEnded++;
  }

  const due = await dataSource.manager.find(SuppressionRequest, {
    where: { status: 'traitee', revokedDate: IsNull(), effectiveDate: LessThanOrEqual(today) },
    select: { id: true }, order: { effectiveDate: 'ASC', id: 'ASC' },
  });
  counts.scheduledDue = due.length;
  for (const { id } of due) {
    const outcome = await runInTransaction(dataSource, (manager) => performScheduledRevocation(manager, actor, id, now, HABILITATION_EXPIRY_JOB));
    if (outcome === 'revoked') counts.scheduledRevoked++;
    if (outcome === 'already-revoked') counts.scheduledAlreadyRevoked++;
  }
  return counts;
}
