// Use cases of the demande d'accès (STYLE.md habit 2), checkable against DOMAIN.md « AccessRequest »:
// record the signed paper form, return it incomplete, record the complement, approve (which creates
// the habilitation in the same transaction) or refuse. Each one asks the ONE state machine
// (access-request.workflow.ts), the approval also the checks of access-request.checks.ts; each writes
// with a conditional UPDATE and its AuditEvent in one transaction, and publishes its domain event.
import type { EntityManager } from 'typeorm';
import { AccessProfile } from '../../entities/access-profile.entity.js';
import { AccessRequest } from '../../entities/access-request.entity.js';
import { Convention } from '../../entities/convention.entity.js';
import { printedConventionId } from '../documents/form-references.js';
import { Document } from '../../entities/document.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { Partner } from '../../entities/partner.entity.js';
import type { Settings } from '../../entities/settings.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { forUpdate, isUniqueViolation, type Outcome, refusable, RefusalError } from '../shared/transaction.js';
import { publish } from '../events.js';
import {
  checkAccessCode, issueHabilitation, liveHabilitations, lockConvention, personName, type IssuedHabilitation, type WorkflowServices,
} from '../habilitation/habilitation.use-cases.js';
import { storeOptionalScan } from '../scans/scan-upload.js';
import { getSettings } from '../settings/settings.js';
import { formatFrenchDate, isBefore, todayInParis, type IsoDate } from '../shared/dates.js';
import type { FormInput } from '../shared/form.validation.js';
import { foldEmail, foldName, samePerson } from '../shared/normalize.js';
import { refusal, type FieldError } from '../shared/validators.js';
import { approvalFailures, extendedHabilitation, type ApprovalFailure } from './access-request.checks.js';
import { conventionNumberAndKind } from '../convention/convention-kind-lookup.js';
import { ACCESS_REQUEST_MESSAGES, validateAccessRequest, type AccessRequestLookups } from './access-request.validation.js';
import {
  applyAccessRequestEvent, incompleteReasonLabels, type AccessRequestEffects, type AccessRequestEvent, type AccessRequestState,
} from './access-request.workflow.js';

export type { WorkflowServices };

export const ACCESS_REQUEST_USE_CASE_MESSAGES = {
  unknown: "Cette demande d'accès n'existe pas (elle a peut-être été supprimée).",
  concurrent: 'Cette demande vient d’être modifiée par un autre agent : rechargez la page et recommencez.',
  invalidForm: 'Le formulaire contient des erreurs : corrigez les champs signalés.',
  doubleCheck: 'Double contrôle : vous avez enregistré cette demande, elle doit être décidée par un autre agent.',
  referenceUnknown: (reference: string) =>
    `Aucun formulaire de demande d’accès imprimé ne porte la référence ${reference} : vérifiez la saisie ou choisissez la convention.`,
  referenceOtherConvention: (reference: string, number: string) =>
    `Le formulaire ${reference} a été imprimé pour la convention n° ${number}, pas pour la convention choisie.`,
  complementBeforeReturn: (since: string) => `Le complément ne peut pas avoir été reçu avant le retour de la demande au partenaire (le ${since}).`,
} as const;

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
const date = (value: IsoDate) => formatFrenchDate(value);
const requestName = (r: Pick<AccessRequest, 'firstName' | 'lastName'>) => `${r.firstName} ${r.lastName.toUpperCase()}`;
const identity = (p: { lastName: string; firstName: string; email: string }) => ({ nom: p.lastName, prenom: p.firstName, email: p.email });

async function load(manager: EntityManager, requestId: number, lock = false): Promise<AccessRequest> {
  const request = Number.isInteger(requestId) && requestId > 0
    ? await manager.findOne(AccessRequest, { where: { id: requestId }, ...(lock ? forUpdate(manager) : {}) })
    : null;
  if (!request) throw new RefusalError(refusal(ACCESS_REQUEST_USE_CASE_MESSAGES.unknown));
  return request;
}

/** « Double contrôle » (Settings.doubleCheck): the agent who recorded a request may not decide it. */
export function doubleCheckRefusal(settings: Pick<Settings, 'doubleCheck'>, request: Pick<AccessRequest, 'recordedById'>, actor: Actor): string | null {
  if (!settings.doubleCheck || request.recordedById === null || actor.staffUserId === null) return null;
  return request.recordedById === actor.staffUserId ? ACCESS_REQUEST_USE_CASE_MESSAGES.doubleCheck : null;
}

