// Small pieces shared by the resource files: what an action needs from its context (today in Paris,
// the record being edited, who acts).
import type { ActionContext, ActionRequest, BaseRecord, PropertyOptions } from 'adminjs';
import { In, type EntityManager } from 'typeorm';
import { Convention } from '../src/entities/convention.entity.js';
import { services } from '../src/admin/services.js';
import type { ResourceId } from '../src/policies/policy.js';
import { addDays, isIsoDate, todayInParis, type IsoDate } from '../src/domain/shared/dates.js';
import { COMPONENTS } from '../src/admin/components/index.js';
import type { FieldSpec } from '../src/admin/workflow-form.types.js';

/** The calendar day in Paris, from the application's clock. */
export const today = (): IsoDate => todayInParis(services().clock.now());

export const manager = (): EntityManager => services().dataSource.manager;

/** The record being edited (its stored values), or undefined on creation. */
export const storedParams = (context: ActionContext): Record<string, unknown> | undefined =>
  context.action.name === 'new' ? undefined : context.record?.params;

/** The staff member acting (for « enregistré par » / « créé par »). */
export const staffIdOf = (context: ActionContext): number | null =>
  (context.currentAdmin as { id?: number } | undefined)?.id ?? null;

/** A calendar-date column ('YYYY-MM-DD'): shown and filtered as a date, without a time. */
// Edited with a native date input (components/date-input.tsx): AdminJS's picker shifts the day.
export const DATE: PropertyOptions = { type: 'date', components: { edit: COMPONENTS.DateInput } };

/**
 * A date the agent records the day the paper arrives (« Reçue le »): on the creation form it starts at
 * today (components/date-input.tsx), the agent corrects it when the stamp says otherwise.
 */
export const RECORDED_TODAY: PropertyOptions = { ...DATE, custom: { defaultToday: true } };

/**
 * The same for a date field of a workflow form (« Envoyée le », « Complément reçu le »): its
 * `defaultValue` is today, read each time the form is sent to a browser (a value fixed at start-up
 * would be wrong from the next day on). AdminJS deep-copies the plain objects of an action's
 * options once, at start-up, which would read the date then; an instance of a class is kept as it is,
 * and JSON.stringify reads its own getter each time.
 */
export function todayByDefault(field: FieldSpec): FieldSpec {
  return new TodayByDefault(field);
}
class TodayByDefault implements FieldSpec {
  name!: string;
  label!: string;
  type!: FieldSpec['type'];
  declare defaultValue: string;
  constructor(field: FieldSpec) {
    Object.assign(this, field);
    Object.defineProperty(this, 'defaultValue', { enumerable: true, get: today });
  }
}

/** A select property whose list filter takes several values at once (with `anyOf` in the adapter). */
export const MULTI_SELECT_FILTER: PropertyOptions = { components: { filter: COMPONENTS.MultiSelectFilter } };

/** The scan of a signed paper form (scanId…): a link that opens it. */
export const SCAN_LINK: PropertyOptions = { components: { show: COMPONENTS.ScanLink, list: COMPONENTS.ScanLink } };

/** The scan sent with a creation form (never stored as such: the use case stores the file). */
export const SCAN_ON_CREATION: PropertyOptions = {
  type: 'string', components: { edit: COMPONENTS.ScanInput }, isVisible: { list: false, show: false, edit: true, filter: false },
};

/** Computed from the record's convention, never stored: shown in the list and on the record, and a filter. */
export const FROM_CONVENTION: PropertyOptions = { isSortable: false, isVisible: { list: true, show: true, edit: false, filter: true } };

/**
 * `fill` of the adapter for records that belong to a convention (habilitations, demandes d'accès):
 * the convention's partner and/or profile, read in one query for the whole page.
 */
export async function fillFromConvention(records: BaseRecord[], columns: Array<'partnerId' | 'profileId'>): Promise<void> {
  const ids = [...new Set(records.map((r) => Number(r.params.conventionId)).filter(Number.isInteger))];
  if (!ids.length) return;
  const conventions = await manager().find(Convention, { where: { id: In(ids) }, select: { id: true, partnerId: true, profileId: true } });
  const byId = new Map(conventions.map((c) => [c.id, c]));
  for (const record of records) {
    const convention = byId.get(Number(record.params.conventionId));
    for (const column of columns) record.params[column] = convention?.[column] ?? null;
  }
}

/** A property that exists only as a list filter (translated by the adapter, never stored). */
export const filterOnly = (options: PropertyOptions): PropertyOptions => ({
  ...options, isSortable: false, isVisible: { list: false, show: false, edit: false, filter: true },
});

/**
 * `list` before hook for the calendar-date filters (`fields`). AdminJS's date filter sends the local
 * midnight of the chosen day as an instant (3 November in Paris: « 2026-11-02T23:00:00.000Z ») and
 * the TypeORM adapter compares it as a date-time with the stored 'YYYY-MM-DD': on SQLite the first
 * day of the range was lost, everywhere the last one. Each bound now covers its whole day (Paris):
 * « du 3 au 22 novembre » includes the 3rd and the 22nd, on SQLite and MySQL/MariaDB alike.
 */
export function wholeDayFilters(fields: string[]) {
  return async (request: ActionRequest): Promise<ActionRequest> => {
    const query: Record<string, unknown> = { ...(request.query ?? {}) };
    for (const field of fields) {
      for (const bound of ['from', 'to'] as const) {
        const key = `filters.${field}~~${bound}`;
        const value = query[key];
        if (typeof value !== 'string' || !value) continue;
        const instant = new Date(value);
        const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : Number.isNaN(instant.getTime()) ? null : todayInParis(instant);
        if (!isIsoDate(day)) continue;
        query[key] = bound === 'from' ? `${addDays(day, -1)}T23:59:59.999Z` : `${day}T23:59:59.999Z`;
      }
    }
    return { ...request, query };
  };
}

/** French names of the entities, for the columns that name one (journal, documents, emails). */
export const ENTITY_LABELS: Record<ResourceId, string> = {
  Partner: 'Partenaire',
  AccessProfile: "Profil d'accès",
  Convention: 'Convention',
  HabilitationManager: 'Responsable habilitations',
  AccessRequest: "Demande d'accès",
  Habilitation: 'Habilitation',
  SuppressionRequest: "Demande de suppression d'accès",
  PasswordCampaign: 'Campagne de changement de mot de passe',
  PasswordCampaignRecipient: 'Destinataire de campagne',
  Document: 'Document généré',
  OutboxEmail: 'Courriel',
  AuditEvent: 'Journal',
  Settings: 'Paramètres',
  StaffUser: 'Agent',
  Scan: 'Numérisation',
  JobRun: 'Tâche planifiée',
  Recertification: 'Recertification annuelle',
  ReasonTemplate: 'Modèle de motif',
};
