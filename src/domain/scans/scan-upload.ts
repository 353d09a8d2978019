// Scans of signed paper forms: PDF, JPEG or PNG only, recognised by their content (magic bytes, not
// the name or the browser's claim), at most 10 MB, stored outside any public folder.
import { readFile } from 'node:fs/promises';
import type { EntityManager } from 'typeorm';
import { Scan } from '../../entities/scan.entity.js';
import type { FileStorage } from '../../adapters/storage.js';
import { accepted, rejected, type Checked } from '../shared/validators.js';

export const MAX_SCAN_BYTES = 10 * 1024 * 1024;

const SIGNATURES: Array<{ mime: string; ext: string; bytes: number[] }> = [
  { mime: 'application/pdf', ext: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { mime: 'image/jpeg', ext: 'jpg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', ext: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
];

export function detectScanType(content: Buffer): { mime: string; ext: string } | null {
  return SIGNATURES.find((s) => s.bytes.every((b, i) => content[i] === b)) ?? null;
}

/** An uploaded file as express-formidable hands it over. */
export interface UploadedFile { path: string; name?: string; size: number }

export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && typeof (value as UploadedFile).path === 'string' && typeof (value as UploadedFile).size === 'number';
}

export async function storeScan(manager: EntityManager, storage: FileStorage, file: UploadedFile, uploadedById: number | null): Promise<Checked<Scan>> {
  if (file.size === 0) return rejected('Le fichier est vide.');
  if (file.size > MAX_SCAN_BYTES) return rejected('Le fichier dépasse 10 Mo : numérisez en résolution plus faible ou en noir et blanc.');
  const content = await readFile(file.path);
  const type = detectScanType(content);
  if (!type) return rejected('Format refusé : seuls les fichiers PDF, JPEG et PNG sont acceptés.');
  const stored = await storage.store(`scans/${new Date().getUTCFullYear()}`, type.ext, content);
  const scan = await manager.save(Scan, {
    originalName: (file.name ?? `scan.${type.ext}`).slice(0, 255), mimeType: type.mime, size: content.length,
    sha256: stored.sha256, storagePath: stored.path, uploadedById,
  });
  return accepted(scan);
}

/** The scan of a paper form when one was attached (optional): its id, null without a file, or why it is refused. */
export async function storeOptionalScan(
  manager: EntityManager, storage: FileStorage, file: unknown, uploadedById: number | null,
): Promise<Checked<number | null>> {
  if (!isUploadedFile(file)) return accepted(null);
  const stored = await storeScan(manager, storage, file, uploadedById);
  return stored.ok ? accepted(stored.value.id) : stored;
}
