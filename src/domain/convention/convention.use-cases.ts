// Use cases of the convention (STYLE.md habit 2): create a draft, send it, record its signature,
// denounce it (art. 5) or terminate it (art. 4). Each one loads the convention, asks the ONE state
// machine (convention.workflow.ts) whether the event is possible and what it changes, writes the
// change with a conditional UPDATE (nobody changed the status meanwhile) and the AuditEvent, in one
// transaction. An end date today or past revokes the habilitations in that same transaction
// (convention-end.ts); a later one is left to the nightly job. AdminJS actions, jobs and tests all
// call these functions.
import type { DataSource, EntityManager } from 'typeorm';
import type { FileStorage } from '../../adapters/storage.js';
import { AccessProfile } from '../../entities/access-profile.entity.js';
import { Convention } from '../../entities/convention.entity.js';
import { Partner } from '../../entities/partner.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { isUploadedFile, storeScan, type UploadedFile } from '../scans/scan-upload.js';
import { getSettings } from '../settings/settings.js';
import type { Clock } from '../shared/clock.js';
import { formatFrenchDate, todayInParis, type IsoDate } from '../shared/dates.js';
import type { FormInput } from '../shared/form.validation.js';
import { refusal, type FieldError } from '../shared/validators.js';
import { describeConventionEnd, endsBy, revokeForConventionEnd, revokedCount } from './convention-end.js';
import { nextConventionNumber } from './convention-number.js';
import { lastActiveDay, nextAnniversary, noticeDeadline, type ConventionKind } from './convention.rules.js';
import { validateConvention } from './convention.validation.js';
import {
  applyConventionEvent, denouncingPartyLabels, type ConventionEffects, type ConventionEvent, type ConventionFacts, type ConventionState,
} from './convention.workflow.js';
import { refusable, RefusalError, type Outcome } from '../shared/transaction.js';

/** What the use cases need from the outside world (STYLE.md habit 5). */
export interface ConventionServices {
  dataSource: DataSource;
  storage: FileStorage;
  clock: Clock;
}

// --- Messages -----------------------------------------------------------------------------------

export const CONVENTION_USE_CASE_MESSAGES = {
  unknown: "Cette convention n'existe pas (elle a peut-être été supprimée).",
  concurrent: 'Cette convention vient d’être modifiée par un autre agent : rechargez la page et recommencez.',
  scanRequired: 'La copie signée numérisée est obligatoire.',
  invalidForm: 'Le formulaire contient des erreurs : corrigez les champs signalés.',
} as const;

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));
const date = (value: IsoDate) => formatFrenchDate(value);

// --- Creation -------------------------------------------------------------------------------------

/**
 * Records a draft convention (DOMAIN.md « Convention »). The number is reserved in the same
 * transaction as the row (convention-number.ts: a named counter per year, never reused, so a
 * deleted draft's number is not given again); département and suffix come from the Settings.
 */
export async function createConvention(
  services: ConventionServices, actor: Actor, input: FormInput,
): Promise<Outcome<{ convention: Convention }>> {
  const { dataSource, clock } = services;
  const manager = dataSource.manager;
  const checked = await validateConvention(input, {
    partnerExists: (id) => manager.existsBy(Partner, { id }),
    profile: (id) => manager.findOne(AccessProfile, { where: { id }, select: { code: true, active: true, conventionKind: true } }),
  });
  if (Array.isArray(checked)) return refusal(CONVENTION_USE_CASE_MESSAGES.invalidForm, checked);
  const now = clock.now();
  const year = Number(todayInParis(now).slice(0, 4));
  return refusable(dataSource, async (tx) => {
    const settings = await getSettings(tx);
    const profile = await tx.findOneByOrFail(AccessProfile, { id: Number(checked.profileId) });
    const numbered = await nextConventionNumber(tx, settings, profile.code, year);
    const inserted = await tx.insert(Convention, {
      ...numbered,
      partnerId: Number(checked.partnerId),
      profileId: profile.id,
      kind: (checked.kind as ConventionKind | undefined) ?? profile.conventionKind,
      status: 'brouillon',
      signatoryCivility: checked.signatoryCivility as Convention['signatoryCivility'],
      signatoryName: String(checked.signatoryName),
      signatoryTitle: String(checked.signatoryTitle),
      habilitationCap: (checked.habilitationCap as number | null | undefined) ?? null,
      createdById: actor.staffUserId,
    });
    const id = Number(inserted.identifiers[0].id);
    await recordAudit(tx, actor, {
      action: 'convention.create', entityType: 'Convention', entityId: id, toState: 'brouillon',
      details: { number: numbered.number, partnerId: Number(checked.partnerId), profile: profile.code },
    }, now);
    const convention = await tx.findOneByOrFail(Convention, { id });
    return { ok: true, convention, message: `La convention n° ${convention.number} est enregistrée en brouillon.` };
  });
}

