// The storage of the configuration (STORAGE): the folder DATA_DIR/files or an S3 bucket.
import path from 'node:path';
import type { AppConfig } from '../config.js';
import { S3Storage } from './s3-storage.js';
import { FolderStorage, type FileStorage } from './storage.js';

export function openStorage(config: Pick<AppConfig, 'dataDir' | 'storage'>): FileStorage {
  const storage = config.storage ?? { type: 'folder' };
  return storage.type === 's3' ? new S3Storage(storage) : new FolderStorage(path.join(config.dataDir, 'files'));
}
