import { BaseEntity, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DateOnly, Int, Text, UpdatedAt, VarChar } from './columns.js';
import { Convention } from './convention.entity.js';
import type { Civility } from './partner.entity.js';
import type { HabilitationState } from '../domain/habilitation/habilitation.workflow.js';


/** A partner agent's personal access to Cafpro. The password is never stored here. */
@Entity('habilitation')
// The list by state, in its order (last name, folded: the French sort).
@Index(['status', 'lastNameFolded', 'firstNameFolded'])
// The name search (prefix of the folded last name) and the list in its order.
@Index(['lastNameFolded', 'firstNameFolded'])
export class Habilitation extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  /** Generated, unique, never reused. */
  @Index({ unique: true }) @VarChar(20) identifier: string;
  @Index() @Int() conventionId: number;
  @ManyToOne(() => Convention, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'conventionId' }) convention: Relation<Convention>;
  @Int({ nullable: true }) accessRequestId: number | null;
  @VarChar(8) civility: Civility;
  @Index() @VarChar(100) lastName: string;
  @VarChar(100) firstName: string;
  @Index() @VarChar(254) email: string;
  /** Folded copies for the search and the French sort (src/domain/search/folded-columns.ts). */
  @VarChar(120, { default: '' }) lastNameFolded: string;
  @Index() @VarChar(120, { default: '' }) firstNameFolded: string;
  @Index() @VarChar(254, { default: '' }) emailFolded: string;
  /** Fonction of the agent. */
  @VarChar(120) position: string;
  /** Extra access code when the profile needs one (code bailleur…). */
  @VarChar(50, { nullable: true }) accessCode: string | null;
  @Index() @DateOnly() grantedDate: string;
  /** CDD end date: the habilitation ends with the contract. */
  @Index() @DateOnly({ nullable: true }) endDate: string | null;
  /** The last « fin de CDD » notice sent for the current end date (days before it), null when none: sent once each. */
  @Int({ nullable: true }) contractEndNoticeDays: number | null;
  @Index() @VarChar(16, { default: 'active' }) status: HabilitationState;
  @VarChar(32, { nullable: true }) statusReason: string | null;
  @Text({ nullable: true }) statusDetails: string | null;
  @DateOnly({ nullable: true }) suspendedDate: string | null;
  @DateOnly({ nullable: true }) revokedDate: string | null;
  /** Reissue after loss or theft: the habilitation this one replaces. */
  @Int({ nullable: true }) replacesId: number | null;
  @DateOnly({ nullable: true }) passwordChangedDate: string | null;
  @Index() @DateOnly({ nullable: true }) nextPasswordChangeDate: string | null;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
