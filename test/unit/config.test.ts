// The configuration is read once at start; what a Caf's operations team gets wrong must stop the
// start with a French message rather than give a server that silently misbehaves.
import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ConfigError, loadConfig } from '../../src/config.js';

const production = { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), DATABASE_URL: 'sqlite:/tmp/x.sqlite' };

describe('configuration', () => {
  it('refuses production over plain HTTP: the Secure cookie would never come back and login would loop', () => {
    expect(() => loadConfig({ ...production, PUBLIC_URL: 'http://cafpro.caf.fr', TRUST_PROXY: '1' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...production, PUBLIC_URL: 'http://cafpro.caf.fr', TRUST_PROXY: '1' })).toThrow(/PUBLIC_URL doit être l’adresse HTTPS/);
    expect(() => loadConfig({ ...production, TRUST_PROXY: '1' })).toThrow(/HTTPS/);
  });

  it('refuses production without TRUST_PROXY, behind which the connection cannot be known to be HTTPS', () => {
    expect(() => loadConfig({ ...production, PUBLIC_URL: 'https://cafpro.caf.fr' })).toThrow(/TRUST_PROXY est obligatoire/);
    expect(loadConfig({ ...production, PUBLIC_URL: 'https://cafpro.caf.fr', TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...production, PUBLIC_URL: 'https://cafpro.caf.fr', TRUST_PROXY: '10.0.0.5, loopback' }).trustProxy).toBe('10.0.0.5, loopback');
  });

  it('trusts no proxy by default, and refuses a TRUST_PROXY it cannot read', () => {
    expect(loadConfig({ DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'cafpro-config-')) }).trustProxy).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY doit être le nombre de proxys/);
  });

  it('files in the folder by default; STORAGE=s3 needs a bucket, and both keys or neither', () => {
    const dev = { DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'cafpro-config-')) };
    expect(loadConfig(dev).storage).toEqual({ type: 'folder' });
    expect(loadConfig({
      ...dev, STORAGE: 's3', S3_BUCKET: 'cafpro-78', S3_ENDPOINT: 'https://s3.example.fr', S3_REGION: 'fr-par',
      S3_ACCESS_KEY_ID: 'AK', S3_SECRET_ACCESS_KEY: 'SK', S3_FORCE_PATH_STYLE: 'true',
    }).storage).toEqual({
      type: 's3', bucket: 'cafpro-78', endpoint: 'https://s3.example.fr', region: 'fr-par', accessKeyId: 'AK', secretAccessKey: 'SK', forcePathStyle: true,
    });
    expect(loadConfig({ ...dev, STORAGE: 's3', S3_BUCKET: 'cafpro-78' }).storage).toMatchObject({ region: 'us-east-1', forcePathStyle: false, accessKeyId: undefined });
    expect(() => loadConfig({ ...dev, STORAGE: 's3' })).toThrow(/indiquez le compartiment S3_BUCKET/);
    expect(() => loadConfig({ ...dev, STORAGE: 's3', S3_BUCKET: 'ab' })).toThrow(/S3_BUCKET doit être un nom de compartiment/);
    expect(() => loadConfig({ ...dev, STORAGE: 's3', S3_BUCKET: 'cafpro-78', S3_ACCESS_KEY_ID: 'AK' })).toThrow(/vont ensemble/);
    expect(() => loadConfig({ ...dev, STORAGE: 'nfs' })).toThrow(/STORAGE doit valoir/);
    expect(() => loadConfig({ ...dev, STORAGE: 's3', S3_BUCKET: 'cafpro-78', S3_ENDPOINT: 's3.example.fr' })).toThrow(/S3_ENDPOINT doit être l’URL/);
  });

  it('the real process exits with the French message', async () => {
    const run = promisify(execFile)('npx', ['tsx', 'src/main.ts'], {
      env: { ...process.env, ...production, PUBLIC_URL: 'http://cafpro.caf.fr', TRUST_PROXY: '1' },
    });
    await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('PUBLIC_URL doit être l’adresse HTTPS') });
  }, 180_000); // a process starting tsx: slow on a loaded machine
});
