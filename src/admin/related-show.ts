// The record pages of partners, conventions, habilitations and demandes d'accès show the records
// related to the one on screen (src/domain/related): the `show` action's `after` hook reads them for
// the agent's role and hands them to the page's component (components/*-show.tsx) with the record.
import type { ActionContext, ActionRequest, ActionResponse } from 'adminjs';
import { relatedRecords, type RelatedResource } from '../domain/related/related-records.js';
import { todayInParis } from '../domain/shared/dates.js';
import { roleOf } from './secure-actions.js';
import { services } from './services.js';

/** The record's param carrying the related records (JSON: AdminJS flattens the params of a record). */
export const RELATED_PARAM = 'related';

export function withRelated(resource: RelatedResource) {
  return async (response: ActionResponse, _request: ActionRequest, context: ActionContext): Promise<ActionResponse> => {
    const id = Number(response.record?.id);
    if (!response.record || !Number.isInteger(id)) return response;
    const { dataSource, clock } = services();
    const related = await relatedRecords(dataSource.manager, roleOf(context.currentAdmin), resource, id, todayInParis(clock.now()));
    if (related) response.record.params[RELATED_PARAM] = JSON.stringify(related);
    return response;
  };
}

/**
 * `new`, after a creation: the agent lands on the new record's page (its related records, the next
 * step such as « Créer une convention »), not on the list where it would have to be found again.
 */
export async function landOnCreatedRecord(response: ActionResponse, request: ActionRequest, context: ActionContext): Promise<ActionResponse> {
  const created = request.method === 'post' && response.record?.id && !Object.keys(response.record.errors ?? {}).length;
  if (created) response.redirectUrl = context.h.recordActionUrl({ resourceId: context.resource.id(), recordId: String(response.record.id), actionName: 'show' });
  return response;
}
