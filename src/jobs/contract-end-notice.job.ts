// Daily job: the responsables habilitations are told of the CDDs ending soon (J-14 and J-1 by default,
// the Settings' list; src/domain/habilitation/contract-end-notices.ts), one email per convention with an
// extension form per person. One short transaction per convention; safe to run twice and on two
// instances (conditional updates in notifyContractEnds): nobody is told twice of the same notice.
import { Between, In, type DataSource } from 'typeorm';
import type { FileStorage } from '../adapters/storage.js';
import { Habilitation } from '../entities/habilitation.entity.js';
import { SYSTEM_ACTOR, type Actor } from '../domain/audit/audit.js';
import { noticeHorizon, parseNoticeDays } from '../domain/habilitation/contract-end-notices.js';
import { notifyContractEnds } from '../domain/habilitation/contract-end-notices.use-cases.js';
import { getSettings } from '../domain/settings/settings.js';
import type { Clock } from '../domain/shared/clock.js';
import { addDays, todayInParis } from '../domain/shared/dates.js';
import { runInTransaction } from '../domain/shared/transaction.js';

export const CONTRACT_END_NOTICE_JOB = 'contract-end-notice';

export async function runContractEndNoticeJob(
  dataSource: DataSource, clock: Clock, storage: FileStorage, actor: Actor = SYSTEM_ACTOR,
): Promise<Record<string, number>> {
  const now = clock.now();
  const today = todayInParis(now);
  const noticeDays = parseNoticeDays((await getSettings(dataSource.manager)).contractEndNoticeDays);
  // The Settings form refuses a bad list; a row written otherwise falls back to the defaults rather than stop the job.
  const days = noticeDays.ok ? noticeDays.value : [14, 1];
  const ending = await dataSource.manager.find(Habilitation, {
    where: { status: In(['active', 'suspendue']), endDate: Between(today, addDays(today, noticeHorizon(days))) },
    select: { id: true, conventionId: true }, order: { conventionId: 'ASC', id: 'ASC' },
  });
  const byConvention = new Map<number, number[]>();
  for (const h of ending) byConvention.set(h.conventionId, [...(byConvention.get(h.conventionId) ?? []), h.id]);
  const counts = { ending: ending.length, notified: 0, emails: 0, forms: 0 };
  for (const [conventionId, ids] of byConvention) {
    const result = await runInTransaction(dataSource, (manager) => notifyContractEnds(manager, storage, actor, conventionId, ids, days, now));
    counts.notified += result.notified;
    counts.forms += result.forms;
    if (result.notified > 0) counts.emails++;
  }
  return counts;
}
