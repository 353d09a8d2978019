import { BaseEntity, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DateTime, Int, VarChar } from './columns.js';
import { StaffUser } from './staff-user.entity.js';

/** A single-use recovery code of an agent's second factor, kept as the SHA-256 of the code (hex). */
@Entity('staff_recovery_code')
@Index(['staffUserId', 'codeHash'], { unique: true })
export class StaffRecoveryCode extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Int() staffUserId: number;
  @ManyToOne(() => StaffUser, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'staffUserId' }) staffUser: Relation<StaffUser>;
  @VarChar(64) codeHash: string;
  /** Set when the code is used: it never works again. */
  @DateTime({ nullable: true }) usedAt: Date | null;
  @CreatedAt() createdAt: Date;
}
