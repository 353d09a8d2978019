// « Exporter » of a back-office list: the rows of the list's current filters and sort, every page of
// them, in the list's columns with what the list shows (French labels of the choices, dd/mm/yyyy,
// the partner's name rather than its number). The list's own parameters go through the same checks
// (list-parameters.ts), the same `before` hooks (whole-day date filters, secret columns dropped) and
// the same adapter filters (resources/adapter.ts); the rows are read in keyset batches (sort column,
// then id), so that 500,000 habilitations never sit in memory at once.
import { BaseRecord, Filter, flat, ViewHelpers, type ActionContext, type ActionRequest, type CurrentAdmin } from 'adminjs';
import type AdminJS from 'adminjs';
import type { FindOptionsWhere, BaseEntity } from 'typeorm';
import { listReader } from '../../resources/adapter.js';
import type { Cell } from '../domain/exports/cells.js';
import { frenchShortDate } from '../documents/format.js';
import { formatParisDateTime, todayInParis } from '../domain/shared/dates.js';
import { listParameterProblem } from '../http/list-parameters.js';
import { after, and, keysetOrder, type Where } from '../domain/shared/keyset.js';

type Decorated = ReturnType<ReturnType<AdminJS['findResource']>['decorate']>;
type Property = ReturnType<Decorated['getListProperties']>[number];

/**
 * Rows read per query. Small on purpose: a batch of 1,000 lived long enough (while its rows were
 * written) to be promoted to V8's old space, and on MariaDB the heap then peaked at +330 MB for
 * 500,000 habilitations in XLSX; with 250 it stays under +30 MB (npm run bench:export).
 */
export const EXPORT_BATCH = 250;
/** Titles of referenced records kept between batches (partners, conventions…), then forgotten. */
const MAX_CACHED_TITLES = 20_000;

export interface PreparedExport {
  /** French name of the list (« Habilitations »). */
  label: string;
  headers: string[];
  /** What the journal keeps of the request: the filters and the sort. */
  criteria: { filters: Record<string, string>; sortBy: string; direction: 'asc' | 'desc' };
  rows(): AsyncGenerator<Cell[]>;
}

type Translations = { resources?: Record<string, { properties?: Record<string, string> }>; properties?: Record<string, string>; labels?: Record<string, string> };

/** The French texts of the back-office (admin.ts: the only language). */
const translationsOf = (admin: AdminJS) => ((admin.options.locale as { translations?: { fr?: unknown } } | undefined)?.translations?.fr ?? {}) as Translations;

/** The column title the list shows (AdminJS's translateProperty: the resource's, then the common one). */
function headerOf(admin: AdminJS, resourceId: string, property: Property): string {
  const translations = translationsOf(admin);
  return translations.resources?.[resourceId]?.properties?.[property.propertyPath]
    ?? translations.properties?.[property.propertyPath] ?? property.label();
}

/** A value as the list shows it. */
function cellOf(property: Property, value: unknown, titles: Map<string, Map<string, string>>): Cell {
  if (value === null || value === undefined || value === '') return null;
  const choices = property.availableValues();
  if (choices?.length) return choices.find((c) => String(c.value) === String(value))?.label ?? String(value);
  switch (property.type()) {
    case 'date':
      return frenchShortDate(value instanceof Date ? todayInParis(value) : String(value).slice(0, 10));
    case 'datetime':
      return formatParisDateTime(value instanceof Date ? value : new Date(String(value)));
    case 'boolean':
      return value === true || value === 'true' || value === 1 ? 'Oui' : 'Non';
    case 'number': case 'float': case 'currency':
      return Number.isFinite(Number(value)) ? Number(value) : String(value);
    case 'reference':
      return titles.get(property.reference()?.id() ?? '')?.get(String(value)) ?? String(value);
    default:
      return String(value);
  }
}

/** The titles of the records the batch refers to (the partner's name), a query per referenced resource. */
async function loadTitles(properties: Property[], records: BaseRecord[], titles: Map<string, Map<string, string>>) {
  for (const property of properties) {
    const referenced = property.type() === 'reference' ? property.reference() : null;
    if (!referenced) continue;
    const referenceId = referenced.id();
    const known = titles.get(referenceId) ?? new Map<string, string>();
    if (known.size > MAX_CACHED_TITLES) known.clear();
    titles.set(referenceId, known);
    const missing = [...new Set(records.map((r) => r.params[property.propertyPath]).filter((v) => v !== null && v !== undefined && v !== '').map(String))]
      .filter((id) => !known.has(id));
    if (!missing.length) continue;
    const decorated = referenced.decorate();
    for (const record of await referenced.findMany(missing)) known.set(String(record.id()), String(decorated.titleOf(record) ?? record.id()));
  }
}

/**
 * What a list reads for `query` (the list page's URL parameters): its filters as a `where`, through
 * the same checks and `before` hooks as the list, and its order; or the French reason it is refused.
 */
