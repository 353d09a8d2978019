// Daily job: the « avis de reconduction » of every signed convention whose next anniversary falls
// within Settings.renewalLeadDays (convention art. 5). issueRenewalNotice (renewal-notices.ts) makes
// the notice once per convention and anniversary (Document.dedupeKey, unique) and publishes
// 'convention.renewal-notice', whose handler queues the email with the letter attached in the same
// transaction. Run twice or on two instances: the second finds the Document and does nothing more
// (a concurrent insert is refused by the unique key, rolled back with its email, and found on retry).
import type { DataSource } from 'typeorm';
import type { FileStorage } from '../adapters/storage.js';
import { SYSTEM_ACTOR, type Actor } from '../domain/audit/audit.js';
import { isUniqueViolation, runInTransaction } from '../domain/shared/transaction.js';
import { conventionsDueForRenewal, issueRenewalNotice } from '../domain/documents/renewal-notices.js';
import { getSettings } from '../domain/settings/settings.js';
import type { Clock } from '../domain/shared/clock.js';
import { todayInParis } from '../domain/shared/dates.js';
import { JobPartialFailure } from './job-run.js';

export const RENEWAL_NOTICE_JOB = 'renewal-notices';

export async function runRenewalNoticeJob(
  dataSource: DataSource, clock: Clock, storage: FileStorage, actor: Actor = SYSTEM_ACTOR,
): Promise<Record<string, number>> {
  const now = clock.now();
  const today = todayInParis(now);
  const { renewalLeadDays } = await getSettings(dataSource.manager);
  const due = await conventionsDueForRenewal(dataSource.manager, today, renewalLeadDays);
  const counts = { due: due.length, created: 0, existing: 0, failed: 0 };
  const errors: string[] = [];
  for (const { convention, anniversary } of due) {
    const issue = () => runInTransaction(dataSource, (manager) => issueRenewalNotice(manager, storage, convention.id, anniversary, actor, now));
    try {
      const issued = await issue().catch((error) => (isUniqueViolation(error) ? issue() : Promise.reject(error)));
      if (issued.created) counts.created++;
      else counts.existing++;
    } catch (error) {
      counts.failed++;
      errors.push(`${convention.number} : ${(error as Error).message}`);
    }
  }
  if (errors.length) throw new JobPartialFailure(counts, errors);
  return counts;
}
