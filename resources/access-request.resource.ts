import type { BaseRecord, ResourceWithOptions } from 'adminjs';
import { AccessRequest } from '../src/entities/access-request.entity.js';
import { CIVILITIES } from '../src/entities/partner.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { newRecordAction } from '../src/admin/new-record-action.js';
import { services } from '../src/admin/services.js';
import { secureActions } from '../src/admin/secure-actions.js';
import { contractTypes } from '../src/domain/access-request/access-request.checks.js';
import { accessRequestStateLabels, accessRequestStates, daysWaiting, incompleteReasonCodes, incompleteReasonLabels } from '../src/domain/access-request/access-request.workflow.js';
import { isAccessRequestEditable, validateAccessRequest } from '../src/domain/access-request/access-request.validation.js';
import { accessRequestActions } from './actions/access-request.actions.js';
import { accessRequestLookups, recordAccessRequest } from '../src/domain/access-request/access-request.use-cases.js';
import { followUpText, type IncompleteFacts } from '../src/domain/access-request/incomplete-follow-up.js';
import { followUpLettersOf } from '../src/domain/access-request/incomplete-follow-up-letters.js';
import { getSettings } from '../src/domain/settings/settings.js';
import { options } from './options.js';
import { DATE, fillFromConvention, FROM_CONVENTION, manager, MULTI_SELECT_FILTER, RECORDED_TODAY, SCAN_LINK, SCAN_ON_CREATION, storedParams, today, wholeDayFilters } from './support.js';
import { adapterFor, anyOf, through } from './adapter.js';
import { withRelated } from '../src/admin/related-show.js';
import { COMPONENTS } from '../src/admin/components/index.js';

// What the paper form says. The status, the incompleteness, the decision and the habilitation
// come from the workflow (access-request.workflow.ts).
const editable = [
  'conventionId', 'formReference', 'civility', 'lastName', 'firstName', 'professionalAddress', 'phone', 'fax', 'email', 'position',
  'contractType', 'contractEndDate', 'receivedDate', 'userSigned', 'employerSigned',
];

/** Per page: the partner of each request (from its convention), its « Jours d'attente » and, while it waits, its follow-up. */
async function fillColumns(records: BaseRecord[]): Promise<void> {
  const now = today();
  const waiting = records.filter((r) => r.params.status === 'incomplete' && typeof r.params.incompleteSince === 'string');
  const settings = waiting.length ? await getSettings(manager()) : null;
  for (const record of records) {
    record.params.daysWaiting = daysWaiting(record.params as { status: unknown; incompleteSince: unknown }, now);
    if (settings && waiting.includes(record)) {
      record.params.followUp = followUpText(record.params as IncompleteFacts & { incompleteSince: string },
        { reminderDays: settings.incompleteReminderDays, closureDays: settings.incompleteClosureDays });
    }
  }
  await fillFromConvention(records, ['partnerId']);
  await fillFollowUpLetters(records.filter((r) => r.params.incompleteReminderSentOn || r.params.closedOn));
}

/** The reminder and closure letters of the requests followed up (the latest of each kind), as links to their Document. */
async function fillFollowUpLetters(records: BaseRecord[]): Promise<void> {
  if (!records.length) return;
  const letters = await followUpLettersOf(manager(), records.map((r) => Number(r.id())));
  for (const record of records) Object.assign(record.params, letters.get(Number(record.id())) ?? {});
}

export const accessRequestResource: ResourceWithOptions = {
  get resource() { return adapterFor(AccessRequest, {
      plainKeys: ['scanId'], filters: { status: anyOf('status'), partnerId: through('convention', 'partnerId') },
      fill: fillColumns,
    });; },
  options: {
    id: 'AccessRequest',
    navigation: NAVIGATION.habilitations,
    sort: { sortBy: 'receivedDate', direction: 'desc' },
    titleProperty: 'lastName',
    listProperties: ['id', 'lastName', 'firstName', 'partnerId', 'conventionId', 'receivedDate', 'contractType', 'status', 'daysWaiting'],
    filterProperties: ['status', 'partnerId', 'conventionId', 'lastName', 'firstName', 'email', 'receivedDate', 'contractType', 'incompleteReason', 'formReference'],
    showProperties: [
      'id', 'partnerId', ...editable, 'scanId', 'status', 'incompleteReason', 'incompleteDetails', 'incompleteSince', 'daysWaiting', 'followUp', 'incompleteReminderSentOn', 'reminderLetterId',
      'closedOn', 'closureLetterId', 'complementReceivedDate',
      'refusalReason', 'decidedAt', 'habilitationId', 'createdAt', 'updatedAt',
    ],
    editProperties: [...editable, 'scan'],
    properties: {
      scanId: SCAN_LINK,
      scan: SCAN_ON_CREATION,
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
      receivedDate: { ...RECORDED_TODAY, isRequired: true },
      status: { availableValues: options(accessRequestStates, accessRequestStateLabels), ...MULTI_SELECT_FILTER },
      partnerId: { type: 'reference', reference: 'Partner', ...FROM_CONVENTION },
      incompleteReason: { availableValues: options(incompleteReasonCodes, incompleteReasonLabels) },
      incompleteDetails: { type: 'textarea' },
      incompleteSince: DATE,
      complementReceivedDate: DATE,
      incompleteReminderSentOn: DATE,
      closedOn: DATE,
      // Computed: the letters the follow-up job produced (incomplete-follow-up-letters.ts), downloadable from their Document.
      reminderLetterId: { type: 'reference', reference: 'Document', isVisible: { list: false, show: true, edit: false, filter: false }, isSortable: false },
      closureLetterId: { type: 'reference', reference: 'Document', isVisible: { list: false, show: true, edit: false, filter: false }, isSortable: false },
      // Computed: when the reminder and the closure « sans suite » will come if no complement arrives.
      followUp: { type: 'string', isVisible: { list: false, show: true, edit: false, filter: false }, isSortable: false },
      refusalReason: { type: 'textarea' },
      habilitationId: { reference: 'Habilitation' },
      // Computed, not stored: days since the request was returned to the partner as incomplete.
      daysWaiting: { type: 'number', isVisible: { list: true, show: true, edit: false, filter: false }, isSortable: false },
    },
    actions: secureActions('AccessRequest', {
      editable,
      validate: (payload, context) => validateAccessRequest(payload, today(), accessRequestLookups(manager()), storedParams(context)),
    }, {
      ...accessRequestActions,
      list: { before: wholeDayFilters(['receivedDate']) },
      // The scan beside the fields, and the same person's other demandes and habilitations.
      show: { after: withRelated('AccessRequest'), component: COMPONENTS.RecordWithRelated },
      // Recording the paper form is a use case: printed reference → convention, journal entry, warnings
      // (same person already asking or habilitated); the creator is the agent logged in.
      new: newRecordAction(async (payload, actor) => {
        const result = await recordAccessRequest(services(), actor, payload);
        return result.ok ? { ok: true, message: result.message, id: result.accessRequest.id } : result;
      }),
      edit: { allowedFor: (context) => isAccessRequestEditable(context.record?.params.status) },
      // An approved request is the origin of a habilitation (Habilitation.accessRequestId).
      delete: { allowedFor: (context) => context.record?.params.status !== 'approuvee' },
    }),
  },
};
