import { BaseEntity, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateOnly, DateTime, Int, VarChar } from './columns.js';

/** Document généré: every PDF the back-office produces, with its hash, kept outside any public folder. */
@Entity('document')
@Index(['subjectType', 'subjectId'])
@Index(['registerYear', 'registerNumber'], { unique: true })
export class Document extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @Index() @VarChar(48) kind: string;
  @VarChar(48) subjectType: string;
  @Int() subjectId: number;
  @VarChar(255) title: string;
  /** Printed form reference (e.g. DA-2026-000123): scanning it opens the right record. */
  @Index({ unique: true }) @VarChar(32, { nullable: true }) reference: string | null;
  /** « à compter de » printed on a pre-filled suppression form: the reference lookup carries it back. */
  @DateOnly({ nullable: true }) effectiveFrom: string | null;
  /** Outgoing register (letters): number per year. */
  @Int({ nullable: true }) registerYear: number | null;
  @Int({ nullable: true }) registerNumber: number | null;
  /** Avoids duplicates of a document that must exist once (e.g. one renewal notice per anniversary). */
  @Index({ unique: true }) @VarChar(128, { nullable: true }) dedupeKey: string | null;
  @VarChar(255) storagePath: string;
  @VarChar(64) sha256: string;
  @Int() size: number;
  @Int({ nullable: true }) generatedById: number | null;
  @Index() @DateTime() generatedAt: Date;
}
