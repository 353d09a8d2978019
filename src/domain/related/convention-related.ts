// A convention's page: its responsable in office, its dates, what hangs on it (demandes d'accès and
// habilitations by state, documents, scans) and its history, each part only for a role that may read it.
import { In, Not, IsNull, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { AccessRequest } from '../../entities/access-request.entity.js';
import { AuditEvent } from '../../entities/audit-event.entity.js';
import { Convention } from '../../entities/convention.entity.js';
import { Document } from '../../entities/document.entity.js';
import { HabilitationManager } from '../../entities/habilitation-manager.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { Scan } from '../../entities/scan.entity.js';
import { SuppressionRequest } from '../../entities/suppression-request.entity.js';
import { accessRequestStateLabels, accessRequestStates } from '../access-request/access-request.workflow.js';
import { AUDIT_ACTION_LABELS } from '../audit/action-labels.js';
import { stateLabel } from '../audit/audit-display.js';
import { habilitationStateLabels, habilitationStates } from '../habilitation/habilitation.workflow.js';
import { formatFrenchDate, formatParisDateTime, type IsoDate } from '../shared/dates.js';
import type { ResourceId } from '../../policies/policy.js';
import { conventionCalendar } from './convention-calendar.js';
import { documentHref, listHref, recordHref, scanHref } from './related-links.js';
import type { ConventionRelated, CountsByState, LatestOf, RelatedLine } from './related-records.types.js';
import type { Allowed } from './related-records.js';

/** How many of the latest documents, scans and journal entries the page lists (the rest: « Tout voir »). */
export const LATEST = 10;

/** Records of the convention counted by state (one grouped query), each state with the list of exactly them. */
async function countsByState<T extends ObjectLiteral>(
  manager: EntityManager, entity: EntityTarget<T>, resource: ResourceId, conventionId: number,
  states: readonly string[], labels: Record<string, string>,
): Promise<CountsByState> {
  const rows: Array<{ state: string; count: string | number }> = await manager.createQueryBuilder(entity, 'r')
    .select('r.status', 'state').addSelect('COUNT(*)', 'count')
    .where('r.conventionId = :conventionId', { conventionId })
    .groupBy('r.status').getRawMany();
  const counts = new Map(rows.map((r) => [r.state, Number(r.count)]));
  return {
    total: [...counts.values()].reduce((a, b) => a + b, 0),
    href: listHref(resource, { conventionId }),
    byState: states.filter((state) => counts.get(state)).map((state) => ({
      state, label: labels[state] ?? state, count: counts.get(state)!, href: listHref(resource, { conventionId, status: state }),
    })),
  };
}

const person = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName.toUpperCase()}`;

async function responsable(manager: EntityManager, conventionId: number): Promise<RelatedLine | null> {
  const current = await manager.findOneBy(HabilitationManager, { currentFor: conventionId });
  if (!current) return null;
  return {
    label: `${current.civility} ${person(current)}`,
    href: recordHref('HabilitationManager', current.id),
    details: [current.email, current.phone, `désigné${current.civility === 'Madame' ? 'e' : ''} le ${formatFrenchDate(current.designationDate)}`],
  };
}

async function documents(manager: EntityManager, conventionId: number): Promise<LatestOf> {
  const where = { subjectType: 'Convention', subjectId: conventionId };
  const [latest, total] = await manager.findAndCount(Document, { where, order: { generatedAt: 'DESC', id: 'DESC' }, take: LATEST });
  return {
    total,
    href: listHref('Document', where, { by: 'generatedAt', direction: 'desc' }),
    latest: latest.map((d) => ({ label: d.title, href: documentHref(d.id), details: [`produit le ${formatParisDateTime(d.generatedAt)}`] })),
  };
}

/**
 * The scans of the convention's papers: its signed copy, the designations of its responsables, its
 * demandes d'accès and the demandes de suppression of its habilitations. There is no list of scans:
 * each is listed with the record it belongs to.
 */
async function scans(manager: EntityManager, convention: Convention): Promise<LatestOf> {
  const owners: Array<{ scanId: number; label: string; recordHref: string }> = [];
  if (convention.signedScanId) owners.push({ scanId: convention.signedScanId, label: 'Convention signée', recordHref: recordHref('Convention', convention.id) });
  const scanned = { conventionId: convention.id, scanId: Not(IsNull()) };
  const [designations, requests, suppressions] = await Promise.all([
    manager.find(HabilitationManager, { where: scanned, select: { id: true, scanId: true, firstName: true, lastName: true } }),
    manager.find(AccessRequest, { where: scanned, select: { id: true, scanId: true, firstName: true, lastName: true } }),
    manager.find(SuppressionRequest, {
      where: { habilitation: { conventionId: convention.id }, scanId: Not(IsNull()) }, relations: { habilitation: true },
      select: { id: true, scanId: true, habilitation: { id: true, firstName: true, lastName: true } },
    }),
  ]);
  for (const d of designations) owners.push({ scanId: d.scanId!, label: `Désignation du responsable ${person(d)}`, recordHref: recordHref('HabilitationManager', d.id) });
  for (const r of requests) owners.push({ scanId: r.scanId!, label: `Demande d'accès de ${person(r)}`, recordHref: recordHref('AccessRequest', r.id) });
  for (const s of suppressions) owners.push({ scanId: s.scanId!, label: `Demande de suppression d'accès de ${person(s.habilitation)}`, recordHref: recordHref('SuppressionRequest', s.id) });
  const files = owners.length ? await manager.find(Scan, { where: { id: In(owners.map((o) => o.scanId)) }, select: { id: true, createdAt: true, originalName: true } }) : [];
  const byId = new Map(files.map((f) => [f.id, f]));
  const latest = owners.filter((o) => byId.has(o.scanId))
    .sort((a, b) => byId.get(b.scanId)!.createdAt.getTime() - byId.get(a.scanId)!.createdAt.getTime() || b.scanId - a.scanId);
  return {
    total: latest.length,
    latest: latest.slice(0, LATEST).map((o) => ({
      label: o.label, href: scanHref(o.scanId), details: [`numérisée le ${formatParisDateTime(byId.get(o.scanId)!.createdAt)}`], record: { label: 'Voir la fiche', href: o.recordHref },
    })),
  };
}

