import type { ResourceWithOptions } from 'adminjs';
import { Partner, PARTNER_TYPES, CIVILITIES } from '../src/entities/partner.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { secureActions } from '../src/admin/secure-actions.js';
import { PARTNER_TYPE_LABELS, validatePartner } from '../src/domain/partner/partner.validation.js';
import { options } from './options.js';
import { adapterFor } from './adapter.js';
import { COMPONENTS } from '../src/admin/components/index.js';
import { landOnCreatedRecord, withRelated } from '../src/admin/related-show.js';

const editable = ['name', 'type', 'siret', 'addressLine1', 'addressLine2', 'postalCode', 'city',
  'representativeCivility', 'representativeName', 'representativeTitle', 'phone', 'email'];

const siretOwner = async (siret: string) => Partner.findOne({ where: { siret }, select: { id: true, name: true } });

export const partnerResource: ResourceWithOptions = {
  get resource() { return adapterFor(Partner); },
  options: {
    id: 'Partner',
    navigation: NAVIGATION.partners,
    sort: { sortBy: 'name', direction: 'asc' },
    titleProperty: 'name',
    listProperties: ['name', 'type', 'siret', 'city', 'representativeName', 'email'],
    filterProperties: ['name', 'type', 'siret', 'city', 'postalCode'],
    showProperties: [...editable, 'createdAt', 'updatedAt'],
    editProperties: editable,
    properties: {
      type: { availableValues: options(PARTNER_TYPES, PARTNER_TYPE_LABELS) },
      representativeCivility: { availableValues: options(CIVILITIES) },
      siret: { isRequired: true },
      name: { isRequired: true },
    },
    actions: secureActions('Partner', {
      editable,
      validate: (payload, context) => validatePartner(payload, siretOwner, context.record ? Number(context.record.id()) : undefined),
    }, {
      // Its conventions and « Créer une convention » beside its fields; a new partner opens on that page.
      show: { after: withRelated('Partner'), component: COMPONENTS.RecordWithRelated },
      new: { after: landOnCreatedRecord },
      // The page with the register's downloads (src/http/recipient-register.ts).
      recipientRegister: { actionType: 'resource', icon: 'Book', component: COMPONENTS.RecipientRegister, showFilter: false, handler: async () => ({}) },
    }),
  },
};
