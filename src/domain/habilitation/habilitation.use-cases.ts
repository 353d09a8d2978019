// Use cases of the habilitation (STYLE.md habit 2), checkable against DOMAIN.md « Habilitation »:
// issue one (from an approved demande d'accès, or a reissue after a loss or theft), suspend /
// reactivate, revoke with a reason from the list, and print the notification letter (document 7).
// Each one asks the ONE state machine (habilitation.workflow.ts), writes with a conditional UPDATE
// (… WHERE id AND status = <the status read>: a concurrent change makes it match nothing), and writes
// its AuditEvent in the same transaction. No password is ever stored, shown, printed or sent.
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { FileStorage } from '../../adapters/storage.js';
import { AccessProfile } from '../../entities/access-profile.entity.js';
import { Convention } from '../../entities/convention.entity.js';
import type { Document } from '../../entities/document.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { DOCUMENT_KIND_LABELS } from '../../documents/index.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { forUpdate, type Outcome, refusable, RefusalError } from '../shared/transaction.js';
import { isActiveOn } from '../convention/convention.workflow.js';
import { generateDocument } from '../documents/document-archive.js';
import { habilitationLetterContent } from '../documents/habilitation-letter.js';
import { publish } from '../events.js';
import { getSettings } from '../settings/settings.js';
import type { Clock } from '../shared/clock.js';
import { addDays, formatFrenchDate, isBefore, todayInParis, type IsoDate } from '../shared/dates.js';
import { nextSequenceValue } from '../shared/sequence.js';
import { refusal } from '../shared/validators.js';
import { HABILITATION_MESSAGES } from './habilitation.validation.js';
import {
  applyHabilitationEvent, formatHabilitationIdentifier, revocationReasonLabels,
  type HabilitationEffects, type HabilitationEvent, type HabilitationState, type RevocationReasonCode,
} from './habilitation.workflow.js';

/** What the use cases need from the outside world (STYLE.md habit 5). */
export interface WorkflowServices {
  dataSource: DataSource;
  storage: FileStorage;
  clock: Clock;
}

/** Named counter of the identifiers (demo data uses it too): unique, never reused. */
export const HABILITATION_COUNTER = 'habilitation';

export const HABILITATION_USE_CASE_MESSAGES = {
  unknown: "Cette habilitation n'existe pas.",
  concurrent: 'Cette habilitation vient d’être modifiée par un autre agent : rechargez la page et recommencez.',
  letterNotActive: (identifier: string) =>
    `L’habilitation ${identifier} n’est pas active : son courrier de notification ne peut pas être produit.`,
  reissueSuspended: (identifier: string) =>
    `L’habilitation ${identifier} est suspendue : réactivez-la avant de délivrer de nouveaux identifiants, ou révoquez-la pour un autre motif.`,
  reissueConventionInactive: (number: string) =>
    `La convention n° ${number} n’est plus active : aucune nouvelle habilitation ne peut être délivrée à son titre.`,
  reissueContractEnded: (end: string) => `Le CDD a pris fin le ${end} : aucune nouvelle habilitation ne peut être délivrée.`,
} as const;


/** The convention row, locked until commit: every creation of a habilitation under it is serialised (cap). */
export async function lockConvention(manager: EntityManager, conventionId: number): Promise<Convention | null> {
  return manager.findOne(Convention, { where: { id: conventionId }, ...forUpdate(manager) });
}

// --- Helpers ---------------------------------------------------------------------------------------

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
const date = (value: IsoDate) => formatFrenchDate(value);

/** « Hélène LEFÈVRE » as letters and notices print a person. */
export const personName = (h: Pick<Habilitation, 'firstName' | 'lastName'>) => `${h.firstName} ${h.lastName.toUpperCase()}`;

/** Blank means today (the usual case: the agent acts on the day). */
const dayOrToday = (value: unknown, today: IsoDate) => (text(value).trim() === '' ? today : text(value).trim());

async function load(manager: EntityManager, habilitationId: number, lock = false): Promise<Habilitation> {
  const habilitation = Number.isInteger(habilitationId) && habilitationId > 0
    ? await manager.findOne(Habilitation, { where: { id: habilitationId }, ...(lock ? forUpdate(manager) : {}) })
    : null;
  if (!habilitation) throw new RefusalError(refusal(HABILITATION_USE_CASE_MESSAGES.unknown));
  return habilitation;
}

