// « Renvoyer » a courriel in « échec » (issue 6: « an allowed role can resend from the back-office »):
// the row goes back to the queue with a fresh series of attempts; the journal says who asked.
import type { DataSource } from 'typeorm';
import { OutboxEmail } from '../../entities/outbox-email.entity.js';
import { PasswordCampaignRecipient } from '../../entities/password-campaign-recipient.entity.js';
import { can } from '../../policies/policy.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { runInTransaction, type Outcome } from '../shared/transaction.js';
import type { Clock } from '../shared/clock.js';
import { refusal } from '../shared/validators.js';
import { CAMPAIGN_RECIPIENT_RELATED_TYPE, wholeSecond } from './outbox.js';

export const OUTBOX_MESSAGES = {
  forbidden: "Vous n'êtes pas autorisé à renvoyer un courriel.",
  unknown: "Ce courriel n'existe pas.",
  notFailed: 'Seul un courriel en échec peut être renvoyé.',
  resent: 'Le courriel est remis en file : il sera envoyé dans quelques secondes.',
} as const;

/** Puts a failed email back in the queue (attempts reset); refused for a role not allowed or an email not in « échec ». */
export async function resendOutboxEmail(
  services: { dataSource: DataSource; clock: Clock }, outboxEmailId: number, actor: Actor,
): Promise<Outcome<{ outboxEmailId: number }>> {
  if (!can(actor.role, 'OutboxEmail', 'resend')) return refusal(OUTBOX_MESSAGES.forbidden);
  const now = services.clock.now();
  return runInTransaction(services.dataSource, async (manager) => {
    const email = await manager.findOneBy(OutboxEmail, { id: outboxEmailId });
    if (!email) return refusal(OUTBOX_MESSAGES.unknown);
    if (email.status !== 'echec') return refusal(OUTBOX_MESSAGES.notFailed);
    const result = await manager.createQueryBuilder().update(OutboxEmail)
      .set({ status: 'en-attente', attempts: 0, nextAttemptAt: wholeSecond(now), claimedBy: null, claimedAt: null })
      .where("id = :id AND status = 'echec'", { id: email.id })
      .execute();
    if (result.affected !== 1) return refusal(OUTBOX_MESSAGES.notFailed);
    if (email.relatedType === CAMPAIGN_RECIPIENT_RELATED_TYPE && email.relatedId) {
      await manager.update(PasswordCampaignRecipient, { id: Number(email.relatedId) }, { status: 'en-attente', sentAt: null });
    }
    await recordAudit(manager, actor, {
      action: 'outbox.resend', entityType: 'OutboxEmail', entityId: email.id, fromState: 'echec', toState: 'en-attente',
      details: { kind: email.kind, to: email.to, attempts: email.attempts, lastError: email.lastError },
    }, now);
    return { ok: true as const, message: OUTBOX_MESSAGES.resent, outboxEmailId: email.id };
  });
}
