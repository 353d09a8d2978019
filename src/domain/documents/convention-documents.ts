// The documents of a convention (DOMAIN.md « Documents » 1–6 and 8): cover letter of the pack, the
// convention in two copies, the three pre-filled paper forms (each with its printed reference and
// QR code), the renewal notice and the termination letter. Each generation is a Document row (see
// document-archive.ts) and an AuditEvent, in the caller's transaction.
import type { EntityManager } from 'typeorm';
import type { FileStorage } from '../../adapters/storage.js';
import { DOCUMENT_KIND_LABELS, type DocumentKind, type SuppressionPerson } from '../../documents/index.js';
import type { Convention } from '../../entities/convention.entity.js';
import type { Document } from '../../entities/document.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { nextAnniversary, terminationSchedule } from '../convention/convention.rules.js';
import { type ConventionServices } from '../convention/convention.use-cases.js';
import { refusable, type Outcome } from '../shared/transaction.js';
import type { ConventionState } from '../convention/convention.workflow.js';
import { parseHabilitationIdentifier } from '../habilitation/habilitation.workflow.js';
import { getSettings } from '../settings/settings.js';
import { compareDates, formatFrenchDate, todayInParis, type IsoDate } from '../shared/dates.js';
import { refusal, validateIsoDate } from '../shared/validators.js';
import { documentBase, habilitationsOf, loadConventionSources, type ConventionSources } from './convention-document-data.js';
import { generateDocument } from './document-archive.js';
import { issueRenewalNotice, renewalNoticeRefusal } from './renewal-notices.js';

export const CONVENTION_DOCUMENT_KINDS = [
  'cover-letter', 'convention', 'access-request-form', 'manager-designation-form', 'suppression-request-form',
  'renewal-notice', 'termination-letter',
] as const satisfies readonly DocumentKind[];
export type ConventionDocumentKind = (typeof CONVENTION_DOCUMENT_KINDS)[number];

const OPEN: ConventionState[] = ['brouillon', 'envoyee', 'signee', 'denoncee'];

/**
 * The states in which each document makes sense: the cover letter sends the pack for signature; the
 * convention and the forms serve as long as the convention runs (a dénoncée one runs until its end
 * date); the renewal notice only for a signed convention that will be renewed; the termination
 * letter once it has been denounced or terminated.
 */
export const CONVENTION_DOCUMENT_STATES: Record<ConventionDocumentKind, ConventionState[]> = {
  'cover-letter': ['brouillon', 'envoyee'],
  convention: OPEN,
  'access-request-form': OPEN,
  'manager-designation-form': OPEN,
  // Blank ones travel with the pack (cover letter: « des demandes de suppression d'accès »).
  'suppression-request-form': OPEN,
  'renewal-notice': ['signee'],
  'termination-letter': ['denoncee', 'resiliee'],
};

const STATE_REFUSALS: Record<ConventionDocumentKind, string> = {
  'cover-letter': 'Le courrier d’envoi accompagne la convention à signer : cette convention a déjà été signée ou a pris fin.',
  convention: 'Cette convention est résiliée : elle ne peut plus être imprimée pour signature.',
  'access-request-form': 'Cette convention est résiliée : aucune demande d’accès ne peut plus être faite à son titre.',
  'manager-designation-form': 'Cette convention est résiliée : aucun responsable habilitations ne peut plus y être désigné.',
  'suppression-request-form': 'Cette convention est résiliée : ses habilitations seront toutes révoquées, pas de demande de suppression à imprimer.',
  'renewal-notice': 'L’avis de reconduction ne concerne qu’une convention signée et non dénoncée.',
  'termination-letter': 'Le courrier de fin de convention suppose une dénonciation ou une résiliation enregistrée.',
};

/** Whether the document is offered for a convention in `status` (AdminJS `when`). */
export function conventionDocumentOffered(kind: ConventionDocumentKind, status: ConventionState): boolean {
  return CONVENTION_DOCUMENT_STATES[kind].includes(status);
}

/** Why `kind` cannot be generated for the convention today (French), or null. */
export function conventionDocumentRefusal(
  kind: ConventionDocumentKind, convention: Pick<Convention, 'number' | 'status' | 'endDate' | 'effectiveDate'>, today: IsoDate,
): string | null {
  if (!conventionDocumentOffered(kind, convention.status)) return STATE_REFUSALS[kind];
  const ended = convention.endDate !== null && compareDates(convention.endDate, today) <= 0;
  if (ended && kind !== 'termination-letter') {
    return `La convention n° ${convention.number} a pris fin le ${formatFrenchDate(convention.endDate!)} : ce document n’a plus d’objet.`;
  }
  if (kind === 'renewal-notice') return renewalNoticeRefusal(convention, nextAnniversary(convention.effectiveDate ?? today, today));
  return null;
}

