// The Caf's settings are data (STYLE.md habit 8): one row, read through this one function.
import type { EntityManager } from 'typeorm';
import { Settings } from '../../entities/settings.entity.js';

export async function getSettings(manager: EntityManager): Promise<Settings> {
  const settings = await manager.find(Settings, { order: { id: 'ASC' }, take: 1 });
  if (!settings[0]) throw new Error('Paramètres de la Caf absents : la base n’a pas été initialisée (ensureReferenceData).');
  return settings[0];
}
