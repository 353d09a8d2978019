import { BaseEntity, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, Int, VarChar } from './columns.js';

/** Scan of a signed paper form (PDF/JPEG/PNG checked by content), stored outside any public folder. */
@Entity('scan')
export class Scan extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  @VarChar(255) originalName: string;
  @VarChar(64) mimeType: string;
  @Int() size: number;
  @VarChar(64) sha256: string;
  /** Path relative to the storage root. */
  @VarChar(255) storagePath: string;
  @Int({ nullable: true }) uploadedById: number | null;
  @CreatedAt() createdAt: Date;
}