// --- Transitions ----------------------------------------------------------------------------------

function factsOf(convention: Convention): ConventionFacts {
  return {
    status: convention.status,
    kind: convention.kind,
    sentDate: convention.sentDate,
    effectiveDate: convention.effectiveDate,
    endDate: convention.endDate,
  };
}

async function load(manager: EntityManager, conventionId: number): Promise<Convention> {
  const convention = Number.isInteger(conventionId) && conventionId > 0 ? await manager.findOneBy(Convention, { id: conventionId }) : null;
  if (!convention) throw new RefusalError(refusal(CONVENTION_USE_CASE_MESSAGES.unknown));
  return convention;
}

/** The columns each event writes (DOMAIN.md dates; the reason of a dénonciation or résiliation goes in endReason). */
function columnsOf(effects: ConventionEffects): Partial<Convention> {
  switch (effects.type) {
    case 'send':
      return { sentDate: effects.sentDate };
    case 'sign':
      return {
        partnerSignedDate: effects.partnerSignedDate, cafSignedDate: effects.cafSignedDate,
        effectiveDate: effects.effectiveDate, signedScanId: Number(effects.signedScanId),
      };
    case 'denounce':
      return {
        noticeParty: effects.denouncedBy, noticeReceivedDate: effects.denunciationReceivedDate,
        endDate: effects.endDate, endReason: effects.denunciationReason,
      };
    case 'terminate':
      return { endDate: effects.endDate, endReason: effects.terminationReason };
  }
}

function auditDetails(effects: ConventionEffects): Record<string, unknown> {
  const { type: _type, ...details } = effects;
  return details;
}

function auditReason(effects: ConventionEffects): string | null {
  if (effects.type === 'denounce') return effects.denunciationReason;
  if (effects.type === 'terminate') return effects.terminationReason;
  return null;
}

/**
 * Writes the transition: UPDATE … WHERE id AND status = from (a concurrent transition makes it match
 * nothing, and the user is asked to reload), then the AuditEvent, in the caller's transaction.
 */
async function commitTransition(
  manager: EntityManager, actor: Actor, convention: Convention, to: ConventionState, effects: ConventionEffects, now: Date,
): Promise<Convention> {
  const from = convention.status;
  const result = await manager.createQueryBuilder().update(Convention)
    .set({ status: to, ...columnsOf(effects) })
    .where('id = :id AND status = :from', { id: convention.id, from })
    .execute();
  if (result.affected !== 1) throw new RefusalError(refusal(CONVENTION_USE_CASE_MESSAGES.concurrent));
  await recordAudit(manager, actor, {
    action: `convention.${effects.type}`, entityType: 'Convention', entityId: convention.id,
    fromState: from, toState: to, reason: auditReason(effects), details: { number: convention.number, ...auditDetails(effects) },
  }, now);
  return manager.findOneByOrFail(Convention, { id: convention.id });
}

/** What a transition did to the habilitations: null when it ends nothing today. */
type RevokedNow = number[] | null;

async function transition(
  services: ConventionServices, actor: Actor, conventionId: number, event: ConventionEvent,
  message: (convention: Convention, revokedNow: RevokedNow) => string,
): Promise<Outcome<{ convention: Convention; revokedHabilitationIds: number[] }>> {
  const now = services.clock.now();
  const today = todayInParis(now);
  return refusable(services.dataSource, async (manager) => {
    const convention = await load(manager, conventionId);
    const applied = applyConventionEvent(factsOf(convention), event, today);
    if (!applied.ok) return applied;
    const updated = await commitTransition(manager, actor, convention, applied.to, applied.effects, now);
    // Ended today or before: access stops now, dated today (the day it really stops), not at the next night's job.
    const endsNow = (applied.effects.type === 'denounce' || applied.effects.type === 'terminate') && endsBy(applied.effects.endDate, today);
    const revoked = endsNow ? await revokeForConventionEnd(manager, actor, updated, now, { revokedOn: today }) : null;
    return { ok: true, convention: updated, revokedHabilitationIds: revoked ?? [], message: message(updated, revoked) };
  });
}

