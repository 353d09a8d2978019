import { BaseEntity, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DateOnly, DateTime, Int, Text, UpdatedAt, VarChar } from './columns.js';
import { Convention } from './convention.entity.js';
import { Scan } from './scan.entity.js';
import type { RecertificationOrigin, RecertificationState } from '../domain/recertification/recertification.rules.js';

/**
 * Recertification annuelle (issue 15 §1): one per renewal notice issued (convention, anniversary), with
 * the list of habilitations frozen when the notice was produced (RecertificationLine), the reference
 * printed on the notice, the last day to denounce as its due date, and what came back. A new responsable
 * habilitations designated gets one too, outside the anniversary (origin « nouveau-responsable »).
 */
@Entity('recertification')
// One list per convention, day and origin: a new responsable designated on an anniversary has their own.
@Index(['conventionId', 'anniversary', 'origin'], { unique: true })
export class Recertification extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Int() conventionId: number;
  @ManyToOne(() => Convention, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'conventionId' }) convention: Relation<Convention>;
  /** The anniversary the renewal notice announces; for a new responsable's list, the day it was produced (its lines' default date). */
  @DateOnly() anniversary: string;
  /** « anniversaire » (the yearly renewal notice) or « nouveau-responsable » (a new responsable habilitations designated). */
  @VarChar(24, { default: 'anniversaire' }) origin: RecertificationOrigin;
  /** The designation that opened it (origin « nouveau-responsable »): its responsable received the list. */
  @Index() @Int({ nullable: true }) habilitationManagerId: number | null;
  /** The renewal notice (Document) the list was printed on; a notice issued again in place of a lost one takes over. */
  @Index() @Int() documentId: number;
  /** The notice's reference (register number), typed or scanned in « Saisir une référence ». */
  @Index() @VarChar(32, { nullable: true }) reference: string | null;
  /** The last day to denounce (convention.rules.ts renewalDeadlines): the partner answers by then. */
  @Index() @DateOnly() dueDate: string;
  @Index() @VarChar(16, { default: 'envoyee' }) status: RecertificationState;
  @DateOnly({ nullable: true }) returnedDate: string | null;
  @Int({ nullable: true }) scanId: number | null;
  @ManyToOne(() => Scan, { nullable: true }) @JoinColumn({ name: 'scanId' }) scan: Relation<Scan> | null;
  /** Who signed the returned list at the partner. */
  @VarChar(160, { nullable: true }) signatory: string | null;
  @DateTime({ nullable: true }) appliedAt: Date | null;
  @Int({ nullable: true }) appliedById: number | null;
  /** The per-line result of the return, as shown to the agent (one line each). */
  @Text({ nullable: true }) report: string | null;
  /** The last reminder sent, in days before the due date (a closer one only afterwards: once each). */
  @Int({ nullable: true }) reminderDays: number | null;
  @DateOnly({ nullable: true }) remindedOn: string | null;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