export interface ConventionDocumentOptions {
  /** Suppression form: the habilitation whose person is printed (by id, or by its identifier « CP78-000123 »). */
  habilitationId?: number | null;
  habilitationIdentifier?: string | null;
  /** Suppression form: « à compter de » (blank when not given). */
  effectiveFrom?: string | null;
}

export interface GeneratedDocument {
  document: Document;
  created: boolean;
}

const titleOf = (kind: ConventionDocumentKind, convention: Convention, suffix = '') =>
  `${DOCUMENT_KIND_LABELS[kind]}${suffix} – convention n° ${convention.number}`;

async function suppressionPerson(
  manager: EntityManager, convention: Convention, options: ConventionDocumentOptions,
): Promise<Habilitation | null | string> {
  const identifier = options.habilitationIdentifier?.trim();
  if (!options.habilitationId && !identifier) return null;
  if (identifier && !parseHabilitationIdentifier(identifier)) return `Identifiant d’habilitation illisible : « ${identifier} » (ex. CP78-000123).`;
  const habilitation = options.habilitationId
    ? await manager.findOneBy(Habilitation, { id: options.habilitationId })
    : await manager.findOneBy(Habilitation, { identifier: identifier!.toUpperCase() });
  if (!habilitation || habilitation.conventionId !== convention.id) {
    return `Aucune habilitation ${identifier ? `« ${identifier} » ` : ''}n’existe sous la convention n° ${convention.number}.`;
  }
  if (habilitation.status === 'revoquee') return `L’habilitation ${habilitation.identifier} est déjà révoquée : pas de demande de suppression à imprimer.`;
  return habilitation;
}

/**
 * Generates one document of the convention in the caller's transaction (Document row, stored PDF,
 * AuditEvent), or explains why not. The renewal notice is the one of the next anniversary, issued
 * once (see renewal-notices.ts); every other generation prints a new document (forms get a new
 * reference each time: each paper form that comes back is matched to its own print).
 */
export async function generateConventionDocument(
  manager: EntityManager, storage: FileStorage, actor: Actor, conventionId: number, kind: ConventionDocumentKind,
  now: Date = new Date(), options: ConventionDocumentOptions = {},
): Promise<Outcome<GeneratedDocument>> {
  const today = todayInParis(now);
  const sources = await loadConventionSources(manager, conventionId);
  if (!sources) return refusal("Cette convention n'existe pas (elle a peut-être été supprimée).");
  const { convention } = sources;
  const problem = conventionDocumentRefusal(kind, convention, today);
  if (problem) return refusal(problem);

  if (kind === 'renewal-notice') {
    const anniversary = nextAnniversary(convention.effectiveDate!, today);
    const { document, created } = await issueRenewalNotice(manager, storage, convention.id, anniversary, actor, now);
    const message = created
      ? `L’avis de reconduction au ${formatFrenchDate(anniversary)} de la convention n° ${convention.number} est produit (n° ${document.reference}).`
      : `L’avis de reconduction au ${formatFrenchDate(anniversary)} avait déjà été produit (n° ${document.reference}) : le voici.`;
    return { ok: true, document, created, message };
  }

  let person: Habilitation | null = null;
  let effectiveFrom: IsoDate | undefined;
  if (kind === 'suppression-request-form') {
    const found = await suppressionPerson(manager, convention, options);
    if (typeof found === 'string') return refusal(found, [{ field: 'habilitationIdentifier', message: found }]);
    person = found;
    if (options.effectiveFrom?.trim()) {
      const checked = validateIsoDate(options.effectiveFrom);
      if (!checked.ok) return refusal(checked.message, [{ field: 'effectiveFrom', message: checked.message }]);
      effectiveFrom = checked.value;
    }
  }

  const generated = await generateKind(manager, storage, actor, sources, kind, today, now, person, effectiveFrom);
  await recordAudit(manager, actor, {
    action: 'document.generate', entityType: 'Document', entityId: generated.id,
    details: { kind, conventionId: convention.id, subjectType: generated.subjectType, subjectId: generated.subjectId, reference: generated.reference },
  }, now);
  const printed = generated.reference ? ` (réf. ${generated.reference})` : '';
  return { ok: true, document: generated, created: true, message: `${DOCUMENT_KIND_LABELS[kind]} produit${printed} pour la convention n° ${convention.number}.` };
}