async function listQuery(admin: AdminJS, resourceId: string, query: Record<string, string>, currentAdmin: CurrentAdmin) {
  const resource = admin.findResource(resourceId);
  const decorated = resource.decorate();
  const problem = listParameterProblem(decorated, query);
  if (problem) return { problem } as const;
  const listAction = decorated.actions.list;
  const context = { resource, _admin: admin, currentAdmin, action: listAction, h: new ViewHelpers({ options: admin.options }) } as unknown as ActionContext;
  const request = await listAction.invokeBeforeHook({ method: 'get', query: { ...query }, params: { resourceId, action: 'list' } } as ActionRequest, context);
  const { sortBy: askedSort, direction: askedDirection, filters = {} } = flat.unflatten<Record<string, unknown>, { sortBy?: string; direction?: string; filters?: Record<string, unknown> }>(request.query ?? {});
  const properties = decorated.getListProperties();
  const reader = listReader(resource);
  const metadata = reader.repository.metadata;
  const idName = metadata.primaryColumns[0].propertyName;
  // AdminJS's default sort (sortSetter): the resource's, else the first sortable column of the list.
  const sortBy = askedSort ?? decorated.options.sort?.sortBy ?? properties.find((p) => p.isSortable())?.propertyPath ?? idName;
  const direction = (askedDirection ?? decorated.options.sort?.direction ?? 'asc') === 'desc' ? 'desc' : 'asc';
  const column = metadata.findColumnWithPropertyPath(sortBy) ? sortBy : idName;
  const where = reader.where(new Filter(filters, resource)) as Where;
  return { resource, decorated, properties, reader, idName, sortBy, direction, column, where } as const;
}

/**
 * « Suivant » of a work queue (issue 13 §5): the id of the record that follows `currentId` in the list
 * of `query` (same filters, same order), or null at its end. The position is the current record's
 * sort value, so a record that left the queue by its decision (no longer « reçue ») still has one.
 * Null when the list itself would refuse `query`.
 */
export async function nextInList(
  admin: AdminJS, resourceId: string, query: Record<string, string>, currentAdmin: CurrentAdmin, currentId: string | number,
): Promise<{ id: string | null } | null> {
  const list = await listQuery(admin, resourceId, query, currentAdmin);
  if (list.problem !== undefined) return null;
  const { reader, idName, column, direction, where } = list;
  const current = await reader.repository.findOne({ where: { [idName]: currentId } as FindOptionsWhere<BaseEntity> }) as Record<string, unknown> | null;
  if (!current) return { id: null };
  const next = await reader.repository.findOne({
    where: after(column, idName, direction, { value: current[column], id: current[idName] }).map((branch) => and(where, branch)) as Array<FindOptionsWhere<BaseEntity>>,
    order: keysetOrder(column, idName, direction) as never,
  }) as Record<string, unknown> | null;
  return { id: next ? String(next[idName]) : null };
}

/**
 * The export of a list for `query` (the list page's URL parameters), or the French reason it is
 * refused (a parameter the list itself would refuse). The caller has checked the policy.
 */
export async function prepareListExport(
  admin: AdminJS, resourceId: string, query: Record<string, string>, currentAdmin: CurrentAdmin,
): Promise<PreparedExport | { problem: string }> {
  const list = await listQuery(admin, resourceId, query, currentAdmin);
  if (list.problem !== undefined) return { problem: list.problem };
  const { resource, properties, reader, idName, sortBy, direction, column, where } = list;
  const label = translationsOf(admin).labels?.[resourceId] ?? resourceId;
  const criteria = {
    filters: Object.fromEntries(Object.entries(query).filter(([key]) => key.startsWith('filters.')).map(([key, value]) => [key.slice('filters.'.length), value])),
    sortBy, direction,
  } as const;

  async function* rows(): AsyncGenerator<Cell[]> {
    const titles = new Map<string, Map<string, string>>();
    let last: { value: unknown; id: unknown } | null = null;
    for (;;) {
      const conditions = last ? after(column, idName, direction, last).map((branch) => and(where, branch)) : where;
      const order = keysetOrder(column, idName, direction);
      const entities = await reader.repository.find({
        where: conditions as FindOptionsWhere<BaseEntity> | Array<FindOptionsWhere<BaseEntity>>, order: order as never, take: EXPORT_BATCH,
      });
      if (!entities.length) return;
      const lastEntity = entities[entities.length - 1] as unknown as Record<string, unknown>;
      last = { value: lastEntity[column], id: lastEntity[idName] };
      const records = entities.map((entity) => new BaseRecord(entity as unknown as Record<string, unknown>, resource));
      await reader.fill(records);
      await loadTitles(properties, records, titles);
      for (const record of records) yield properties.map((p) => cellOf(p, record.params[p.propertyPath], titles));
      if (entities.length < EXPORT_BATCH) return;
    }
  }
  return { label, headers: properties.map((p) => headerOf(admin, resourceId, p)), criteria, rows };
}