/** The end of the notice after a dénonciation or résiliation: revoked now, or on the end date. */
function endSentence(revokedNow: RevokedNow): string {
  if (revokedNow === null) return ', date à laquelle ses habilitations seront révoquées.';
  if (!revokedNow.length) return ' ; aucune habilitation n’était en cours.';
  return ` ; ${revokedCount(revokedNow.length, 'present')} dès aujourd’hui (fin de convention).`;
}

/** brouillon → envoyée: the convention pack was posted to the partner on `sentDate`. */
export function sendConvention(
  services: ConventionServices, actor: Actor, conventionId: number, input: { sentDate?: unknown },
): Promise<Outcome<{ convention: Convention }>> {
  return transition(services, actor, conventionId, { type: 'send', sentDate: text(input.sentDate) },
    (c) => `La convention n° ${c.number} est envoyée au partenaire (envoi du ${date(c.sentDate!)}).`);
}

export interface SignInput {
  partnerSignedDate?: unknown;
  cafSignedDate?: unknown;
  /** The signed copy as express-formidable hands it over (field « signedScan »). */
  signedScan?: unknown;
}

/**
 * envoyée → signée: both signature dates and the scan of the signed copy (required). The scan is
 * checked (PDF/JPEG/PNG by content, 10 MB) and stored in the same transaction as the transition;
 * a refused transition stores nothing. Field errors are reported on « signedScan ».
 */
export async function signConvention(
  services: ConventionServices, actor: Actor, conventionId: number, input: SignInput,
): Promise<Outcome<{ convention: Convention }>> {
  const now = services.clock.now();
  const today = todayInParis(now);
  const file: UploadedFile | null = isUploadedFile(input.signedScan) ? input.signedScan : null;
  const onScanField = (errors: FieldError[]) => errors.map((e) => (e.field === 'signedScanId' ? { ...e, field: 'signedScan' } : e));
  return refusable(services.dataSource, async (manager) => {
    const convention = await load(manager, conventionId);
    const event = { type: 'sign', partnerSignedDate: text(input.partnerSignedDate), cafSignedDate: text(input.cafSignedDate) } as const;
    // The state machine checks the dates first; the file is stored only once everything else is right.
    const checked = applyConventionEvent(factsOf(convention), { ...event, signedScanId: file ? 'à enregistrer' : '' }, today);
    if (!checked.ok) return refusal(checked.message, onScanField(checked.errors));
    const stored = await storeScan(manager, services.storage, file!, actor.staffUserId);
    if (!stored.ok) return refusal(stored.message, [{ field: 'signedScan', message: stored.message }]);
    const applied = applyConventionEvent(factsOf(convention), { ...event, signedScanId: String(stored.value.id) }, today);
    if (!applied.ok) throw new RefusalError(refusal(applied.message, onScanField(applied.errors)));
    const updated = await commitTransition(manager, actor, convention, applied.to, applied.effects, now);
    const anniversary = nextAnniversary(updated.effectiveDate!, today);
    return {
      ok: true,
      convention: updated,
      message: `La convention n° ${updated.number} est signée : elle prend effet le ${date(updated.effectiveDate!)} `
        + `pour un an, reconduite tacitement (prochaine date anniversaire : ${date(anniversary)}).`,
    };
  });
}

export interface DenounceInput {
  /** 'caf' or 'partenaire'. */
  party?: unknown;
  receivedDate?: unknown;
  reason?: unknown;
}

const denounceEvent = (input: DenounceInput): ConventionEvent =>
  ({ type: 'denounce', party: text(input.party), receivedDate: text(input.receivedDate), reason: text(input.reason) });

/** What a dénonciation entails, in French: the end date and, when late, why it is a year later. */
export function describeDenunciation(
  effects: Extract<ConventionEffects, { type: 'denounce' }>, convention: Pick<Convention, 'effectiveDate' | 'kind'>,
): string {
  const end = `La convention prendra fin le ${date(effects.endDate)} (date anniversaire ; dernier jour d’accès : ${date(lastActiveDay(effects.endDate))}).`;
  if (!effects.late) {
    return `Dénonciation dans les délais : reçue le ${date(effects.denunciationReceivedDate)}, au plus tard le ${date(effects.noticeDeadline)}. ${end}`;
  }
  const missed = nextAnniversary(convention.effectiveDate!, effects.denunciationReceivedDate);
  return `Dénonciation tardive : reçue le ${date(effects.denunciationReceivedDate)}, après le dernier jour pour dénoncer `
    + `avant l’échéance du ${date(missed)} (${date(noticeDeadline(missed, convention.kind))}) ; elle prend effet à l’échéance suivante. ${end}`;
}

