import { BaseEntity, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { CreatedAt, DateOnly, Int, Text, UpdatedAt, VarChar } from './columns.js';
import type { ConventionKind } from '../domain/convention/convention.rules.js';
import { AccessProfile } from './access-profile.entity.js';
import { Partner, type Civility } from './partner.entity.js';
import { Scan } from './scan.entity.js';
import type { ConventionState } from '../domain/convention/convention.workflow.js';


/** Convention de service between the Caf and a partner, for one access profile. */
@Entity('convention')
@Index(['year', 'sequence'], { unique: true })
export class Convention extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  /** `{département}/{année}/{séquence}{suffixe} – {profil}`, generated, never reused. */
  @Index({ unique: true }) @VarChar(40) number: string;
  @Int() year: number;
  @Int() sequence: number;

  @Index() @Int() partnerId: number;
  @ManyToOne(() => Partner, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'partnerId' }) partner: Relation<Partner>;
  @Index() @Int() profileId: number;
  @ManyToOne(() => AccessProfile, { onDelete: 'RESTRICT' }) @JoinColumn({ name: 'profileId' }) profile: Relation<AccessProfile>;
  @VarChar(32, { default: 'cafpro' }) kind: ConventionKind;
  @Index() @VarChar(16, { default: 'brouillon' }) status: ConventionState;

  /** The partner's signatory (usually its legal representative). */
  @VarChar(8) signatoryCivility: Civility;
  @VarChar(120) signatoryName: string;
  @VarChar(120) signatoryTitle: string;

  @DateOnly({ nullable: true }) sentDate: string | null;
  @DateOnly({ nullable: true }) partnerSignedDate: string | null;
  @DateOnly({ nullable: true }) cafSignedDate: string | null;
  /** art. 5: effective on the signature date, for one year, tacitly renewed. */
  @Index() @DateOnly({ nullable: true }) effectiveDate: string | null;
  /** Who gave notice (« dénonciation »): 'caf' or 'partenaire'. */
  @VarChar(16, { nullable: true }) noticeParty: string | null;
  @DateOnly({ nullable: true }) noticeReceivedDate: string | null;
  @Index() @DateOnly({ nullable: true }) endDate: string | null;
  @Text({ nullable: true }) endReason: string | null;
  /** Optional cap on the number of active habilitations. */
  @Int({ nullable: true }) habilitationCap: number | null;

  @Int({ nullable: true }) signedScanId: number | null;
  @ManyToOne(() => Scan, { nullable: true }) @JoinColumn({ name: 'signedScanId' }) signedScan: Relation<Scan> | null;
  @Int({ nullable: true }) createdById: number | null;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
