// Use cases of the demande de suppression d'accès (STYLE.md habit 2), checkable against DOMAIN.md
// « SuppressionRequest »: record the signed paper form (the habilitation picked by its identifier or
// by the person's name within the partner), process it — the habilitation is revoked now when the
// « à compter de » date is today or past, else on that date by the daily job — or reject it (reason
// required). The request keeps the date the revocation actually happened (revokedDate).
import { In, Not, type EntityManager } from 'typeorm';
import { Convention } from '../../entities/convention.entity.js';
import { Document } from '../../entities/document.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { SuppressionRequest } from '../../entities/suppression-request.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { forUpdate, isUniqueViolation, type Outcome, refusable, RefusalError } from '../shared/transaction.js';
import { publish } from '../events.js';
import { personName, revokeInTransaction, type WorkflowServices } from '../habilitation/habilitation.use-cases.js';
import { parseHabilitationIdentifier } from '../habilitation/habilitation.workflow.js';
import { storeOptionalScan } from '../scans/scan-upload.js';
import { compareDates, formatFrenchDate, todayInParis, type IsoDate } from '../shared/dates.js';
import type { FormInput } from '../shared/form.validation.js';
import { foldName } from '../shared/normalize.js';
import { accepted, refusal, rejected, type Checked, type FieldError } from '../shared/validators.js';
import { SUPPRESSION_REQUEST_MESSAGES, validateSuppressionRequest, type SuppressionRequestLookups } from './suppression-request.validation.js';
import { applySuppressionRequestEvent, type PlannedRevocation } from './suppression-request.workflow.js';

export const SUPPRESSION_USE_CASE_MESSAGES = {
  unknown: "Cette demande de suppression n'existe pas (elle a peut-être été supprimée).",
  habilitationGone: "L'habilitation de cette demande n'existe plus.",
  concurrent: 'Cette demande de suppression vient d’être modifiée par un autre agent : rechargez la page et recommencez.',
  invalidForm: 'Le formulaire contient des erreurs : corrigez les champs signalés.',
  partnerRequired: 'Choisissez le partenaire pour rechercher l’habilitation par le nom de la personne.',
  identifierUnknown: (identifier: string) => `Aucune habilitation ne porte l’identifiant ${identifier}.`,
  otherPartner: (identifier: string) => `L’habilitation ${identifier} n’a pas été délivrée à un agent de ce partenaire.`,
  nameUnknown: (name: string) => `Aucune habilitation en cours au nom de « ${name} » chez ce partenaire.`,
  otherConvention: (identifier: string, number: string, formNumber: string) =>
    `L’habilitation ${identifier} relève de la convention n° ${number}, pas de la convention n° ${formNumber} du formulaire.`,
  nameAmbiguous: (name: string, identifiers: string[]) =>
    `Plusieurs habilitations en cours correspondent à « ${name} » (${identifiers.join(', ')}) : indiquez l’identifiant.`,
} as const;

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
const date = (value: IsoDate) => formatFrenchDate(value);

// --- Finding the habilitation named on the form ----------------------------------------------------

/**
 * The habilitation named on a paper form: its identifier (« CP78-000123 »), or the person's name
 * (« Lefèvre Hélène », « Hélène Lefèvre » or the nom alone, accents and case folded) among the
 * active or suspended habilitations of the partner's conventions.
 */