function columnsOf(effects: HabilitationEffects): Partial<Habilitation> {
  switch (effects.type) {
    case 'suspend':
      return { suspendedDate: effects.suspendedOn, statusReason: null, statusDetails: effects.suspensionReason };
    case 'reactivate':
      // The status says it all again; the journal keeps the suspension.
      return { suspendedDate: null, statusReason: null, statusDetails: null };
    case 'revoke':
      return { revokedDate: effects.revokedOn, statusReason: effects.revocationReasonCode, statusDetails: effects.revocationDetails };
  }
}

function auditOf(effects: HabilitationEffects): { reason: string | null; details: Record<string, unknown> } {
  switch (effects.type) {
    case 'suspend':
      return { reason: effects.suspensionReason, details: { suspendedDate: effects.suspendedOn } };
    case 'reactivate':
      return { reason: null, details: { reactivatedDate: effects.reactivatedOn } };
    case 'revoke':
      return { reason: effects.revocationReasonCode, details: { revokedDate: effects.revokedOn, details: effects.revocationDetails } };
  }
}

/**
 * Writes a transition of the state machine in the caller's transaction: UPDATE … WHERE id AND
 * status = from, then its AuditEvent. Returns false (nothing written) when the status changed meanwhile.
 */
export async function writeHabilitationTransition(
  manager: EntityManager, actor: Actor, habilitation: Pick<Habilitation, 'id' | 'identifier'>, from: HabilitationState, to: HabilitationState,
  effects: HabilitationEffects, now: Date, extraDetails: Record<string, unknown> = {},
): Promise<boolean> {
  const result = await manager.createQueryBuilder().update(Habilitation)
    .set({ status: to, ...columnsOf(effects) })
    .where('id = :id AND status = :from', { id: habilitation.id, from })
    .execute();
  if (result.affected !== 1) return false;
  const audit = auditOf(effects);
  await recordAudit(manager, actor, {
    action: `habilitation.${effects.type}`, entityType: 'Habilitation', entityId: habilitation.id,
    fromState: from, toState: to, reason: audit.reason, details: { identifier: habilitation.identifier, ...audit.details, ...extraDetails },
  }, now);
  return true;
}

// --- Issue (approval, reissue) ---------------------------------------------------------------------

export interface NewHabilitation {
  convention: Convention;
  accessRequestId: number | null;
  civility: Habilitation['civility'];
  lastName: string;
  firstName: string;
  email: string;
  position: string;
  accessCode: string | null;
  /** CDD end date: the habilitation ends with the contract. */
  endDate: IsoDate | null;
  /** Reissue after a loss or theft: the habilitation replaced. */
  replacesId?: number | null;
}

export interface IssuedHabilitation {
  habilitation: Habilitation;
  letter: Document;
}

/**
 * Creates a habilitation in the caller's transaction (the caller holds the convention's lock and has
 * run its checks): identifier from the named counter, granted today, password change dates from the
 * Settings (the password itself is never known here), and the notification letter archived as a
 * Document. The caller writes its own AuditEvent for the decision; this one audits the creation.
 */
export async function issueHabilitation(
  manager: EntityManager, storage: FileStorage, actor: Actor, input: NewHabilitation, now: Date,
): Promise<IssuedHabilitation> {
  const today = todayInParis(now);
  const settings = await getSettings(manager);
  const identifier = formatHabilitationIdentifier(settings.departmentCode, await nextSequenceValue(manager, HABILITATION_COUNTER));
  const inserted = await manager.insert(Habilitation, {
    identifier,
    conventionId: input.convention.id,
    accessRequestId: input.accessRequestId,
    civility: input.civility,
    lastName: input.lastName,
    firstName: input.firstName,
    email: input.email,
    position: input.position,
    accessCode: input.accessCode,
    grantedDate: today,
    endDate: input.endDate,
    status: 'active',
    replacesId: input.replacesId ?? null,
    // The initial password is given with the access; the Caf changes it every period (art. 2).
    passwordChangedDate: today,
    nextPasswordChangeDate: addDays(today, settings.passwordPeriodDays),
  });
  const habilitation = await manager.findOneByOrFail(Habilitation, { id: Number(inserted.identifiers[0].id) });
  await recordAudit(manager, actor, {
    action: input.replacesId ? 'habilitation.reissue' : 'habilitation.create', entityType: 'Habilitation', entityId: habilitation.id,
    toState: 'active', reason: input.replacesId ? 'perte-ou-vol' : null,
    details: {
      identifier, conventionId: input.convention.id, accessRequestId: input.accessRequestId, replacesId: input.replacesId ?? null,
      endDate: input.endDate, nextPasswordChangeDate: habilitation.nextPasswordChangeDate,
    },
  }, now);
  const letter = await writeHabilitationLetter(manager, storage, actor, habilitation, now);
  return { habilitation, letter };
}