// --- Warnings (never blocking) ---------------------------------------------------------------------

export interface HabilitationElsewhere {
  habilitationId: number;
  identifier: string;
  partnerName: string;
  conventionNumber: string;
  /** Same nom, prénom and email (DOMAIN.md's « same person »), or only the same nom and prénom. */
  samePerson: boolean;
}

/**
 * Active habilitations held through ANOTHER partner by the same person (nom + prénom folded; the
 * email is compared too, but a professional address usually differs from one employer to another).
 */
export async function activeHabilitationsElsewhere(
  manager: EntityManager, person: { lastName: string; firstName: string; email: string }, partnerId: number,
): Promise<HabilitationElsewhere[]> {
  const rows: Array<{ id: number; identifier: string; lastName: string; firstName: string; email: string; partnerName: string; conventionNumber: string }> =
    await manager.createQueryBuilder(Habilitation, 'h')
      .innerJoin(Convention, 'c', 'c.id = h.conventionId')
      .innerJoin(Partner, 'p', 'p.id = c.partnerId')
      .select(['h.id AS id', 'h.identifier AS identifier', 'h.lastName AS lastName', 'h.firstName AS firstName', 'h.email AS email'])
      .addSelect('p.name', 'partnerName')
      .addSelect('c.number', 'conventionNumber')
      .where('h.status = :active', { active: 'active' })
      .andWhere('c.partnerId <> :partnerId', { partnerId })
      .orderBy('h.id', 'ASC')
      .getRawMany();
  const [nom, prenom] = [foldName(person.lastName), foldName(person.firstName)];
  return rows
    .filter((r) => foldName(r.lastName) === nom && foldName(r.firstName) === prenom)
    .map((r) => ({
      habilitationId: Number(r.id), identifier: r.identifier, partnerName: r.partnerName, conventionNumber: r.conventionNumber,
      samePerson: foldEmail(r.email) === foldEmail(person.email),
    }));
}

function elsewhereWarning(name: string, found: HabilitationElsewhere[]): string | null {
  if (!found.length) return null;
  const list = found.map((f) => `${f.identifier} (${f.partnerName}, convention n° ${f.conventionNumber}${f.samePerson ? ', même adresse électronique' : ''})`).join(', ');
  return `Attention : ${name} détient déjà une habilitation active chez un autre partenaire : ${list}. `
    + 'Vérifiez qu’il s’agit bien d’un besoin distinct.';
}

// --- Recording the paper form ------------------------------------------------------------------------

export interface RecordResult {
  accessRequest: AccessRequest;
  warnings: string[];
}

function normalizedReference(value: unknown): string | null {
  const raw = text(value).replace(/\s/g, '').toUpperCase();
  return raw ? raw : null;
}

/**
 * Records a signed « Demande d'accès » as typed by the Gestionnaire conventions: the convention (or
 * the printed form reference / QR code, which names it), the applicant, the contract, the received
 * date, both « lu et approuvé » signatures present, and an optional scan (`input.scan`, as
 * express-formidable hands it over). Every field is checked (access-request.validation.ts, the same
 * checks as the AdminJS form); on any error nothing is written.
 */
/** What the form's validation looks up in the database (recording here, correcting in the back-office). */
export const accessRequestLookups = (manager: EntityManager): AccessRequestLookups => ({
  convention: conventionNumberAndKind(manager),
  keyedWith: async (reference) => (await manager.findOne(AccessRequest, { where: { formReference: reference }, select: { id: true } }))?.id ?? null,
});

