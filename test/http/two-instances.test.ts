// Two app instances (own connection pool, own DATA_DIR, own S3 client) against one database and one
// bucket on a real S3 server on loopback, as behind a load balancer on two hosts (issue 14 §4): a
// document generated and a scan attached on one are downloaded from the other as recorded (not
// regenerated), and a session opened on one is valid on the other.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { addDays, todayInParis } from '../../src/domain/shared/dates.js';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { Convention } from '../../src/entities/convention.entity.js';
import { Document } from '../../src/entities/document.entity.js';
import { createApp } from '../../src/server.js';
import { secondDataSource } from '../support/database.js';
import { producedUrl } from '../support/actions-api.js';
import { makeConvention } from '../support/factories.js';
import { binary, emailOf, loginAs, ORIGIN, startTestServer, TEST_PASSWORD, type TestServer } from '../support/http.js';
import { startTestS3, type TestS3 } from '../support/s3.js';

const today = todayInParis(new Date());

describe('two instances, one database, one bucket', () => {
  let s3: TestS3;
  let first: TestServer;
  let other: DataSource;
  let second: Express;
  beforeAll(async () => {
    s3 = await startTestS3('cafpro-instances');
    first = await startTestServer({ config: { storage: s3.config } });
    other = await secondDataSource(first.appConfig.database);
    // The second host: its own DATA_DIR (nothing shared on disk), the same database and bucket.
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cafpro-second-host-'));
    second = createApp({ ...first.appConfig, dataDir }, other).app;
  });
  afterAll(async () => {
    await other?.destroy();
    await first?.close();
    await s3?.close();
  });

  it('a document generated on one is served by the other as recorded', async () => {
    const convention = await makeConvention(first.dataSource);
    const onSecond = await loginAs(second, 'gestionnaire-conventions');
    const made = await onSecond.post(`/admin/api/resources/Convention/records/${convention.id}/generateAccessRequestForm`).set('Origin', ORIGIN).send({});
    expect(made.body.notice?.type).toBe('success');
    const document = await first.dataSource.getRepository(Document).findOneByOrFail({ id: Number(producedUrl(made.body).split('/')[3]) });
    expect(await s3.exists(document.storagePath)).toBe(true);

    const onFirst = await loginAs(first.app, 'consultation');
    const served = await onFirst.get(`/admin/documents/${document.id}/download`).buffer(true).parse(binary);
    expect(served.status).toBe(200);
    expect((served.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const journal = (action: string) => first.dataSource.getRepository(AuditEvent).countBy({ action, entityType: 'Document', entityId: String(document.id) });
    expect(await journal('document.regenerated')).toBe(0);
    expect(await journal('document.download')).toBe(1);
  });

  it('a scan attached on one is downloaded from the other', async () => {
    const convention = await makeConvention(first.dataSource, { status: 'envoyee', sentDate: addDays(today, -10) });
    const uploaded = Buffer.from('%PDF-1.4\n% convention signée, reçue sur la seconde instance\n');
    const onSecond = await loginAs(second, 'gestionnaire-conventions');
    const signed = await onSecond.post(`/admin/api/resources/Convention/records/${convention.id}/sign`).set('Origin', ORIGIN)
      .field('partnerSignedDate', addDays(today, -3)).field('cafSignedDate', addDays(today, -1)).attach('signedScan', uploaded, 'convention-signée.pdf');
    expect(signed.body.notice?.type).toBe('success');
    const { signedScanId } = await first.dataSource.getRepository(Convention).findOneByOrFail({ id: convention.id });
    const onFirst = await loginAs(first.app, 'consultation');
    const served = await onFirst.get(`/admin/scans/${signedScanId}`).buffer(true).parse(binary);
    expect(served.status).toBe(200);
    expect((served.body as Buffer).equals(uploaded)).toBe(true);
  });

  it('a session opened on one instance is valid on the other', async () => {
    const login = await request(first.app).post('/admin/login').set('Origin', ORIGIN).type('form').send({ email: emailOf('directeur'), password: TEST_PASSWORD });
    expect(login.status).toBe(302);
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    expect(cookie).not.toBe('');
    expect((await request(second).get('/admin/api/dashboard').set('Cookie', cookie)).status).toBe(200);
    expect((await request(second).get('/admin/api/dashboard')).status).not.toBe(200);
  });
});
