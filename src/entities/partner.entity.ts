import { BaseEntity, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt, VarChar } from './columns.js';

export const PARTNER_TYPES = [
  'commune', 'ccas-cias', 'conseil-departemental', 'bailleur-social', 'association', 'etablissement-accueil', 'autre',
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];
export const CIVILITIES = ['Madame', 'Monsieur'] as const;
export type Civility = (typeof CIVILITIES)[number];

/** Partenaire: the organisation that signs the convention. */
@Entity('partner')
export class Partner extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Index() @VarChar(200) name: string;
  /** The name folded (search, French sort): src/domain/search/folded-columns.ts. */
  @Index() @VarChar(220, { default: '' }) nameFolded: string;
  @Index() @VarChar(32) type: PartnerType;
  /** 14 digits, Luhn-valid, unique. */
  @Index({ unique: true }) @VarChar(14) siret: string;
  @VarChar(200) addressLine1: string;
  @VarChar(200, { nullable: true }) addressLine2: string | null;
  @VarChar(5) postalCode: string;
  @Index() @VarChar(100) city: string;
  @VarChar(8) representativeCivility: Civility;
  @VarChar(120) representativeName: string;
  /** e.g. « Maire », « Président ». */
  @VarChar(120) representativeTitle: string;
  @VarChar(20, { nullable: true }) phone: string | null;
  @VarChar(254, { nullable: true }) email: string | null;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
