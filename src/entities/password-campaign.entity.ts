import { BaseEntity, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, DateOnly, DateTime, Int, VarChar } from './columns.js';

export const CAMPAIGN_SCOPES = ['all', 'partner', 'convention', 'profile'] as const;
export type CampaignScope = (typeof CAMPAIGN_SCOPES)[number];
export const CAMPAIGN_STATUSES = ['planifiee', 'notifiee', 'appliquee'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Campagne de changement de mot de passe: users are informed beforehand (service overview). */
@Entity('password_campaign')
export class PasswordCampaign extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Index() @DateOnly() changeDate: string;
  @VarChar(16) scope: CampaignScope;
  @Int({ nullable: true }) scopePartnerId: number | null;
  @Int({ nullable: true }) scopeConventionId: number | null;
  @Int({ nullable: true }) scopeProfileId: number | null;
  /** Notice sent this many days before the change date. */
  @Int() noticeDays: number;
  @Index() @VarChar(16, { default: 'planifiee' }) status: CampaignStatus;
  @DateTime({ nullable: true }) noticesQueuedAt: Date | null;
  @DateTime({ nullable: true }) appliedAt: Date | null;
  @Int({ nullable: true }) createdById: number | null;
  @CreatedAt() createdAt: Date;
}
