import { BaseEntity, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Bool, CreatedAt, DateOnly, Int, Text, VarChar } from './columns.js';
import { Convention } from './convention.entity.js';
import type { Civility } from './partner.entity.js';
import { Scan } from './scan.entity.js';

/** Responsable habilitations: one designation per row; a new designation supersedes the current one. */
@Entity('habilitation_manager')
// The name search (prefix of the folded last name) and the list sorted by name.
@Index(['lastNameFolded', 'firstNameFolded'])
export class HabilitationManager extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  /** Reference printed on the designation form (RH-2026-000123, QR code): one paper is recorded once. */
  @Index({ unique: true }) @VarChar(32, { nullable: true }) formReference: string | null;
  @Index() @Int() conventionId: number;
  @ManyToOne(() => Convention, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'conventionId' }) convention: Relation<Convention>;
  @VarChar(8) civility: Civility;
  @VarChar(100) lastName: string;
  @VarChar(100) firstName: string;
  /** Only when different from the partner's address. */
  @Text({ nullable: true }) address: string | null;
  @VarChar(20) phone: string;
  @VarChar(20, { nullable: true }) fax: string | null;
  @VarChar(254) email: string;
  /** Folded copies for the search and the French sort (src/domain/search/folded-columns.ts). */
  @VarChar(120, { default: '' }) lastNameFolded: string;
  @VarChar(120, { default: '' }) firstNameFolded: string;
  @Index() @VarChar(254, { default: '' }) emailFolded: string;
  @DateOnly() designationDate: string;
  /** Set when a newer designation supersedes this one. */
  @DateOnly({ nullable: true }) endDate: string | null;
  /** = conventionId while current, NULL once superseded: the unique index allows one current
   *  designation per convention, even under concurrent recording (NULLs never collide). */
  @Index({ unique: true }) @Int({ nullable: true }) currentFor: number | null;
  /** « Le signataire est le responsable » (the form allows it). */
  @Bool(false) isSignatory: boolean;
  @Int({ nullable: true }) scanId: number | null;
  @ManyToOne(() => Scan, { nullable: true }) @JoinColumn({ name: 'scanId' }) scan: Relation<Scan> | null;
  @Int({ nullable: true }) recordedById: number | null;
  @CreatedAt() createdAt: Date;
}
