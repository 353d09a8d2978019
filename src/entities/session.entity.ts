import { BaseEntity, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateTime, Int, Text } from './columns.js';

/** express-session rows: sessions live in the database, never in memory. */
@Entity('session')
export class Session extends BaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 128 }) id: string;
  @Index() @DateTime() expiresAt: Date;
  @Int({ nullable: true }) staffUserId: number | null;
  @Text() data: string;
}