export async function recordAccessRequest(
  services: WorkflowServices, actor: Actor, input: FormInput & { scan?: unknown },
): Promise<Outcome<RecordResult>> {
  const { dataSource, storage, clock } = services;
  const now = clock.now();
  const today = todayInParis(now);
  const manager = dataSource.manager;
  const { scan, ...form } = input;
  const extra: FieldError[] = [];

  // The printed reference names the convention it was printed for (form-references.ts).
  const reference = normalizedReference(form.formReference);
  if (reference) {
    const printed = await manager.findOneBy(Document, { reference, kind: 'access-request-form' });
    const printedFor = printed ? String(await printedConventionId(manager, printed)) : null;
    const chosen = text(form.conventionId).trim();
    if (printedFor && !chosen) form.conventionId = printedFor;
    else if (printedFor && chosen !== printedFor) {
      const number = (await manager.findOneBy(Convention, { id: Number(printedFor) }))?.number ?? printedFor;
      extra.push({ field: 'formReference', message: ACCESS_REQUEST_USE_CASE_MESSAGES.referenceOtherConvention(reference, number) });
    } else if (!printed && !chosen && /^DA-\d{4}-\d{6,}$/.test(reference)) {
      extra.push({ field: 'formReference', message: ACCESS_REQUEST_USE_CASE_MESSAGES.referenceUnknown(reference) });
    }
  }

  const checked = await validateAccessRequest(form, today, accessRequestLookups(manager));
  const errors = [...(Array.isArray(checked) ? checked : []), ...extra];
  // An unknown reference already says « choose the convention »: no second message on the convention.
  const shown = extra.some((e) => e.field === 'formReference') ? errors.filter((e) => e.field !== 'conventionId' || text(form.conventionId).trim()) : errors;
  if (shown.length || Array.isArray(checked)) return refusal(ACCESS_REQUEST_USE_CASE_MESSAGES.invalidForm, shown);
  const values = checked as Partial<AccessRequest>;

  const recorded = refusable(dataSource, async (tx) => {
    const stored = await storeOptionalScan(tx, storage, scan, actor.staffUserId);
    if (!stored.ok) return refusal(stored.message, [{ field: 'scan', message: stored.message }]);
    const scanId = stored.value;
    const inserted = await tx.insert(AccessRequest, {
      ...values, conventionId: Number(values.conventionId), status: 'recue', scanId, recordedById: actor.staffUserId,
    });
    const id = Number(inserted.identifiers[0].id);
    const accessRequest = await tx.findOneByOrFail(AccessRequest, { id });
    await recordAudit(tx, actor, {
      action: 'access-request.record', entityType: 'AccessRequest', entityId: id, toState: 'recue',
      details: { conventionId: accessRequest.conventionId, formReference: accessRequest.formReference, receivedDate: accessRequest.receivedDate, scanId },
    }, now);

    const warnings: string[] = [];
    const pending = (await tx.find(AccessRequest, { where: { conventionId: accessRequest.conventionId }, order: { id: 'ASC' } }))
      .filter((r) => r.id !== id && (r.status === 'recue' || r.status === 'incomplete') && samePerson(identity(r), identity(accessRequest)));
    if (pending.length) {
      warnings.push(`Attention : une demande pour la même personne est déjà en cours sur cette convention (demande n° ${pending.map((r) => r.id).join(', ')}).`);
    }
    const live = (await liveHabilitations(tx, accessRequest.conventionId)).filter((h) => samePerson(identity(h), identity(accessRequest)));
    if (live.length) {
      warnings.push(`Attention : cette personne a déjà une habilitation sur cette convention (${live.map((h) => h.identifier).join(', ')}) : la demande ne pourra pas être approuvée.`);
    }
    const convention = await tx.findOneByOrFail(Convention, { id: accessRequest.conventionId });
    return {
      ok: true, accessRequest, warnings,
      message: [
        `Demande d’accès n° ${id} de ${requestName(accessRequest)} enregistrée (convention n° ${convention.number}, reçue le ${date(accessRequest.receivedDate)}).`,
        ...warnings,
      ].join(' '),
    };
  });
  // Two agents recording the same paper at the same instant: the unique index lets one through.
  return recorded.catch(async (error: unknown) => {
    if (!reference || !isUniqueViolation(error)) throw error;
    const message = ACCESS_REQUEST_MESSAGES.referenceKeyed(reference, (await accessRequestLookups(manager).keyedWith(reference)) ?? 0);
    return refusal(ACCESS_REQUEST_USE_CASE_MESSAGES.invalidForm, [{ field: 'formReference', message }]);
  });
}

// --- Transitions ---------------------------------------------------------------------------------------

export interface AccessRequestResult {
  accessRequest: AccessRequest;
}

