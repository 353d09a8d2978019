// Files (scans of signed forms, generated documents) live in a storage that no one reaches but the
// app: a folder (DATA_DIR/files, the default, embedded) or an S3-compatible bucket (s3-storage.ts, for
// several instances on different hosts, issue 14 §4); they are only served through routes that check
// the policy. Each file is read back only against the SHA-256 recorded with its row (Document, Scan):
// a file changed or removed is never handed over as if it were the original. A file written inside a
// transaction (runInTransaction) is removed again if the transaction rolls back.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { onRollback } from '../domain/shared/transaction.js';

/** A row that points to a stored file: its path relative to the storage root and its SHA-256. */
export interface StoredFile {
  storagePath: string;
  sha256: string;
}

export type StoredFileProblem = 'altered' | 'missing';

/** The file on disk is not the one recorded: changed (another SHA-256) or gone. */
export class StoredFileError extends Error {
  constructor(readonly problem: StoredFileProblem, readonly storagePath: string, readonly actualSha256: string | null = null) {
    super(problem === 'altered' ? `Fichier modifié depuis son enregistrement : ${storagePath}` : `Fichier introuvable : ${storagePath}`);
  }
}

export const sha256Of = (content: Buffer): string => createHash('sha256').update(content).digest('hex');

/** Where the files are kept: every implementation passes test/db/files/storage.test.ts. */
export interface FileStorage {
  /** Writes a new file under `folder`; its relative path and SHA-256. Removed again on rollback. */
  store(folder: string, extension: string, content: Buffer): Promise<{ path: string; sha256: string }>;
  /** The content of `file`, or StoredFileError when it is missing or its SHA-256 is not the recorded one. */
  read(file: StoredFile): Promise<Buffer>;
  /**
   * Puts a missing file back at its recorded path, only with the recorded content (same SHA-256);
   * never over an existing file (an altered one stays as it was found). Undone on rollback, like store.
   */
  restore(file: StoredFile, content: Buffer): Promise<void>;
}

/** The path of a new file under `folder`: never guessed, never reused. */
export const newStoragePath = (folder: string, extension: string) => path.posix.join(folder, `${randomUUID()}.${extension}`);

/** The content must be the recorded one before it is put back. */
export function checkRestorable(file: StoredFile, content: Buffer): void {
  if (sha256Of(content) !== file.sha256) throw new Error(`Contenu différent de l’original : ${file.storagePath} n’est pas restauré`);
}

/** Checks a content read back against its row. */
export function checkedContent(file: StoredFile, content: Buffer): Buffer {
  const actual = sha256Of(content);
  if (actual !== file.sha256) throw new StoredFileError('altered', file.storagePath, actual);
  return content;
}

/** The local folder (DATA_DIR/files): one instance, or several sharing that folder. */
export class FolderStorage implements FileStorage {
  constructor(readonly root: string) {}

  private resolve(relativePath: string): string {
    const absolute = path.resolve(this.root, relativePath);
    if (!absolute.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`Chemin de fichier refusé : ${relativePath}`);
    return absolute;
  }

  private async write(relativePath: string, content: Buffer): Promise<void> {
    const absolute = this.resolve(relativePath);
    await mkdir(path.dirname(absolute), { recursive: true });
    await writeFile(absolute, content, { flag: 'wx' });
    onRollback(() => rm(absolute, { force: true }));
  }

  async store(folder: string, extension: string, content: Buffer): Promise<{ path: string; sha256: string }> {
    const relativePath = newStoragePath(folder, extension);
    await this.write(relativePath, content);
    return { path: relativePath, sha256: sha256Of(content) };
  }

  async read(file: StoredFile): Promise<Buffer> {
    let content: Buffer;
    try {
      content = await readFile(this.resolve(file.storagePath));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new StoredFileError('missing', file.storagePath);
      throw error;
    }
    return checkedContent(file, content);
  }

  async restore(file: StoredFile, content: Buffer): Promise<void> {
    checkRestorable(file, content);
    try {
      await this.write(file.storagePath, content);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // Put back meanwhile (two downloads of the same missing file): it must be the recorded one.
      await this.read(file);
    }
  }
}
