// The follow-up of one incomplete access request (incomplete-follow-up.ts says what is due): the
// reminder to the responsable, or the closure « classée sans suite », each with its letter (a Document
// of the request, incomplete-follow-up-letters.ts) attached to its email. Each is a conditional UPDATE on
// the state the rules were applied to (still incomplete, same return date, not reminded this round), with
// its letter, journal entry and email in the caller's transaction: a second run, or a second instance
// running the same job, changes nothing, prints nothing and sends nothing twice.
import type { EntityManager } from 'typeorm';
import type { FileStorage } from '../../adapters/storage.js';
import { AccessRequest } from '../../entities/access-request.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { publish } from '../events.js';
import { todayInParis } from '../shared/dates.js';
import { forUpdate } from '../shared/transaction.js';
import { followUpDates, followUpDue, type FollowUpDelays } from './incomplete-follow-up.js';
import { produceFollowUpLetter } from './incomplete-follow-up-letters.js';

export type FollowUpOutcome = 'reminded' | 'closed' | null;

export async function followUpIncompleteRequest(
  manager: EntityManager, storage: FileStorage, actor: Actor, requestId: number, now: Date, delays: FollowUpDelays,
): Promise<FollowUpOutcome> {
  const today = todayInParis(now);
  const request = await manager.findOne(AccessRequest, { where: { id: requestId }, ...forUpdate(manager) });
  if (!request) return null;
  const step = followUpDue(request, today, delays);
  if (!step) return null;
  const since = request.incompleteSince!;
  const update = manager.createQueryBuilder().update(AccessRequest)
    .where('id = :id AND status = :status AND incompleteSince = :since', { id: request.id, status: 'incomplete', since });

  if (step === 'reminder') {
    const result = await update.set({ incompleteReminderSentOn: today })
      .andWhere('(incompleteReminderSentOn IS NULL OR incompleteReminderSentOn <= incompleteSince)').execute();
    if (result.affected !== 1) return null;
    const letter = await produceFollowUpLetter(manager, storage, actor, request, 'reminder',
      { incompleteSince: since, closureOn: followUpDates(since, delays).closureOn }, today, now);
    await recordAudit(manager, actor, {
      action: 'access-request.reminder', entityType: 'AccessRequest', entityId: request.id,
      details: { incompleteSince: since, reminderDays: delays.reminderDays, closureDays: delays.closureDays, letter: letter.reference },
    }, now);
    await publish(manager, { type: 'access-request.reminder', accessRequestId: request.id, letterDocumentId: letter.id }, actor);
    return 'reminded';
  }

  const result = await update.set({ status: 'classee', closedOn: today }).execute();
  if (result.affected !== 1) return null;
  const letter = await produceFollowUpLetter(manager, storage, actor, request, 'closure', { incompleteSince: since, closureOn: today }, today, now);
  await recordAudit(manager, actor, {
    action: 'access-request.close', entityType: 'AccessRequest', entityId: request.id, fromState: 'incomplete', toState: 'classee',
    reason: `Aucun complément reçu ${delays.closureDays} jours après le retour au partenaire`,
    details: { incompleteSince: since, closureDays: delays.closureDays, letter: letter.reference },
  }, now);
  await publish(manager, { type: 'access-request.closed', accessRequestId: request.id, letterDocumentId: letter.id }, actor);
  return 'closed';
}
