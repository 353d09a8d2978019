import { BaseEntity, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Bool, CreatedAt, DateOnly, DateTime, Int, Text, UpdatedAt, VarChar } from './columns.js';
import { Convention } from './convention.entity.js';
import type { Civility } from './partner.entity.js';
import { Scan } from './scan.entity.js';
import type { ContractType } from '../domain/access-request/access-request.checks.js';
import type { AccessRequestState } from '../domain/access-request/access-request.workflow.js';


/** Demande d'accès: the signed paper form of a partner agent, recorded by the Caf. */
@Entity('access_request')
// The queue « reçues » / « incomplètes », in its order (date of receipt).
@Index(['status', 'receivedDate'])
// The name search (prefix of the folded last name) and the list sorted by name.
@Index(['lastNameFolded', 'firstNameFolded'])
export class AccessRequest extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  /** Reference printed on the pre-filled form (e.g. DA-2026-000123), when it came from one. */
  /** Reference printed on the paper form (QR code): one paper is recorded once. */
  @Index({ unique: true }) @VarChar(32, { nullable: true }) formReference: string | null;
  @Index() @Int() conventionId: number;
  @ManyToOne(() => Convention, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'conventionId' }) convention: Relation<Convention>;
  @VarChar(8) civility: Civility;
  @Index() @VarChar(100) lastName: string;
  @VarChar(100) firstName: string;
  @Text() professionalAddress: string;
  @VarChar(20) phone: string;
  @VarChar(20, { nullable: true }) fax: string | null;
  @VarChar(254) email: string;
  /** Folded copies for the search and the French sort (src/domain/search/folded-columns.ts). */
  @VarChar(120, { default: '' }) lastNameFolded: string;
  @Index() @VarChar(120, { default: '' }) firstNameFolded: string;
  @Index() @VarChar(254, { default: '' }) emailFolded: string;
  @VarChar(120) position: string;
  @VarChar(3) contractType: ContractType;
  @DateOnly({ nullable: true }) contractEndDate: string | null;
  @Index() @DateOnly() receivedDate: string;
  /** « lu et approuvé » signatures of the user and of the employer. */
  @Bool(false) userSigned: boolean;
  @Bool(false) employerSigned: boolean;
  @Int({ nullable: true }) scanId: number | null;
  @ManyToOne(() => Scan, { nullable: true }) @JoinColumn({ name: 'scanId' }) scan: Relation<Scan> | null;
  @Index() @VarChar(16, { default: 'recue' }) status: AccessRequestState;
  @VarChar(32, { nullable: true }) incompleteReason: string | null;
  @Text({ nullable: true }) incompleteDetails: string | null;
  @DateOnly({ nullable: true }) incompleteSince: string | null;
  @DateOnly({ nullable: true }) complementReceivedDate: string | null;
  /** Day the reminder for a missing complement went out (incomplete-follow-up.ts). */
  @DateOnly({ nullable: true }) incompleteReminderSentOn: string | null;
  /** Day it was « classée sans suite », no complement having come back in time. */
  @DateOnly({ nullable: true }) closedOn: string | null;
  @Text({ nullable: true }) refusalReason: string | null;
  @DateTime({ nullable: true }) decidedAt: Date | null;
  @Int({ nullable: true }) decidedById: number | null;
  @Int({ nullable: true }) recordedById: number | null;
  @Int({ nullable: true }) habilitationId: number | null;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