/** Document 7 in the caller's transaction: Document row, stored PDF (register number), AuditEvent. */
export async function writeHabilitationLetter(
  manager: EntityManager, storage: FileStorage, actor: Actor, habilitation: Habilitation, now: Date,
): Promise<Document> {
  const today = todayInParis(now);
  const { document } = await generateDocument(manager, storage, {
    kind: 'habilitation-letter',
    subjectType: 'Habilitation',
    subjectId: habilitation.id,
    title: `${DOCUMENT_KIND_LABELS['habilitation-letter']} – ${habilitation.identifier} – ${habilitation.firstName} ${habilitation.lastName}`,
    date: today,
    generatedById: actor.staffUserId,
    build: (stamp) => habilitationLetterContent(manager, habilitation, stamp.date),
  }, now);
  await recordAudit(manager, actor, {
    action: 'document.generate', entityType: 'Document', entityId: document.id,
    details: { kind: 'habilitation-letter', subjectType: 'Habilitation', subjectId: habilitation.id, reference: document.reference },
  }, now);
  return document;
}

/** The extra access code the profile asks for (code bailleur…): the normalised value, or the field error. */
export function checkAccessCode(profile: Pick<AccessProfile, 'needsAccessCode' | 'accessCodeLabel'>, value: unknown): { ok: true; value: string | null } | { ok: false; message: string } {
  if (!profile.needsAccessCode) return { ok: true, value: null };
  const code = text(value).trim().replace(/\s+/g, ' ');
  if (!code) return { ok: false, message: HABILITATION_MESSAGES.accessCode(profile.accessCodeLabel ?? "Code d'accès") };
  if (code.length > 50) return { ok: false, message: 'Le code d’accès ne peut pas dépasser 50 caractères.' };
  return { ok: true, value: code };
}

// --- Transitions -----------------------------------------------------------------------------------

export interface HabilitationResult {
  habilitation: Habilitation;
}

async function transition(
  services: WorkflowServices, actor: Actor, habilitationId: number,
  event: (today: IsoDate) => Extract<HabilitationEvent, { type: 'suspend' | 'reactivate' }>,
  message: (h: Habilitation) => string,
): Promise<Outcome<HabilitationResult>> {
  const now = services.clock.now();
  const today = todayInParis(now);
  return refusable(services.dataSource, async (manager) => {
    const habilitation = await load(manager, habilitationId, true);
    const applied = applyHabilitationEvent(habilitation, event(today), today);
    if (!applied.ok) return applied;
    if (!(await writeHabilitationTransition(manager, actor, habilitation, applied.from, applied.to, applied.effects, now))) {
      throw new RefusalError(refusal(HABILITATION_USE_CASE_MESSAGES.concurrent));
    }
    const updated = await manager.findOneByOrFail(Habilitation, { id: habilitation.id });
    return { ok: true, habilitation: updated, message: message(updated) };
  });
}

/** active → suspendue, with the reason (required) and the date (blank: today). */
export function suspendHabilitation(
  services: WorkflowServices, actor: Actor, habilitationId: number, input: { reason?: unknown; date?: unknown },
): Promise<Outcome<HabilitationResult>> {
  return transition(services, actor, habilitationId, (today) => ({ type: 'suspend', reason: text(input.reason), date: dayOrToday(input.date, today) }),
    (h) => `L’habilitation ${h.identifier} de ${personName(h)} est suspendue depuis le ${date(h.suspendedDate!)}.`);
}