export async function findHabilitationForSuppression(
  manager: EntityManager, search: { partnerId: number | null; query: string },
): Promise<Checked<Habilitation>> {
  const query = search.query.trim().replace(/\s+/g, ' ');
  const parsed = parseHabilitationIdentifier(query);
  if (parsed) {
    const identifier = query.toUpperCase();
    const habilitation = await manager.findOneBy(Habilitation, { identifier });
    if (!habilitation) return rejected(SUPPRESSION_USE_CASE_MESSAGES.identifierUnknown(identifier));
    if (search.partnerId !== null) {
      const convention = await manager.findOneBy(Convention, { id: habilitation.conventionId });
      if (convention?.partnerId !== search.partnerId) return rejected(SUPPRESSION_USE_CASE_MESSAGES.otherPartner(identifier));
    }
    return accepted(habilitation);
  }
  if (search.partnerId === null) return rejected(SUPPRESSION_USE_CASE_MESSAGES.partnerRequired);
  const conventions = await manager.find(Convention, { where: { partnerId: search.partnerId }, select: { id: true } });
  const live = conventions.length
    ? await manager.find(Habilitation, { where: { conventionId: In(conventions.map((c) => c.id)), status: In(['active', 'suspendue']) }, order: { id: 'ASC' } })
    : [];
  const wanted = foldName(query);
  const byFullName = live.filter((h) => [`${h.lastName} ${h.firstName}`, `${h.firstName} ${h.lastName}`].some((n) => foldName(n) === wanted));
  const found = byFullName.length ? byFullName : live.filter((h) => foldName(h.lastName) === wanted);
  if (found.length === 1) return accepted(found[0]);
  if (!found.length) return rejected(SUPPRESSION_USE_CASE_MESSAGES.nameUnknown(query));
  return rejected(SUPPRESSION_USE_CASE_MESSAGES.nameAmbiguous(query, found.map((h) => h.identifier)));
}

const positiveId = (value: unknown): number | null => (/^[1-9]\d*$/.test(text(value).trim()) ? Number(text(value).trim()) : null);

// --- Recording the paper form ------------------------------------------------------------------------

export interface SuppressionRecordInput extends FormInput {
  /** Picked in a list of habilitations. */
  habilitationId?: unknown;
  /** Otherwise: the partner of the form and the identifier or the name written on it. */
  partnerId?: unknown;
  /** The convention printed on a blank form (pre-filled by the reference lookup): the habilitation must be one of its. */
  conventionId?: unknown;
  habilitationQuery?: unknown;
  /** The signed form, as express-formidable hands it over (optional). */
  scan?: unknown;
}

export interface SuppressionRequestResult {
  suppressionRequest: SuppressionRequest;
  habilitation: Habilitation;
}

/**
 * Records a signed « Demande de suppression d'accès »: the habilitation (picked, or found from the
 * identifier or the name written on the form within the partner — or from the printed reference of a
 * form generated for that habilitation), the fonction, « à compter de », the received date, the
 * employer's signature and an optional scan. Every field is checked (suppression-request.validation.ts,
 * the same checks as the AdminJS form); on any error nothing is written.
 */
/** What the form's validation looks up in the database (recording here, correcting in the back-office). */
export const suppressionRequestLookups = (manager: EntityManager): SuppressionRequestLookups => ({
  habilitation: (id) => manager.findOne(Habilitation, {
    where: { id }, relations: { convention: true }, select: { id: true, status: true, grantedDate: true, convention: { id: true, number: true, kind: true } },
  }),
  pendingRequest: (habilitationId, exceptId) => manager.findOne(SuppressionRequest, {
    where: { habilitationId, status: 'recue', ...(exceptId ? { id: Not(exceptId) } : {}) }, select: { id: true },
  }),
  keyedWith: async (reference) => (await manager.findOne(SuppressionRequest, { where: { formReference: reference }, select: { id: true } }))?.id ?? null,
});

