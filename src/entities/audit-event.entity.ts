import { BaseEntity, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Bool, DateTime, Int, Text, VarChar } from './columns.js';

/** Journal: every login attempt and every decision. Rows are never edited nor deleted by anyone
 *  (the purges — connection traces after 6 months, convention art. 3; decisions after the legal duration
 *  in the Settings — are a job). */
@Entity('audit_event')
// « Historique »: one record's entries, newest first, from the index alone.
@Index(['entityType', 'entityId', 'occurredAt'])
// The journal of one action, newest first; the purge of the connection traces (action, age).
@Index(['action', 'occurredAt'])
export class AuditEvent extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Index() @DateTime() occurredAt: Date;
  @VarChar(64) action: string;
  @Int({ nullable: true }) actorId: number | null;
  @VarChar(254, { nullable: true }) actorEmail: string | null;
  @VarChar(48, { nullable: true }) entityType: string | null;
  @VarChar(64, { nullable: true }) entityId: string | null;
  @VarChar(32, { nullable: true }) fromState: string | null;
  @VarChar(32, { nullable: true }) toState: string | null;
  @Text({ nullable: true }) reason: string | null;
  /** JSON of what changed. */
  @Text({ nullable: true }) details: string | null;
  @VarChar(64, { nullable: true }) ip: string | null;
  @VarChar(255, { nullable: true }) userAgent: string | null;
  /** Set by the Administrateur: the purge keeps the row. */
  @Bool(false) legalHold: boolean;
}
