// Daily job of the yearly recertification (issue 15 §2; recertification-reminders.use-cases.ts): the
// reminders due today (Settings.recertificationReminderDays, « 30,7 »), then « sans réponse » for the
// lists past their due date. One short transaction per recertification; safe to run twice and on two
// instances at once (conditional UPDATEs: nothing sent twice).
import type { DataSource } from 'typeorm';
import { SYSTEM_ACTOR, type Actor } from '../domain/audit/audit.js';
import { parseReminderDays } from '../domain/recertification/recertification.rules.js';
import {
  markRecertificationUnanswered, openRecertifications, remindRecertification,
} from '../domain/recertification/recertification-reminders.use-cases.js';
import { getSettings } from '../domain/settings/settings.js';
import type { Clock } from '../domain/shared/clock.js';
import { runInTransaction } from '../domain/shared/transaction.js';

export const RECERTIFICATION_REMINDER_JOB = 'recertification-reminders';

export async function runRecertificationReminderJob(dataSource: DataSource, clock: Clock, actor: Actor = SYSTEM_ACTOR): Promise<Record<string, number>> {
  const now = clock.now();
  const parsed = parseReminderDays((await getSettings(dataSource.manager)).recertificationReminderDays);
  // A row written outside the Settings form falls back to the defaults rather than stop the job.
  const days = parsed.ok ? parsed.value : [30, 7];
  const counts = { open: 0, reminded: 0, unanswered: 0 };
  const open = await openRecertifications(dataSource.manager);
  counts.open = open.length;
  for (const { id } of open) {
    if (await runInTransaction(dataSource, (m) => markRecertificationUnanswered(m, actor, id, now))) counts.unanswered++;
    else if ((await runInTransaction(dataSource, (m) => remindRecertification(m, actor, id, days, now))) !== null) counts.reminded++;
  }
  return counts;
}