/** The journal entries about the convention (the « Historique » action opens the same list). */
async function history(manager: EntityManager, conventionId: number): Promise<LatestOf> {
  const where = { entityType: 'Convention', entityId: String(conventionId) };
  const [latest, total] = await manager.findAndCount(AuditEvent, { where, order: { occurredAt: 'DESC', id: 'DESC' }, take: LATEST });
  return {
    total,
    href: listHref('AuditEvent', { entityType: 'Convention', entityId: conventionId }),
    latest: latest.map((e) => {
      const from = stateLabel(e.entityType, e.fromState);
      const to = stateLabel(e.entityType, e.toState);
      return {
        label: AUDIT_ACTION_LABELS[e.action] ?? e.action,
        href: recordHref('AuditEvent', e.id),
        details: [formatParisDateTime(e.occurredAt), e.actorEmail ?? '', from || to ? `${from ?? '—'} → ${to ?? '—'}` : ''].filter(Boolean),
      };
    }),
  };
}

export async function conventionRelated(manager: EntityManager, allowed: Allowed, conventionId: number, today: IsoDate): Promise<ConventionRelated | null> {
  const convention = await manager.findOneBy(Convention, { id: conventionId });
  if (!convention) return null;
  const related: ConventionRelated = { kind: 'Convention', calendar: conventionCalendar(convention, today).lines };
  const parts: Array<Promise<unknown>> = [];
  if (allowed('HabilitationManager', 'show')) parts.push(responsable(manager, conventionId).then((r) => { related.responsable = r; }));
  if (allowed('AccessRequest', 'list')) {
    parts.push(countsByState(manager, AccessRequest, 'AccessRequest', conventionId, accessRequestStates, accessRequestStateLabels).then((r) => { related.accessRequests = r; }));
  }
  if (allowed('Habilitation', 'list')) {
    parts.push(countsByState(manager, Habilitation, 'Habilitation', conventionId, habilitationStates, habilitationStateLabels).then((r) => { related.habilitations = r; }));
  }
  if (allowed('Document', 'list')) parts.push(documents(manager, conventionId).then((r) => { related.documents = r; }));
  if (allowed('Scan', 'show')) parts.push(scans(manager, convention).then((r) => { related.scans = r; }));
  if (allowed('AuditEvent', 'list')) parts.push(history(manager, conventionId).then((r) => { related.history = r; }));
  await Promise.all(parts);
  return related;
}