function columnsOf(effects: AccessRequestEffects, today: IsoDate): Partial<AccessRequest> {
  switch (effects.type) {
    case 'markIncomplete':
      return { incompleteReason: effects.incompleteReasonCode, incompleteDetails: effects.incompleteDetails, incompleteSince: today, complementReceivedDate: null };
    case 'complete':
      return { complementReceivedDate: effects.complementReceivedDate };
    case 'approve':
      return {};
    case 'refuse':
      return { refusalReason: effects.refusalReason };
  }
}

/** UPDATE … WHERE id AND status = from: a concurrent decision makes it match nothing (the caller rolls back). */
async function writeTransition(
  manager: EntityManager, request: AccessRequest, from: AccessRequestState, to: AccessRequestState, columns: Partial<AccessRequest>,
): Promise<void> {
  const result = await manager.createQueryBuilder().update(AccessRequest)
    .set({ status: to, ...columns })
    .where('id = :id AND status = :from', { id: request.id, from })
    .execute();
  if (result.affected !== 1) throw new RefusalError(refusal(ACCESS_REQUEST_USE_CASE_MESSAGES.concurrent));
}

/** recue → incomplete: the form goes back to the partner with a reason from the list (+ free text). */
export function markAccessRequestIncomplete(
  services: WorkflowServices, actor: Actor, requestId: number, input: { reasonCode?: unknown; details?: unknown },
): Promise<Outcome<AccessRequestResult>> {
  return simpleTransition(services, actor, requestId, { type: 'markIncomplete', reasonCode: text(input.reasonCode), details: text(input.details) },
    (r) => `La demande n° ${r.id} de ${requestName(r)} est retournée incomplète au partenaire `
      + `(motif : ${incompleteReasonLabels[r.incompleteReason as keyof typeof incompleteReasonLabels]}${r.incompleteDetails ? ` – ${r.incompleteDetails}` : ''}).`);
}

/** incomplete → recue: the complement arrived on `complementReceivedDate`; the request is to be decided again. */
export function completeAccessRequest(
  services: WorkflowServices, actor: Actor, requestId: number, input: { complementReceivedDate?: unknown },
): Promise<Outcome<AccessRequestResult>> {
  return simpleTransition(services, actor, requestId, { type: 'complete', complementReceivedDate: text(input.complementReceivedDate).trim() },
    (r) => `Complément reçu le ${date(r.complementReceivedDate!)} : la demande n° ${r.id} de ${requestName(r)} est de nouveau à instruire.`);
}

/** recue → refusee, reason required; « double contrôle » applies. */
export function refuseAccessRequest(
  services: WorkflowServices, actor: Actor, requestId: number, input: { reason?: unknown },
): Promise<Outcome<AccessRequestResult>> {
  return simpleTransition(services, actor, requestId, { type: 'refuse', reason: text(input.reason) },
    (r) => `La demande n° ${r.id} de ${requestName(r)} est refusée. Motif : ${r.refusalReason}`);
}

async function simpleTransition(
  services: WorkflowServices, actor: Actor, requestId: number, event: Exclude<AccessRequestEvent, { type: 'approve' }>,
  message: (r: AccessRequest) => string,
): Promise<Outcome<AccessRequestResult>> {
  const now = services.clock.now();
  const today = todayInParis(now);
  return refusable(services.dataSource, async (manager) => {
    const request = await load(manager, requestId, true);
    const applied = applyAccessRequestEvent(request, event, today);
    if (!applied.ok) return applied;
    const effects = applied.effects;
    if (effects.type === 'refuse') {
      const problem = doubleCheckRefusal(await getSettings(manager), request, actor);
      if (problem) return refusal(problem);
    }
    if (effects.type === 'complete' && request.incompleteSince && isBefore(effects.complementReceivedDate, request.incompleteSince)) {
      const problem = ACCESS_REQUEST_USE_CASE_MESSAGES.complementBeforeReturn(date(request.incompleteSince));
      return refusal(problem, [{ field: 'complementReceivedDate', message: problem }]);
    }
    const decision = effects.type === 'refuse' ? { decidedAt: now, decidedById: actor.staffUserId } : {};
    await writeTransition(manager, request, applied.from, applied.to, { ...columnsOf(effects, today), ...decision });
    await recordAudit(manager, actor, {
      action: `access-request.${effects.type}`, entityType: 'AccessRequest', entityId: request.id, fromState: applied.from, toState: applied.to,
      reason: effects.type === 'markIncomplete' ? effects.incompleteReasonCode : effects.type === 'refuse' ? effects.refusalReason : null,
      details: effects.type === 'markIncomplete' ? { details: effects.incompleteDetails, incompleteSince: today }
        : effects.type === 'complete' ? { complementReceivedDate: effects.complementReceivedDate } : {},
    }, now);
    if (effects.type === 'markIncomplete') await publish(manager, { type: 'access-request.incomplete', accessRequestId: request.id }, actor);
    if (effects.type === 'refuse') await publish(manager, { type: 'access-request.refused', accessRequestId: request.id }, actor);
    const updated = await manager.findOneByOrFail(AccessRequest, { id: request.id });
    return { ok: true, accessRequest: updated, message: message(updated) };
  });
}

