import type { ActionContext, ActionRequest, ResourceWithOptions } from 'adminjs';
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

// Notices and the change itself are the campaign workflow's job (status, noticesQueuedAt, appliedAt).
const editable = ['changeDate', 'scope', 'scopePartnerId', 'scopeConventionId', 'scopeProfileId', 'noticeDays'];
const TARGETS = { scopePartnerId: Partner, scopeConventionId: Convention, scopeProfileId: AccessProfile } as const;

const createdBy = async (request: ActionRequest, context: ActionContext) =>
  request.method === 'post' ? { ...request, payload: { ...request.payload, createdById: staffIdOf(context) } } : request;

export const passwordCampaignResource: ResourceWithOptions = {
  resource: PasswordCampaign,
  options: {
    id: 'PasswordCampaign',
    navigation: NAVIGATION.habilitations,
    sort: { sortBy: 'changeDate', direction: 'desc' },
    titleProperty: 'changeDate',
    listProperties: ['changeDate', 'scope', 'scopePartnerId', 'scopeConventionId', 'scopeProfileId', 'noticeDays', 'status'],
    filterProperties: ['status', 'scope', 'changeDate', 'scopePartnerId', 'scopeConventionId', 'scopeProfileId'],
    showProperties: ['id', ...editable, 'status', 'noticesQueuedAt', 'appliedAt', 'createdAt'],
    editProperties: editable,
    properties: {
      changeDate: { ...DATE, isRequired: true },
      scope: { availableValues: options(CAMPAIGN_SCOPES, CAMPAIGN_SCOPE_LABELS), isRequired: true },
      scopePartnerId: { reference: 'Partner' },
      scopeConventionId: { reference: 'Convention' },
      scopeProfileId: { reference: 'AccessProfile' },
      status: { availableValues: options(CAMPAIGN_STATUSES, CAMPAIGN_STATUS_LABELS) },
    },
    actions: secureActions('PasswordCampaign', {
      editable,
      validate: async (payload, context) => validatePasswordCampaign(payload, today(), {
        exists: (field, id) => manager().existsBy(TARGETS[field], { id }),
        defaultNoticeDays: (await getSettings(manager())).passwordNoticeDays,
      }, storedParams(context)),
    }, {
      list: { before: wholeDayFilters(['changeDate']) },
      new: { before: createdBy },
      edit: { allowedFor: (context) => isPasswordCampaignEditable(context.record?.params.status) },
      delete: { allowedFor: (context) => isPasswordCampaignEditable(context.record?.params.status) },
      ...passwordCampaignActions,
    }),
  },
};
