import type { ResourceWithOptions } from 'adminjs';
import { HabilitationManager } from '../src/entities/habilitation-manager.entity.js';
import { CIVILITIES } from '../src/entities/partner.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { secureActions } from '../src/admin/secure-actions.js';
import { validateHabilitationManager } from '../src/domain/habilitation-manager/habilitation-manager.validation.js';
import { habilitationManagerLookups } from '../src/domain/habilitation-manager/habilitation-manager.use-cases.js';
import { options } from './options.js';
import { createDesignationAction, habilitationManagerActions } from './actions/habilitation-manager.actions.js';
import { DATE, manager, SCAN_LINK, SCAN_ON_CREATION, storedParams, today, wholeDayFilters } from './support.js';
import { adapterFor } from './adapter.js';

// endDate and currentFor say which designation is current: set by the designation use case, never typed.
// What the paper form says, with the reference printed on it (RH-…).
const editable = ['conventionId', 'formReference', 'civility', 'lastName', 'firstName', 'address', 'phone', 'fax', 'email', 'designationDate', 'isSignatory'];


export const habilitationManagerResource: ResourceWithOptions = {
  get resource() { return adapterFor(HabilitationManager, { plainKeys: ['scanId'] }); },
  options: {
    id: 'HabilitationManager',
    navigation: NAVIGATION.partners,
    sort: { sortBy: 'designationDate', direction: 'desc' },
    titleProperty: 'lastName',
    listProperties: ['lastName', 'firstName', 'conventionId', 'currentFor', 'designationDate', 'endDate', 'email', 'phone'],
    filterProperties: ['lastName', 'email', 'conventionId', 'currentFor', 'designationDate', 'endDate', 'isSignatory', 'formReference'],
    showProperties: ['id', ...editable, 'currentFor', 'endDate', 'scanId', 'createdAt'],
    editProperties: [...editable, 'scan'],
    properties: {
      scanId: SCAN_LINK,
      scan: SCAN_ON_CREATION,
      conventionId: { isRequired: true },
      civility: { availableValues: options(CIVILITIES), isRequired: true },
      lastName: { isRequired: true },
      firstName: { isRequired: true },
      phone: { isRequired: true },
      email: { isRequired: true },
      address: { type: 'textarea' },
      // = the convention while this designation is the current one, empty once superseded.
      currentFor: { reference: 'Convention' },
      designationDate: { ...DATE, isRequired: true },
      endDate: DATE,
    },
    actions: secureActions('HabilitationManager', {
      editable,
      validate: (payload, context) => validateHabilitationManager(payload, today(), habilitationManagerLookups(manager()), storedParams(context)),
    }, {
      list: { before: wholeDayFilters(['designationDate', 'endDate']) },
      // Creating a designation supersedes the one in office (recordDesignation), in one transaction.
      // The use case records who designated (the agent logged in).
      new: createDesignationAction,
      ...habilitationManagerActions,
    }),
  },
};