// --- Approval --------------------------------------------------------------------------------------------

interface ApprovalCheck {
  convention: Convention;
  /** The CDD habilitation this request extends (extendedHabilitation), or null: a new one is issued. */
  extends: Habilitation | null;
  profile: AccessProfile;
  failures: ApprovalFailure[];
  /** The extra access code (null when the profile needs none), or its field error. */
  accessCode: { ok: true; value: string | null } | { ok: false; message: string };
  warnings: string[];
}

/**
 * Every check of the approval on `today` (access-request.checks.ts, the profile's access code) and
 * the warnings. With `lock` (the approval itself), the convention row is locked first: concurrent
 * approvals on the same convention queue here, and each one counts what the previous ones committed
 * (cap, same person). On MySQL/MariaDB (REPEATABLE READ) a transaction's plain reads see the snapshot
 * taken at its FIRST plain read: the approval therefore makes only locking reads before this lock, so
 * its snapshot is taken after it. (A locking read of the habilitations would do too, but its gap locks
 * make approvals on neighbouring conventions deadlock on the identifier counter.)
 */
async function checkApproval(
  manager: EntityManager, request: AccessRequest, input: { accessCode?: unknown }, today: IsoDate, lock: boolean,
): Promise<ApprovalCheck> {
  const convention = lock ? await lockConvention(manager, request.conventionId) : await manager.findOneBy(Convention, { id: request.conventionId });
  if (!convention) throw new RefusalError(refusal("La convention de cette demande n'existe plus."));
  const profile = await manager.findOneByOrFail(AccessProfile, { id: convention.profileId });
  const live = await liveHabilitations(manager, convention.id);
  const facts = {
    decisionDate: today,
    convention,
    cap: convention.habilitationCap,
    // Suspended habilitations count: they can be reactivated at any time.
    activeCount: live.length,
    applicant: identity(request),
    liveHabilitations: live.map((h) => ({ ...identity(h), status: h.status as 'active' | 'suspendue', endDate: h.endDate, habilitation: h })),
    userSignaturePresent: request.userSigned,
    employerSignaturePresent: request.employerSigned,
    contract: request.contractType ?? null,
    contractEndDate: request.contractEndDate,
    receivedDate: request.receivedDate,
  };
  const failures = approvalFailures(facts);
  const extended = extendedHabilitation(facts)?.habilitation ?? null;
  const warning = elsewhereWarning(requestName(request), await activeHabilitationsElsewhere(manager, request, convention.partnerId));
  // An extension keeps the habilitation's access code: none is asked.
  const accessCode = extended ? { ok: true as const, value: extended.accessCode } : checkAccessCode(profile, input.accessCode);
  return { convention, extends: extended, profile, failures, accessCode, warnings: warning ? [warning] : [] };
}

function approvalRefusal(check: ApprovalCheck) {
  const errors: FieldError[] = check.accessCode.ok ? [] : [{ field: 'accessCode', message: check.accessCode.message }];
  const lines = [...check.failures.map((f) => f.message), ...errors.map((e) => e.message)];
  return lines.length ? refusal(lines.join('\n'), errors) : null;
}

export interface ApprovalPreview {
  failures: ApprovalFailure[];
  warnings: string[];
  /** The habilitation the approval would issue (its identifier is given then) or extend. */
  habilitation: Omit<NewHabilitationFacts, 'identifier'> & { identifier: string | null };
  /** Whether it extends the person's CDD habilitation (same identifier, no letter) rather than issuing one. */
  extension: boolean;
}

