import { BaseEntity, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { DateTime, Int, VarChar } from './columns.js';
import { PasswordCampaign } from './password-campaign.entity.js';

export const RECIPIENT_STATUSES = ['en-attente', 'envoye', 'echec'] as const;
export type RecipientStatus = (typeof RECIPIENT_STATUSES)[number];

/** One user informed by a campaign, with the delivery status (proof of notice). */
@Entity('password_campaign_recipient')
@Index(['campaignId', 'habilitationId'], { unique: true })
export class PasswordCampaignRecipient extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Int() campaignId: number;
  @ManyToOne(() => PasswordCampaign, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'campaignId' }) campaign: Relation<PasswordCampaign>;
  @Index() @Int() habilitationId: number;
  @VarChar(254) email: string;
  @Index() @VarChar(16, { default: 'en-attente' }) status: RecipientStatus;
  @Int({ nullable: true }) outboxEmailId: number | null;
  @DateTime({ nullable: true }) sentAt: Date | null;
}
