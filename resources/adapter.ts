// The TypeORM adapter of a resource, with what the stock one cannot do: every record created,
// corrected or deleted from the back-office forms is journaled in the same transaction (who, which
// fields, before → after), a deletion refused by a foreign key says why in French; and for the lists
// a gestionnaire works from: filters on several values at once, filters through a relation
// (habilitations of a partner), ready-made filters (« suppressions dues »), and foreign keys to
// entities AdminJS does not show (Scan). Every resource (those given as a bare entity too: the class
// is registered in src/admin/admin.ts) filters by equality on what names a value, `LIKE` on free text.
import { Resource as TypeormResource } from '@adminjs/typeorm';
import { BaseRecord, flat, ValidationError, type ActionContext, type BaseResource, type Filter, type FilterElement } from 'adminjs';
import { Equal, FindOperator, In, type BaseEntity, type DataSource, type EntityManager, type FindOptionsWhere, type Repository } from 'typeorm';
import { actorOfContext } from '../src/admin/context.js';
import { LIST_COUNT_LIMIT } from '../src/admin/list-count.js';
import { recordAudit, SYSTEM_ACTOR } from '../src/domain/audit/audit.js';
import { changedFields, journalValues, RECORD_ACTIONS } from '../src/domain/audit/record-changes.js';
import { foldedColumnOf, isFoldedColumn } from '../src/domain/search/folded-columns.js';
import { contains, startsWith } from '../src/domain/search/prefix-match.js';
import { forUpdate, isForeignKeyViolation, runInTransaction } from '../src/domain/shared/transaction.js';

export const DELETE_REFUSED = 'Suppression impossible : d’autres enregistrements s’y rattachent (conventions, habilitations, demandes…). '
  + 'Ils doivent être supprimés ou rattachés ailleurs d’abord.';

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
   * inside `find` / `findOne` / `findMany`, before AdminJS loads the referenced records: a column
   * filled by an `after` hook would show the bare id instead of the partner's name.
   */
  fill?: (records: BaseRecord[]) => Promise<void>;
}

/** Several values of a select filter, comma-separated (« recue,incomplete »): any of them matches. */
export const anyOf = (column: string): ListFilter => (value) => {
  const values = value.split(',').map((v) => v.trim()).filter(Boolean);
  return values.length ? { [column]: In(values) } : null;
};

/**
 * A filter through relations: `filters.partnerId=5` on habilitations, through('convention',
 * 'partnerId') → `convention.partnerId = 5`; on suppression requests, through('habilitation.convention',
 * 'partnerId'). An id that is not one matches nothing.
 */
export const through = (relations: string, column: string): ListFilter => (value) => {
  const id = Number(value);
  const condition: Record<string, unknown> = { [column]: Number.isInteger(id) && id > 0 ? id : In([]) };
  const [first, ...rest] = relations.split('.');
  return { [first]: rest.reduceRight<Record<string, unknown>>((inner, relation) => ({ [relation]: inner }), condition) };
};

type Row = BaseEntity & Record<string, unknown>;
type FilterEntry = FilterElement & { custom?: unknown };

/** Types whose filter is « contains » (`LIKE '%v%'`): free text. Everything else names a value. */
const FREE_TEXT_TYPES = new Set(['string', 'textarea', 'richtext', 'email', 'phone', 'password']);
const DATE_TYPES = new Set(['date', 'datetime']);
const NUMERIC_COLUMNS = new Set<unknown>([Number, 'int', 'integer', 'smallint', 'tinyint', 'bigint', 'decimal', 'float', 'double', 'real']);

/**
 * The stock adapter filters every string column with `LIKE '%v%'`: the history of habilitation 1234
 * listed those of 12344 and 512347 (issue 14), and a leading wildcard reads the whole table. Here the
 * property's type as the resource declares it decides: ids, references, numbers, booleans and
 * enumerated values (availableValues) are compared for equality, with the value converted to the
 * column's type (a number against a varchar would defeat its index on MySQL); dates stay ranges and
 * free text stays « contains ».
 * The names people search by have a folded twin (src/domain/search/folded-columns.ts): a filter on
 * one of them (the search box of a reference picker too) matches the twin, case and accents aside —
 * « starts with », read from its index, for the persons; a sort on one of them is the French sort.
 */
