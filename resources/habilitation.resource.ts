import { BaseRecord, type ActionContext, type ActionRequest, type ResourceWithOptions, type SearchActionResponse } from 'adminjs';
import { Like } from 'typeorm';
import { Convention } from '../src/entities/convention.entity.js';
import { Habilitation } from '../src/entities/habilitation.entity.js';
import { CIVILITIES } from '../src/entities/partner.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { secureActions } from '../src/admin/secure-actions.js';
import { habilitationStateLabels, habilitationStates, revocationReasonCodes, revocationReasonLabels } from '../src/domain/habilitation/habilitation.workflow.js';
import { isHabilitationEditable, validateHabilitation } from '../src/domain/habilitation/habilitation.validation.js';
import { habilitationActions } from './actions/habilitation.actions.js';
import { options } from './options.js';
import { DATE, manager, storedParams, wholeDayFilters } from './support.js';

// A habilitation is created by approving a demande d'accès; its identifier, dates and status come
// from the workflow. Only the holder's details (and the extra access code) are corrected here.
const editable = ['civility', 'lastName', 'firstName', 'email', 'position', 'accessCode'];

/** « CP78-000123 — LEFÈVRE Hélène »: what the paper forms give is the person's name. */
const titleOf = (h: Habilitation) => `${h.identifier} — ${h.lastName.toUpperCase()} ${h.firstName}`;

/**
 * The reference pickers (demande de suppression, campaign recipients) search by identifier or by
 * name, and show both: the suppression form names the person, not the identifier.
 */
async function search(request: ActionRequest, _response: unknown, context: ActionContext): Promise<SearchActionResponse> {
  const query = String(request.params?.query ?? '').trim().replace(/[%_]/g, '');
  const where = query ? [{ identifier: Like(`%${query}%`) }, { lastName: Like(`%${query}%`) }, { firstName: Like(`%${query}%`) }] : {};
  const rows = await manager().find(Habilitation, { where, order: { lastName: 'ASC', firstName: 'ASC' }, take: 50 });
  return {
    records: rows.map((row) => ({ ...new BaseRecord({ ...row }, context.resource).toJSON(context.currentAdmin), title: titleOf(row) })),
  };
}

export const habilitationResource: ResourceWithOptions = {
  resource: Habilitation,
  options: {
    id: 'Habilitation',
    navigation: NAVIGATION.habilitations,
    sort: { sortBy: 'lastName', direction: 'asc' },
    titleProperty: 'identifier',
    listProperties: ['identifier', 'lastName', 'firstName', 'conventionId', 'status', 'grantedDate', 'endDate', 'nextPasswordChangeDate'],
    filterProperties: ['identifier', 'lastName', 'email', 'conventionId', 'status', 'statusReason', 'grantedDate', 'endDate', 'nextPasswordChangeDate'],
    showProperties: [
      'id', 'identifier', 'conventionId', 'accessRequestId', ...editable, 'grantedDate', 'endDate', 'status', 'statusReason',
      'statusDetails', 'suspendedDate', 'revokedDate', 'replacesId', 'passwordChangedDate', 'nextPasswordChangeDate', 'createdAt', 'updatedAt',
    ],
    editProperties: editable,
    properties: {
      civility: { availableValues: options(CIVILITIES), isRequired: true },
      lastName: { isRequired: true },
      firstName: { isRequired: true },
      email: { isRequired: true },
      position: { isRequired: true },
      status: { availableValues: options(habilitationStates, habilitationStateLabels) },
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
      edit: { allowedFor: (context) => isHabilitationEditable(context.record?.params.status) },
    }),
  },
};
