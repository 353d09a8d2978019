import { BaseEntity, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DateTime, Int, VarChar } from './columns.js';

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
  /** Outgoing register (letters): number per year. */
  @Int({ nullable: true }) registerYear: number | null;
  @Int({ nullable: true }) registerNumber: number | null;
  /** Avoids duplicates of a document that must exist once (e.g. one renewal notice per anniversary). */
  @Index({ unique: true }) @VarChar(128, { nullable: true }) dedupeKey: string | null;
  /**
   * JSON of what the document was made from besides its subject's records and its numbers: the
   * printed date, a suppression form's « à compter de », a renewal notice's anniversary. A lost
   * file is regenerated from them (document-regeneration.ts). Null on documents made before.
   */
  @VarChar(255, { nullable: true }) parameters: string | null;
  @VarChar(255) storagePath: string;
  @VarChar(64) sha256: string;
  @Int() size: number;
  @Int({ nullable: true }) generatedById: number | null;
  @Index() @DateTime() generatedAt: Date;
}