export async function recordSuppressionRequest(
  services: WorkflowServices, actor: Actor, input: SuppressionRecordInput,
): Promise<Outcome<SuppressionRequestResult>> {
  const { dataSource, storage, clock } = services;
  const now = clock.now();
  const today = todayInParis(now);
  const manager = dataSource.manager;
  const { scan, partnerId: rawPartner, habilitationQuery, conventionId: rawConvention, ...form } = input;
  const extra: FieldError[] = [];

  let habilitationId = positiveId(form.habilitationId);
  let partnerId = positiveId(rawPartner);
  const formConventionId = positiveId(rawConvention);
  const formConvention = formConventionId === null ? null : await manager.findOneBy(Convention, { id: formConventionId });
  partnerId ??= formConvention?.partnerId ?? null;
  const reference = text(form.formReference).replace(/\s/g, '').toUpperCase();
  if (reference && habilitationId === null) {
    // A form printed from a habilitation names it; one printed from a convention names the partner.
    const printed = await manager.findOneBy(Document, { reference, kind: 'suppression-request-form' });
    if (printed?.subjectType === 'Habilitation') habilitationId = printed.subjectId;
    else if (printed?.subjectType === 'Convention' && partnerId === null) {
      partnerId = (await manager.findOneBy(Convention, { id: printed.subjectId }))?.partnerId ?? null;
    }
  }
  if (habilitationId === null && text(habilitationQuery).trim()) {
    const found = await findHabilitationForSuppression(manager, { partnerId, query: text(habilitationQuery) });
    if (found.ok) habilitationId = found.value.id;
    else extra.push({ field: 'habilitationQuery', message: found.message });
  }
  form.habilitationId = habilitationId === null ? '' : String(habilitationId);
  if (formConvention && habilitationId !== null) {
    const chosen = await manager.findOneBy(Habilitation, { id: habilitationId });
    if (chosen && chosen.conventionId !== formConvention.id) {
      const number = (await manager.findOneBy(Convention, { id: chosen.conventionId }))?.number ?? String(chosen.conventionId);
      extra.push({ field: 'habilitationId', message: SUPPRESSION_USE_CASE_MESSAGES.otherConvention(chosen.identifier, number, formConvention.number) });
    }
  }

  const lookups = suppressionRequestLookups(manager);
  const checked = await validateSuppressionRequest(form, today, lookups);
  // A name that matched nothing already says why there is no habilitation.
  const errors = [...(Array.isArray(checked) ? checked : []).filter((e) => !(extra.length && e.field === 'habilitationId')), ...extra];
  if (errors.length || Array.isArray(checked)) return refusal(SUPPRESSION_USE_CASE_MESSAGES.invalidForm, errors);
  const values = checked as Partial<SuppressionRequest>;

  const recorded = refusable(dataSource, async (tx) => {
    const stored = await storeOptionalScan(tx, storage, scan, actor.staffUserId);
    if (!stored.ok) return refusal(stored.message, [{ field: 'scan', message: stored.message }]);
    const scanId = stored.value;
    const inserted = await tx.insert(SuppressionRequest, {
      ...values, habilitationId: Number(values.habilitationId), status: 'recue', scanId, recordedById: actor.staffUserId,
    });
    const id = Number(inserted.identifiers[0].id);
    const suppressionRequest = await tx.findOneByOrFail(SuppressionRequest, { id });
    const habilitation = await tx.findOneByOrFail(Habilitation, { id: suppressionRequest.habilitationId });
    await recordAudit(tx, actor, {
      action: 'suppression-request.record', entityType: 'SuppressionRequest', entityId: id, toState: 'recue',
      details: { habilitationId: habilitation.id, identifier: habilitation.identifier, effectiveDate: suppressionRequest.effectiveDate, formReference: suppressionRequest.formReference, scanId },
    }, now);
    return {
      ok: true, suppressionRequest, habilitation,
      message: `Demande de suppression n° ${id} enregistrée pour l’habilitation ${habilitation.identifier} de ${personName(habilitation)} `
        + `(à compter du ${date(suppressionRequest.effectiveDate)}).`,
    };
  });
  // Two agents recording the same paper at the same instant: the unique index lets one through.
  return recorded.catch(async (error: unknown) => {
    if (!reference || !isUniqueViolation(error)) throw error;
    const message = SUPPRESSION_REQUEST_MESSAGES.referenceKeyed(reference, (await lookups.keyedWith(reference)) ?? 0);
    return refusal(SUPPRESSION_USE_CASE_MESSAGES.invalidForm, [{ field: 'formReference', message }]);
  });
}

// --- Processing, rejection ------------------------------------------------------------------------------

async function loadLocked(manager: EntityManager, requestId: number): Promise<{ request: SuppressionRequest; habilitation: Habilitation }> {
  const request = Number.isInteger(requestId) && requestId > 0
    ? await manager.findOne(SuppressionRequest, { where: { id: requestId }, ...forUpdate(manager) })
    : null;
  if (!request) throw new RefusalError(refusal(SUPPRESSION_USE_CASE_MESSAGES.unknown));
  const habilitation = await manager.findOne(Habilitation, { where: { id: request.habilitationId }, ...forUpdate(manager) });
  if (!habilitation) throw new RefusalError(refusal(SUPPRESSION_USE_CASE_MESSAGES.habilitationGone));
  return { request, habilitation };
}

