import { BaseEntity, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Bool, Text, VarChar } from './columns.js';
import type { ConventionKind } from '../domain/convention/convention.rules.js';


/** Profil d'accès (T1, T2, T3…): which data categories the partner's agents may see. */
@Entity('access_profile')
export class AccessProfile extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Index({ unique: true }) @VarChar(16) code: string;
  @VarChar(255) label: string;
  /** The « Catégories d'informations accessibles » of the profile annex. */
  @Text() dataCategories: string;
  /** Some profiles need an extra access code (code bailleur, numéro d'instructeur RSA…). */
  @Bool(false) needsAccessCode: boolean;
  @VarChar(100, { nullable: true }) accessCodeLabel: string | null;
  /** The « Partage des données dans le domaine social » annex applies (T1–T3). */
  @Bool(false) dataSharingAnnex: boolean;
  @VarChar(32, { default: 'cafpro' }) conventionKind: ConventionKind;
  @Bool(true) active: boolean;
}
