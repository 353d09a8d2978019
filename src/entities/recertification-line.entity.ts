import { BaseEntity, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { DateOnly, Int, VarChar } from './columns.js';
import { Recertification } from './recertification.entity.js';
import type { HabilitationState } from '../domain/habilitation/habilitation.workflow.js';
import type { LineDecision, LineOutcome } from '../domain/recertification/recertification.rules.js';

/** One habilitation of the frozen list, as it was when the notice was produced, and what the return decided. */
@Entity('recertification_line')
export class RecertificationLine extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Index() @Int() recertificationId: number;
  @ManyToOne(() => Recertification, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'recertificationId' }) recertification: Relation<Recertification>;
  @Index() @Int() habilitationId: number;
  @VarChar(20) identifier: string;
  /** « Hélène LEFÈVRE », as printed. */
  @VarChar(210) name: string;
  @VarChar(16) statusThen: HabilitationState;
  @VarChar(16, { nullable: true }) decision: LineDecision | null;
  @DateOnly({ nullable: true }) effectiveDate: string | null;
  @VarChar(16, { nullable: true }) outcome: LineOutcome | null;
}
