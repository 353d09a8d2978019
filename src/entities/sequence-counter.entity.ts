import { BaseEntity, Entity, PrimaryColumn } from 'typeorm';
import { Int } from './columns.js';

/** Named counters (convention numbers per year, register numbers, form references, identifiers).
 *  Incremented with a row-locking UPDATE inside the caller's transaction: numbers are unique and
 *  never reused, even with two server instances. */
@Entity('sequence_counter')
export class SequenceCounter extends BaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 }) name: string;
  @Int({ default: 0 }) value: number;
}
