// The emails that follow a decision (issue 6 « Decision emails » and « Renewal notices »): one handler
// per DomainEvent, run by `publish` INSIDE the use case's transaction with its EntityManager, so the
// OutboxEmail row is committed with the decision or not at all.
// Recipients: the current responsable habilitations of the convention (DOMAIN.md « A change of
// responsable is a new designation »: the row with currentFor = conventionId); the renewal notice also
// goes to the partner's email. When nobody has an address, no email is queued and the journal says so
// (the renewal notice then appears in « avis à envoyer par courrier »).
import { In, type EntityManager } from 'typeorm';
import { AccessProfile } from '../../entities/access-profile.entity.js';
import { AccessRequest } from '../../entities/access-request.entity.js';
import { Convention } from '../../entities/convention.entity.js';
import { Document } from '../../entities/document.entity.js';
import { HabilitationManager } from '../../entities/habilitation-manager.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { OutboxEmail } from '../../entities/outbox-email.entity.js';
import { Partner } from '../../entities/partner.entity.js';
import { SuppressionRequest } from '../../entities/suppression-request.entity.js';
import { Recertification } from '../../entities/recertification.entity.js';
import { RecertificationLine } from '../../entities/recertification-line.entity.js';
import { incompleteReasonLabels, type IncompleteReasonCode } from '../access-request/access-request.workflow.js';
import { followUpDates } from '../access-request/incomplete-follow-up.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { conventionKindRules, renewalDeadlines } from '../convention/convention.rules.js';
import { onDomainEvent, type DomainEvent } from '../events.js';
import { cleanAddresses, enqueueEmail } from '../outbox/outbox.js';
import { getSettings } from '../settings/settings.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { formatFrenchDate, isBefore, isIsoDate, todayInParis } from '../shared/dates.js';
import { cafContact, greetingFor, renderEmail, type EmailDataByKind, type EmailKind, type PersonData } from './emails.js';

let clock: Clock = systemClock;

/** Subscribes the email handlers to the domain events; call once at start (web process and worker). */
export function registerNotificationHandlers(options: { clock?: Clock } = {}): void {
  clock = options.clock ?? systemClock;
  onDomainEvent(handleDomainEvent);
}

const frenchDate = (value: string | null | undefined) => (value && isIsoDate(value) ? formatFrenchDate(value) : '—');
const dayOf = (instant: Date | null | undefined) => formatFrenchDate(todayInParis(instant ?? clock.now()));

/** The current responsable habilitations of a convention (one row at most: unique currentFor). */
export function currentManagerOf(manager: EntityManager, conventionId: number): Promise<HabilitationManager | null> {
  return manager.findOneBy(HabilitationManager, { currentFor: conventionId });
}

interface ConventionContext {
  convention: Convention;
  partner: Partner;
  profile: AccessProfile;
  responsable: HabilitationManager | null;
}

async function conventionContext(manager: EntityManager, conventionId: number): Promise<ConventionContext> {
  const convention = await manager.findOneByOrFail(Convention, { id: conventionId });
  const [partner, profile, responsable] = await Promise.all([
    manager.findOneByOrFail(Partner, { id: convention.partnerId }),
    manager.findOneByOrFail(AccessProfile, { id: convention.profileId }),
    currentManagerOf(manager, conventionId),
  ]);
  return { convention, partner, profile, responsable };
}

const personOf = (p: { civility: string; firstName: string; lastName: string; position: string }): PersonData =>
  ({ civility: p.civility, firstName: p.firstName, lastName: p.lastName, position: p.position });

interface Notification<K extends EmailKind> {
  kind: K;
  data: EmailDataByKind[K];
  to: Array<string | null | undefined>;
  greeting: string;
  attachments: number[];
  relatedType: string;
  relatedId: number;
}

/** Renders and queues the email; without any valid address, journals why nothing was sent. */
async function queue<K extends EmailKind>(manager: EntityManager, actor: Actor, n: Notification<K>): Promise<number | null> {
  const to = cleanAddresses(n.to);
  const now = clock.now();
  if (to.length === 0) {
    await recordAudit(manager, actor, {
      action: 'email.no-recipient', entityType: n.relatedType, entityId: n.relatedId, reason: `Aucune adresse électronique pour le courriel « ${n.kind} »`,
    }, now);
    return null;
  }
  const email = renderEmail(n.kind, n.data, cafContact(await getSettings(manager)), n.greeting);
  return enqueueEmail(manager, {
    kind: n.kind, to, subject: email.subject, html: email.html, text: email.text,
    attachments: n.attachments, relatedType: n.relatedType, relatedId: n.relatedId,
  }, now);
}

