import type { ResourceWithOptions } from 'adminjs';
import { JobRun, JOB_RUN_STATUSES } from '../src/entities/job-run.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { secureActions } from '../src/admin/secure-actions.js';
import { options } from './options.js';

const STATUS_LABELS = { 'en-cours': 'En cours', 'termine': 'Terminé', 'echec': 'Échec' } as const;

/** Runs of the scheduled jobs (renewal notices, revocations, outbox, purge): read-only. */
export const jobRunResource: ResourceWithOptions = {
  resource: JobRun,
  options: {
    id: 'JobRun',
    navigation: NAVIGATION.administration,
    sort: { sortBy: 'startedAt', direction: 'desc' },
    listProperties: ['job', 'startedAt', 'endedAt', 'status', 'counts'],
    filterProperties: ['job', 'status', 'startedAt'],
    showProperties: ['job', 'startedAt', 'endedAt', 'status', 'counts', 'error', 'instance'],
    properties: {
      status: { availableValues: options(JOB_RUN_STATUSES, STATUS_LABELS) },
      error: { type: 'textarea' },
    },
    actions: secureActions('JobRun', null),
  },
};
