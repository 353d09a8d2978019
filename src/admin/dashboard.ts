// Data of the home page: the work queues of the logged-in role (« À traiter », « Échéances »), each with the link
// to the list that shows exactly the counted records.
import type { PageHandler } from 'adminjs';
import { countWorkQueues, type WorkQueueCount } from '../domain/work-queues/work-queues.js';
import { todayInParis } from '../domain/shared/dates.js';
import type { StaffRole } from '../policies/roles.js';
import { services } from './services.js';

export type DashboardQueue = WorkQueueCount & { href: string };
export interface DashboardData { today: string; queues: DashboardQueue[] }

export const dashboardHandler: PageHandler = async (_request, _response, context): Promise<DashboardData> => {
  const role = (context.currentAdmin as { role?: StaffRole } | undefined)?.role;
  const { dataSource, clock } = services();
  const today = todayInParis(clock.now());
  const root = context._admin.options.rootPath;
  const queues = role ? await countWorkQueues(dataSource.manager, role, today) : [];
  return {
    today,
    queues: queues.map((q) => ({ ...q, href: `${root}/resources/${q.resource}?${new URLSearchParams(q.query).toString()}` })),
  };
};