async function decide(manager: EntityManager, request: SuppressionRequest, to: 'traitee' | 'rejetee', columns: Partial<SuppressionRequest>): Promise<void> {
  const result = await manager.createQueryBuilder().update(SuppressionRequest)
    .set({ status: to, ...columns })
    .where('id = :id AND status = :from', { id: request.id, from: 'recue' })
    .execute();
  if (result.affected !== 1) throw new RefusalError(refusal(SUPPRESSION_USE_CASE_MESSAGES.concurrent));
}

const revocationDetails = (request: SuppressionRequest) =>
  `Demande de suppression d’accès n° ${request.id} reçue le ${date(request.receivedDate)}, à compter du ${date(request.effectiveDate)}.`;

export interface ProcessResult extends SuppressionRequestResult {
  revocation: PlannedRevocation;
}

/**
 * recue → traitee (employer's signature required): revokes the habilitation in the same transaction
 * when « à compter de » is today or past (revokedDate = today), or leaves it to the daily job when it
 * is in the future (habilitation-expiry.job.ts); nothing to revoke when it already is (revokedDate =
 * that revocation's date). Publishes 'suppression-request.processed'.
 */
export function processSuppressionRequest(services: WorkflowServices, actor: Actor, requestId: number): Promise<Outcome<ProcessResult>> {
  const now = services.clock.now();
  const today = todayInParis(now);
  return refusable(services.dataSource, async (manager) => {
    const { request, habilitation } = await loadLocked(manager, requestId);
    const applied = applySuppressionRequestEvent({
      status: request.status, effectiveDate: request.effectiveDate, employerSignaturePresent: request.employerSigned, habilitationStatus: habilitation.status,
    }, { type: 'process' }, today);
    if (!applied.ok) return applied;
    if (applied.effects.type !== 'process') throw new Error('unreachable');
    const { revocation } = applied.effects;

    const revokedDate = revocation.when === 'now' ? revocation.revokedOn : revocation.when === 'none' ? habilitation.revokedDate ?? today : null;
    await decide(manager, request, 'traitee', { decidedAt: now, decidedById: actor.staffUserId, revokedDate });
    if (revocation.when === 'now') {
      const revoked = await revokeInTransaction(manager, actor, habilitation,
        { reasonCode: revocation.reasonCode, details: revocationDetails(request), date: revocation.revokedOn }, now, { suppressionRequestId: request.id });
      if (!revoked) throw new RefusalError(refusal(SUPPRESSION_USE_CASE_MESSAGES.concurrent));
    }
    await recordAudit(manager, actor, {
      action: 'suppression-request.process', entityType: 'SuppressionRequest', entityId: request.id, fromState: applied.from, toState: applied.to,
      details: { habilitationId: habilitation.id, identifier: habilitation.identifier, revocation },
    }, now);
    await publish(manager, { type: 'suppression-request.processed', suppressionRequestId: request.id }, actor);

    const who = `l’habilitation ${habilitation.identifier} de ${personName(habilitation)}`;
    const message = revocation.when === 'now'
      ? `Demande de suppression n° ${request.id} traitée : ${who} est révoquée ce jour (${date(revocation.revokedOn)}).`
      : revocation.when === 'scheduled'
        ? `Demande de suppression n° ${request.id} traitée : ${who} sera révoquée le ${date(revocation.revokeOn)}.`
        : `Demande de suppression n° ${request.id} traitée : ${who} était déjà révoquée${habilitation.revokedDate ? ` (le ${date(habilitation.revokedDate)})` : ''}.`;
    return {
      ok: true, revocation, message,
      suppressionRequest: await manager.findOneByOrFail(SuppressionRequest, { id: request.id }),
      habilitation: await manager.findOneByOrFail(Habilitation, { id: habilitation.id }),
    };
  });
}

