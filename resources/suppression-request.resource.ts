import type { ActionContext, ActionRequest, ResourceWithOptions } from 'adminjs';
import { Not } from 'typeorm';
import { Habilitation } from '../src/entities/habilitation.entity.js';
import { SuppressionRequest } from '../src/entities/suppression-request.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { secureActions } from '../src/admin/secure-actions.js';
import { suppressionRequestStateLabels, suppressionRequestStates } from '../src/domain/suppression-request/suppression-request.workflow.js';
import { isSuppressionRequestEditable, validateSuppressionRequest } from '../src/domain/suppression-request/suppression-request.validation.js';
import { suppressionRequestActions } from './actions/suppression-request.actions.js';
import { options } from './options.js';
import { DATE, manager, staffIdOf, storedParams, today, wholeDayFilters, withPlainKeys } from './support.js';

// What the paper form says; processing (revocation) and rejection come from the workflow.
const editable = ['habilitationId', 'formReference', 'position', 'effectiveDate', 'receivedDate', 'employerSigned'];

const recordedBy = async (request: ActionRequest, context: ActionContext) =>
  request.method === 'post' ? { ...request, payload: { ...request.payload, recordedById: staffIdOf(context) } } : request;

export const suppressionRequestResource: ResourceWithOptions = {
  get resource() { return withPlainKeys(SuppressionRequest, ['scanId']); },
  options: {
    id: 'SuppressionRequest',
    navigation: NAVIGATION.habilitations,
    sort: { sortBy: 'receivedDate', direction: 'desc' },
    titleProperty: 'id',
    listProperties: ['id', 'habilitationId', 'position', 'effectiveDate', 'receivedDate', 'status', 'revokedDate'],
    filterProperties: ['status', 'habilitationId', 'effectiveDate', 'receivedDate', 'formReference'],
    showProperties: ['id', ...editable, 'scanId', 'status', 'rejectionReason', 'revokedDate', 'decidedAt', 'createdAt', 'updatedAt'],
    editProperties: editable,
    properties: {
      habilitationId: { isRequired: true },
      position: { isRequired: true },
      effectiveDate: { ...DATE, isRequired: true },
      receivedDate: { ...DATE, isRequired: true },
      revokedDate: DATE,
      status: { availableValues: options(suppressionRequestStates, suppressionRequestStateLabels) },
      rejectionReason: { type: 'textarea' },
    },
    actions: secureActions('SuppressionRequest', {
      editable,
      validate: (payload, context) => validateSuppressionRequest(payload, today(), {
        habilitation: (id) => manager().findOne(Habilitation, { where: { id }, select: { status: true, grantedDate: true } }),
        pendingRequest: (habilitationId, exceptId) => manager().findOne(SuppressionRequest, {
          where: { habilitationId, status: 'recue', ...(exceptId ? { id: Not(exceptId) } : {}) }, select: { id: true },
        }),
      }, storedParams(context)),
    }, {
      ...suppressionRequestActions,
      list: { before: wholeDayFilters(['effectiveDate', 'receivedDate']) },
      new: { before: recordedBy },
      edit: { allowedFor: (context) => isSuppressionRequestEditable(context.record?.params.status) },
      delete: { allowedFor: (context) => isSuppressionRequestEditable(context.record?.params.status) },
    }),
  },
};
