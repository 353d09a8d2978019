// The files in an S3-compatible bucket (AWS S3, MinIO, Ceph, Scaleway, OVH…): several instances on
// different hosts then see the same scans and documents (issue 14 §4). Same contract as the folder
// (storage.ts): SHA-256 checked on every read, a file written by a transaction that rolls back is
// deleted, a missing file is only put back with its recorded content and never over an existing one.
// @aws-sdk/client-s3 is the reference client of the S3 API, which every such store implements.
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import path from 'node:path';
import type { S3StorageConfig } from '../config.js';
import { onRollback } from '../domain/shared/transaction.js';
import { checkedContent, checkRestorable, newStoragePath, sha256Of, StoredFileError, type FileStorage, type StoredFile } from './storage.js';

const isNotFound = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
};

export class S3Storage implements FileStorage {
  private readonly client: S3Client;

  constructor(private readonly config: S3StorageConfig) {
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: config.accessKeyId && config.secretAccessKey
        ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
        : undefined,
    });
  }

  /** The object key of a stored path; the same paths as the folder, never outside it. */
  private key(storagePath: string): string {
    const key = path.posix.normalize(storagePath);
    if (key.startsWith('/') || key === '..' || key.startsWith('../') || key === '.') throw new Error(`Chemin de fichier refusé : ${storagePath}`);
    return key;
  }

  private async write(storagePath: string, content: Buffer): Promise<void> {
    const Key = this.key(storagePath);
    await this.client.send(new PutObjectCommand({ Bucket: this.config.bucket, Key, Body: content, ContentLength: content.length }));
    onRollback(() => this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key })));
  }

  async store(folder: string, extension: string, content: Buffer): Promise<{ path: string; sha256: string }> {
    const storagePath = newStoragePath(folder, extension);
    await this.write(storagePath, content);
    return { path: storagePath, sha256: sha256Of(content) };
  }

  async read(file: StoredFile): Promise<Buffer> {
    let content: Buffer;
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.config.bucket, Key: this.key(file.storagePath) }));
      content = Buffer.from(await object.Body!.transformToByteArray());
    } catch (error) {
      if (isNotFound(error)) throw new StoredFileError('missing', file.storagePath);
      throw error;
    }
    return checkedContent(file, content);
  }

  async restore(file: StoredFile, content: Buffer): Promise<void> {
    checkRestorable(file, content);
    if (await this.exists(file.storagePath)) {
      // Put back meanwhile (two downloads of the same missing file): it must be the recorded one.
      await this.read(file);
      return;
    }
    await this.write(file.storagePath, content);
  }

  private async exists(storagePath: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: this.key(storagePath) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  /** Closes the client's connections (end of a test, of a process). */
  destroy(): void {
    this.client.destroy();
  }
}
