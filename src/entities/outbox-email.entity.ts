import { BaseEntity, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DateTime, Int, Text, VarChar } from './columns.js';

export const OUTBOX_STATUSES = ['en-attente', 'envoi', 'envoye', 'echec'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Courriel: written in the transaction of the change that causes it, sent later by the worker. */
@Entity('outbox_email')
@Index(['status', 'nextAttemptAt'])
@Index(['relatedType', 'relatedId'])
// « Courriels »: newest first, all or of one state (issue 14: a full scan and a sort for every page).
@Index(['status', 'createdAt'])
export class OutboxEmail extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Index() @VarChar(48) kind: string;
  /** Comma-separated addresses. */
  @Text() to: string;
  @Text({ nullable: true }) cc: string | null;
  @VarChar(255) subject: string;
  @Text() html: string;
  @Text() text: string;
  /** JSON array of Document ids attached. */
  @Text({ nullable: true }) attachments: string | null;
  @VarChar(48, { nullable: true }) relatedType: string | null;
  @VarChar(64, { nullable: true }) relatedId: string | null;
  @VarChar(16, { default: 'en-attente' }) status: OutboxStatus;
  @Int({ default: 0 }) attempts: number;
  @DateTime() nextAttemptAt: Date;
  @VarChar(64, { nullable: true }) claimedBy: string | null;
  @DateTime({ nullable: true }) claimedAt: Date | null;
  @DateTime({ nullable: true }) sentAt: Date | null;
  @Text({ nullable: true }) lastError: string | null;
  @Index() @CreatedAt() createdAt: Date;
}
