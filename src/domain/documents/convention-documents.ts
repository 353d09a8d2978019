// The documents of a convention (DOMAIN.md « Documents » 1–6 and 8): cover letter of the pack, the
// convention in two copies, the three pre-filled paper forms (each with its printed reference and
// QR code), the renewal notice and the termination letter. Each generation is a Document row (see
// document-archive.ts) and an AuditEvent, in the caller's transaction.
import type { EntityManager } from 'typeorm';
import type { FileStorage } from '../../adapters/storage.js';
import { DOCUMENT_KIND_LABELS, type DocumentKind, type ExtensionApplicant, type SuppressionPerson } from '../../documents/index.js';
import type { Convention } from '../../entities/convention.entity.js';
import type { Document } from '../../entities/document.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { conventionKindRules, nextAnniversary, noCafproAccess, terminationSchedule } from '../convention/convention.rules.js';
import { type ConventionServices } from '../convention/convention.use-cases.js';
import { refusable, type Outcome } from '../shared/transaction.js';
import type { ConventionState } from '../convention/convention.workflow.js';
import { parseHabilitationIdentifier } from '../habilitation/habilitation.workflow.js';
import { getSettings } from '../settings/settings.js';
import { suppressionEffectiveWindow } from '../suppression-request/suppression-request.validation.js';
import { compareDates, formatFrenchDate, todayInParis, type IsoDate } from '../shared/dates.js';
import { refusal, validateIsoDate } from '../shared/validators.js';
import { documentBase, habilitationsOf, loadConventionSources, type ConventionSources } from './convention-document-data.js';
import { generateDocument, parametersOf, renderStamped, stampOf, type DocumentContent } from './document-archive.js';
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

/** The paper forms of Cafpro access: no use under a convention that gives none (data provision). */
const CAFPRO_ACCESS_FORMS: Partial<Record<ConventionDocumentKind, string>> = {
  'access-request-form': 'aucune demande d’accès ne peut être faite à son titre.',
  'manager-designation-form': 'aucun responsable habilitations n’y est désigné.',
  'suppression-request-form': 'aucun accès n’y est à supprimer.',
};

/** Whether the document is offered for the convention (AdminJS `when`). */
export function conventionDocumentOffered(kind: ConventionDocumentKind, convention: Pick<Convention, 'status' | 'kind'>): boolean {
  if (CAFPRO_ACCESS_FORMS[kind] && !conventionKindRules[convention.kind].cafproAccess) return false;
  return CONVENTION_DOCUMENT_STATES[kind].includes(convention.status);
}

/** Why `kind` cannot be generated for the convention today (French), or null. */
export function conventionDocumentRefusal(
  kind: ConventionDocumentKind, convention: Pick<Convention, 'number' | 'status' | 'kind' | 'endDate' | 'effectiveDate'>, today: IsoDate,
): string | null {
  const withoutAccess = CAFPRO_ACCESS_FORMS[kind];
  if (withoutAccess && !conventionKindRules[convention.kind].cafproAccess) return `${noCafproAccess(convention.number)} : ${withoutAccess}`;
  if (!conventionDocumentOffered(kind, convention)) return STATE_REFUSALS[kind];
  const ended = convention.endDate !== null && compareDates(convention.endDate, today) <= 0;
  if (ended && kind !== 'termination-letter') {
    return `La convention n° ${convention.number} a pris fin le ${formatFrenchDate(convention.endDate!)} : ce document n’a plus d’objet.`;
  }
  if (kind === 'renewal-notice') return renewalNoticeRefusal(convention, nextAnniversary(convention.effectiveDate ?? today, today));
  return null;
}

export interface ConventionDocumentOptions {
  /**
   * Suppression form: the habilitation whose person is printed (by id, or by its identifier « CP78-000123 »).
   * Access-request form: the CDD habilitation to extend (its holder printed, contract-end-notices.ts).
   */
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

/** The holder of a CDD habilitation of the convention, for the access-request form that extends it. */
async function extensionHolder(manager: EntityManager, convention: Convention, habilitationId: number): Promise<Habilitation | string> {
  const habilitation = await manager.findOneBy(Habilitation, { id: habilitationId });
  if (!habilitation || habilitation.conventionId !== convention.id) return `Aucune habilitation de ce numéro n’existe sous la convention n° ${convention.number}.`;
  if (habilitation.status === 'revoquee' || !habilitation.endDate) {
    return `L’habilitation ${habilitation.identifier} n’est pas un CDD en cours : pas de prolongation à demander.`;
  }
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
    const { document, created, replaced } = await issueRenewalNotice(manager, storage, convention.id, anniversary, actor, now);
    const message = replaced
      ? `L’avis de reconduction au ${formatFrenchDate(anniversary)} de la convention n° ${convention.number} est produit à nouveau (n° ${document.reference}) : `
        + `le fichier de l’avis n° ${replaced.reference} est introuvable ou a été modifié (l’administrateur a été alerté).`
      : created
        ? `L’avis de reconduction au ${formatFrenchDate(anniversary)} de la convention n° ${convention.number} est produit (n° ${document.reference}).`
        : `L’avis de reconduction au ${formatFrenchDate(anniversary)} avait déjà été produit (n° ${document.reference}) : le voici.`;
    return { ok: true, document, created, message };
  }

