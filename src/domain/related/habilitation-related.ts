// A habilitation's page: the demande d'accès it was granted on, the revocation already planned (and
// the record that will cause it), and the chain of reissues after a loss or theft of the identifiers.
import { IsNull, type EntityManager } from 'typeorm';
import { AccessRequest } from '../../entities/access-request.entity.js';
import { Convention } from '../../entities/convention.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { SuppressionRequest } from '../../entities/suppression-request.entity.js';
import { accessRequestStateLabels } from '../access-request/access-request.workflow.js';
import { habilitationStateLabels } from '../habilitation/habilitation.workflow.js';
import { firstScheduledRevocation, scheduledRevocationLabel, type ScheduledRevocation } from '../habilitation/scheduled-revocations.js';
import { formatFrenchDate } from '../shared/dates.js';
import { recordHref } from './related-links.js';
import type { HabilitationRelated, RelatedLine } from './related-records.types.js';
import type { Allowed } from './related-records.js';

const habilitationLine = (h: Habilitation): RelatedLine => ({
  label: `${h.identifier} — ${h.lastName.toUpperCase()} ${h.firstName}`,
  href: recordHref('Habilitation', h.id),
  details: [habilitationStateLabels[h.status] ?? h.status, `délivrée le ${formatFrenchDate(h.grantedDate)}`, h.revokedDate ? `révoquée le ${formatFrenchDate(h.revokedDate)}` : ''].filter(Boolean),
});

/** The first revocation to come (scheduled-revocations.ts decides which), with the record that schedules it. */
async function plannedRevocation(manager: EntityManager, habilitation: Habilitation, allowed: Allowed): Promise<RelatedLine | null> {
  if (habilitation.status === 'revoquee') return null;
  const [convention, suppressions] = await Promise.all([
    manager.findOne(Convention, { where: { id: habilitation.conventionId }, select: { id: true, number: true, status: true, endDate: true } }),
    manager.find(SuppressionRequest, { where: { habilitationId: habilitation.id, status: 'traitee', revokedDate: IsNull() }, select: { id: true, effectiveDate: true, formReference: true } }),
  ]);
  const candidates: ScheduledRevocation[] = suppressions.map((r) => ({ date: r.effectiveDate, cause: 'suppression', requestId: r.id, formReference: r.formReference }));
  if (convention?.endDate && (convention.status === 'denoncee' || convention.status === 'resiliee')) {
    candidates.push({ date: convention.endDate, cause: 'convention-end', conventionNumber: convention.number });
  }
  const first = firstScheduledRevocation(candidates);
  if (!first) return null;
  const [resource, id] = first.cause === 'convention-end' ? ['Convention', convention!.id] as const : ['SuppressionRequest', first.requestId] as const;
  return { label: scheduledRevocationLabel(first), href: allowed(resource, 'show') ? recordHref(resource, id) : '', details: [] };
}

export async function habilitationRelated(manager: EntityManager, allowed: Allowed, habilitationId: number): Promise<HabilitationRelated | null> {
  const habilitation = await manager.findOneBy(Habilitation, { id: habilitationId });
  if (!habilitation) return null;
  const related: HabilitationRelated = { kind: 'Habilitation', plannedRevocation: await plannedRevocation(manager, habilitation, allowed) };
  if (allowed('AccessRequest', 'show')) {
    const origin = habilitation.accessRequestId ? await manager.findOneBy(AccessRequest, { id: habilitation.accessRequestId }) : null;
    related.origin = origin ? {
      label: `Demande d'accès de ${origin.firstName} ${origin.lastName.toUpperCase()}${origin.formReference ? ` (${origin.formReference})` : ''}`,
      href: recordHref('AccessRequest', origin.id),
      details: [`reçue le ${formatFrenchDate(origin.receivedDate)}`, accessRequestStateLabels[origin.status] ?? origin.status],
    } : null;
  }
  const [replaces, replacedBy] = await Promise.all([
    habilitation.replacesId ? manager.findOneBy(Habilitation, { id: habilitation.replacesId }) : null,
    manager.find(Habilitation, { where: { replacesId: habilitation.id }, order: { id: 'ASC' } }),
  ]);
  related.replaces = replaces ? habilitationLine(replaces) : null;
  related.replacedBy = replacedBy.map(habilitationLine);
  return related;
}
