import type { ActionResponse, RecordJSON, ResourceWithOptions } from 'adminjs';
import { AuditEvent } from '../src/entities/audit-event.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { secureActions } from '../src/admin/secure-actions.js';
import { RESOURCES } from '../src/policies/policy.js';
import { options } from './options.js';
import { AUDIT_ACTION_LABELS } from '../src/domain/audit/action-labels.js';
import { ENTITY_LABELS } from './support.js';
import { auditEventActions } from './actions/outbox-and-journal.actions.js';
import { detailsSentence, displayIp, reasonLabel, stateLabel } from '../src/domain/audit/audit-display.js';

/** The journal in words on its list and record pages (src/domain/audit/audit-display.ts); stored rows unchanged. */
function inWords(response: ActionResponse): ActionResponse {
  const records = [...((response.records as RecordJSON[] | undefined) ?? []), ...(response.record ? [response.record as RecordJSON] : [])];
  for (const { params } of records) {
    const type = params.entityType as string | null;
    params.fromState = stateLabel(type, params.fromState as string | null);
    params.toState = stateLabel(type, params.toState as string | null);
    params.reason = reasonLabel(params.reason as string | null);
    params.details = detailsSentence(params.details as string | null);
    params.ip = displayIp(params.ip as string | null);
  }
  return response;
}

// The journal: written by the use cases and the login, never edited nor deleted (the policy gives
// every role list/show only); the 6-month purge of connection traces is a job (convention art. 3).
export const auditEventResource: ResourceWithOptions = {
  resource: AuditEvent,
  options: {
    id: 'AuditEvent',
    navigation: NAVIGATION.administration,
    sort: { sortBy: 'occurredAt', direction: 'desc' },
    titleProperty: 'action',
    listProperties: ['occurredAt', 'action', 'actorEmail', 'entityType', 'entityId', 'fromState', 'toState', 'ip'],
    filterProperties: ['occurredAt', 'action', 'actorEmail', 'entityType', 'entityId', 'ip', 'legalHold'],
    showProperties: [
      'id', 'occurredAt', 'action', 'actorId', 'actorEmail', 'entityType', 'entityId', 'fromState', 'toState', 'reason', 'details',
      'ip', 'userAgent', 'legalHold',
    ],
    editProperties: [],
    properties: {
      entityType: { availableValues: options(RESOURCES, ENTITY_LABELS) },
      // The id of a record of any kind, kept as text: compared whole, like a number (« Historique »).
      // Sorted only where an index gives the order (date, action, kind of record): 2 million rows.
      entityId: { type: 'number', isSortable: false },
      actorEmail: { isSortable: false },
      fromState: { isSortable: false },
      toState: { isSortable: false },
      ip: { isSortable: false },
      action: { availableValues: options(Object.keys(AUDIT_ACTION_LABELS), AUDIT_ACTION_LABELS) },
      reason: { type: 'textarea' },
      details: { type: 'textarea' },
    },
    actions: secureActions('AuditEvent', null, { ...auditEventActions, list: { after: inWords }, show: { after: inWords } }),
  },
};
