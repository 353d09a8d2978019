// The lists a gestionnaire works from (« À traiter » on the home page): each queue is a filter of a
// list, with the same conditions for its count here and for the list the link opens. The
// conditions are TypeORM `where`s; the URL filters are what the back-office list understands
// (resources/adapter.ts translates the ones the stock adapter cannot).
import { In, IsNull, LessThanOrEqual, MoreThanOrEqual, Between, type EntityManager, type EntityTarget, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { AccessRequest } from '../../entities/access-request.entity.js';
import { AuditEvent } from '../../entities/audit-event.entity.js';
import { Convention } from '../../entities/convention.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { OutboxEmail } from '../../entities/outbox-email.entity.js';
import { Recertification } from '../../entities/recertification.entity.js';
import { SuppressionRequest } from '../../entities/suppression-request.entity.js';
import { can, type ActionName, type ResourceId } from '../../policies/policy.js';
import type { StaffRole } from '../../policies/roles.js';
import { addDays, diffInDays, type IsoDate } from '../shared/dates.js';
import { CONVENTION_DUE_CARDS } from './convention-due-dates.js';

/** Days ahead in which a CDD end shows in « Fins de contrat à venir ». */
export const CONTRACT_END_HORIZON_DAYS = 30;
/** Days ahead in which the end of a denounced convention shows. */
export const CONVENTION_END_HORIZON_DAYS = 90;
/** Days back in which a refused file (changed or missing on disk) shows. */
export const FILE_FAILURE_DAYS = 30;

/**
 * « Suppressions dues »: the access must end by now and has not. Either the request is still to
 * be processed although its « à compter de » date is reached, or it was processed with a revocation
 * scheduled for a date now reached and the daily job has not revoked it yet.
 */
export const dueSuppressionWhere = (today: IsoDate): FindOptionsWhere<SuppressionRequest> => ({
  status: In(['recue', 'traitee']),
  revokedDate: IsNull(),
  effectiveDate: LessThanOrEqual(today),
});

interface QueueDefinition<T extends ObjectLiteral> {
  id: string;
  label: string;
  /** What the count means, under the figure. */
  hint: string;
  resource: ResourceId;
  entity: EntityTarget<T>;
  /** The role sees the queue when it may do the work it lists (one of them, when several). */
  work: ActionName | ActionName[];
  /** « due »: a date coming (« Échéances », issue 13 §6) rather than work waiting (« À traiter »). */
  group?: 'due';
  where: (today: IsoDate) => FindOptionsWhere<T>;
  /** The list's URL query (filters.…, sortBy, direction) showing exactly these records. */
  query: (today: IsoDate) => Record<string, string>;
  /** Date column whose oldest value tells how long the queue has waited. */
  since?: keyof T & string;
}

const queue = <T extends ObjectLiteral>(definition: QueueDefinition<T>) => definition;

export const WORK_QUEUES = [
  queue<AccessRequest>({
    id: 'access-requests-to-decide', label: "Demandes d'accès à décider", hint: 'reçues ou complétées, en attente de décision',
    resource: 'AccessRequest', entity: AccessRequest, work: 'approve',
    where: () => ({ status: 'recue' }),
    query: () => ({ 'filters.status': 'recue', sortBy: 'receivedDate', direction: 'asc' }),
    since: 'receivedDate',
  }),
  queue<AccessRequest>({
    id: 'access-requests-incomplete', label: 'En attente de complément', hint: 'demandes incomplètes renvoyées au partenaire',
    resource: 'AccessRequest', entity: AccessRequest, work: 'complete',
    where: () => ({ status: 'incomplete' }),
    query: () => ({ 'filters.status': 'incomplete', sortBy: 'incompleteSince', direction: 'asc' }),
    since: 'incompleteSince',
  }),
  queue<SuppressionRequest>({
    id: 'suppressions-due', label: 'Suppressions dues', hint: "date « à compter de » atteinte, accès pas encore révoqué",
    resource: 'SuppressionRequest', entity: SuppressionRequest, work: 'process',
    where: dueSuppressionWhere,
    query: () => ({ 'filters.due': 'true', sortBy: 'effectiveDate', direction: 'asc' }),
    since: 'effectiveDate',
  }),
  queue<SuppressionRequest>({
    id: 'suppression-requests-to-process', label: 'Demandes de suppression à traiter', hint: 'reçues, y compris pour une date à venir',
    resource: 'SuppressionRequest', entity: SuppressionRequest, work: 'process',
    where: () => ({ status: 'recue' }),
    query: () => ({ 'filters.status': 'recue', sortBy: 'receivedDate', direction: 'asc' }),
    since: 'receivedDate',
  }),
  // issue 15 §2: a list not returned by its due date is never revoked automatically; it waits here
  // until handled — returned late (recorded as any return) or closed by an agent with a reason.
  queue<Recertification>({
    id: 'recertifications-unanswered', label: 'Recertifications sans réponse', hint: 'liste non retournée à l’échéance, rien n’a été révoqué : à relancer ou classer avec un motif',
    resource: 'Recertification', entity: Recertification, work: 'closeUnanswered',
    where: () => ({ status: 'sans-reponse' }),
    query: () => ({ 'filters.status': 'sans-reponse', sortBy: 'dueDate', direction: 'asc' }),
    since: 'dueDate',
  }),
  queue<Habilitation>({
    id: 'contract-ends', label: 'Fins de contrat à venir', hint: `habilitations actives ou suspendues finissant dans les ${CONTRACT_END_HORIZON_DAYS} jours`,
    resource: 'Habilitation', entity: Habilitation, work: 'revoke',
    where: (today) => ({ status: In(['active', 'suspendue']), endDate: Between(today, addDays(today, CONTRACT_END_HORIZON_DAYS)) }),
    query: (today) => ({
      'filters.status': 'active,suspendue', 'filters.endDate~~from': today, 'filters.endDate~~to': addDays(today, CONTRACT_END_HORIZON_DAYS),
      sortBy: 'endDate', direction: 'asc',
    }),
  }),
  queue<Convention>({
    id: 'conventions-awaiting-signature', label: 'Conventions en attente de signature', hint: 'envoyées au partenaire, exemplaire signé non reçu',
    resource: 'Convention', entity: Convention, work: 'sign',
    where: () => ({ status: 'envoyee' }),
    query: () => ({ 'filters.status': 'envoyee', sortBy: 'sentDate', direction: 'asc' }),
    since: 'sentDate',
  }),
  queue<Convention>({
    id: 'conventions-ending', label: 'Conventions dénoncées bientôt terminées', hint: `fin dans les ${CONVENTION_END_HORIZON_DAYS} jours : habilitations révoquées ce jour-là`,
    resource: 'Convention', entity: Convention, work: 'denounce',
    where: (today) => ({ status: 'denoncee', endDate: Between(today, addDays(today, CONVENTION_END_HORIZON_DAYS)) }),
    query: (today) => ({
      'filters.status': 'denoncee', 'filters.endDate~~from': today, 'filters.endDate~~to': addDays(today, CONVENTION_END_HORIZON_DAYS),
      sortBy: 'endDate', direction: 'asc',
    }),
  }),
  // Journal entries for the Administrateur (the one who may put them under legal hold): each file
  // refused because it changed on disk, or went missing and could not be regenerated identically.
  queue<AuditEvent>({
    id: 'file-integrity-failures', label: 'Fichiers modifiés ou introuvables',
    hint: `refusés au téléchargement ces ${FILE_FAILURE_DAYS} derniers jours : le fichier est à vérifier sur le serveur`,
    resource: 'AuditEvent', entity: AuditEvent, work: 'setLegalHold',
    // The list's own date filter (@adminjs/typeorm compares with the ISO string), so that both count the same rows.
    where: (today) => ({ action: 'file.integrity-failure', occurredAt: MoreThanOrEqual(new Date(addDays(today, -FILE_FAILURE_DAYS)).toISOString()) as never }),
    query: (today) => ({
      'filters.action': 'file.integrity-failure', 'filters.occurredAt~~from': addDays(today, -FILE_FAILURE_DAYS), sortBy: 'occurredAt', direction: 'desc',
    }),
  }),
  queue<OutboxEmail>({
    id: 'failed-emails', label: 'Courriels en échec', hint: 'non remis après toutes les tentatives : à vérifier et renvoyer',
    resource: 'OutboxEmail', entity: OutboxEmail, work: 'resend',
    where: () => ({ status: 'echec' }),
    query: () => ({ 'filters.status': 'echec', sortBy: 'createdAt', direction: 'asc' }),
  }),
  // « Échéances » of the convention desk (convention-due-dates.ts): for who sends the packs
  // (Gestionnaire conventions) and who gives notice (Directeur); each card's list is the Convention
  // list filtered on it (`filters.due`).
  ...CONVENTION_DUE_CARDS.map((card) => queue<Convention>({
    id: card.id, label: card.label, hint: card.hint, group: 'due',
    resource: 'Convention', entity: Convention, work: ['send', 'denounce'],
    where: card.where,
    query: () => ({ 'filters.due': card.id, sortBy: 'number', direction: 'asc' }),
    since: card.id === 'signature-overdue' ? 'sentDate' : undefined,
  })),
];

export type WorkQueueId = (typeof WORK_QUEUES)[number]['id'];

export interface WorkQueueCount {
  id: string;
  label: string;
  hint: string;
  resource: ResourceId;
  group: 'todo' | 'due';
  count: number;
  /** Days since the oldest record of the queue entered it, when it has a date for that. */
  oldestDays: number | null;
  query: Record<string, string>;
}

/** The queues the role works on, with their counts as of `today` (Paris). */
export async function countWorkQueues(manager: EntityManager, role: StaffRole, today: IsoDate): Promise<WorkQueueCount[]> {
  const mine = WORK_QUEUES.filter((q) => [q.work].flat().some((work) => can(role, q.resource, work)) && can(role, q.resource, 'list'));
  const counts: WorkQueueCount[] = [];
  for (const q of mine as QueueDefinition<ObjectLiteral>[]) {
    const where = q.where(today);
    const count = await manager.count(q.entity, { where });
    let oldestDays: number | null = null;
    if (count && q.since) {
      const oldest = await manager.findOne(q.entity, { where, order: { [q.since]: 'ASC' }, select: { [q.since]: true } });
      const date = oldest?.[q.since];
      oldestDays = typeof date === 'string' ? diffInDays(date.slice(0, 10), today) : null;
    }
    counts.push({ id: q.id, label: q.label, hint: q.hint, resource: q.resource, group: q.group ?? 'todo', count, oldestDays, query: q.query(today) });
  }
  return counts;
}
