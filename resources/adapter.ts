// The TypeORM adapter of a resource, with what the stock one cannot do for the lists a gestionnaire
// works from: filters on several values at once, filters through a relation (habilitations of a
// partner), ready-made filters (« suppressions dues »), and foreign keys to entities AdminJS does
// not show (Scan).
import { Resource as TypeormResource } from '@adminjs/typeorm';
import type { BaseRecord, Filter, FilterElement } from 'adminjs';
import { FindOperator, In, type BaseEntity } from 'typeorm';

/** A TypeORM `where` fragment: column → operator, or relation → nested `where`. */
export type WhereFragment = Record<string, FindOperator<unknown> | Record<string, unknown>>;

/**
 * A list filter the adapter translates itself: the value of `filters.<key>` (a string in the URL)
 * becomes a `where` fragment. The key may be a column (replacing the adapter's own filter on it) or a
 * virtual property declared in the resource options (`isVisible: { filter: true }`).
 */
export type ListFilter = (value: string) => WhereFragment | null;

export interface AdapterOptions {
  /** Foreign keys to an entity without an AdminJS resource: shown as plain numbers. */
  plainKeys?: string[];
  filters?: Record<string, ListFilter>;
  /**
   * Fills virtual columns of the listed or shown rows (e.g. the partner of a habilitation). It runs
   * inside `find` / `findOne`, before AdminJS loads the referenced records: a column filled by an
   * `after` hook would show the bare id instead of the partner's name.
   */
  fill?: (records: BaseRecord[]) => Promise<void>;
}

/** Several values of a select filter, comma-separated (« recue,incomplete »): any of them matches. */
export const anyOf = (column: string): ListFilter => (value) => {
  const values = value.split(',').map((v) => v.trim()).filter(Boolean);
  return values.length ? { [column]: In(values) } : null;
};

/** A filter through a relation: `filters.partnerId=5` on habilitations → `convention.partnerId = 5`. */
export const through = (relation: string, column: string): ListFilter => (value) => {
  const id = Number(value);
  return Number.isInteger(id) && id > 0 ? { [relation]: { [column]: id } } : { [relation]: { [column]: In([]) } };
};

class FilteredResource extends TypeormResource {
  constructor(model: typeof BaseEntity, private readonly options: AdapterOptions) {
    super(model);
  }

  override async count(filter: Filter): Promise<number> {
    return super.count(this.translate(filter));
  }

  override async find(filter: Filter, params: Parameters<TypeormResource['find']>[1]): Promise<BaseRecord[]> {
    const records = await super.find(this.translate(filter), params);
    await this.options.fill?.(records);
    return records;
  }

  override async findOne(id: string | number): Promise<BaseRecord | null> {
    const record = await super.findOne(id);
    if (record) await this.options.fill?.([record]);
    return record;
  }

  /**
   * The filter with our keys replaced by `custom` conditions, which the adapter passes to TypeORM
   * as they are (its CustomParser). Fragments on the same relation are merged (partner + profile).
   */
  private translate(filter: Filter): Filter {
    const own = this.options.filters ?? {};
    if (!filter?.filters || !Object.keys(filter.filters).some((key) => key in own)) return filter;
    const filters: Record<string, FilterElement & { custom?: unknown }> = {};
    const fragments: WhereFragment[] = [];
    for (const [key, element] of Object.entries(filter.filters)) {
      const translateOne = own[key];
      if (!translateOne) filters[key] = element;
      else {
        const fragment = translateOne(String(element.value ?? ''));
        if (fragment) fragments.push(fragment);
      }
    }
    for (const fragment of fragments) {
      for (const [column, condition] of Object.entries(fragment)) {
        const previous = filters[column]?.custom;
        const merged = isPlainObject(previous) && isPlainObject(condition) ? { ...previous, ...condition } : condition;
        filters[column] = { path: column, property: this.property(column) as FilterElement['property'], value: '', custom: merged };
      }
    }
    return Object.assign(Object.create(Object.getPrototypeOf(filter) as object) as Filter, filter, { filters });
  }
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !(value instanceof FindOperator);

/**
 * The adapter of a resource definition. Use it as a getter,
 * `get resource() { return adapterFor(Entity, { plainKeys: ['scanId'] }); }`: the adapter reads the
 * entity metadata, so it can only be built once the DataSource is initialised (when AdminJS
 * starts), and each AdminJS instance gets its own.
 *
 * `plainKeys`: the stock adapter makes every foreign key a reference, and AdminJS then fails on
 * every list and show when the referenced resource is not registered (scanId → Scan: scans are
 * served by the download route GET /admin/scans/:id); these keys become plain numbers.
 */
export function adapterFor(entity: typeof BaseEntity, options: AdapterOptions = {}): TypeormResource {
  const resource = new FilteredResource(entity, options);
  for (const key of options.plainKeys ?? []) {
    const property = resource.property(key);
    if (!property) throw new Error(`${entity.name}.${key} n'est pas une colonne`);
    Object.defineProperty(property, 'reference', { value: () => null });
  }
  return resource;
}
