// Files (scans of signed forms, generated documents) live under DATA_DIR/files, outside any public
// folder; they are only served through routes that check the policy.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { onRollback } from '../domain/shared/transaction.js';

export class FileStorage {
  constructor(readonly root: string) {}

  private resolve(relativePath: string): string {
    const absolute = path.resolve(this.root, relativePath);
    if (!absolute.startsWith(path.resolve(this.root) + path.sep)) throw new Error(`Chemin de fichier refusé : ${relativePath}`);
    return absolute;
  }

  /**
   * Writes a new file under `folder` and returns its relative path and SHA-256. Written inside a
   * transaction (runInTransaction), the file is removed again if the transaction rolls back.
   */
  async store(folder: string, extension: string, content: Buffer): Promise<{ path: string; sha256: string }> {
    const relativePath = path.posix.join(folder, `${randomUUID()}.${extension}`);
    const absolute = this.resolve(relativePath);
    await mkdir(path.dirname(absolute), { recursive: true });
    await writeFile(absolute, content, { flag: 'wx' });
    onRollback(() => rm(absolute, { force: true }));
    return { path: relativePath, sha256: createHash('sha256').update(content).digest('hex') };
  }

  read(relativePath: string): Promise<Buffer> {
    return readFile(this.resolve(relativePath));
  }
}