export class ExactFilterResource extends TypeormResource {
  private get repository(): Repository<BaseEntity> {
    return (this as unknown as { model: typeof BaseEntity }).model.getRepository();
  }

  private get entityName(): string {
    return this.repository.metadata.name;
  }

  // The folded twins are internal copies: no list, form or filter shows them.
  override properties(): ReturnType<TypeormResource['properties']> {
    return super.properties().filter((property) => !isFoldedColumn(this.entityName, property.path()));
  }

  /**
   * A list's total, counted up to LIST_COUNT_LIMIT + 1: the stock COUNT(*) read 2 million journal
   * rows on every page (0.65 s at national volume, issue 14), while the agent only needs « more than
   * 10 000 » there. The pagination then stops at the 10 000th row, which also bounds the OFFSET.
   */
  override async count(filter: Filter): Promise<number> {
    // COUNT(*) over the first LIST_COUNT_LIMIT + 1 matching rows: the database stops there, and no
    // row travels to the server.
    const primary = this.repository.metadata.primaryColumns[0].propertyName;
    const matching = this.repository.createQueryBuilder('e')
      .setFindOptions({ where: whereOf(this.translate(filter)), loadEagerRelations: false })
      .select(`e.${primary}`)
      .limit(LIST_COUNT_LIMIT + 1);
    const [sql, parameters] = matching.getQueryAndParameters();
    const [row] = await this.repository.manager.query(`SELECT COUNT(*) AS n FROM (${sql}) bounded`, parameters) as Array<{ n: number | string }>;
    return Number(row.n);
  }

  // The stock find, with the sort on a folded twin where there is one.
  override async find(filter: Filter, params: Parameters<TypeormResource['find']>[1]): Promise<BaseRecord[]> {
    const { limit = 10, offset = 0, sort = {} } = params;
    const sortBy = sort.sortBy && (foldedColumnOf(this.entityName, sort.sortBy)?.column ?? sort.sortBy);
    const instances = await this.repository.find({
      where: whereOf(this.translate(filter)),
      take: limit,
      skip: offset,
      order: sortBy ? { [sortBy]: (sort.direction || 'asc').toUpperCase() } : {},
    });
    return this.withoutFolded(instances.map((instance) => new BaseRecord(instance as unknown as Record<string, unknown>, this)));
  }

  override async findOne(id: string | number): Promise<BaseRecord | null> {
    const record = await super.findOne(id);
    return record && this.withoutFolded([record])[0];
  }

  override async findMany(ids: Array<string | number>): Promise<BaseRecord[]> {
    return this.withoutFolded(await super.findMany(ids));
  }

  /** The records without their folded copies: not sent to the browser, not in exports. */
  private withoutFolded(records: BaseRecord[]): BaseRecord[] {
    for (const record of records) for (const key of Object.keys(record.params)) if (isFoldedColumn(this.entityName, key)) delete record.params[key];
    return records;
  }

  protected translate(filter: Filter): Filter {
    if (!filter?.filters) return filter;
    const filters: Record<string, FilterEntry> = {};
    for (const [key, element] of Object.entries(filter.filters as Record<string, FilterEntry>)) {
      const folded = element.custom === undefined ? this.folded(key, element.value) : undefined;
      if (folded) {
        filters[folded.column] = { path: folded.column, property: this.property(folded.column) as FilterElement['property'], value: '', custom: folded.condition };
        continue;
      }
      const condition = element.custom === undefined ? this.exact(key, element.value) : undefined;
      filters[key] = condition === undefined ? element : { ...element, custom: condition };
    }
    return withFilters(filter, filters);
  }

