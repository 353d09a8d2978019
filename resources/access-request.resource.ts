import type { ActionContext, ActionRequest, ResourceWithOptions } from 'adminjs';
import { AccessRequest } from '../src/entities/access-request.entity.js';
import { Convention } from '../src/entities/convention.entity.js';
import { CIVILITIES } from '../src/entities/partner.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { secureActions } from '../src/admin/secure-actions.js';
import { contractTypes } from '../src/domain/access-request/access-request.checks.js';
import { accessRequestStateLabels, accessRequestStates, incompleteReasonCodes, incompleteReasonLabels } from '../src/domain/access-request/access-request.workflow.js';
import { isAccessRequestEditable, validateAccessRequest } from '../src/domain/access-request/access-request.validation.js';
import { accessRequestActions } from './actions/access-request.actions.js';
import { options } from './options.js';
import { DATE, manager, staffIdOf, storedParams, today, wholeDayFilters, withPlainKeys } from './support.js';

// What the paper form says. The status, the incompleteness, the decision and the habilitation
// come from the workflow (access-request.workflow.ts).
const editable = [
  'conventionId', 'formReference', 'civility', 'lastName', 'firstName', 'professionalAddress', 'phone', 'fax', 'email', 'position',
  'contractType', 'contractEndDate', 'receivedDate', 'userSigned', 'employerSigned',
];

const recordedBy = async (request: ActionRequest, context: ActionContext) =>
  request.method === 'post' ? { ...request, payload: { ...request.payload, recordedById: staffIdOf(context) } } : request;

export const accessRequestResource: ResourceWithOptions = {
  get resource() { return withPlainKeys(AccessRequest, ['scanId']); },
  options: {
    id: 'AccessRequest',
    navigation: NAVIGATION.habilitations,
    sort: { sortBy: 'receivedDate', direction: 'desc' },
    titleProperty: 'lastName',
    listProperties: ['id', 'lastName', 'firstName', 'conventionId', 'position', 'receivedDate', 'contractType', 'status'],
    filterProperties: ['status', 'conventionId', 'lastName', 'email', 'receivedDate', 'contractType', 'incompleteReason', 'formReference'],
    showProperties: [
      'id', ...editable, 'scanId', 'status', 'incompleteReason', 'incompleteDetails', 'incompleteSince', 'complementReceivedDate',
      'refusalReason', 'decidedAt', 'habilitationId', 'createdAt', 'updatedAt',
    ],
    editProperties: editable,
    properties: {
      conventionId: { isRequired: true },
      civility: { availableValues: options(CIVILITIES), isRequired: true },
      lastName: { isRequired: true },
      firstName: { isRequired: true },
      professionalAddress: { type: 'textarea', isRequired: true },
      phone: { isRequired: true },
      email: { isRequired: true },
      position: { isRequired: true },
      contractType: { availableValues: options(contractTypes), isRequired: true },
      contractEndDate: DATE,
      receivedDate: { ...DATE, isRequired: true },
      status: { availableValues: options(accessRequestStates, accessRequestStateLabels) },
      incompleteReason: { availableValues: options(incompleteReasonCodes, incompleteReasonLabels) },
      incompleteDetails: { type: 'textarea' },
      incompleteSince: DATE,
      complementReceivedDate: DATE,
      refusalReason: { type: 'textarea' },
      habilitationId: { reference: 'Habilitation' },
    },
    actions: secureActions('AccessRequest', {
      editable,
      validate: (payload, context) => validateAccessRequest(payload, today(), {
        conventionExists: (id) => manager().existsBy(Convention, { id }),
      }, storedParams(context)),
    }, {
      ...accessRequestActions,
      list: { before: wholeDayFilters(['receivedDate']) },
      new: { before: recordedBy },
      edit: { allowedFor: (context) => isAccessRequestEditable(context.record?.params.status) },
      // An approved request is the origin of a habilitation (Habilitation.accessRequestId).
      delete: { allowedFor: (context) => context.record?.params.status !== 'approuvee' },
    }),
  },
};