/** Decision emails go to the responsable; without one, to the partner's address. */
const decisionRecipients = (c: ConventionContext) => [c.responsable?.email ?? c.partner.email];
const decisionGreeting = (c: ConventionContext) => greetingFor(c.responsable);

/** Where a decision email about the convention would go now (null: nowhere), for the screens that announce it. */
export async function decisionAddressee(manager: EntityManager, conventionId: number): Promise<{ to: string | null; responsable: HabilitationManager | null }> {
  const c = await conventionContext(manager, conventionId);
  return { to: cleanAddresses(decisionRecipients(c))[0] ?? null, responsable: c.responsable };
}

/** What an approval's email says of the habilitation: the one issued, or the one it will be (a preview). */
export type IssuedFacts = Pick<Habilitation, 'identifier' | 'grantedDate' | 'endDate' | 'civility' | 'firstName' | 'lastName' | 'position'>;

/** The decision on a demande d'accès an email tells: the event, with the habilitation for an approval. */
export type AccessRequestDecision =
  | { type: 'access-request.approved'; habilitation: IssuedFacts; letterDocumentId: number | null; hasLetter?: boolean }
  | { type: 'access-request.reminder' | 'access-request.closed'; letterDocumentId: number | null }
  | { type: 'access-request.refused' | 'access-request.incomplete' };

/**
 * The email of a decision on `request` as it stands (its reason, its decision date): queued by the
 * event's handler, and rendered before the decision by the screens that show what will go out
 * (`request` then carries the reason typed, not saved yet).
 */
async function accessRequestNotification(manager: EntityManager, request: AccessRequest, decision: AccessRequestDecision): Promise<Notification<EmailKind>> {
  const c = await conventionContext(manager, request.conventionId);
  const base = {
    person: personOf(request), conventionNumber: c.convention.number, partnerName: c.partner.name, receivedDate: frenchDate(request.receivedDate),
  };
  const common = { to: decisionRecipients(c), greeting: decisionGreeting(c), relatedType: 'AccessRequest', relatedId: request.id };
  if (decision.type === 'access-request.approved') {
    const habilitation = decision.habilitation;
    const hasLetter = decision.hasLetter ?? Boolean(decision.letterDocumentId);
    return {
      ...common, kind: 'access-request-approved', attachments: decision.letterDocumentId ? [decision.letterDocumentId] : [],
      data: {
        ...base, person: personOf(habilitation), decisionDate: dayOf(request.decidedAt), identifier: habilitation.identifier,
        profileCode: c.profile.code, profileLabel: c.profile.label, grantedDate: frenchDate(habilitation.grantedDate),
        endDate: habilitation.endDate ? frenchDate(habilitation.endDate) : null, hasLetter,
      },
    };
  }
  if (decision.type === 'access-request.refused') {
    return {
      ...common, kind: 'access-request-refused', attachments: [],
      data: { ...base, decisionDate: dayOf(request.decidedAt), reason: request.refusalReason ?? '—' },
    };
  }
  const code = request.incompleteReason as IncompleteReasonCode | null;
  const reason = { reasonLabel: (code && incompleteReasonLabels[code]) || code || '—', details: request.incompleteDetails || null };
  if (decision.type === 'access-request.reminder' || decision.type === 'access-request.closed') {
    const settings = await getSettings(manager);
    const delays = { reminderDays: settings.incompleteReminderDays, closureDays: settings.incompleteClosureDays };
    const since = request.incompleteSince!;
    const letter = { attachments: decision.letterDocumentId ? [decision.letterDocumentId] : [], hasLetter: Boolean(decision.letterDocumentId) };
    if (decision.type === 'access-request.reminder') {
      return {
        ...common, kind: 'access-request-reminder', attachments: letter.attachments,
        data: { ...base, ...reason, incompleteSince: frenchDate(since), closureDate: frenchDate(followUpDates(since, delays).closureOn), hasLetter: letter.hasLetter },
      };
    }
    return {
      ...common, kind: 'access-request-closed', attachments: letter.attachments,
      data: { ...base, ...reason, incompleteSince: frenchDate(since), closedDate: frenchDate(request.closedOn), closureDays: delays.closureDays, hasLetter: letter.hasLetter },
    };
  }
  return { ...common, kind: 'access-request-incomplete', attachments: [], data: { ...base, ...reason } };
}

