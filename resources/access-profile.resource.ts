import type { ResourceWithOptions } from 'adminjs';
import { AccessProfile } from '../src/entities/access-profile.entity.js';
import { Convention } from '../src/entities/convention.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { secureActions } from '../src/admin/secure-actions.js';
import { conventionKindLabels, conventionKinds } from '../src/domain/convention/convention.rules.js';
import { validateAccessProfile } from '../src/domain/access-profile/access-profile.validation.js';
import { options } from './options.js';
import { manager, storedParams } from './support.js';
import { adapterFor } from './adapter.js';

const editable = ['code', 'label', 'dataCategories', 'needsAccessCode', 'accessCodeLabel', 'dataSharingAnnex', 'conventionKind', 'active'];

export const accessProfileResource: ResourceWithOptions = {
  get resource() { return adapterFor(AccessProfile); },
  options: {
    id: 'AccessProfile',
    navigation: NAVIGATION.partners,
    sort: { sortBy: 'code', direction: 'asc' },
    titleProperty: 'code',
    listProperties: ['code', 'label', 'conventionKind', 'needsAccessCode', 'dataSharingAnnex', 'active'],
    filterProperties: ['code', 'label', 'conventionKind', 'needsAccessCode', 'dataSharingAnnex', 'active'],
    showProperties: ['id', ...editable],
    editProperties: editable,
    properties: {
      code: { isRequired: true },
      label: { isRequired: true },
      dataCategories: { type: 'textarea', isRequired: true },
      conventionKind: { availableValues: options(conventionKinds, conventionKindLabels) },
    },
    actions: secureActions('AccessProfile', {
      editable,
      validate: (payload, context) => validateAccessProfile(payload, {
        codeOwner: (code) => manager().findOne(AccessProfile, { where: { code }, select: { id: true, label: true } }),
        conventionCount: (profileId) => manager().countBy(Convention, { profileId }),
      }, storedParams(context)),
    }),
  },
};
