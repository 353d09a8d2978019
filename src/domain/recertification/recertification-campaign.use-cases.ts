// The campaign of an anniversary month (recertification-campaign.rules.ts says the rules): closing a
// list « sans réponse » with a reason, the month's figures and list, and the evidence rows (one per
// habilitation of the frozen lists: what the partner answered, who signed it, which agent recorded
// it, when it took effect).
import { Between, In, type EntityManager } from 'typeorm';
import { Convention } from '../../entities/convention.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { Partner } from '../../entities/partner.entity.js';
import { RecertificationLine } from '../../entities/recertification-line.entity.js';
import { Recertification } from '../../entities/recertification.entity.js';
import { StaffUser } from '../../entities/staff-user.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { formatFrenchDate, todayInParis, type IsoDate } from '../shared/dates.js';
import { refusable, type Outcome } from '../shared/transaction.js';
import { refusal } from '../shared/validators.js';
import type { DataSource } from 'typeorm';
import {
  CAMPAIGN_MESSAGES, campaignFigures, canCloseUnanswered, evidenceAppliedOn, evidenceDecision, validateClosureReason,
  type CampaignFigures, type CampaignMonth,
} from './recertification-campaign.rules.js';
import { RECERTIFICATION_MESSAGES, recertificationStateLabels, type RecertificationState } from './recertification.rules.js';

/**
 * « Classer sans retour »: an agent ends the follow-up of a list never returned, with the reason; the
 * record says who and why (its result), the journal keeps the decision; nothing is revoked.
 */
export async function closeUnansweredRecertification(
  dataSource: DataSource, actor: Actor, recertificationId: number, input: { reason?: unknown }, now: Date = new Date(),
): Promise<Outcome<{ recertification: Recertification }>> {
  const reason = validateClosureReason(input.reason);
  if (!reason.ok) return refusal(reason.message, [{ field: 'reason', message: reason.message }]);
  return refusable(dataSource, async (manager) => {
    const recertification = await manager.findOneBy(Recertification, { id: recertificationId });
    if (!recertification) return refusal(RECERTIFICATION_MESSAGES.unknown);
    if (!canCloseUnanswered(recertification.status)) return refusal(CAMPAIGN_MESSAGES.notUnanswered);
    const today = todayInParis(now);
    const note = `Classée sans retour le ${formatFrenchDate(today)} par ${actor.email ?? 'un agent'} : ${reason.value}`;
    const closed = await manager.createQueryBuilder().update(Recertification)
      .set({ status: 'classee', appliedAt: now, appliedById: actor.staffUserId, report: note })
      .where('id = :id AND status = :from', { id: recertification.id, from: 'sans-reponse' })
      .execute();
    if (closed.affected !== 1) return refusal(RECERTIFICATION_MESSAGES.concurrent);
    await recordAudit(manager, actor, {
      action: 'recertification.close', entityType: 'Recertification', entityId: recertification.id, fromState: 'sans-reponse', toState: 'classee',
      reason: reason.value, details: { conventionId: recertification.conventionId, anniversary: recertification.anniversary, dueDate: recertification.dueDate },
    }, now);
    return { ok: true, message: `Recertification classée sans retour : ${reason.value}`, recertification: await manager.findOneByOrFail(Recertification, { id: recertification.id }) };
  });
}

export interface CampaignRow {
  id: number;
  conventionNumber: string;
  partnerName: string;
  anniversary: IsoDate;
  dueDate: IsoDate;
  reference: string | null;
  status: RecertificationState;
  statusLabel: string;
  returnedDate: IsoDate | null;
  lines: number;
}

export interface Campaign {
  month: string;
  figures: CampaignFigures;
  recertifications: CampaignRow[];
}

function monthRecertifications(manager: EntityManager, month: CampaignMonth): Promise<Recertification[]> {
  return manager.find(Recertification, { where: { anniversary: Between(month.first, month.last) }, order: { anniversary: 'ASC', id: 'ASC' } });
}