/**
 * The end date a dénonciation would give, computed by the state machine, and what that end will do
 * (habilitations revoked today or on that date, email, letter), without writing anything: shown to
 * the user before confirming (« Calculer la date de fin »).
 */
export async function previewDenunciation(
  manager: EntityManager, clock: Clock, conventionId: number, input: DenounceInput,
): Promise<Outcome<{ endDate: IsoDate; noticeDeadline: IsoDate; late: boolean }>> {
  const today = todayInParis(clock.now());
  try {
    const convention = await load(manager, conventionId);
    const applied = applyConventionEvent(factsOf(convention), denounceEvent(input), today);
    if (!applied.ok) return applied;
    const effects = applied.effects as Extract<ConventionEffects, { type: 'denounce' }>;
    const consequences = await describeConventionEnd(manager, convention, effects.endDate, today);
    return {
      ok: true, endDate: effects.endDate, noticeDeadline: effects.noticeDeadline, late: effects.late,
      message: `${describeDenunciation(effects, convention)} ${consequences}`,
    };
  } catch (error) {
    if (error instanceof RefusalError) return error.refusal;
    throw error;
  }
}

const terminateEvent = (input: TerminateInput): ConventionEvent => ({ type: 'terminate', endDate: text(input.endDate), reason: text(input.reason) });

/** What a résiliation on the chosen date will do, without writing anything (« Voir les conséquences »). */
export async function previewTermination(
  manager: EntityManager, clock: Clock, conventionId: number, input: TerminateInput,
): Promise<Outcome<{ endDate: IsoDate }>> {
  const today = todayInParis(clock.now());
  try {
    const convention = await load(manager, conventionId);
    const applied = applyConventionEvent(factsOf(convention), terminateEvent(input), today);
    if (!applied.ok) return applied;
    const { endDate } = applied.effects as Extract<ConventionEffects, { type: 'terminate' }>;
    const consequences = await describeConventionEnd(manager, convention, endDate, today);
    const end = endDate === today ? 'La convention prendra fin aujourd’hui, dès la confirmation.'
      : endsBy(endDate, today) ? `La convention prendra fin dès la confirmation (date de fin choisie : ${date(endDate)}, déjà passée).`
        : `La convention prendra fin le ${date(endDate)} (dernier jour d’accès : ${date(lastActiveDay(endDate))}).`;
    return { ok: true, endDate, message: `${end} ${consequences}` };
  } catch (error) {
    if (error instanceof RefusalError) return error.refusal;
    throw error;
  }
}

/**
 * signée → dénoncée (art. 5; art. 3 for data provision): who gave notice, when it was received, why.
 * The end date is the next anniversary whose notice deadline is not past (a late notice ends the
 * convention one year later); the habilitations are revoked that day by the convention end job — or
 * at once when that anniversary is already reached (a notice recorded long after it was received).
 */
export function denounceConvention(
  services: ConventionServices, actor: Actor, conventionId: number, input: DenounceInput,
): Promise<Outcome<{ convention: Convention; revokedHabilitationIds: number[] }>> {
  return transition(services, actor, conventionId, denounceEvent(input), (c, revokedNow) => {
    const party = denouncingPartyLabels[c.noticeParty as keyof typeof denouncingPartyLabels] ?? c.noticeParty;
    return `La convention n° ${c.number} est dénoncée (${party.toLowerCase()}, courrier reçu le ${date(c.noticeReceivedDate!)}) : `
      + `elle ${revokedNow ? 'prend' : 'prendra'} fin le ${date(c.endDate!)}${endSentence(revokedNow)}`;
  });
}

export interface TerminateInput {
  endDate?: unknown;
  reason?: unknown;
}

/**
 * signée | dénoncée → résiliée (art. 4, breach of obligations): ends on the chosen date, reason
 * required; an earlier dénonciation's end date can only be brought forward. Ending today or before
 * revokes the habilitations in the same transaction.
 */
export function terminateConvention(
  services: ConventionServices, actor: Actor, conventionId: number, input: TerminateInput,
): Promise<Outcome<{ convention: Convention; revokedHabilitationIds: number[] }>> {
  return transition(services, actor, conventionId, terminateEvent(input),
    (c, revokedNow) => `La convention n° ${c.number} est résiliée (article 4) : elle prend fin le ${date(c.endDate!)}${endSentence(revokedNow)}`);
}
