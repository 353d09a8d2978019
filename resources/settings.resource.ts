import type { ResourceWithOptions } from 'adminjs';
import { CIVILITIES } from '../src/entities/partner.entity.js';
import { Settings } from '../src/entities/settings.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { secureActions } from '../src/admin/secure-actions.js';
import { validateSettings } from '../src/domain/settings/settings.validation.js';
import { options } from './options.js';
import { storedParams } from './support.js';
import { adapterFor } from './adapter.js';

const editable = [
  'cafName', 'addressLine1', 'addressLine2', 'postalCode', 'city', 'website',
  'directorCivility', 'directorName', 'directorTitle', 'delegateName', 'delegateTitle',
  'contactName', 'contactPhone', 'contactEmail',
  'departmentCode', 'numberSuffix', 'renewalLeadDays', 'passwordPeriodDays', 'passwordNoticeDays', 'traceRetentionMonths',
  'incompleteReminderDays', 'incompleteClosureDays', 'contractEndNoticeDays', 'recertificationReminderDays', 'doubleCheck',
  'sentEmailRetentionMonths', 'decisionRetentionYears',
];

// One row (reference data), edited by the Administrateur; printed on every letter and form.
export const settingsResource: ResourceWithOptions = {
  get resource() { return adapterFor(Settings); },
  options: {
    id: 'Settings',
    navigation: NAVIGATION.administration,
    titleProperty: 'cafName',
    listProperties: ['cafName', 'departmentCode', 'numberSuffix', 'directorName', 'contactEmail', 'updatedAt'],
    filterProperties: [],
    showProperties: [...editable, 'updatedAt'],
    editProperties: editable,
    properties: {
      directorCivility: { availableValues: options(CIVILITIES), isRequired: true },
      ...Object.fromEntries(['cafName', 'addressLine1', 'postalCode', 'city', 'directorName', 'directorTitle', 'contactName', 'contactPhone',
        'contactEmail', 'departmentCode', 'renewalLeadDays', 'passwordPeriodDays', 'passwordNoticeDays', 'traceRetentionMonths',
        'incompleteReminderDays', 'incompleteClosureDays', 'contractEndNoticeDays', 'recertificationReminderDays', 'sentEmailRetentionMonths', 'decisionRetentionYears'].map((p) => [p, { isRequired: true }])),
    },
    actions: secureActions('Settings', { editable, validate: async (payload, context) => validateSettings(payload, storedParams(context)) }),
  },
};