  /** « Starts with » on the folded twin of a free-text filter, or undefined when it has none. */
  private folded(key: string, value: unknown): { column: string; condition: FindOperator<unknown> } | undefined {
    const twin = foldedColumnOf(this.entityName, key);
    if (!twin || typeof value !== 'string') return undefined;
    const prefix = twin.fold(value);
    if (!prefix) return undefined;
    const condition = twin.match === 'prefix' ? startsWith(this.repository.manager, prefix) : contains(prefix);
    return { column: twin.column, condition: condition as FindOperator<unknown> };
  }

  /** The equality condition of a filter, or undefined when the stock one (date range, « contains ») applies. */
  private exact(key: string, value: unknown): FindOperator<unknown> | undefined {
    const column = this.property(key)?.column;
    const declared = this.declared(key);
    if (!column || !declared || typeof value !== 'string') return undefined;
    const type = declared.type();
    if (DATE_TYPES.has(type)) return undefined;
    const named = declared.isId() || type === 'reference' || type === 'number' || type === 'boolean' || !!declared.availableValues();
    if (!named && FREE_TEXT_TYPES.has(type)) return undefined;
    const text = value.trim();
    if (type === 'boolean' || column.type === 'boolean') {
      return text === 'true' || text === 'false' ? Equal(text === 'true') : In([]);
    }
    if (!NUMERIC_COLUMNS.has(column.type)) return Equal(text);
    const number = Number(text);
    return text !== '' && Number.isFinite(number) ? Equal(number) : In([]);
  }

  /** The property as the resource options declare it (type, availableValues), once AdminJS decorated it. */
  private declared(key: string) {
    try {
      return this.decorate().getPropertyByKey(key) ?? null;
    } catch {
      return null;
    }
  }
}

const withFilters = (filter: Filter, filters: Record<string, FilterEntry>): Filter =>
  Object.assign(Object.create(Object.getPrototypeOf(filter) as object) as Filter, filter, { filters });

class BackOfficeResource extends ExactFilterResource {
  constructor(private readonly entity: typeof BaseEntity, private readonly options: AdapterOptions) {
    super(entity);
  }

  private get dataSource(): DataSource {
    return this.entity.getRepository().manager.connection;
  }

  /** AdminJS's form values converted to the column types (the stock adapter's own conversion). */
  private prepared(params: Record<string, unknown>): Record<string, unknown> {
    const adapter = this as unknown as { prepareParams(p: Record<string, unknown>): Record<string, unknown> };
    return flat.unflatten(adapter.prepareParams(params));
  }

  private journal(tx: EntityManager, context: ActionContext | undefined, action: string, id: unknown, details: Record<string, unknown>) {
    const actor = context ? actorOfContext(context) : SYSTEM_ACTOR;
    return recordAudit(tx, actor, { action, entityType: this.id(), entityId: String(id), details });
  }

  override async create(params: Record<string, unknown>, context?: ActionContext): Promise<Row> {
    const values = this.prepared(params);
    return runInTransaction(this.dataSource, async (tx) => {
      const saved = await tx.save(tx.create(this.entity, values) as Row);
      await this.journal(tx, context, RECORD_ACTIONS.create, saved[this.idName()], { values: journalValues(saved) });
      return saved;
    });
  }

  override async update(pk: string | number, params: Record<string, unknown> = {}, context?: ActionContext): Promise<Row> {
    const values = this.prepared(params);
    return runInTransaction(this.dataSource, async (tx) => {
      const row = await tx.findOne(this.entity, { where: { [this.idName()]: pk }, ...forUpdate(tx) }) as Row | null;
      if (!row) throw new ValidationError({}, { message: 'Cet enregistrement n’existe plus (il a peut-être été supprimé).' });
      const before = { ...row };
      Object.assign(row, values);
      const saved = await tx.save(row);
      const changes = changedFields(before, saved);
      if (Object.keys(changes).length) await this.journal(tx, context, RECORD_ACTIONS.edit, pk, { changes });
      return saved;
    });
  }

