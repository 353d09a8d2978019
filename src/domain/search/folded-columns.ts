// The names people search and sort by, kept folded next to the original (issues 13 §2 and §4, 14):
// « Hélène  LEFÈVRE » is also stored as « helene lefevre », indexed. A prefix match on the folded
// column (`LIKE 'lef%'`) reads a range of its index where `LIKE '%Lef%'` read the whole table, and the
// list sorted on it puts « Benali » before « BERNARD » and « Émile » with the E's on SQLite as on
// MariaDB. Every write fills them: the TypeORM subscriber below sees save(), insert(), update() and
// the query builders (plain objects included); the one raw bulk INSERT (the import) calls
// withFoldedColumns itself.
import { EventSubscriber, type EntitySubscriberInterface, type InsertEvent, type ObjectLiteral, type UpdateEvent } from 'typeorm';
import { foldEmail, foldName } from '../shared/normalize.js';

type Fold = (value: string) => string;
/**
 * How a filter matches the folded value: « starts with » reads a range of the index (the persons:
 * 500,000 habilitations at national volume); a partner is looked for by any word of its name
 * (« Poissy » in « Commune de Poissy »), which « contains » on the folded column finds among 20,000
 * short names in a few milliseconds.
 */
export type FoldedMatch = 'prefix' | 'contains';
export interface FoldedColumn { source: string; fold: Fold; match: FoldedMatch }

const person = (source: string, fold: Fold): FoldedColumn => ({ source, fold, match: 'prefix' });
const PERSON = { lastNameFolded: person('lastName', foldName), firstNameFolded: person('firstName', foldName), emailFolded: person('email', foldEmail) };

/** Per entity (class name): folded column → what it folds. */
export const FOLDED_COLUMNS: Record<string, Record<string, FoldedColumn>> = {
  Partner: { nameFolded: { source: 'name', fold: foldName, match: 'contains' } },
  Habilitation: PERSON,
  AccessRequest: PERSON,
  HabilitationManager: PERSON,
};

/** The folded twin of a column (lastName → lastNameFolded), or null. */
export function foldedColumnOf(entity: string, column: string): (FoldedColumn & { column: string }) | null {
  for (const [folded, spec] of Object.entries(FOLDED_COLUMNS[entity] ?? {})) {
    if (spec.source === column) return { column: folded, ...spec };
  }
  return null;
}

/** True for a folded column: an internal copy, never shown nor edited. */
export const isFoldedColumn = (entity: string, column: string): boolean => column in (FOLDED_COLUMNS[entity] ?? {});

/**
 * Sets the folded columns of the values a write carries (in place, and returned). A partial update
 * that does not touch a source leaves its folded twin alone; a value that is not a string (an SQL
 * expression of a query builder) is not folded.
 */
export function withFoldedColumns<T extends ObjectLiteral>(entity: string, values: T): T {
  const columns = FOLDED_COLUMNS[entity];
  if (!columns || !values) return values;
  const row = values as Record<string, unknown>;
  for (const [folded, { source, fold }] of Object.entries(columns)) {
    const value = row[source];
    if (typeof value === 'string') row[folded] = fold(value);
  }
  return values;
}

/** Registered with the DataSource (src/db/data-source.ts): every insert and update goes through it. */
@EventSubscriber()
export class FoldedColumnsSubscriber implements EntitySubscriberInterface {
  beforeInsert(event: InsertEvent<ObjectLiteral>): void {
    withFoldedColumns(event.metadata.name, event.entity);
  }

  beforeUpdate(event: UpdateEvent<ObjectLiteral>): void {
    if (event.entity) withFoldedColumns(event.metadata.name, event.entity);
  }
}