/** suspendue → active (blank date: today). */
export function reactivateHabilitation(
  services: WorkflowServices, actor: Actor, habilitationId: number, input: { date?: unknown } = {},
): Promise<Outcome<HabilitationResult>> {
  return transition(services, actor, habilitationId, (today) => ({ type: 'reactivate', date: dayOrToday(input.date, today) }),
    (h) => `L’habilitation ${h.identifier} de ${personName(h)} est réactivée.`);
}

export interface RevokeInput {
  reasonCode?: unknown;
  details?: unknown;
  /** Blank: today. */
  date?: unknown;
  /** Reissue only: the extra access code of the new habilitation (default: the old one's). */
  accessCode?: unknown;
}

export interface ReissueResult extends HabilitationResult {
  /** Set when the reason was « perte ou vol »: the new habilitation and its letter. */
  reissued: IssuedHabilitation | null;
}

/**
 * active | suspendue → révoquée, with a reason from the list (details required for « manquement »).
 * « Perte ou vol des identifiants » (art. 3: « la Caf … lui délivre une nouvelle habilitation »)
 * also issues, in the same transaction, a new habilitation to the same person (new identifier,
 * replacesId = the old one) with its letter, and publishes 'habilitation.reissued'.
 */
export function revokeHabilitation(
  services: WorkflowServices, actor: Actor, habilitationId: number, input: RevokeInput,
): Promise<Outcome<ReissueResult>> {
  const now = services.clock.now();
  const today = todayInParis(now);
  return refusable(services.dataSource, async (manager) => {
    // Lock order of every creation of a habilitation: the convention first (see lockConvention).
    const peek = await load(manager, habilitationId);
    const convention = await lockConvention(manager, peek.conventionId);
    const habilitation = await load(manager, habilitationId, true);
    const event: HabilitationEvent = { type: 'revoke', reasonCode: text(input.reasonCode), details: text(input.details), date: dayOrToday(input.date, today) };
    const applied = applyHabilitationEvent(habilitation, event, today);
    if (!applied.ok) return applied;
    const effects = applied.effects as Extract<HabilitationEffects, { type: 'revoke' }>;

    let accessCode: string | null = null;
    if (effects.reissue) {
      if (habilitation.status === 'suspendue') return refusal(HABILITATION_USE_CASE_MESSAGES.reissueSuspended(habilitation.identifier));
      if (!convention || !isActiveOn(convention, today)) {
        return refusal(HABILITATION_USE_CASE_MESSAGES.reissueConventionInactive(convention?.number ?? String(habilitation.conventionId)));
      }
      if (habilitation.endDate && isBefore(habilitation.endDate, today)) return refusal(HABILITATION_USE_CASE_MESSAGES.reissueContractEnded(date(habilitation.endDate)));
      const profile = await manager.findOneByOrFail(AccessProfile, { id: convention.profileId });
      const code = checkAccessCode(profile, text(input.accessCode).trim() || habilitation.accessCode);
      if (!code.ok) return refusal(code.message, [{ field: 'accessCode', message: code.message }]);
      accessCode = code.value;
    }

    if (!(await writeHabilitationTransition(manager, actor, habilitation, applied.from, applied.to, effects, now))) {
      throw new RefusalError(refusal(HABILITATION_USE_CASE_MESSAGES.concurrent));
    }
    const label = revocationReasonLabels[effects.revocationReasonCode].toLowerCase();
    const revoked = await manager.findOneByOrFail(Habilitation, { id: habilitation.id });
    if (!effects.reissue) {
      return {
        ok: true, habilitation: revoked, reissued: null,
        message: `L’habilitation ${revoked.identifier} de ${personName(revoked)} est révoquée le ${date(effects.revokedOn)} (${label}).`,
      };
    }

    const reissued = await issueHabilitation(manager, services.storage, actor, {
      convention: convention!, accessRequestId: habilitation.accessRequestId, civility: habilitation.civility, lastName: habilitation.lastName,
      firstName: habilitation.firstName, email: habilitation.email, position: habilitation.position, accessCode,
      endDate: habilitation.endDate, replacesId: habilitation.id,
    }, now);
    await publish(manager, {
      type: 'habilitation.reissued', oldHabilitationId: habilitation.id, newHabilitationId: reissued.habilitation.id, letterDocumentId: reissued.letter.id,
    }, actor);
    return {
      ok: true, habilitation: revoked, reissued,
      message: `L’habilitation ${revoked.identifier} de ${personName(revoked)} est révoquée (${label}) ; une nouvelle habilitation `
        + `${reissued.habilitation.identifier} lui est délivrée. Le courrier de notification (réf. ${reissued.letter.reference}) est prêt à imprimer.`,
    };
  });
}