async function accessRequestEmail(manager: EntityManager, actor: Actor, event: Extract<DomainEvent, { type: `access-request.${string}` }>) {
  const request = await manager.findOneByOrFail(AccessRequest, { id: event.accessRequestId });
  const decision: AccessRequestDecision = event.type === 'access-request.approved'
    ? { type: event.type, habilitation: await manager.findOneByOrFail(Habilitation, { id: event.habilitationId }), letterDocumentId: event.letterDocumentId }
    : event.type === 'access-request.reminder' || event.type === 'access-request.closed'
      ? { type: event.type, letterDocumentId: event.letterDocumentId }
      : { type: event.type };
  return queue(manager, actor, await accessRequestNotification(manager, request, decision));
}

/** An email before it is queued: where it would go (null: nowhere, the journal would say so) and what it says. */
export interface EmailPreview {
  to: string[];
  subject: string;
  text: string;
}

/** The email the decision on `request` would send, rendered as the outbox would queue it; nothing is written. */
export async function previewAccessRequestEmail(manager: EntityManager, request: AccessRequest, decision: AccessRequestDecision): Promise<EmailPreview> {
  const n = await accessRequestNotification(manager, request, decision);
  const email = renderEmail(n.kind, n.data, cafContact(await getSettings(manager)), n.greeting);
  return { to: cleanAddresses(n.to), subject: email.subject, text: email.text };
}

async function suppressionRequestEmail(manager: EntityManager, actor: Actor, event: Extract<DomainEvent, { type: `suppression-request.${string}` }>) {
  const request = await manager.findOneByOrFail(SuppressionRequest, { id: event.suppressionRequestId });
  const habilitation = await manager.findOneByOrFail(Habilitation, { id: request.habilitationId });
  const c = await conventionContext(manager, habilitation.conventionId);
  const base = {
    person: personOf({ ...habilitation, position: request.position || habilitation.position }), conventionNumber: c.convention.number,
    partnerName: c.partner.name, receivedDate: frenchDate(request.receivedDate), identifier: habilitation.identifier,
  };
  const common = { to: decisionRecipients(c), greeting: decisionGreeting(c), relatedType: 'SuppressionRequest', relatedId: request.id, attachments: [] };
  if (event.type === 'suppression-request.processed') {
    const revokedNow = habilitation.status === 'revoquee';
    return queue(manager, actor, {
      ...common, kind: 'suppression-request-processed',
      data: { ...base, revokedNow, revocationDate: frenchDate(revokedNow ? habilitation.revokedDate ?? request.revokedDate ?? request.effectiveDate : request.effectiveDate) },
    });
  }
  return queue(manager, actor, {
    ...common, kind: 'suppression-request-rejected', data: { ...base, reason: request.rejectionReason ?? '—' },
  });
}

async function reissuedEmail(manager: EntityManager, actor: Actor, event: Extract<DomainEvent, { type: 'habilitation.reissued' }>) {
  const [old, renewed] = await Promise.all([
    manager.findOneByOrFail(Habilitation, { id: event.oldHabilitationId }),
    manager.findOneByOrFail(Habilitation, { id: event.newHabilitationId }),
  ]);
  const c = await conventionContext(manager, renewed.conventionId);
  return queue(manager, actor, {
    kind: 'habilitation-reissued', to: decisionRecipients(c), greeting: decisionGreeting(c),
    relatedType: 'Habilitation', relatedId: renewed.id, attachments: event.letterDocumentId ? [event.letterDocumentId] : [],
    data: {
      person: personOf(renewed), conventionNumber: c.convention.number, partnerName: c.partner.name, decisionDate: dayOf(null),
      oldIdentifier: old.identifier, newIdentifier: renewed.identifier, profileCode: c.profile.code, profileLabel: c.profile.label,
      hasLetter: Boolean(event.letterDocumentId),
    },
  });
}

export const RENEWAL_NOTICE_RELATED_TYPE = 'Document';

