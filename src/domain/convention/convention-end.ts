// « When a convention ends, every habilitation under it is revoked that day » (DOMAIN.md
// « Convention »), from the two places where it happens: the dénonciation or résiliation itself when
// its end date is today or past (the letter printed the same minute says access ends today), and the
// nightly job for an end still to come (src/jobs/convention-end.job.ts). One function revokes, one
// describes what ending will do, before the Directeur confirms.
import { In, type EntityManager } from 'typeorm';
import { DOCUMENT_KIND_LABELS } from '../../documents/index.js';
import { countOf } from '../../documents/format.js';
import type { Convention } from '../../entities/convention.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { publish } from '../events.js';
import { habilitationEventRefusal, revocationReasonLabels, type HabilitationState } from '../habilitation/habilitation.workflow.js';
import { decisionAddressee } from '../notifications/notification-handlers.js';
import { compareDates, formatFrenchDate, type IsoDate } from '../shared/dates.js';
import { forUpdate } from '../shared/transaction.js';

const REVOCABLE: HabilitationState[] = ['active', 'suspendue'];

/** An end date (exclusive) today or past: access stops now, not at the next night's job. */
export const endsBy = (endDate: IsoDate, today: IsoDate): boolean => compareDates(endDate, today) <= 0;

export interface ConventionEndRevocation {
  /** The date written on each habilitation: the end date (nightly job) or today (ending on the spot). */
  revokedOn: IsoDate;
  /** Journal detail: which job, when the job revokes. */
  job?: string;
}

/**
 * Revokes « fin de convention » every active or suspended habilitation of the ended convention, in
 * the caller's transaction, each audited, and publishes 'convention.ended' (the email to the
 * responsable) when at least one was revoked. The rows are read locked and each UPDATE is conditional
 * on the status read: run twice, by two instances, or by the job after the use case, nothing is
 * revoked, audited or emailed twice. Returns the ids revoked.
 */
export async function revokeForConventionEnd(
  manager: EntityManager, actor: Actor, convention: Pick<Convention, 'id' | 'number' | 'status' | 'endDate'>, now: Date, options: ConventionEndRevocation,
): Promise<number[]> {
  const candidates = await manager.find(Habilitation, {
    where: { conventionId: convention.id, status: In(REVOCABLE) }, select: { id: true, identifier: true, status: true }, order: { id: 'ASC' }, ...forUpdate(manager),
  });
  const revoked: number[] = [];
  for (const habilitation of candidates) {
    if (habilitationEventRefusal(habilitation.status, 'revoke')) continue;
    const result = await manager.createQueryBuilder().update(Habilitation)
      .set({
        status: 'revoquee', statusReason: 'fin-de-convention', revokedDate: options.revokedOn,
        statusDetails: `Fin de la convention n° ${convention.number} le ${formatFrenchDate(convention.endDate!)}.`,
      })
      .where('id = :id AND status = :status', { id: habilitation.id, status: habilitation.status })
      .execute();
    if (result.affected !== 1) continue; // revoked meanwhile by another run (or another agent)
    revoked.push(habilitation.id);
    await recordAudit(manager, actor, {
      action: 'habilitation.revoke', entityType: 'Habilitation', entityId: habilitation.id,
      fromState: habilitation.status, toState: 'revoquee', reason: 'fin-de-convention',
      details: {
        identifier: habilitation.identifier, conventionId: convention.id, conventionStatus: convention.status,
        revokedDate: options.revokedOn, ...(options.job ? { job: options.job } : {}),
      },
    }, now);
  }
  if (revoked.length) await publish(manager, { type: 'convention.ended', conventionId: convention.id, habilitationIds: revoked }, actor);
  return revoked;
}

/** « 3 habilitations sont révoquées » / « 1 habilitation est révoquée » (tense: 'present' | 'future'). */
export function revokedCount(n: number, tense: 'present' | 'future'): string {
  const verb = tense === 'present' ? (n > 1 ? 'sont révoquées' : 'est révoquée') : (n > 1 ? 'seront révoquées' : 'sera révoquée');
  return `${countOf(n, 'habilitation')} ${verb}`;
}

/**
 * What ending the convention on `endDate` will do, in French, shown before confirming a dénonciation
 * or a résiliation: how many habilitations are revoked and when, who is emailed, which letter follows.
 */
export async function describeConventionEnd(
  manager: EntityManager, convention: Pick<Convention, 'id'>, endDate: IsoDate, today: IsoDate,
): Promise<string> {
  const live = await manager.countBy(Habilitation, { conventionId: convention.id, status: In(REVOCABLE) });
  const now = endsBy(endDate, today);
  const when = now ? 'aujourd’hui' : `le ${formatFrenchDate(endDate)}`;
  const letter = `Courrier : le « ${DOCUMENT_KIND_LABELS['termination-letter']} » se produit ensuite depuis « Documents (PDF) », pour le partenaire.`;
  if (live === 0) return `Aucune habilitation n’est en cours sur cette convention : il n’y aura rien à révoquer. ${letter}`;

  const revocation = `${revokedCount(live, 'future')} ${when} (motif « ${revocationReasonLabels['fin-de-convention']} »).`;
  const { to, responsable } = await decisionAddressee(manager, convention.id);
  const who = responsable
    ? `au responsable habilitations${now ? '' : ' en fonction'} (${now ? '' : 'actuellement '}${responsable.civility} ${responsable.firstName} ${responsable.lastName}, ${to})`
    : `au partenaire (${to}), faute de responsable habilitations en fonction`;
  const email = to
    ? `Courriel : ${now ? 'aussitôt' : 'ce jour-là'}, la liste des habilitations révoquées est envoyée ${who}.`
    : 'Courriel : aucun, faute d’adresse électronique valable du responsable habilitations ou du partenaire (le journal le signalera).';
  return `${revocation} ${email} ${letter}`;
}
