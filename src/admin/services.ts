// What AdminJS resources and routes need at run time (database, file storage, clock). Set once by
// createApp; resource files are module-level definitions and read it when an action runs.
import type { DataSource } from 'typeorm';
import type { FileStorage } from '../adapters/storage.js';
import type { Clock } from '../domain/shared/clock.js';

export interface Services {
  dataSource: DataSource;
  storage: FileStorage;
  clock: Clock;
}

let current: Services | null = null;

export function setServices(services: Services): void {
  current = services;
}

export function services(): Services {
  if (!current) throw new Error('Services not initialised: createApp() sets them');
  return current;
}
