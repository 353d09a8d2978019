// The letters of the follow-up of an incomplete access request (incomplete-follow-up.ts): the reminder
// and the closure « classée sans suite », each a Document of the request (subjectType AccessRequest),
// produced in the follow-up's transaction and attached to its email. A dedupe key per request and return
// makes each letter exist once, even if two instances got past the conditional update (they cannot:
// incomplete-follow-up.use-cases.ts), and lets the request page find them.
import { In, type EntityManager } from 'typeorm';
import type { FileStorage } from '../../adapters/storage.js';
import { DOCUMENT_KIND_LABELS, type IncompleteFollowUpStep } from '../../documents/index.js';
import { AccessProfile } from '../../entities/access-profile.entity.js';
import { AccessRequest } from '../../entities/access-request.entity.js';
import { Convention } from '../../entities/convention.entity.js';
import { Document } from '../../entities/document.entity.js';
import { Partner } from '../../entities/partner.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { generateDocument, parametersOf, renderStamped, stampOf, type DocumentContent } from '../documents/document-archive.js';
import { conventionData, letterhead, partnerData } from '../documents/document-mapping.js';
import type { Regenerate } from '../files/stored-files.js';
import { currentManagerOf } from '../notifications/notification-handlers.js';
import { getSettings } from '../settings/settings.js';
import type { IsoDate } from '../shared/dates.js';
import { incompleteReasonLabels, type IncompleteReasonCode } from './access-request.workflow.js';

export const FOLLOW_UP_LETTER_KIND = { reminder: 'incomplete-reminder-letter', closure: 'incomplete-closure-letter' } as const;
type FollowUpLetterKind = (typeof FOLLOW_UP_LETTER_KIND)[IncompleteFollowUpStep];

/** One letter per request, step and return (a request returned again gets a new reminder). */
export const followUpLetterKey = (step: IncompleteFollowUpStep, requestId: number, incompleteSince: IsoDate) =>
  `incomplete-${step}:${requestId}:${incompleteSince}`;

/** « Signature manquante – Signature de l'employeur absente », as the email says it. */
export function incompleteReasonText(request: Pick<AccessRequest, 'incompleteReason' | 'incompleteDetails'>): string {
  const code = request.incompleteReason as IncompleteReasonCode | null;
  const label = (code && incompleteReasonLabels[code]) || code || '—';
  return request.incompleteDetails ? `${label} – ${request.incompleteDetails}` : label;
}

async function followUpLetterContent<S extends IncompleteFollowUpStep>(
  manager: EntityManager, request: AccessRequest, step: S, date: IsoDate, facts: { incompleteSince: IsoDate; closureOn: IsoDate },
): Promise<DocumentContent<FollowUpLetterKind> & { step: S }> {
  const settings = await getSettings(manager);
  const convention = await manager.findOneByOrFail(Convention, { id: request.conventionId });
  const [partner, profile, responsable] = await Promise.all([
    manager.findOneByOrFail(Partner, { id: convention.partnerId }),
    manager.findOneByOrFail(AccessProfile, { id: convention.profileId }),
    currentManagerOf(manager, convention.id),
  ]);
  return {
    step,
    caf: letterhead(settings),
    partner: partnerData(partner),
    convention: conventionData(convention, profile, date),
    // The decision emails' recipient (notification-handlers.ts): the responsable, else the partner.
    responsable: responsable
      ? { civility: responsable.civility, firstName: responsable.firstName, lastName: responsable.lastName }
      : undefined,
    applicant: { civility: request.civility, firstName: request.firstName, lastName: request.lastName, position: request.position },
    formReference: request.formReference ?? undefined,
    receivedOn: request.receivedDate,
    incompleteSince: facts.incompleteSince,
    reason: incompleteReasonText(request),
    closureOn: facts.closureOn,
  };
}

/**
 * The letter of `step` for the request, dated `today`, stored and journaled; the one already made for
 * this return when there is one.
 */
export async function produceFollowUpLetter(
  manager: EntityManager, storage: FileStorage, actor: Actor, request: AccessRequest, step: IncompleteFollowUpStep,
  facts: { incompleteSince: IsoDate; closureOn: IsoDate }, today: IsoDate, now: Date,
): Promise<Document> {
  const kind = FOLLOW_UP_LETTER_KIND[step];
  const dedupeKey = followUpLetterKey(step, request.id, facts.incompleteSince);
  const existing = await manager.findOneBy(Document, { dedupeKey });
  if (existing) return existing;
  const { document } = await generateDocument(manager, storage, {
    kind, subjectType: 'AccessRequest', subjectId: request.id, dedupeKey,
    title: `${DOCUMENT_KIND_LABELS[kind]} – ${request.firstName} ${request.lastName}`,
    date: today, generatedById: actor.staffUserId, parameters: facts,
    build: (stamp) => followUpLetterContent(manager, request, step, stamp.date, facts),
  }, now);
  await recordAudit(manager, actor, {
    action: 'document.generate', entityType: 'Document', entityId: document.id,
    details: { kind, subjectType: 'AccessRequest', subjectId: request.id, reference: document.reference },
  }, now);
  return document;
}

/** Per request, its latest reminder letter and its closure letter (the request page links to them). */
export async function followUpLettersOf(
  manager: EntityManager, requestIds: number[],
): Promise<Map<number, { reminderLetterId?: number; closureLetterId?: number }>> {
  const documents = await manager.find(Document, {
    where: { subjectType: 'AccessRequest', subjectId: In(requestIds), kind: In(Object.values(FOLLOW_UP_LETTER_KIND)) },
    select: { id: true, kind: true, subjectId: true }, order: { id: 'ASC' },
  });
  const byRequest = new Map<number, { reminderLetterId?: number; closureLetterId?: number }>();
  for (const d of documents) {
    const entry = byRequest.get(d.subjectId) ?? {};
    entry[d.kind === FOLLOW_UP_LETTER_KIND.reminder ? 'reminderLetterId' : 'closureLetterId'] = d.id;
    byRequest.set(d.subjectId, entry);
  }
  return byRequest;
}

/** The letter's PDF again from its record and the request as it is now, or null when the request is gone. */
export const regenerateFollowUpLetter: Regenerate = async (manager, document) => {
  const step = (Object.keys(FOLLOW_UP_LETTER_KIND) as IncompleteFollowUpStep[]).find((s) => FOLLOW_UP_LETTER_KIND[s] === document.kind);
  const request = step && document.subjectType === 'AccessRequest' ? await manager.findOneBy(AccessRequest, { id: document.subjectId }) : null;
  const { incompleteSince, closureOn } = parametersOf(document);
  if (!step || !request || !incompleteSince || !closureOn) return null;
  const stamp = stampOf(document);
  return renderStamped(FOLLOW_UP_LETTER_KIND[step], await followUpLetterContent(manager, request, step, stamp.date, { incompleteSince, closureOn }), stamp);
};
