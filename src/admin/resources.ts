// The resources shown in the back-office, in menu order, with their French locale fragments.
import type { ResourceWithOptions } from 'adminjs';
import { partnerResource } from '../../resources/partner.resource.js';
import { staffUserResource } from '../../resources/staff-user.resource.js';
import staffUserFr from './locale/fr/staff-user.json' with { type: 'json' };
import partnerFr from './locale/fr/partner.json' with { type: 'json' };

export const RESOURCE_DEFINITIONS: ResourceWithOptions[] = [partnerResource, staffUserResource];
export const RESOURCE_LOCALES = [partnerFr, staffUserFr];
