// The same contract for both storages (issue 14 §4), the folder DATA_DIR/files and an S3 bucket on a
// real S3 server on loopback: a file is read back only with its recorded SHA-256 (altered or missing:
// StoredFileError), put back only with its recorded content and never over an existing file, and a
// file written by a transaction that rolls back is removed.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { S3Storage } from '../../../src/adapters/s3-storage.js';
import { FolderStorage, sha256Of, StoredFileError, type FileStorage } from '../../../src/adapters/storage.js';
import { runInTransaction } from '../../../src/domain/shared/transaction.js';
import { openTestDataSource } from '../../support/database.js';
import { startTestS3, type TestS3 } from '../../support/s3.js';

interface Backend {
  storage: FileStorage;
  alter(storagePath: string, content: Buffer): Promise<void>;
  remove(storagePath: string): Promise<void>;
  exists(storagePath: string): Promise<boolean>;
  close(): Promise<void>;
}

async function folderBackend(): Promise<Backend> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'cafpro-storage-'));
  return {
    storage: new FolderStorage(root),
    alter: async (p, content) => writeFileSync(path.join(root, p), content),
    remove: async (p) => rmSync(path.join(root, p)),
    exists: async (p) => existsSync(path.join(root, p)),
    close: async () => undefined,
  };
}

async function s3Backend(): Promise<Backend> {
  const s3: TestS3 = await startTestS3();
  const storage = new S3Storage(s3.config);
  return {
    storage, alter: s3.put, remove: s3.remove, exists: s3.exists,
    close: async () => { storage.destroy(); await s3.close(); },
  };
}

describe.each([['folder', folderBackend], ['S3', s3Backend]] as const)('storage: %s', (_name, open) => {
  let backend: Backend;
  let dataSource: DataSource;
  beforeAll(async () => {
    backend = await open();
    ({ dataSource } = await openTestDataSource());
  });
  afterAll(async () => {
    await backend?.close();
    await dataSource?.destroy();
  });

  const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n`);

  it('stores under the folder with a new name, reads back the same bytes', async () => {
    const content = pdf('convention');
    const stored = await backend.storage.store('documents/2026', 'pdf', content);
    expect(stored.path).toMatch(/^documents\/2026\/[0-9a-f-]{36}\.pdf$/);
    expect(stored.sha256).toBe(sha256Of(content));
    const again = await backend.storage.store('documents/2026', 'pdf', content);
    expect(again.path).not.toBe(stored.path);
    expect((await backend.storage.read({ storagePath: stored.path, sha256: stored.sha256 })).equals(content)).toBe(true);
  });

  it('altered: refused with the SHA-256 found; missing: refused as missing', async () => {
    const stored = await backend.storage.store('scans/2026', 'pdf', pdf('scan'));
    const file = { storagePath: stored.path, sha256: stored.sha256 };
    const altered = pdf('scan modifié');
    await backend.alter(stored.path, altered);
    await expect(backend.storage.read(file)).rejects.toEqual(new StoredFileError('altered', stored.path, sha256Of(altered)));
    await expect(backend.storage.read(file)).rejects.toMatchObject({ problem: 'altered', actualSha256: sha256Of(altered) });
    await backend.remove(stored.path);
    await expect(backend.storage.read(file)).rejects.toMatchObject({ problem: 'missing', storagePath: stored.path });
  });

  it('restore: only the recorded content, never over an existing file', async () => {
    const content = pdf('avis');
    const stored = await backend.storage.store('documents/2026', 'pdf', content);
    const file = { storagePath: stored.path, sha256: stored.sha256 };
    await backend.remove(stored.path);
    await expect(backend.storage.restore(file, pdf('autre'))).rejects.toThrow('Contenu différent de l’original');
    expect(await backend.exists(stored.path)).toBe(false);
    await backend.storage.restore(file, content);
    expect((await backend.storage.read(file)).equals(content)).toBe(true);
    // Put back meanwhile by another download: fine when it is the recorded one…
    await backend.storage.restore(file, content);
    // …and an altered file is left as found.
    const altered = pdf('avis falsifié');
    await backend.alter(stored.path, altered);
    await expect(backend.storage.restore(file, content)).rejects.toMatchObject({ problem: 'altered' });
    await expect(backend.storage.read(file)).rejects.toMatchObject({ actualSha256: sha256Of(altered) });
  });

  it('a transaction that rolls back removes the files it wrote (store and restore); a committed one keeps them', async () => {
    let written = '';
    await expect(runInTransaction(dataSource, async () => {
      written = (await backend.storage.store('documents/2026', 'pdf', pdf('annulé'))).path;
      throw new Error('refus');
    })).rejects.toThrow('refus');
    expect(written).not.toBe('');
    expect(await backend.exists(written)).toBe(false);

    const content = pdf('gardé');
    const kept = await runInTransaction(dataSource, () => backend.storage.store('documents/2026', 'pdf', content));
    expect(await backend.exists(kept.path)).toBe(true);
    await backend.remove(kept.path);
    await expect(runInTransaction(dataSource, async () => {
      await backend.storage.restore({ storagePath: kept.path, sha256: kept.sha256 }, content);
      throw new Error('refus');
    })).rejects.toThrow('refus');
    expect(await backend.exists(kept.path)).toBe(false);
  });

  it('refuses a path outside the storage', async () => {
    await expect(backend.storage.read({ storagePath: '../secret.pdf', sha256: 'x' })).rejects.toThrow('Chemin de fichier refusé');
    await expect(backend.storage.store('../dehors', 'pdf', pdf('x'))).rejects.toThrow('Chemin de fichier refusé');
  });
});
