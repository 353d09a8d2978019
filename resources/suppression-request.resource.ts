import type { ResourceWithOptions } from 'adminjs';
import { SuppressionRequest } from '../src/entities/suppression-request.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { newRecordAction } from '../src/admin/new-record-action.js';
import { services } from '../src/admin/services.js';
import { secureActions } from '../src/admin/secure-actions.js';
import { suppressionRequestStateLabels, suppressionRequestStates } from '../src/domain/suppression-request/suppression-request.workflow.js';
import { isSuppressionRequestEditable, validateSuppressionRequest } from '../src/domain/suppression-request/suppression-request.validation.js';
import { suppressionRequestActions } from './actions/suppression-request.actions.js';
import { recordSuppressionRequest, suppressionRequestLookups } from '../src/domain/suppression-request/suppression-request.use-cases.js';
import { options } from './options.js';
import { DATE, filterOnly, manager, MULTI_SELECT_FILTER, RECORDED_TODAY, SCAN_LINK, SCAN_ON_CREATION, storedParams, today, wholeDayFilters } from './support.js';
import { adapterFor, anyOf, through, type WhereFragment } from './adapter.js';
import { dueSuppressionWhere } from '../src/domain/work-queues/work-queues.js';

// What the paper form says; processing (revocation) and rejection come from the workflow.
const editable = ['habilitationId', 'formReference', 'position', 'effectiveDate', 'receivedDate', 'employerSigned'];
// The creation form also takes the convention printed on a blank form (the reference lookup fills
// it in): the habilitation chosen must be one of its. Not a column: the habilitation says it after.
const creation = ['formReference', 'conventionId', ...editable.filter((f) => f !== 'formReference'), 'scan'];

export const suppressionRequestResource: ResourceWithOptions = {
  get resource() { return adapterFor(SuppressionRequest, {
      plainKeys: ['scanId'],
      filters: {
        status: anyOf('status'),
        partnerId: through('habilitation.convention', 'partnerId'),
        // « Suppressions dues » (work-queues.ts); « Non » is no filter at all.
        due: (value) => (value === 'true' ? dueSuppressionWhere(today()) as WhereFragment : null),
      },
    });; },
  options: {
    id: 'SuppressionRequest',
    navigation: NAVIGATION.habilitations,
    sort: { sortBy: 'receivedDate', direction: 'desc' },
    titleProperty: 'id',
    listProperties: ['id', 'habilitationId', 'position', 'effectiveDate', 'receivedDate', 'status', 'revokedDate'],
    filterProperties: ['due', 'status', 'partnerId', 'habilitationId', 'effectiveDate', 'receivedDate', 'formReference'],
    showProperties: ['id', ...editable, 'scanId', 'status', 'rejectionReason', 'revokedDate', 'decidedAt', 'createdAt', 'updatedAt'],
    editProperties: [...editable, 'scan'],
    properties: {
      scanId: SCAN_LINK,
      scan: SCAN_ON_CREATION,
      habilitationId: { isRequired: true },
      position: { isRequired: true },
      effectiveDate: { ...DATE, isRequired: true },
      receivedDate: { ...RECORDED_TODAY, isRequired: true },
      revokedDate: DATE,
      status: { availableValues: options(suppressionRequestStates, suppressionRequestStateLabels), ...MULTI_SELECT_FILTER },
      due: filterOnly({ type: 'boolean' }),
      conventionId: { type: 'reference', reference: 'Convention', isSortable: false, isVisible: { list: false, show: false, edit: true, filter: false } },
      partnerId: filterOnly({ type: 'reference', reference: 'Partner' }),
      rejectionReason: { type: 'textarea' },
    },
    actions: secureActions('SuppressionRequest', {
      editable,
      validate: (payload, context) => validateSuppressionRequest(payload, today(), suppressionRequestLookups(manager()), storedParams(context)),
    }, {
      ...suppressionRequestActions,
      list: { before: wholeDayFilters(['effectiveDate', 'receivedDate']) },
      // Recording the paper form is a use case: printed reference → habilitation, journal entry.
      new: {
        layout: creation,
        ...newRecordAction(async (payload, actor) => {
          const result = await recordSuppressionRequest(services(), actor, payload);
          return result.ok ? { ok: true, message: result.message, id: result.suppressionRequest.id } : result;
        }),
      },
      edit: { allowedFor: (context) => isSuppressionRequestEditable(context.record?.params.status) },
      delete: { allowedFor: (context) => isSuppressionRequestEditable(context.record?.params.status) },
    }),
  },
};
