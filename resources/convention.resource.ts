import type { ActionContext, ActionRequest, ResourceWithOptions } from 'adminjs';
import { AccessProfile } from '../src/entities/access-profile.entity.js';
import { Convention } from '../src/entities/convention.entity.js';
import { CIVILITIES, Partner } from '../src/entities/partner.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { secureActions } from '../src/admin/secure-actions.js';
import { conventionKindLabels, conventionKinds } from '../src/domain/convention/convention.rules.js';
import { conventionStateLabels, conventionStates, denouncingParties, denouncingPartyLabels, type ConventionState } from '../src/domain/convention/convention.workflow.js';
import { validateConvention } from '../src/domain/convention/convention.validation.js';
import { renumberForProfile } from '../src/domain/convention/convention-number.js';
import { options } from './options.js';
import { conventionActions } from './actions/convention.actions.js';
import { DATE, filterOnly, manager, MULTI_SELECT_FILTER, SCAN_LINK, storedParams, today, wholeDayFilters } from './support.js';
import { adapterFor, anyOf, type WhereFragment } from './adapter.js';
import { CONVENTION_DUE_CARDS, conventionDueWhere } from '../src/domain/work-queues/convention-due-dates.js';
import { newRecordAction } from '../src/admin/new-record-action.js';
import { createConvention } from '../src/domain/convention/convention.use-cases.js';
import { services } from '../src/admin/services.js';
import { withRelated } from '../src/admin/related-show.js';
import { COMPONENTS } from '../src/admin/components/index.js';

// The number, year and sequence are generated; status and dates change through the workflow.
const editable = ['partnerId', 'profileId', 'signatoryCivility', 'signatoryName', 'signatoryTitle', 'habilitationCap'];
const status = (context: ActionContext) => context.record?.params.status as ConventionState | undefined;

/** `edit`, after validation: a draft whose profile changed keeps its sequence under the new code. */
async function renumber(request: ActionRequest, context: ActionContext): Promise<ActionRequest> {
  const stored = storedParams(context);
  const profileId = request.payload?.profileId;
  if (request.method !== 'post' || !stored || profileId === undefined || String(profileId) === String(stored.profileId)) return request;
  const profile = await manager().findOneByOrFail(AccessProfile, { id: Number(profileId) });
  return { ...request, payload: { ...request.payload, number: renumberForProfile(String(stored.number), profile.code) } };
}

export const conventionResource: ResourceWithOptions = {
  get resource() {
    return adapterFor(Convention, {
      plainKeys: ['signedScanId'],
      // « Échéances » of the home page (convention-due-dates.ts): the same `where` as the card's count.
      filters: { status: anyOf('status'), due: (value) => conventionDueWhere(value, today()) as WhereFragment | null },
    });
  },
  options: {
    id: 'Convention',
    navigation: NAVIGATION.partners,
    // Numbers sort by year then sequence (the sequence has at least four digits).
    sort: { sortBy: 'number', direction: 'desc' },
    titleProperty: 'number',
    listProperties: ['number', 'partnerId', 'profileId', 'status', 'effectiveDate', 'endDate', 'habilitationCap'],
    filterProperties: ['due', 'number', 'partnerId', 'profileId', 'status', 'kind', 'year', 'effectiveDate', 'endDate'],
    showProperties: [
      'id', 'number', 'partnerId', 'profileId', 'kind', 'status', 'signatoryCivility', 'signatoryName', 'signatoryTitle',
      'habilitationCap', 'sentDate', 'partnerSignedDate', 'cafSignedDate', 'effectiveDate', 'noticeParty', 'noticeReceivedDate',
      'endDate', 'endReason', 'signedScanId', 'createdAt', 'updatedAt',
    ],
    editProperties: editable,
    properties: {
      signedScanId: SCAN_LINK,
      due: filterOnly({ availableValues: CONVENTION_DUE_CARDS.map((card) => ({ value: card.id, label: card.label })) }),
      partnerId: { isRequired: true },
      profileId: { isRequired: true },
      status: { availableValues: options(conventionStates, conventionStateLabels), ...MULTI_SELECT_FILTER },
      kind: { availableValues: options(conventionKinds, conventionKindLabels) },
      signatoryCivility: { availableValues: options(CIVILITIES), isRequired: true },
      signatoryName: { isRequired: true },
      signatoryTitle: { isRequired: true },
      noticeParty: { availableValues: options(denouncingParties, denouncingPartyLabels) },
      endReason: { type: 'textarea' },
      sentDate: DATE, partnerSignedDate: DATE, cafSignedDate: DATE, effectiveDate: DATE, noticeReceivedDate: DATE, endDate: DATE,
    },
    actions: secureActions('Convention', {
      editable,
      validate: (payload, context) => validateConvention(payload, {
        partnerExists: (id) => manager().existsBy(Partner, { id }),
        profile: (id) => manager().findOne(AccessProfile, { where: { id }, select: { code: true, active: true, conventionKind: true } }),
      }, storedParams(context)),
    }, {
      list: { before: wholeDayFilters(['effectiveDate', 'endDate']) },
      // Its responsable, dates, demandes, habilitations, documents, scans and history beside its fields.
      show: { after: withRelated('Convention'), component: COMPONENTS.RecordWithRelated },
      // The number is generated in the creation's transaction, and the creation journaled (use case).
      new: newRecordAction(async (payload, actor) => {
        const result = await createConvention(services(), actor, payload);
        return result.ok ? { ok: true, message: result.message, id: result.convention.id } : result;
      }),
      // Once ended, a convention is history (its habilitations are revoked).
      edit: { before: renumber, allowedFor: (context) => ['brouillon', 'envoyee', 'signee'].includes(status(context) ?? '') },
      // Only a draft may be deleted: a sent convention has a number the partner knows (never reused).
      delete: { allowedFor: (context) => status(context) === 'brouillon' },
      ...conventionActions,
    }),
  },
};