/** What an approval writes on the habilitation, as the previews show it. */
interface NewHabilitationFacts {
  identifier: string; conventionId: number; civility: AccessRequest['civility']; firstName: string; lastName: string; position: string;
  grantedDate: IsoDate; endDate: IsoDate | null; accessCode: string | null;
}

/**
 * What approving would do, without writing anything (« Vérifier la demande », shown before the
 * agent confirms): every failed check as a refusal, or what will be issued and the warnings.
 */
export async function previewApproval(
  services: WorkflowServices, actor: Actor, requestId: number, input: { accessCode?: unknown } = {},
): Promise<Outcome<ApprovalPreview>> {
  const manager = services.dataSource.manager;
  const today = todayInParis(services.clock.now());
  try {
    const request = await load(manager, requestId);
    const state = applyAccessRequestEvent(request, { type: 'approve' }, today);
    if (!state.ok) return state;
    const problem = doubleCheckRefusal(await getSettings(manager), request, actor);
    if (problem) return refusal(problem);
    const check = await checkApproval(manager, request, input, today, false);
    const refused = approvalRefusal(check);
    if (refused) return refused;
    const end = request.contractType === 'CDD' && request.contractEndDate ? `, jusqu’au ${date(request.contractEndDate)} (fin du CDD)` : '';
    const endDate = request.contractType === 'CDD' ? request.contractEndDate : null;
    const person = { civility: request.civility, firstName: request.firstName, lastName: request.lastName, position: request.position };
    const habilitation = check.extends
      ? { ...person, identifier: check.extends.identifier, conventionId: check.convention.id, grantedDate: check.extends.grantedDate, endDate, accessCode: check.extends.accessCode }
      : { ...person, identifier: null, conventionId: check.convention.id, grantedDate: today, endDate, accessCode: check.accessCode.ok ? check.accessCode.value : null };
    const issued = { habilitation, extension: Boolean(check.extends) };
    if (check.extends) {
      const message = [`Tous les contrôles sont satisfaits : l’habilitation ${check.extends.identifier} de ${requestName(request)}, qui prend fin le `
        + `${date(check.extends.endDate!)}, sera prolongée ${end ? end.replace(/^, /, '') : 'sans date de fin (CDI)'} ; l’identifiant ne change pas.`, ...check.warnings].join(' ');
      return { ok: true, failures: [], warnings: check.warnings, message, ...issued };
    }
    const message = [
      `Tous les contrôles sont satisfaits : une habilitation sera délivrée à ${requestName(request)} au titre de la convention n° ${check.convention.number} `
        + `(profil ${check.profile.code})${end}, avec son courrier de notification.`,
      ...check.warnings,
    ].join(' ');
    return { ok: true, failures: [], warnings: check.warnings, message, ...issued };
  } catch (error) {
    if (error instanceof RefusalError) return error.refusal;
    throw error;
  }
}

/**
 * The approval of an extension (check.extends): the CDD habilitation the person holds gets the request's
 * new end (none for a CDI) and may be told again of its next end; same identifier, no new letter.
 */
async function extendHabilitation(
  manager: EntityManager, actor: Actor, request: AccessRequest, check: ApprovalCheck,
  applied: { from: string; to: string }, now: Date,
): Promise<Outcome<ApprovalResult>> {
  const held = check.extends!;
  const endDate = request.contractType === 'CDD' ? request.contractEndDate : null;
  await manager.update(Habilitation, { id: held.id }, { endDate, contractEndNoticeDays: null });
  await manager.update(AccessRequest, { id: request.id }, { habilitationId: held.id });
  await recordAudit(manager, actor, {
    action: 'habilitation.extend', entityType: 'Habilitation', entityId: held.id, reason: `Demande d’accès n° ${request.id}`,
    details: { from: held.endDate, to: endDate, accessRequestId: request.id },
  }, now);
  await recordAudit(manager, actor, {
    action: 'access-request.approve', entityType: 'AccessRequest', entityId: request.id, fromState: applied.from, toState: applied.to,
    details: { habilitationId: held.id, identifier: held.identifier, extension: true, warnings: check.warnings },
  }, now);
  await publish(manager, { type: 'access-request.approved', accessRequestId: request.id, habilitationId: held.id, letterDocumentId: null }, actor);
  const accessRequest = await manager.findOneByOrFail(AccessRequest, { id: request.id });
  const habilitation = await manager.findOneByOrFail(Habilitation, { id: held.id });
  const until = endDate ? `jusqu’au ${date(endDate)} (fin du CDD)` : 'sans date de fin (CDI)';
  return {
    ok: true, accessRequest, habilitation, letter: null, warnings: check.warnings,
    message: [`Demande approuvée : l’habilitation ${held.identifier} de ${personName(held)} est prolongée ${until} ; l’identifiant ne change pas.`,
      ...check.warnings].join(' '),
  };
}

