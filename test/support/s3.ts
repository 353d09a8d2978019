// A real S3-compatible server on loopback for the storage tests (s3rver: the S3 REST API over a temp
// folder), with one bucket, and the configuration the app uses to reach it (STORAGE=s3).
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import type { StorageConfig } from '../../src/config.js';

export interface TestS3 {
  config: Extract<StorageConfig, { type: 's3' }>;
  /** Direct access to the bucket, as someone with the keys would have (to alter or remove a file). */
  put(key: string, content: Buffer): Promise<void>;
  remove(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  close(): Promise<void>;
}

export async function startTestS3(bucket = 'cafpro-test'): Promise<TestS3> {
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: mkdtempSync(path.join(os.tmpdir(), 'cafpro-s3-')), configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  // s3rver's own keys.
  const config = {
    type: 's3' as const, bucket, endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1',
    accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true,
  };
  const client = new S3Client({ region: config.region, endpoint: config.endpoint, forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
  return {
    config,
    put: async (key, content) => { await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: content })); },
    remove: async (key) => { await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })); },
    exists: async (key) => client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(() => true, (error: { $metadata?: { httpStatusCode?: number } }) => {
      if (error.$metadata?.httpStatusCode === 404) return false;
      throw error;
    }),
    close: async () => { client.destroy(); await server.close(); },
  };
}
