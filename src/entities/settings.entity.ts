import { BaseEntity, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Bool, Int, UpdatedAt, VarChar } from './columns.js';
import type { Civility } from './partner.entity.js';

/** Paramètres de la Caf: one row, edited by the Administrateur, read through one function. */
@Entity('settings')
export class Settings extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @VarChar(120) cafName: string;
  @VarChar(120) addressLine1: string;
  @VarChar(120, { nullable: true }) addressLine2: string | null;
  @VarChar(5) postalCode: string;
  @VarChar(100) city: string;
  @VarChar(120, { nullable: true }) website: string | null;
  /** Forms are addressed to « Madame le Directeur général » / « Monsieur le Directeur général ». */
  @VarChar(8, { default: 'Madame' }) directorCivility: Civility;
  @VarChar(120) directorName: string;
  @VarChar(120) directorTitle: string;
  /** Signatory « par délégation », when the director delegates. */
  @VarChar(120, { nullable: true }) delegateName: string | null;
  @VarChar(120, { nullable: true }) delegateTitle: string | null;
  @VarChar(120) contactName: string;
  @VarChar(20) contactPhone: string;
  @VarChar(254) contactEmail: string;
  @VarChar(3) departmentCode: string;
  @VarChar(8, { default: '' }) numberSuffix: string;
  @Int({ default: 90 }) renewalLeadDays: number;
  @Int({ default: 90 }) passwordPeriodDays: number;
  @Int({ default: 15 }) passwordNoticeDays: number;
  /** Connection traces kept this many months (convention art. 3: 6 months; never less). */
  @Int({ default: 6 }) traceRetentionMonths: number;
  /** An incomplete access request without complement: reminder after this many days, closure after that many. */
  @Int({ default: 30 }) incompleteReminderDays: number;
  @Int({ default: 90 }) incompleteClosureDays: number;
  /** « Fin de CDD » notices to the responsable, days before the end: a list, « 14,1 » (contract-end-notices.ts). */
  @VarChar(40, { default: '14,1' }) contractEndNoticeDays: string;
  /** Sent emails kept this many months, then purged by the daily job. */
  @Int({ default: 12 }) sentEmailRetentionMonths: number;
  /** Decision entries of the journal kept this many years (the legal duration the Caf sets), unless held. */
  @Int({ default: 5 }) decisionRetentionYears: number;
  /** « Double contrôle »: the agent who recorded a request may not decide it. */
  @Bool(false) doubleCheck: boolean;
  /** Reminders of a recertification not returned, days before its due date: a list, « 30,7 » (recertification.rules.ts). */
  @VarChar(40, { default: '30,7' }) recertificationReminderDays: string;
  @UpdatedAt() updatedAt: Date;
}
