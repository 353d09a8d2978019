// The records related to the one on screen (issue 13 §3), for the record pages of partners,
// conventions, habilitations and demandes d'accès. Plain TypeScript over the entity manager; each
// part is read only when the agent's role may read that resource (policy table), so a role that may
// not see habilitations is never sent them.
import type { EntityManager } from 'typeorm';
import { can, type ActionName, type ResourceId } from '../../policies/policy.js';
import type { StaffRole } from '../../policies/roles.js';
import type { IsoDate } from '../shared/dates.js';
import { accessRequestRelated } from './access-request-related.js';
import { conventionRelated } from './convention-related.js';
import { habilitationRelated } from './habilitation-related.js';
import { partnerRelated } from './partner-related.js';
import type { RelatedRecords } from './related-records.types.js';

/** May the agent do `action` on `resource`: the policy table, for the agent's role. */
export type Allowed = (resource: ResourceId, action: ActionName) => boolean;

export const RELATED_RESOURCES = ['Partner', 'Convention', 'Habilitation', 'AccessRequest'] as const;
export type RelatedResource = (typeof RELATED_RESOURCES)[number];

/**
 * What the page of record `id` of `resource` shows besides its fields, or null when the role may not
 * see the record or it does not exist. `policy` is the table's `can` (a test may narrow it).
 */
export async function relatedRecords(
  manager: EntityManager, role: StaffRole | null | undefined, resource: RelatedResource, id: number, today: IsoDate,
  policy: typeof can = can,
): Promise<RelatedRecords | null> {
  if (!Number.isInteger(id) || !policy(role, resource, 'show')) return null;
  const allowed: Allowed = (r, action) => policy(role, r, action);
  switch (resource) {
    case 'Partner': return partnerRelated(manager, allowed, id, today);
    case 'Convention': return conventionRelated(manager, allowed, id, today);
    case 'Habilitation': return habilitationRelated(manager, allowed, id);
    case 'AccessRequest': return accessRequestRelated(manager, allowed, id);
  }
}

export type * from './related-records.types.js';
