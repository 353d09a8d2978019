// Modèles de motif (issue 13 §5): the Administrateur writes the wordings of « incomplète » and
// « refusée », picked then edited in those forms of a demande d'accès (resources/actions/
// access-request.actions.ts). Rules and placeholders: src/domain/reason-templates/.
import type { ResourceWithOptions } from 'adminjs';
import { ReasonTemplate } from '../src/entities/reason-template.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { secureActions } from '../src/admin/secure-actions.js';
import { incompleteReasonCodes, incompleteReasonLabels } from '../src/domain/access-request/access-request.workflow.js';
import {
  PLACEHOLDERS_HELP, reasonTemplateDecisionLabels, reasonTemplateDecisions, validateReasonTemplate,
} from '../src/domain/reason-templates/reason-template.rules.js';
import { options } from './options.js';
import { storedParams } from './support.js';
import { adapterFor } from './adapter.js';

const editable = ['decision', 'label', 'incompleteReason', 'text', 'active'];

export const reasonTemplateResource: ResourceWithOptions = {
  get resource() { return adapterFor(ReasonTemplate); },
  options: {
    id: 'ReasonTemplate',
    navigation: NAVIGATION.administration,
    sort: { sortBy: 'label', direction: 'asc' },
    titleProperty: 'label',
    listProperties: ['label', 'decision', 'incompleteReason', 'active'],
    filterProperties: ['decision', 'label', 'incompleteReason', 'active'],
    showProperties: ['id', ...editable, 'createdAt', 'updatedAt'],
    editProperties: editable,
    properties: {
      decision: { availableValues: options(reasonTemplateDecisions, reasonTemplateDecisionLabels), isRequired: true },
      label: { isRequired: true },
      incompleteReason: {
        availableValues: options(incompleteReasonCodes, incompleteReasonLabels),
        description: 'Pour une demande incomplète : le motif choisi avec ce modèle.',
      },
      text: { type: 'textarea', isRequired: true, description: PLACEHOLDERS_HELP },
    },
    actions: secureActions('ReasonTemplate', {
      editable,
      validate: (payload, context) => Promise.resolve(validateReasonTemplate(payload, storedParams(context))),
    }),
  },
};