async function conventionsOf(manager: EntityManager, recertifications: Recertification[]) {
  const conventions = recertifications.length
    ? await manager.find(Convention, { where: { id: In([...new Set(recertifications.map((r) => r.conventionId))]) }, select: { id: true, number: true, partnerId: true } })
    : [];
  const partners = conventions.length
    ? await manager.find(Partner, { where: { id: In([...new Set(conventions.map((c) => c.partnerId))]) }, select: { id: true, name: true } })
    : [];
  const partnerName = new Map(partners.map((p) => [p.id, p.name]));
  return new Map(conventions.map((c) => [c.id, { number: c.number, partnerName: partnerName.get(c.partnerId) ?? '' }]));
}

const linesOf = (manager: EntityManager, recertifications: Recertification[]) => (recertifications.length
  ? manager.find(RecertificationLine, { where: { recertificationId: In(recertifications.map((r) => r.id)) }, order: { recertificationId: 'ASC', id: 'ASC' } })
  : Promise.resolve([]));

/** The campaign of the anniversaries of `month`: its figures and its recertifications. */
export async function recertificationCampaign(manager: EntityManager, month: CampaignMonth): Promise<Campaign> {
  const recertifications = await monthRecertifications(manager, month);
  const lines = await linesOf(manager, recertifications);
  const conventions = await conventionsOf(manager, recertifications);
  return {
    month: month.month,
    figures: campaignFigures(recertifications, lines.map((l) => l.outcome)),
    recertifications: recertifications.map((r) => ({
      id: r.id, conventionNumber: conventions.get(r.conventionId)?.number ?? '', partnerName: conventions.get(r.conventionId)?.partnerName ?? '',
      anniversary: r.anniversary, dueDate: r.dueDate, reference: r.reference, status: r.status, statusLabel: recertificationStateLabels[r.status],
      returnedDate: r.returnedDate, lines: lines.filter((l) => l.recertificationId === r.id).length,
    })),
  };
}

export interface EvidenceRow {
  conventionNumber: string;
  partnerName: string;
  anniversary: IsoDate;
  reference: string | null;
  recertificationState: string;
  identifier: string;
  holder: string;
  decision: string;
  signatory: string | null;
  returnedDate: IsoDate | null;
  recordedBy: string | null;
  recordedOn: IsoDate | null;
  appliedOn: IsoDate | null;
}

/** One row per habilitation of the month's frozen lists, in the campaign's order. */
export async function campaignEvidence(manager: EntityManager, month: CampaignMonth): Promise<EvidenceRow[]> {
  const recertifications = await monthRecertifications(manager, month);
  const lines = await linesOf(manager, recertifications);
  const conventions = await conventionsOf(manager, recertifications);
  const agentIds = [...new Set(recertifications.map((r) => r.appliedById).filter((id): id is number => id !== null))];
  const agents = agentIds.length ? await manager.find(StaffUser, { where: { id: In(agentIds) }, select: { id: true, name: true, email: true } }) : [];
  const agentName = new Map(agents.map((a) => [a.id, `${a.name} (${a.email})`]));
  const habilitations = lines.length
    ? await manager.find(Habilitation, { where: { id: In([...new Set(lines.map((l) => l.habilitationId))]) }, select: { id: true, revokedDate: true } })
    : [];
  const habilitation = new Map(habilitations.map((h) => [h.id, h]));
  const linesBy = new Map<number, RecertificationLine[]>();
  for (const line of lines) linesBy.set(line.recertificationId, [...(linesBy.get(line.recertificationId) ?? []), line]);
  return recertifications.flatMap((r) => (linesBy.get(r.id) ?? []).map((line) => {
    const appliedOn = r.status === 'retournee' && r.appliedAt ? todayInParis(r.appliedAt) : null;
    return {
      conventionNumber: conventions.get(r.conventionId)?.number ?? '', partnerName: conventions.get(r.conventionId)?.partnerName ?? '',
      anniversary: r.anniversary, reference: r.reference, recertificationState: recertificationStateLabels[r.status],
      identifier: line.identifier, holder: line.name, decision: evidenceDecision(r.status, line.outcome),
      signatory: r.status === 'retournee' ? r.signatory : null, returnedDate: r.returnedDate,
      recordedBy: r.appliedById !== null ? agentName.get(r.appliedById) ?? `agent n° ${r.appliedById}` : null,
      recordedOn: r.appliedAt ? todayInParis(r.appliedAt) : null,
      appliedOn: evidenceAppliedOn(line.outcome, line, habilitation.get(line.habilitationId) ?? null, appliedOn),
    };
  }));
}
