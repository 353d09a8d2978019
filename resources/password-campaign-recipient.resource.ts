import type { ResourceWithOptions } from 'adminjs';
import { PasswordCampaignRecipient, RECIPIENT_STATUSES, type RecipientStatus } from '../src/entities/password-campaign-recipient.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { secureActions } from '../src/admin/secure-actions.js';
import { options } from './options.js';

/** Delivery of the notice to each user: the proof that users were informed beforehand. */
const RECIPIENT_STATUS_LABELS: Record<RecipientStatus, string> = {
  'en-attente': 'En attente',
  envoye: 'Envoyé',
  echec: 'Échec',
};

// Written by the campaign workflow only.
export const passwordCampaignRecipientResource: ResourceWithOptions = {
  resource: PasswordCampaignRecipient,
  options: {
    id: 'PasswordCampaignRecipient',
    navigation: NAVIGATION.habilitations,
    sort: { sortBy: 'id', direction: 'desc' },
    titleProperty: 'email',
    listProperties: ['campaignId', 'habilitationId', 'email', 'status', 'sentAt'],
    filterProperties: ['campaignId', 'habilitationId', 'email', 'status', 'sentAt'],
    showProperties: ['id', 'campaignId', 'habilitationId', 'email', 'status', 'sentAt', 'outboxEmailId'],
    editProperties: [],
    properties: {
      habilitationId: { reference: 'Habilitation' },
      outboxEmailId: { reference: 'OutboxEmail' },
      status: { availableValues: options(RECIPIENT_STATUSES, RECIPIENT_STATUS_LABELS) },
    },
    actions: secureActions('PasswordCampaignRecipient', null),
  },
};
