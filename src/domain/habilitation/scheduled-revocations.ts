// What will end a live habilitation, shown on it before it happens (« Révocation prévue le 31/12/2026 :
// fin de la convention 78/2026/0004AS – T2 »): the end of its convention (a dénonciation or a résiliation
// with an end date still to come, revoked by the nightly job) or a processed demande de suppression
// whose « à compter de » date is still to come (revoked by the scheduled-revocations job). The
// earliest one is shown: it is the one that will revoke the habilitation.
import { In, IsNull, type EntityManager } from 'typeorm';
import { frenchShortDate } from '../../documents/format.js';
import { Convention } from '../../entities/convention.entity.js';
import { SuppressionRequest } from '../../entities/suppression-request.entity.js';
import { compareDates, type IsoDate } from '../shared/dates.js';
import type { HabilitationState } from './habilitation.workflow.js';

export type ScheduledRevocation =
  | { date: IsoDate; cause: 'convention-end'; conventionNumber: string }
  | { date: IsoDate; cause: 'suppression'; requestId: number; formReference: string | null };

/** The first to come (the convention's end first on the same day: it is the reason the job will write). */
export function firstScheduledRevocation(candidates: ScheduledRevocation[]): ScheduledRevocation | null {
  const order = (r: ScheduledRevocation) => (r.cause === 'convention-end' ? 0 : 1);
  return [...candidates].sort((a, b) => compareDates(a.date, b.date) || order(a) - order(b))[0] ?? null;
}

/** « Révocation prévue le 31/12/2026 : fin de la convention 78/2026/0004AS – T2 » (dates as the screens show them). */
export function scheduledRevocationLabel(revocation: ScheduledRevocation): string {
  const cause = revocation.cause === 'convention-end'
    ? `fin de la convention ${revocation.conventionNumber}`
    : `demande de suppression ${revocation.formReference ?? `n° ${revocation.requestId}`}`;
  return `Révocation prévue le ${frenchShortDate(revocation.date)} : ${cause}`;
}

const LIVE: HabilitationState[] = ['active', 'suspendue'];

/** For a page of habilitations (two queries): id → the label of its first scheduled revocation, for the live ones that have one. */
export async function scheduledRevocations(
  manager: EntityManager, habilitations: Array<{ id: number; conventionId: number; status: HabilitationState }>,
): Promise<Map<number, string>> {
  const live = habilitations.filter((h) => LIVE.includes(h.status));
  const labels = new Map<number, string>();
  if (!live.length) return labels;
  const [ending, suppressions] = await Promise.all([
    manager.find(Convention, {
      where: { id: In([...new Set(live.map((h) => h.conventionId))]), status: In(['denoncee', 'resiliee']) },
      select: { id: true, number: true, endDate: true },
    }),
    // Processed, its revocation not done yet (revokedDate is set when it happens).
    manager.find(SuppressionRequest, {
      where: { habilitationId: In(live.map((h) => h.id)), status: 'traitee', revokedDate: IsNull() },
      select: { id: true, habilitationId: true, effectiveDate: true, formReference: true },
    }),
  ]);
  const endOf = new Map(ending.filter((c) => c.endDate).map((c) => [c.id, c]));
  for (const habilitation of live) {
    const candidates: ScheduledRevocation[] = suppressions.filter((r) => r.habilitationId === habilitation.id)
      .map((r) => ({ date: r.effectiveDate, cause: 'suppression', requestId: r.id, formReference: r.formReference }));
    const convention = endOf.get(habilitation.conventionId);
    if (convention) candidates.push({ date: convention.endDate!, cause: 'convention-end', conventionNumber: convention.number });
    const first = firstScheduledRevocation(candidates);
    if (first) labels.set(habilitation.id, scheduledRevocationLabel(first));
  }
  return labels;
}
