import type { ResourceWithOptions } from 'adminjs';
import { OUTBOX_STATUSES, OutboxEmail, type OutboxStatus } from '../src/entities/outbox-email.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { secureActions } from '../src/admin/secure-actions.js';
import { RESOURCES } from '../src/policies/policy.js';
import { options } from './options.js';
import { ENTITY_LABELS } from './support.js';
import { outboxEmailActions } from './actions/outbox-and-journal.actions.js';

const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  'en-attente': 'En attente',
  envoi: "En cours d'envoi",
  envoye: 'Envoyé',
  echec: 'Échec',
};

// Written in the transaction of the change that causes it, sent by the outbox worker: read only.
export const outboxEmailResource: ResourceWithOptions = {
  resource: OutboxEmail,
  options: {
    id: 'OutboxEmail',
    navigation: NAVIGATION.mail,
    sort: { sortBy: 'createdAt', direction: 'desc' },
    titleProperty: 'subject',
    listProperties: ['createdAt', 'kind', 'to', 'subject', 'status', 'attempts', 'sentAt'],
    filterProperties: ['status', 'kind', 'to', 'subject', 'relatedType', 'relatedId', 'createdAt', 'sentAt'],
    showProperties: [
      'id', 'kind', 'to', 'cc', 'subject', 'text', 'html', 'attachments', 'relatedType', 'relatedId', 'status', 'attempts',
      'nextAttemptAt', 'sentAt', 'lastError', 'createdAt',
    ],
    editProperties: [],
    properties: {
      status: { availableValues: options(OUTBOX_STATUSES, OUTBOX_STATUS_LABELS) },
      // Sorted only where an index gives the order (date, kind, state): a million emails.
      to: { isSortable: false },
      subject: { isSortable: false },
      attempts: { isSortable: false },
      sentAt: { isSortable: false },
      relatedType: { availableValues: options(RESOURCES, ENTITY_LABELS) },
      // The id of a record of any kind, kept as text: compared whole, like a number.
      relatedId: { type: 'number' },
      text: { type: 'textarea' },
      // The HTML body, as sent (shown as source: never rendered inside the back-office).
      html: { type: 'textarea', isVisible: { list: false, filter: false, show: true, edit: false } },
      lastError: { type: 'textarea' },
    },
    actions: secureActions('OutboxEmail', null, { ...outboxEmailActions }),
  },
};