async function renewalNoticeEmail(manager: EntityManager, actor: Actor, event: Extract<DomainEvent, { type: 'convention.renewal-notice' }>) {
  const c = await conventionContext(manager, event.conventionId);
  const { kind } = c.convention;
  const rules = conventionKindRules[kind];
  // The same dates and list as the attached letter (renewal-notices.ts).
  const deadlines = renewalDeadlines(c.convention.effectiveDate!, event.anniversary, kind);
  const count = (status: Habilitation['status']) => manager.countBy(Habilitation, { conventionId: c.convention.id, status });
  return queue(manager, actor, {
    kind: 'renewal-notice', to: [c.partner.email, c.responsable?.email], greeting: greetingFor(null),
    relatedType: RENEWAL_NOTICE_RELATED_TYPE, relatedId: event.documentId, attachments: [event.documentId],
    data: {
      conventionNumber: c.convention.number, partnerName: c.partner.name, anniversary: frenchDate(event.anniversary),
      lastNoticeDay: frenchDate(deadlines.lastNoticeDay), noticePassed: isBefore(deadlines.lastNoticeDay, todayInParis(clock.now())),
      followingAnniversary: frenchDate(deadlines.following.anniversary), followingLastNoticeDay: frenchDate(deadlines.following.lastNoticeDay),
      cafproAccess: rules.cafproAccess,
      activeCount: rules.cafproAccess ? await count('active') : 0,
      suspendedCount: rules.cafproAccess ? await count('suspendue') : 0,
    },
  });
}

async function conventionEndedEmail(manager: EntityManager, actor: Actor, event: Extract<DomainEvent, { type: 'convention.ended' }>) {
  const c = await conventionContext(manager, event.conventionId);
  const revoked = await manager.find(Habilitation, { where: { id: In(event.habilitationIds) } });
  const users = revoked
    .sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr') || a.identifier.localeCompare(b.identifier))
    .map((h) => ({ civility: h.civility, firstName: h.firstName, lastName: h.lastName, identifier: h.identifier }));
  return queue(manager, actor, {
    kind: 'convention-ended', to: decisionRecipients(c), greeting: decisionGreeting(c), relatedType: 'Convention', relatedId: c.convention.id, attachments: [],
    data: {
      conventionNumber: c.convention.number, partnerName: c.partner.name, endDate: frenchDate(c.convention.endDate),
      terminated: c.convention.status === 'resiliee', count: users.length, users,
    },
  });
}

async function contractEndingEmail(manager: EntityManager, actor: Actor, event: Extract<DomainEvent, { type: 'habilitation.contract-ending' }>) {
  const c = await conventionContext(manager, event.conventionId);
  const ending = await manager.find(Habilitation, { where: { id: In(event.habilitationIds) } });
  const collator = new Intl.Collator('fr', { sensitivity: 'base' });
  const users = ending
    .sort((a, b) => (a.endDate ?? '').localeCompare(b.endDate ?? '') || collator.compare(a.lastName, b.lastName) || collator.compare(a.firstName, b.firstName))
    .map((h) => ({
      civility: h.civility, firstName: h.firstName, lastName: h.lastName, identifier: h.identifier, endDate: frenchDate(h.endDate),
      suspended: h.status === 'suspendue',
    }));
  return queue(manager, actor, {
    kind: 'contract-ending', to: decisionRecipients(c), greeting: decisionGreeting(c), relatedType: 'Convention', relatedId: c.convention.id,
    attachments: event.formDocumentIds,
    data: {
      conventionNumber: c.convention.number, partnerName: c.partner.name, count: users.length, users,
      hasForms: event.formDocumentIds.length > 0, conventionEndDate: c.convention.endDate ? frenchDate(c.convention.endDate) : null,
    },
  });
}