/** recue → rejetee, reason required; the habilitation is untouched. Publishes 'suppression-request.rejected'. */
export function rejectSuppressionRequest(
  services: WorkflowServices, actor: Actor, requestId: number, input: { reason?: unknown },
): Promise<Outcome<SuppressionRequestResult>> {
  const now = services.clock.now();
  const today = todayInParis(now);
  return refusable(services.dataSource, async (manager) => {
    const { request, habilitation } = await loadLocked(manager, requestId);
    const applied = applySuppressionRequestEvent({
      status: request.status, effectiveDate: request.effectiveDate, employerSignaturePresent: request.employerSigned, habilitationStatus: habilitation.status,
    }, { type: 'reject', reason: text(input.reason) }, today);
    if (!applied.ok) return applied;
    if (applied.effects.type !== 'reject') throw new Error('unreachable');
    const { rejectionReason } = applied.effects;
    await decide(manager, request, 'rejetee', { rejectionReason, decidedAt: now, decidedById: actor.staffUserId });
    await recordAudit(manager, actor, {
      action: 'suppression-request.reject', entityType: 'SuppressionRequest', entityId: request.id, fromState: applied.from, toState: applied.to,
      reason: rejectionReason, details: { habilitationId: habilitation.id, identifier: habilitation.identifier },
    }, now);
    await publish(manager, { type: 'suppression-request.rejected', suppressionRequestId: request.id }, actor);
    return {
      ok: true, habilitation,
      suppressionRequest: await manager.findOneByOrFail(SuppressionRequest, { id: request.id }),
      message: `Demande de suppression n° ${request.id} rejetée : l’habilitation ${habilitation.identifier} de ${personName(habilitation)} reste ${habilitation.status === 'active' ? 'active' : 'inchangée'}. Motif : ${rejectionReason}`,
    };
  });
}

// --- Scheduled revocations (daily job) ------------------------------------------------------------------

export type ScheduledRevocationOutcome = 'revoked' | 'already-revoked' | 'nothing';

/**
 * Performs the revocation of a processed request whose « à compter de » date has come, in the caller's
 * transaction: the request row is locked and claimed with a conditional UPDATE (revokedDate IS NULL),
 * so two runs at once neither revoke twice nor skip it; the habilitation is revoked « suppression
 * demandée » dated today (the day access really stops), each change audited.
 */
export async function performScheduledRevocation(
  manager: EntityManager, actor: Actor, requestId: number, now: Date, job: string,
): Promise<ScheduledRevocationOutcome> {
  const today = todayInParis(now);
  const request = await manager.findOne(SuppressionRequest, { where: { id: requestId }, ...forUpdate(manager) });
  if (!request || request.status !== 'traitee' || request.revokedDate !== null || compareDates(request.effectiveDate, today) > 0) return 'nothing';
  const habilitation = await manager.findOne(Habilitation, { where: { id: request.habilitationId }, ...forUpdate(manager) });
  if (!habilitation) return 'nothing';

  const alreadyRevoked = habilitation.status === 'revoquee';
  const revokedDate = alreadyRevoked ? habilitation.revokedDate ?? today : today;
  const claimed = await manager.createQueryBuilder().update(SuppressionRequest)
    .set({ revokedDate })
    .where('id = :id AND status = :status AND revokedDate IS NULL', { id: request.id, status: 'traitee' })
    .execute();
  if (claimed.affected !== 1) return 'nothing';
  if (!alreadyRevoked) {
    const revoked = await revokeInTransaction(manager, actor, habilitation,
      { reasonCode: 'suppression-demandee', details: revocationDetails(request), date: today }, now, { suppressionRequestId: request.id, job });
    if (!revoked) throw new Error(`habilitation ${habilitation.id} changed under its lock`);
  }
  await recordAudit(manager, actor, {
    action: 'suppression-request.revocation', entityType: 'SuppressionRequest', entityId: request.id, fromState: 'traitee', toState: 'traitee',
    reason: 'suppression-demandee', details: { habilitationId: habilitation.id, identifier: habilitation.identifier, revokedDate, alreadyRevoked, job },
  }, now);
  return alreadyRevoked ? 'already-revoked' : 'revoked';
}