/** Loss or theft of the identifiers (art. 3): revoke « perte ou vol » and reissue, in one transaction. */
export function reportLoss(
  services: WorkflowServices, actor: Actor, habilitationId: number, input: { details?: unknown; date?: unknown; accessCode?: unknown } = {},
): Promise<Outcome<ReissueResult>> {
  return revokeHabilitation(services, actor, habilitationId, { ...input, reasonCode: 'perte-ou-vol' satisfies RevocationReasonCode });
}

/**
 * Revokes in the caller's transaction (suppression requests, jobs): asks the state machine, then the
 * conditional UPDATE and the AuditEvent. Returns the revoked row, or null when the habilitation is
 * no longer revocable (already revoked by someone else: nothing written).
 */
export async function revokeInTransaction(
  manager: EntityManager, actor: Actor, habilitation: Habilitation, input: { reasonCode: RevocationReasonCode; details: string | null; date: IsoDate },
  now: Date, extraDetails: Record<string, unknown> = {},
): Promise<Habilitation | null> {
  const today = todayInParis(now);
  const applied = applyHabilitationEvent(habilitation, { type: 'revoke', ...input }, today);
  if (!applied.ok) return null;
  const written = await writeHabilitationTransition(manager, actor, habilitation, applied.from, applied.to, applied.effects, now, extraDetails);
  return written ? manager.findOneByOrFail(Habilitation, { id: habilitation.id }) : null;
}

/**
 * End of a CDD (DOMAIN.md « end date (CDD end) »), in the caller's transaction: once the end date has
 * passed, the habilitation is revoked « fin de contrat », dated today. The row is locked and the
 * UPDATE is conditional: run twice, or by two instances at once, it is revoked and audited once.
 */
export async function revokeEndedContract(manager: EntityManager, actor: Actor, habilitationId: number, now: Date, job: string): Promise<boolean> {
  const today = todayInParis(now);
  const habilitation = await manager.findOne(Habilitation, { where: { id: habilitationId }, ...forUpdate(manager) });
  if (!habilitation?.endDate || habilitation.status === 'revoquee' || !isBefore(habilitation.endDate, today)) return false;
  const revoked = await revokeInTransaction(manager, actor, habilitation, {
    reasonCode: 'fin-de-contrat', details: `Fin du contrat (CDD) le ${date(habilitation.endDate)}.`, date: today,
  }, now, { endDate: habilitation.endDate, job });
  return revoked !== null;
}

// --- Letter ----------------------------------------------------------------------------------------

export interface LetterResult {
  document: Document;
}

/** Prints the notification letter again (a new Document, a new register number) for an active habilitation. */
export function produceHabilitationLetter(services: WorkflowServices, actor: Actor, habilitationId: number): Promise<Outcome<LetterResult>> {
  const now = services.clock.now();
  return refusable(services.dataSource, async (manager) => {
    const habilitation = await load(manager, habilitationId);
    if (habilitation.status !== 'active') return refusal(HABILITATION_USE_CASE_MESSAGES.letterNotActive(habilitation.identifier));
    const document = await writeHabilitationLetter(manager, services.storage, actor, habilitation, now);
    return {
      ok: true, document,
      message: `Courrier de notification de l’habilitation ${habilitation.identifier} (${personName(habilitation)}) produit, réf. ${document.reference}.`,
    };
  });
}

/** The live (active or suspended) habilitations of a convention. */
export function liveHabilitations(manager: EntityManager, conventionId: number): Promise<Habilitation[]> {
  return manager.find(Habilitation, { where: { conventionId, status: In(['active', 'suspendue']) }, order: { id: 'ASC' } });
}