export interface ApprovalResult extends AccessRequestResult, Omit<IssuedHabilitation, 'letter'> {
  /** The notification letter of a new habilitation; none for an extension (same identifier). */
  letter: IssuedHabilitation['letter'] | null;
  /** Non-blocking: the same person holds an active habilitation through another partner. */
  warnings: string[];
}

/**
 * recue → approuvee, in ONE transaction with the creation of the habilitation (DOMAIN.md: « Approval
 * creates the habilitation in the same transaction »): the request row is locked, then the
 * convention row (every creation of a habilitation under a convention is serialised: the cap holds
 * under concurrency); the checks run on what is committed; the conditional UPDATE status='recue' →
 * 'approuvee' lets exactly one of two simultaneous approvals through. Then the identifier, the
 * habilitation (end date = CDD end, password dates), its letter (document 7), the AuditEvents and the
 * 'access-request.approved' event. `input.accessCode`: required when the profile needs one.
 */
export function approveAccessRequest(
  services: WorkflowServices, actor: Actor, requestId: number, input: { accessCode?: unknown } = {},
): Promise<Outcome<ApprovalResult>> {
  const now = services.clock.now();
  const today = todayInParis(now);
  return refusable(services.dataSource, async (manager) => {
    const request = await load(manager, requestId, true);
    const applied = applyAccessRequestEvent(request, { type: 'approve' }, today);
    if (!applied.ok) return applied;
    // No plain read before checkApproval's lock (see there).
    const check = await checkApproval(manager, request, input, today, true);
    const problem = doubleCheckRefusal(await getSettings(manager), request, actor);
    if (problem) return refusal(problem);
    const refused = approvalRefusal(check);
    if (refused) return refused;

    await writeTransition(manager, request, applied.from, applied.to, { decidedAt: now, decidedById: actor.staffUserId });
    if (check.extends) return extendHabilitation(manager, actor, request, check, applied, now);
    const issued = await issueHabilitation(manager, services.storage, actor, {
      convention: check.convention, accessRequestId: request.id, civility: request.civility, lastName: request.lastName,
      firstName: request.firstName, email: request.email, position: request.position, accessCode: check.accessCode.ok ? check.accessCode.value : null,
      endDate: request.contractType === 'CDD' ? request.contractEndDate : null,
    }, now);
    await manager.update(AccessRequest, { id: request.id }, { habilitationId: issued.habilitation.id });
    await recordAudit(manager, actor, {
      action: 'access-request.approve', entityType: 'AccessRequest', entityId: request.id, fromState: applied.from, toState: applied.to,
      details: { habilitationId: issued.habilitation.id, identifier: issued.habilitation.identifier, letterDocumentId: issued.letter.id, warnings: check.warnings },
    }, now);
    await publish(manager, {
      type: 'access-request.approved', accessRequestId: request.id, habilitationId: issued.habilitation.id, letterDocumentId: issued.letter.id,
    }, actor);
    const accessRequest = await manager.findOneByOrFail(AccessRequest, { id: request.id });
    const h = issued.habilitation;
    const end = h.endDate ? ` jusqu’au ${date(h.endDate)} (fin du CDD)` : '';
    return {
      ok: true, accessRequest, ...issued, warnings: check.warnings,
      message: [
        `Demande approuvée : l’habilitation ${h.identifier} est délivrée à ${personName(h)} (convention n° ${check.convention.number}, `
          + `profil ${check.profile.code})${end}. Le courrier de notification (réf. ${issued.letter.reference}) est prêt à imprimer.`,
        ...check.warnings,
      ].join(' '),
    };
  });
}
