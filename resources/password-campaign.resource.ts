import type { ActionContext, ActionRequest, ActionResponse, ResourceWithOptions } from 'adminjs';
import { AccessProfile } from '../src/entities/access-profile.entity.js';
import { Convention } from '../src/entities/convention.entity.js';
import { Partner } from '../src/entities/partner.entity.js';
import { CAMPAIGN_SCOPES, CAMPAIGN_STATUSES, PasswordCampaign } from '../src/entities/password-campaign.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { secureActions } from '../src/admin/secure-actions.js';
import {
  CAMPAIGN_SCOPE_LABELS, CAMPAIGN_STATUS_LABELS, isPasswordCampaignEditable, validatePasswordCampaign,
} from '../src/domain/password-campaign/password-campaign.validation.js';
import { getSettings } from '../src/domain/settings/settings.js';
import { options } from './options.js';
import { DATE, manager, staffIdOf, storedParams, today, wholeDayFilters } from './support.js';
import { passwordCampaignActions } from './actions/outbox-and-journal.actions.js';
import { campaignProgress } from '../src/domain/password-campaign/password-campaign.use-cases.js';
import { adapterFor } from './adapter.js';

// Notices and the change itself are the campaign workflow's job (status, noticesQueuedAt, appliedAt).
const editable = ['changeDate', 'scope', 'scopePartnerId', 'scopeConventionId', 'scopeProfileId', 'noticeDays'];
const TARGETS = { scopePartnerId: Partner, scopeConventionId: Convention, scopeProfileId: AccessProfile } as const;

const createdBy = async (request: ActionRequest, context: ActionContext) =>
  request.method === 'post' ? { ...request, payload: { ...request.payload, createdById: staffIdOf(context) } } : request;

/** « Avancement » of a campaign: notices sent, waiting, failed, and copies to the responsables. */
async function withProgress(response: ActionResponse): Promise<ActionResponse> {
  const fill = async (record?: { id?: string | number; params: Record<string, unknown> }) => {
    if (!record?.params.id) return;
    const p = await campaignProgress(manager(), Number(record.params.id));
    record.params.progress = p.queued
      ? `${p.sent} envoyés sur ${p.queued} · ${p.pending} en attente · ${p.failed} en échec · ${p.copies} copies aux responsables`
      : `${p.total} habilités concernés · avis pas encore envoyés`;
  };
  await fill(response.record);
  for (const record of (response.records as Array<{ params: Record<string, unknown> }> | undefined) ?? []) await fill(record);
  return response;
}

export const passwordCampaignResource: ResourceWithOptions = {
  get resource() { return adapterFor(PasswordCampaign); },
  options: {
    id: 'PasswordCampaign',
    navigation: NAVIGATION.habilitations,
    sort: { sortBy: 'changeDate', direction: 'desc' },
    titleProperty: 'changeDate',
    listProperties: ['changeDate', 'scope', 'scopePartnerId', 'scopeConventionId', 'scopeProfileId', 'noticeDays', 'status', 'progress'],
    filterProperties: ['status', 'scope', 'changeDate', 'scopePartnerId', 'scopeConventionId', 'scopeProfileId'],
    showProperties: ['id', ...editable, 'status', 'progress', 'noticesQueuedAt', 'appliedAt', 'createdAt'],
    editProperties: editable,
    properties: {
      changeDate: { ...DATE, isRequired: true },
      scope: { availableValues: options(CAMPAIGN_SCOPES, CAMPAIGN_SCOPE_LABELS), isRequired: true },
      scopePartnerId: { reference: 'Partner' },
      scopeConventionId: { reference: 'Convention' },
      scopeProfileId: { reference: 'AccessProfile' },
      status: { availableValues: options(CAMPAIGN_STATUSES, CAMPAIGN_STATUS_LABELS) },
      // Computed from the recipients (campaignProgress), not stored.
      progress: { type: 'string', isVisible: { list: true, show: true, edit: false, filter: false }, isSortable: false },
    },
    actions: secureActions('PasswordCampaign', {
      editable,
      validate: async (payload, context) => validatePasswordCampaign(payload, today(), {
        exists: (field, id) => manager().existsBy(TARGETS[field], { id }),
        defaultNoticeDays: (await getSettings(manager())).passwordNoticeDays,
      }, storedParams(context)),
    }, {
      list: { before: wholeDayFilters(['changeDate']), after: withProgress },
      show: { after: withProgress },
      new: { before: createdBy },
      edit: { allowedFor: (context) => isPasswordCampaignEditable(context.record?.params.status) },
      delete: { allowedFor: (context) => isPasswordCampaignEditable(context.record?.params.status) },
      ...passwordCampaignActions,
    }),
  },
};
