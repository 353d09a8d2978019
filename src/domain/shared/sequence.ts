// Named counters (SequenceCounter): the next value of a numbering (register number per year, form
// references, habilitation identifiers…), unique and never reused, also with two server instances.
// Must run inside the caller's transaction: the UPDATE locks the row (MySQL) or the database (SQLite)
// until commit, so concurrent callers are serialised, and a rolled-back caller gives its number back
// only if nothing else was committed with it.
import type { EntityManager } from 'typeorm';
import { SequenceCounter } from '../../entities/sequence-counter.entity.js';

export async function nextSequenceValue(manager: EntityManager, name: string): Promise<number> {
  if (!manager.queryRunner?.isTransactionActive) throw new Error(`nextSequenceValue(${name}) must run inside a transaction`);
  // Create the row first if needed; a concurrent creator makes our insert fail, which is fine.
  await manager.createQueryBuilder().insert().into(SequenceCounter).values({ name, value: 0 }).orIgnore().execute();
  await manager.createQueryBuilder().update(SequenceCounter).set({ value: () => 'value + 1' }).where('name = :name', { name }).execute();
  const row = await manager.findOneByOrFail(SequenceCounter, { name });
  return row.value;
}