async function generateKind(
  manager: EntityManager, storage: FileStorage, actor: Actor, sources: ConventionSources, kind: Exclude<ConventionDocumentKind, 'renewal-notice'>,
  today: IsoDate, now: Date, person: Habilitation | null, effectiveFrom: IsoDate | undefined,
): Promise<Document> {
  const { convention } = sources;
  const base = documentBase(await getSettings(manager), sources, today);
  const common = { date: today, generatedById: actor.staffUserId };
  const stamp = (reference: string) => ({ ...base, reference, date: today, generatedAt: now });
  const onConvention = { subjectType: 'Convention', subjectId: convention.id };
  switch (kind) {
    case 'cover-letter':
      return (await generateDocument(manager, storage, {
        kind, ...onConvention, ...common, title: titleOf(kind, convention),
        build: (n) => ({ ...stamp(n.reference), registerNumber: n.registerNumber }),
      }, now)).document;
    case 'convention':
      // Neither a form nor a letter: its footer reference is its number.
      return (await generateDocument(manager, storage, {
        kind, ...onConvention, ...common, title: titleOf(kind, convention), printedReference: convention.number,
        build: (n) => ({ ...stamp(n.reference), copies: 2 }),
      }, now)).document;
    case 'access-request-form':
    case 'manager-designation-form':
      return (await generateDocument(manager, storage, {
        kind, ...onConvention, ...common, title: titleOf(kind, convention), build: (n) => stamp(n.reference),
      }, now)).document;
    case 'suppression-request-form': {
      const printed: SuppressionPerson | undefined = person ? {
        civility: person.civility, firstName: person.firstName, lastName: person.lastName, identifier: person.identifier, function: person.position,
      } : undefined;
      // From a habilitation, the form's subject is the habilitation: its reference then opens a
      // suppression request for that very person (form-references.ts).
      const subject = person ? { subjectType: 'Habilitation', subjectId: person.id } : onConvention;
      return (await generateDocument(manager, storage, {
        kind, ...subject, ...common, title: titleOf(kind, convention, person ? ` – ${person.firstName} ${person.lastName}` : ''), effectiveFrom,
        build: (n) => ({ ...stamp(n.reference), person: printed, effectiveFrom }),
      }, now)).document;
    }
    case 'termination-letter': {
      const denounced = convention.status === 'denoncee';
      const revoked = await habilitationsOf(manager, convention.id, ['active', 'suspendue']);
      const deferred = denounced && convention.effectiveDate && convention.noticeReceivedDate
        ? terminationSchedule(convention.effectiveDate, convention.noticeReceivedDate, convention.kind).late : false;
      return (await generateDocument(manager, storage, {
        kind, ...onConvention, ...common, title: titleOf(kind, convention),
        build: (n) => ({
          ...stamp(n.reference), registerNumber: n.registerNumber,
          termination: {
            kind: denounced ? 'denonciation' : 'resiliation',
            initiatedBy: denounced && convention.noticeParty === 'partenaire' ? 'partner' : 'caf',
            noticeOn: denounced ? convention.noticeReceivedDate ?? undefined : undefined,
            endsOn: convention.endDate!,
            reason: convention.endReason ?? '',
            deferredToNextAnniversary: deferred,
          },
          activeHabilitationCount: revoked.length,
        }),
      }, now)).document;
    }
  }
}

/** The same, in a transaction of its own (AdminJS actions). */
export function produceConventionDocument(
  services: ConventionServices, actor: Actor, conventionId: number, kind: ConventionDocumentKind, options: ConventionDocumentOptions = {},
): Promise<Outcome<GeneratedDocument>> {
  const now = services.clock.now();
  return refusable(services.dataSource, (manager) => generateConventionDocument(manager, services.storage, actor, conventionId, kind, now, options));
}

/**
 * Suppression form pre-filled with the person of a habilitation (the Habilitation resource's
 * « generateSuppressionForm » action can call this).
 */
export async function produceSuppressionFormForHabilitation(
  services: ConventionServices, actor: Actor, habilitationId: number, effectiveFrom?: string | null,
): Promise<Outcome<GeneratedDocument>> {
  const habilitation = await services.dataSource.manager.findOneBy(Habilitation, { id: habilitationId });
  if (!habilitation) return refusal("Cette habilitation n'existe pas.");
  return produceConventionDocument(services, actor, habilitation.conventionId, 'suppression-request-form', { habilitationId, effectiveFrom });
}