  let person: Habilitation | null = null;
  let effectiveFrom: IsoDate | undefined;
  if (kind === 'access-request-form' && options.habilitationId) {
    const found = await extensionHolder(manager, convention, options.habilitationId);
    if (typeof found === 'string') return refusal(found);
    person = found;
  }
  if (kind === 'suppression-request-form') {
    const found = await suppressionPerson(manager, convention, options);
    if (typeof found === 'string') return refusal(found, [{ field: 'habilitationIdentifier', message: found }]);
    person = found;
    if (options.effectiveFrom?.trim()) {
      // The date printed « à compter du » is the one the form will ask: the same window.
      const checked = validateIsoDate(options.effectiveFrom, suppressionEffectiveWindow(today));
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

type GeneratedKind = Exclude<ConventionDocumentKind, 'renewal-notice'>;

/** What a convention document is made from besides the records: the person and « à compter de » of a suppression form. */
interface ConventionDocumentInputs {
  person: Habilitation | null;
  effectiveFrom?: IsoDate;
}

/** The content of a convention document dated `date`, from the records as they are now (generation and regeneration). */
async function conventionDocumentContent<K extends GeneratedKind>(
  manager: EntityManager, sources: ConventionSources, kind: K, date: IsoDate, inputs: ConventionDocumentInputs,
): Promise<DocumentContent<K>> {
  const { convention } = sources;
  const base = documentBase(await getSettings(manager), sources, date);
  const { person } = inputs;
  const contents: { [k in GeneratedKind]: () => Promise<DocumentContent<k>> | DocumentContent<k> } = {
    'cover-letter': () => base,
    convention: () => ({ ...base, copies: 2 }),
    'access-request-form': () => ({
      ...base,
      extension: person?.endDate ? {
        civility: person.civility, firstName: person.firstName, lastName: person.lastName, email: person.email, function: person.position,
        identifier: person.identifier, endDate: person.endDate,
      } satisfies ExtensionApplicant : undefined,
    }),
    'manager-designation-form': () => base,
    'suppression-request-form': () => ({
      ...base,
      person: person ? {
        civility: person.civility, firstName: person.firstName, lastName: person.lastName, identifier: person.identifier, function: person.position,
      } satisfies SuppressionPerson : undefined,
      effectiveFrom: inputs.effectiveFrom,
    }),
    'termination-letter': async () => {
      const denounced = convention.status === 'denoncee';
      // Under a data-provision convention nobody holds a habilitation: the letter speaks of the data instead.
      const revoked = conventionKindRules[convention.kind].cafproAccess
        ? (await habilitationsOf(manager, convention.id, ['active', 'suspendue'])).length : undefined;
      const deferred = denounced && convention.effectiveDate && convention.noticeReceivedDate
        ? terminationSchedule(convention.effectiveDate, convention.noticeReceivedDate, convention.kind).late : false;
      return {
        ...base,
        termination: {
          kind: denounced ? 'denonciation' : 'resiliation',
          initiatedBy: denounced && convention.noticeParty === 'partenaire' ? 'partner' : 'caf',
          noticeOn: denounced ? convention.noticeReceivedDate ?? undefined : undefined,
          endsOn: convention.endDate!,
          reason: convention.endReason ?? '',
          deferredToNextAnniversary: deferred,
        },
        activeHabilitationCount: revoked,
      };
    },
  };
  return contents[kind]() as Promise<DocumentContent<K>>;
}

async function generateKind(
  manager: EntityManager, storage: FileStorage, actor: Actor, sources: ConventionSources, kind: GeneratedKind,
  today: IsoDate, now: Date, person: Habilitation | null, effectiveFrom: IsoDate | undefined,
): Promise<Document> {
  const { convention } = sources;
  const printsPerson = (kind === 'suppression-request-form' || kind === 'access-request-form') && person !== null;
  // From a habilitation, the form's subject is the habilitation: its reference then opens a
  // suppression request, or an extension request, for that very person (form-references.ts).
  const subject = printsPerson ? { subjectType: 'Habilitation', subjectId: person.id } : { subjectType: 'Convention', subjectId: convention.id };
  const { document } = await generateDocument(manager, storage, {
    kind, ...subject, date: today, generatedById: actor.staffUserId,
    title: titleOf(kind, convention, printsPerson ? ` – ${person.firstName} ${person.lastName}` : ''),
    parameters: kind === 'suppression-request-form' ? { effectiveFrom } : {},
    // Neither a form nor a letter: the convention's footer reference is its number.
    printedReference: kind === 'convention' ? convention.number : undefined,
    build: (stamp) => conventionDocumentContent(manager, sources, kind, stamp.date, { person, effectiveFrom }),
  }, now);
  return document;
}

/**
 * The PDF of a convention document again, from its record and the convention's records as they are
 * now (document-regeneration.ts compares it with the recorded SHA-256); null when its subject is gone.
 */
export async function regenerateConventionDocument(manager: EntityManager, document: Document): Promise<Buffer | null> {
  const kind = document.kind as GeneratedKind;
  if (!(CONVENTION_DOCUMENT_KINDS as readonly string[]).includes(kind) || (kind as string) === 'renewal-notice') return null;
  const person = document.subjectType === 'Habilitation' ? await manager.findOneBy(Habilitation, { id: document.subjectId }) : null;
  if (document.subjectType !== (person ? 'Habilitation' : 'Convention')) return null;
  const sources = await loadConventionSources(manager, person ? person.conventionId : document.subjectId);
  if (!sources) return null;
  const stamp = stampOf(document);
  const content = await conventionDocumentContent(manager, sources, kind, stamp.date, { person, effectiveFrom: parametersOf(document).effectiveFrom });
  return renderStamped(kind, content, stamp);
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
