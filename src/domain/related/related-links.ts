// The addresses the related-records panels link to: a record's page, or a list with the filters that
// show exactly the counted records (the same form as the home page's queues, work-queues.ts).
import type { ResourceId } from '../../policies/policy.js';

const ADMIN_ROOT = '/admin';

/** A record's page (« Afficher »). */
export const recordHref = (resource: ResourceId, id: number | string): string =>
  `${ADMIN_ROOT}/resources/${resource}/records/${encodeURIComponent(String(id))}/show`;

/** A list filtered by `filters` (column → value), in the list's own URL form (`filters.status=recue`). */
export function listHref(resource: ResourceId, filters: Record<string, string | number>, sort?: { by: string; direction: 'asc' | 'desc' }): string {
  const query = new URLSearchParams(Object.entries(filters).map(([key, value]) => [`filters.${key}`, String(value)]));
  if (sort) {
    query.set('sortBy', sort.by);
    query.set('direction', sort.direction);
  }
  return `${ADMIN_ROOT}/resources/${resource}?${query.toString()}`;
}

/** A creation form with fields pre-filled (AdminJS's `new` reads resource properties from the query). */
export function newHref(resource: ResourceId, values: Record<string, string | number | null | undefined>): string {
  const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v !== null && v !== undefined && v !== '').map(([k, v]) => [k, String(v)]));
  return `${ADMIN_ROOT}/resources/${resource}/actions/new${query.size ? `?${query.toString()}` : ''}`;
}

/** The download route of a scan (GET /admin/scans/:id: policy check and journal, file-routes.ts). */
export const scanHref = (id: number): string => `${ADMIN_ROOT}/scans/${id}`;

/** The download route of a generated document. */
export const documentHref = (id: number): string => `${ADMIN_ROOT}/documents/${id}/download`;
