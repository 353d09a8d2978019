import { BaseRecord, type ActionContext, type ActionRequest, type ResourceWithOptions, type SearchActionResponse } from 'adminjs';
import { Convention } from '../src/entities/convention.entity.js';
import { Habilitation } from '../src/entities/habilitation.entity.js';
import { CIVILITIES } from '../src/entities/partner.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { secureActions } from '../src/admin/secure-actions.js';
import { habilitationStateLabels, habilitationStates, revocationReasonCodes, revocationReasonLabels } from '../src/domain/habilitation/habilitation.workflow.js';
import { isHabilitationEditable, validateHabilitation } from '../src/domain/habilitation/habilitation.validation.js';
import { scheduledRevocations } from '../src/domain/habilitation/scheduled-revocations.js';
import { habilitationActions } from './actions/habilitation.actions.js';
import { options } from './options.js';
import { DATE, fillFromConvention, FROM_CONVENTION, manager, MULTI_SELECT_FILTER, storedParams, wholeDayFilters } from './support.js';
import { adapterFor, anyOf, through } from './adapter.js';
import { withRelated } from '../src/admin/related-show.js';
import { COMPONENTS } from '../src/admin/components/index.js';
import { personConditions } from '../src/domain/search/global-search.js';
import { startsWith } from '../src/domain/search/prefix-match.js';

// A habilitation is created by approving a demande d'accès; its identifier, dates and status come
// from the workflow. Only the holder's details (and the extra access code) are corrected here.
const editable = ['civility', 'lastName', 'firstName', 'email', 'position', 'accessCode'];

/** « CP78-000123 — LEFÈVRE Hélène · Ville de Saint-Germain-en-Laye »: the paper forms name the person and the partner. */
const titleOf = (h: Habilitation) => `${h.identifier} — ${h.lastName.toUpperCase()} ${h.firstName}${h.convention?.partner ? ` · ${h.convention.partner.name}` : ''}`;

/**
 * The reference pickers (demande de suppression, campaign recipients) search by identifier, name or
 * email, and show the partner too: the suppression form names the person within the partner.
 */
async function search(request: ActionRequest, _response: unknown, context: ActionContext): Promise<SearchActionResponse> {
  const query = String(request.params?.query ?? '').trim();
  // The beginning of the identifier or of a name (folded, indexed: src/domain/search), not any part of it.
  const where = query ? [{ identifier: startsWith(manager(), query.toUpperCase()) }, ...personConditions<Habilitation>(manager(), query)] : {};
  const rows = await manager().find(Habilitation, {
    where, relations: { convention: { partner: true } }, order: { lastNameFolded: 'ASC', firstNameFolded: 'ASC' }, take: 50,
  });
  return {
    records: rows.map((row) => {
      const { convention: _joined, ...columns } = row; // the joined rows only feed the title
      return { ...new BaseRecord({ ...columns }, context.resource).toJSON(context.currentAdmin), title: titleOf(row) };
    }),
  };
}

/**
 * The partner and the profile of each listed habilitation, from its convention, its title
 * (identifier and name: « CP78-000016 — LAMBERT Thierry ») wherever a habilitation is referred to,
 * and the revocation already scheduled for it (end of its convention, processed suppression).
 */
async function fillColumns(records: BaseRecord[]): Promise<void> {
  for (const record of records) record.params.title = titleOf(record.params as unknown as Habilitation);
  await fillFromConvention(records, ['partnerId', 'profileId']);
  const scheduled = await scheduledRevocations(manager(), records.map((r) => r.params as unknown as Habilitation));
  for (const record of records) record.params.scheduledRevocation = scheduled.get(Number(record.params.id)) ?? null;
}

export const habilitationResource: ResourceWithOptions = {
  get resource() {
    return adapterFor(Habilitation, {
      filters: { status: anyOf('status'), partnerId: through('convention', 'partnerId'), profileId: through('convention', 'profileId') },
      fill: fillColumns,
    });
  },
  options: {
    id: 'Habilitation',
    navigation: NAVIGATION.habilitations,
    sort: { sortBy: 'lastName', direction: 'asc' },
    titleProperty: 'title',
    listProperties: ['identifier', 'lastName', 'firstName', 'partnerId', 'conventionId', 'status', 'grantedDate', 'endDate', 'scheduledRevocation'],
    filterProperties: [
      'status', 'partnerId', 'conventionId', 'profileId', 'identifier', 'lastName', 'firstName', 'email', 'statusReason', 'grantedDate', 'endDate', 'nextPasswordChangeDate',
    ],
    showProperties: [
      'id', 'identifier', 'partnerId', 'conventionId', 'profileId', 'accessRequestId', ...editable, 'grantedDate', 'endDate', 'contractEndNoticeDays', 'status', 'scheduledRevocation', 'statusReason',
      'statusDetails', 'suspendedDate', 'revokedDate', 'replacesId', 'passwordChangedDate', 'nextPasswordChangeDate', 'createdAt', 'updatedAt',
    ],
    editProperties: editable,
    properties: {
      civility: { availableValues: options(CIVILITIES), isRequired: true },
      lastName: { isRequired: true },
      firstName: { isRequired: true },
      email: { isRequired: true },
      position: { isRequired: true },
      status: { availableValues: options(habilitationStates, habilitationStateLabels), ...MULTI_SELECT_FILTER },
      partnerId: { type: 'reference', reference: 'Partner', ...FROM_CONVENTION },
      title: { type: 'string', isVisible: false, isSortable: false },
      // Computed (scheduled-revocations.ts), never stored: « Révocation prévue le … : fin de la convention … ».
      scheduledRevocation: { type: 'string', isSortable: false, isVisible: { list: true, show: true, edit: false, filter: false }, custom: { listSentence: true } },
      profileId: { type: 'reference', reference: 'AccessProfile', ...FROM_CONVENTION },
      statusReason: { availableValues: options(revocationReasonCodes, revocationReasonLabels) },
      statusDetails: { type: 'textarea' },
      accessRequestId: { reference: 'AccessRequest' },
      // Reissued after a loss or theft of the identifiers: the habilitation this one replaces.
      replacesId: { reference: 'Habilitation' },
      grantedDate: DATE, endDate: DATE, suspendedDate: DATE, revokedDate: DATE, passwordChangedDate: DATE, nextPasswordChangeDate: DATE,
    },
    actions: secureActions('Habilitation', {
      editable,
      validate: async (payload, context) => {
        const stored = storedParams(context) ?? {};
        const convention = await manager().findOne(Convention, { where: { id: Number(stored.conventionId) }, relations: { profile: true } });
        const profile = convention?.profile;
        return validateHabilitation(payload, { needsAccessCode: profile?.needsAccessCode ?? false, accessCodeLabel: profile?.accessCodeLabel ?? null }, stored);
      },
    }, {
      ...habilitationActions,
      list: { before: wholeDayFilters(['grantedDate', 'endDate', 'nextPasswordChangeDate']) },
      search: { handler: search },
      // Its demande d'origine, planned revocation and loss/theft chain beside its fields.
      show: { after: withRelated('Habilitation'), component: COMPONENTS.RecordWithRelated },
      edit: { allowedFor: (context) => isHabilitationEditable(context.record?.params.status) },
    }),
  },
};
