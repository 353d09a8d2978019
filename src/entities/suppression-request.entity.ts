import { BaseEntity, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Bool, CreatedAt, DateOnly, DateTime, Int, Text, UpdatedAt, VarChar } from './columns.js';
import { Habilitation } from './habilitation.entity.js';
import { Scan } from './scan.entity.js';
import type { SuppressionRequestState } from '../domain/suppression-request/suppression-request.workflow.js';


/** Demande de suppression d'accès: the partner asks to end an agent's habilitation. */
@Entity('suppression_request')
export class SuppressionRequest extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  /** Reference printed on the paper form (QR code): one paper is recorded once. */
  @Index({ unique: true }) @VarChar(32, { nullable: true }) formReference: string | null;
  @Index() @Int() habilitationId: number;
  @ManyToOne(() => Habilitation, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'habilitationId' }) habilitation: Relation<Habilitation>;
  @VarChar(120) position: string;
  /** « à compter de »: the revocation date asked for. */
  @Index() @DateOnly() effectiveDate: string;
  @Index() @DateOnly() receivedDate: string;
  @Bool(false) employerSigned: boolean;
  @Int({ nullable: true }) scanId: number | null;
  @ManyToOne(() => Scan, { nullable: true }) @JoinColumn({ name: 'scanId' }) scan: Relation<Scan> | null;
  @Index() @VarChar(16, { default: 'recue' }) status: SuppressionRequestState;
  @Text({ nullable: true }) rejectionReason: string | null;
  /** When the revocation actually happened (now, or later by the daily job). */
  @DateOnly({ nullable: true }) revokedDate: string | null;
  @DateTime({ nullable: true }) decidedAt: Date | null;
  @Int({ nullable: true }) decidedById: number | null;
  @Int({ nullable: true }) recordedById: number | null;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