async function recertificationReturnedEmail(manager: EntityManager, actor: Actor, event: Extract<DomainEvent, { type: 'recertification.returned' }>) {
  const recertification = await manager.findOneByOrFail(Recertification, { id: event.recertificationId });
  const c = await conventionContext(manager, recertification.conventionId);
  const lines = await manager.find(RecertificationLine, { where: { recertificationId: recertification.id } });
  return queue(manager, actor, {
    kind: 'recertification-returned', to: decisionRecipients(c), greeting: decisionGreeting(c), relatedType: 'Recertification', relatedId: recertification.id,
    attachments: [],
    data: {
      conventionNumber: c.convention.number, partnerName: c.partner.name, anniversary: frenchDate(recertification.anniversary),
      returnedDate: frenchDate(recertification.returnedDate), signatory: recertification.signatory,
      lines: event.report.map((report) => ({ report })),
      removedCount: lines.filter((l) => l.outcome === 'revoquee' || l.outcome === 'programmee').length,
      keptCount: lines.filter((l) => l.outcome === 'conservee').length,
      hasNewUsers: event.newUsers.length > 0, newUsers: event.newUsers.map((name) => ({ name })),
    },
  });
}

async function recertificationReminderEmail(manager: EntityManager, actor: Actor, event: Extract<DomainEvent, { type: 'recertification.reminder' }>) {
  const recertification = await manager.findOneByOrFail(Recertification, { id: event.recertificationId });
  const c = await conventionContext(manager, recertification.conventionId);
  return queue(manager, actor, {
    kind: 'recertification-reminder', greeting: decisionGreeting(c), relatedType: 'Recertification', relatedId: recertification.id,
    // The last one also to the partner's own address (its legal representative's).
    to: event.last ? [...decisionRecipients(c), c.partner.email] : decisionRecipients(c),
    // The notice with its list, to tick and return.
    attachments: [recertification.documentId],
    data: {
      conventionNumber: c.convention.number, partnerName: c.partner.name, anniversary: frenchDate(recertification.anniversary),
      dueDate: frenchDate(recertification.dueDate), count: await manager.countBy(RecertificationLine, { recertificationId: recertification.id }), last: event.last,
    },
  });
}

/** The one subscriber: every DomainEvent type has its email (the `never` check makes a new type a compile error). */
export async function handleDomainEvent(manager: EntityManager, event: DomainEvent, actor: Actor): Promise<void> {
  switch (event.type) {
    case 'access-request.approved':
    case 'access-request.refused':
    case 'access-request.incomplete':
    case 'access-request.reminder':
    case 'access-request.closed':
      await accessRequestEmail(manager, actor, event);
      return;
    case 'suppression-request.processed':
    case 'suppression-request.rejected':
      await suppressionRequestEmail(manager, actor, event);
      return;
    case 'habilitation.reissued':
      await reissuedEmail(manager, actor, event);
      return;
    case 'convention.renewal-notice':
      await renewalNoticeEmail(manager, actor, event);
      return;
    case 'convention.ended':
      await conventionEndedEmail(manager, actor, event);
      return;
    case 'habilitation.contract-ending':
      await contractEndingEmail(manager, actor, event);
      return;
    case 'recertification.returned':
      await recertificationReturnedEmail(manager, actor, event);
      return;
    case 'recertification.reminder':
      await recertificationReminderEmail(manager, actor, event);
      return;
    default: {
      const unknown: never = event;
      throw new Error(`Événement sans courriel : ${JSON.stringify(unknown)}`);
    }
  }
}

export interface NoticeToPost {
  documentId: number;
  conventionId: number;
  title: string;
  reference: string | null;
  generatedAt: Date;
}

/**
 * « Avis à envoyer par courrier »: renewal notices generated since `since` that no email carries
 * (neither the partner nor the responsable has an address): the Caf posts them.
 */
export async function renewalNoticesToPost(manager: EntityManager, since: Date): Promise<NoticeToPost[]> {
  const documents = await manager.createQueryBuilder(Document, 'd')
    .where("d.kind = 'renewal-notice' AND d.generatedAt >= :since", { since })
    .orderBy('d.generatedAt', 'ASC').addOrderBy('d.id', 'ASC').getMany();
  const emailed = new Set<string>();
  for (let i = 0; i < documents.length; i += 500) {
    const ids = documents.slice(i, i + 500).map((d) => String(d.id));
    const rows = await manager.find(OutboxEmail, {
      where: { kind: 'renewal-notice', relatedType: RENEWAL_NOTICE_RELATED_TYPE, relatedId: In(ids) }, select: { id: true, relatedId: true },
    });
    for (const row of rows) emailed.add(row.relatedId!);
  }
  return documents.filter((d) => !emailed.has(String(d.id)))
    .map((d) => ({ documentId: d.id, conventionId: d.subjectId, title: d.title, reference: d.reference, generatedAt: d.generatedAt }));
}