  override async delete(pk: string | number, context?: ActionContext): Promise<void> {
    try {
      await runInTransaction(this.dataSource, async (tx) => {
        const row = await tx.findOne(this.entity, { where: { [this.idName()]: pk }, ...forUpdate(tx) }) as Row | null;
        if (!row) return;
        const values = journalValues(row);
        await tx.remove(row);
        await this.journal(tx, context, RECORD_ACTIONS.delete, pk, { values });
      });
    } catch (error) {
      if (isForeignKeyViolation(error)) throw new ValidationError({}, { type: 'foreignKey', message: DELETE_REFUSED });
      throw error;
    }
  }

  override async find(filter: Filter, params: Parameters<TypeormResource['find']>[1]): Promise<BaseRecord[]> {
    const records = await super.find(filter, params);
    await this.options.fill?.(records);
    return records;
  }

  // findMany serves the references AdminJS shows in other lists (a suppression's habilitation).
  override async findMany(ids: Array<string | number>): Promise<BaseRecord[]> {
    const records = await super.findMany(ids);
    await this.options.fill?.(records);
    return records;
  }

  override async findOne(id: string | number): Promise<BaseRecord | null> {
    const record = await super.findOne(id);
    if (record) await this.options.fill?.([record]);
    return record;
  }

  /** The list's `where` for a filter (our filters translated), for a reader of all its rows (exports). */
  listWhere(filter: Filter): FindOptionsWhere<BaseEntity> {
    return whereOf(this.translate(filter));
  }

  async fillRecords(records: BaseRecord[]): Promise<void> {
    await this.options.fill?.(records);
  }

  /**
   * The filter with our keys replaced by `custom` conditions, which the adapter passes to TypeORM
   * as they are (its CustomParser). Fragments on the same relation are merged (partner + profile).
   * The other filters are then made exact by type (ExactFilterResource).
   */
  protected override translate(filter: Filter): Filter {
    const own = this.options.filters ?? {};
    if (!filter?.filters || !Object.keys(filter.filters).some((key) => key in own)) return super.translate(filter);
    const filters: Record<string, FilterEntry> = {};
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
    return super.translate(withFilters(filter, filters));
  }
}

/**
 * The TypeORM `where` the stock adapter builds for a filter. Its converter is not exported by the
 * package: its own `count` is run over a stand-in model that keeps the `where` it is given (the
 * conversion happens before the call, synchronously).
 */
function whereOf(filter: Filter): FindOptionsWhere<BaseEntity> {
  let where: FindOptionsWhere<BaseEntity> = {};
  const model = { count: (options: { where: FindOptionsWhere<BaseEntity> }) => { where = options.where; return Promise.resolve(0); } };
  void TypeormResource.prototype.count.call({ model } as unknown as TypeormResource, filter);
  return where;
}

/** What reads every row of a list (an export): the entity's repository, the list's `where`, the virtual columns. */
export interface ListReader {
  repository: Repository<BaseEntity>;
  where(filter: Filter): FindOptionsWhere<BaseEntity>;
  fill(records: BaseRecord[]): Promise<void>;
}

/** The reader of a resource's list, whether it uses adapterFor or the stock TypeORM adapter. */
export function listReader(resource: BaseResource): ListReader {
  const model = (resource as unknown as { model: typeof BaseEntity }).model;
  if (resource instanceof BackOfficeResource) {
    return { repository: model.getRepository(), where: (filter) => resource.listWhere(filter), fill: (records) => resource.fillRecords(records) };
  }
  return { repository: model.getRepository(), where: whereOf, fill: () => Promise.resolve() };
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
  const resource = new BackOfficeResource(entity, options);
  for (const key of options.plainKeys ?? []) {
    const property = resource.property(key);
    if (!property) throw new Error(`${entity.name}.${key} n'est pas une colonne`);
    Object.defineProperty(property, 'reference', { value: () => null });
  }
  return resource;
}
