// The « fin de CDD » notice of one convention (contract-end-notices.ts says what is due): the CDD
// habilitations of the convention whose notice day has come are stamped by a conditional UPDATE (same
// end date, still live, no closer notice sent), each gets an access-request form pre-filled with its
// holder to ask for the extension, and one email lists them all to the responsable with the forms
// attached; journaled, in the caller's transaction. A second run, or a second instance, stamps nothing
// and sends nothing again.
import { In, type EntityManager } from 'typeorm';
import type { FileStorage } from '../../adapters/storage.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { generateConventionDocument } from '../documents/convention-documents.js';
import { publish } from '../events.js';
import { todayInParis } from '../shared/dates.js';
import { dueNoticeDays } from './contract-end-notices.js';

export interface ContractEndNoticeResult {
  /** Habilitations told about this time. */
  notified: number;
  /** Extension forms printed and attached. */
  forms: number;
}

export async function notifyContractEnds(
  manager: EntityManager, storage: FileStorage, actor: Actor, conventionId: number, habilitationIds: number[], noticeDays: number[], now: Date,
): Promise<ContractEndNoticeResult> {
  const today = todayInParis(now);
  const candidates = await manager.find(Habilitation, { where: { id: In(habilitationIds), conventionId, status: In(['active', 'suspendue']) }, order: { id: 'ASC' } });
  const stamped: Array<{ habilitation: Habilitation; days: number }> = [];
  for (const habilitation of candidates) {
    if (!habilitation.endDate) continue;
    const days = dueNoticeDays(habilitation.endDate, today, noticeDays, habilitation.contractEndNoticeDays);
    if (days === null) continue;
    const result = await manager.createQueryBuilder().update(Habilitation).set({ contractEndNoticeDays: days })
      .where('id = :id AND endDate = :endDate AND status IN (:...live)', { id: habilitation.id, endDate: habilitation.endDate, live: ['active', 'suspendue'] })
      .andWhere('(contractEndNoticeDays IS NULL OR contractEndNoticeDays > :days)', { days })
      .execute();
    if (result.affected === 1) stamped.push({ habilitation, days });
  }
  if (stamped.length === 0) return { notified: 0, forms: 0 };

  const formDocumentIds: number[] = [];
  for (const { habilitation, days } of stamped) {
    // No form when the convention no longer takes requests (dénoncée and ending, résiliée…): the email says so.
    const form = await generateConventionDocument(manager, storage, actor, conventionId, 'access-request-form', now, { habilitationId: habilitation.id });
    if (form.ok) formDocumentIds.push(form.document.id);
    await recordAudit(manager, actor, {
      action: 'habilitation.contract-end-notice', entityType: 'Habilitation', entityId: habilitation.id,
      details: { endDate: habilitation.endDate, daysBefore: days, extensionForm: form.ok ? form.document.reference : null },
    }, now);
  }
  await publish(manager, {
    type: 'habilitation.contract-ending', conventionId, habilitationIds: stamped.map((s) => s.habilitation.id), formDocumentIds,
  }, actor);
  return { notified: stamped.length, forms: formDocumentIds.length };
}
