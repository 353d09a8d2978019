// « Exporter » of a back-office list: the rows of the list's current filters and sort, every page of
// them, in the list's columns with what the list shows (French labels of the choices, dd/mm/yyyy,
// the partner's name rather than its number). The list's own parameters go through the same checks
// (list-parameters.ts), the same `before` hooks (whole-day date filters, secret columns dropped) and
// the same adapter filters (resources/adapter.ts); the rows are read in keyset batches (sort column,
// then id), so that 500,000 habilitations never sit in memory at once.
import { BaseRecord, Filter, flat, ViewHelpers, type ActionContext, type ActionRequest, type CurrentAdmin } from 'adminjs';
import type AdminJS from 'adminjs';
import { And, Equal, FindOperator, IsNull, LessThan, MoreThan, Not, type FindOptionsWhere, type BaseEntity } from 'typeorm';
import { listReader } from '../../resources/adapter.js';
import type { Cell } from '../domain/exports/cells.js';
import { frenchShortDate } from '../documents/format.js';
import { formatParisDateTime, todayInParis } from '../domain/shared/dates.js';
import { listParameterProblem } from '../http/list-parameters.js';

type Decorated = ReturnType<ReturnType<AdminJS['findResource']>['decorate']>;
type Property = ReturnType<Decorated['getListProperties']>[number];
type Where = Record<string, unknown>;

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

function asOperator(value: unknown): FindOperator<unknown> {
  return value instanceof FindOperator ? value : Equal(value);
}

/** `where` AND `extra`: a column filtered by both keeps both conditions. */
function and(where: Where, extra: Where): Where {
  const merged: Where = { ...where };
  for (const [key, condition] of Object.entries(extra)) {
    merged[key] = key in where ? And(asOperator(where[key]), condition as FindOperator<unknown>) : condition;
  }
  return merged;
}

/**
 * The rows after (`value`, `id`) in the order « column direction, id ascending ». Both SQLite and
 * MySQL/MariaDB put NULL first in ascending order and last in descending order.
 */
function after(column: string, idName: string, direction: 'asc' | 'desc', last: { value: unknown; id: unknown }): Where[] {
  const afterId = { [idName]: MoreThan(last.id) };
  if (column === idName) return [{ [idName]: direction === 'asc' ? MoreThan(last.id) : LessThan(last.id) }];
  if (last.value === null || last.value === undefined) {
    return direction === 'asc' ? [{ [column]: IsNull(), ...afterId }, { [column]: Not(IsNull()) }] : [{ [column]: IsNull(), ...afterId }];
  }
  const branches: Where[] = [
    { [column]: direction === 'asc' ? MoreThan(last.value) : LessThan(last.value) },
    { [column]: Equal(last.value), ...afterId },
  ];
  if (direction === 'desc') branches.push({ [column]: IsNull() });
  return branches;
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
 * The export of a list for `query` (the list page's URL parameters), or the French reason it is
 * refused (a parameter the list itself would refuse). The caller has checked the policy.
 */
export async function prepareListExport(
  admin: AdminJS, resourceId: string, query: Record<string, string>, currentAdmin: CurrentAdmin,
): Promise<PreparedExport | { problem: string }> {
  const resource = admin.findResource(resourceId);
  const decorated = resource.decorate();
  const problem = listParameterProblem(decorated, query);
  if (problem) return { problem };
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
      const order = column === idName ? { [idName]: direction.toUpperCase() } : { [column]: direction.toUpperCase(), [idName]: 'ASC' };
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
