// Chasing without nagging (issue 15 §2): a recertification not returned is reminded at the Settings'
// days before its due date (« 30,7 »), each reminder stamped on the record by a conditional UPDATE
// (still not returned, no closer reminder sent), so a second run or a second instance sends nothing
// twice; none once returned. Past its due date it becomes « sans réponse »: NO automatic revocation
// (a silent revocation of every user of a town hall is worse than none), the agents follow it up.
import { In, type EntityManager } from 'typeorm';
import { Recertification } from '../../entities/recertification.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { publish } from '../events.js';
import { todayInParis } from '../shared/dates.js';
import { dueReminderDays, isLastReminder, isUnanswered } from './recertification.rules.js';

const OPEN = ['envoyee', 'relancee'] as const;

/** The reminder due today for this recertification, sent once (in the caller's transaction); the days it stands for, or null. */
export async function remindRecertification(
  manager: EntityManager, actor: Actor, recertificationId: number, reminderDays: number[], now: Date,
): Promise<number | null> {
  const today = todayInParis(now);
  const recertification = await manager.findOneBy(Recertification, { id: recertificationId });
  if (!recertification) return null;
  const days = dueReminderDays(recertification, today, reminderDays);
  if (days === null) return null;
  const stamped = await manager.createQueryBuilder().update(Recertification)
    .set({ status: 'relancee', reminderDays: days, remindedOn: today })
    .where('id = :id AND status IN (:...open)', { id: recertification.id, open: [...OPEN] })
    .andWhere('(reminderDays IS NULL OR reminderDays > :days)', { days })
    .execute();
  if (stamped.affected !== 1) return null;
  const last = isLastReminder(days, reminderDays);
  await recordAudit(manager, actor, {
    action: 'recertification.remind', entityType: 'Recertification', entityId: recertification.id, fromState: recertification.status, toState: 'relancee',
    details: { dueDate: recertification.dueDate, daysBefore: days, copyToPartner: last },
  }, now);
  await publish(manager, { type: 'recertification.reminder', recertificationId: recertification.id, daysBefore: days, last }, actor);
  return days;
}

/** Past its due date and not returned: « sans réponse » (once), journaled; nothing is revoked. */
export async function markRecertificationUnanswered(manager: EntityManager, actor: Actor, recertificationId: number, now: Date): Promise<boolean> {
  const today = todayInParis(now);
  const recertification = await manager.findOneBy(Recertification, { id: recertificationId });
  if (!recertification || !isUnanswered(recertification.status, recertification.dueDate, today)) return false;
  const marked = await manager.createQueryBuilder().update(Recertification).set({ status: 'sans-reponse' })
    .where('id = :id AND status IN (:...open) AND dueDate < :today', { id: recertification.id, open: [...OPEN], today })
    .execute();
  if (marked.affected !== 1) return false;
  await recordAudit(manager, actor, {
    action: 'recertification.unanswered', entityType: 'Recertification', entityId: recertification.id, fromState: recertification.status, toState: 'sans-reponse',
    details: { dueDate: recertification.dueDate },
  }, now);
  return true;
}

/** The open recertifications (not returned), for the daily job. */
export function openRecertifications(manager: EntityManager): Promise<Array<Pick<Recertification, 'id'>>> {
  return manager.find(Recertification, { where: { status: In([...OPEN]) }, select: { id: true }, order: { dueDate: 'ASC', id: 'ASC' } });
}
