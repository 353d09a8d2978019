// Daily job: the incomplete access requests that waited too long for their complement are reminded,
// then « classée sans suite » (src/domain/access-request/incomplete-follow-up.ts, delays in the Settings),
// each with its letter stored on the request and attached to the email.
// One short transaction per request; safe to run twice and on two instances (conditional updates in
// followUpIncompleteRequest): nothing is reminded, closed or printed twice.
import { LessThanOrEqual, type DataSource } from 'typeorm';
import type { FileStorage } from '../adapters/storage.js';
import { AccessRequest } from '../entities/access-request.entity.js';
import { SYSTEM_ACTOR, type Actor } from '../domain/audit/audit.js';
import { dueIfReturnedBy } from '../domain/access-request/incomplete-follow-up.js';
import { followUpIncompleteRequest } from '../domain/access-request/incomplete-follow-up.use-cases.js';
import { getSettings } from '../domain/settings/settings.js';
import type { Clock } from '../domain/shared/clock.js';
import { todayInParis } from '../domain/shared/dates.js';
import { runInTransaction } from '../domain/shared/transaction.js';

export const ACCESS_REQUEST_FOLLOW_UP_JOB = 'access-request-follow-up';

export async function runAccessRequestFollowUpJob(
  dataSource: DataSource, clock: Clock, storage: FileStorage, actor: Actor = SYSTEM_ACTOR,
): Promise<Record<string, number>> {
  const now = clock.now();
  const settings = await getSettings(dataSource.manager);
  const delays = { reminderDays: settings.incompleteReminderDays, closureDays: settings.incompleteClosureDays };
  const waiting = await dataSource.manager.find(AccessRequest, {
    where: { status: 'incomplete', incompleteSince: LessThanOrEqual(dueIfReturnedBy(todayInParis(now), delays)) },
    select: { id: true }, order: { incompleteSince: 'ASC', id: 'ASC' },
  });
  const counts = { waiting: waiting.length, reminded: 0, closed: 0 };
  for (const { id } of waiting) {
    const outcome = await runInTransaction(dataSource, (manager) => followUpIncompleteRequest(manager, storage, actor, id, now, delays));
    if (outcome === 'reminded') counts.reminded++;
    if (outcome === 'closed') counts.closed++;
  }
  return counts;
}
