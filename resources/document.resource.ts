import type { ResourceWithOptions } from 'adminjs';
import { Document } from '../src/entities/document.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { secureActions } from '../src/admin/secure-actions.js';
import { DOCUMENT_KIND_LABELS, DOCUMENT_KINDS } from '../src/documents/index.js';
import { RESOURCES } from '../src/policies/policy.js';
import { options } from './options.js';
import { ENTITY_LABELS } from './support.js';
import { documentActions } from './actions/outbox-and-journal.actions.js';
import { RENEWAL_RUN_KIND } from '../src/domain/documents/renewal-notices.js';
import { RENEWAL_BY_POST_KIND } from '../src/domain/documents/renewal-by-post.js';

// Generated PDFs: produced by the workflows, never typed. The file itself (storagePath) is served by
// the download route, which checks the policy and journals the download.
export const documentResource: ResourceWithOptions = {
  resource: Document,
  options: {
    id: 'Document',
    navigation: NAVIGATION.mail,
    sort: { sortBy: 'generatedAt', direction: 'desc' },
    titleProperty: 'title',
    listProperties: ['title', 'kind', 'subjectType', 'subjectId', 'reference', 'registerNumber', 'generatedAt'],
    filterProperties: ['title', 'kind', 'subjectType', 'subjectId', 'reference', 'registerYear', 'registerNumber', 'generatedAt'],
    showProperties: ['id', 'title', 'kind', 'subjectType', 'subjectId', 'reference', 'registerYear', 'registerNumber', 'generatedAt', 'size', 'sha256'],
    editProperties: [],
    properties: {
      kind: {
        availableValues: [
          ...options(DOCUMENT_KINDS, DOCUMENT_KIND_LABELS),
          { value: RENEWAL_RUN_KIND, label: 'Tournée de reconduction (PDF à imprimer)' },
          { value: RENEWAL_BY_POST_KIND, label: 'Avis à envoyer par courrier' },
        ],
      },
      subjectType: { availableValues: options(RESOURCES, ENTITY_LABELS) },
    },
    actions: secureActions('Document', null, { ...documentActions }),
  },
};
