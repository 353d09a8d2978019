// Oversized and refused uploads through the real server: one French answer, the process stays up, and
// no temporary file is left behind (audit: a 12 MB multipart POST on /admin/login killed the process).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { accessRequestPayload, makeConvention } from '../support/factories.js';
import { loginAs, ORIGIN, startTestServer, type Agent, type TestServer } from '../support/http.js';

const MB = 1024 * 1024;
const pdf = (bytes: number) => Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(bytes - 9, 0x20)]);

describe('uploads', () => {
  let server: TestServer;
  let agent: Agent;
  let requestId: number;
  let tempDir: string;
  beforeAll(async () => {
    server = await startTestServer();
    agent = await loginAs(server.app, 'gestionnaire-conventions');
    const convention = await makeConvention(server.dataSource, { status: 'signee' });
    requestId = (await server.dataSource.getRepository(AccessRequest).save({ ...accessRequestPayload(convention.id), status: 'recue' } as Partial<AccessRequest>)).id;
    tempDir = path.join(server.dataDir, 'tmp', 'uploads');
  });
  afterAll(async () => { await server.close(); });

  const healthy = async () => expect((await request(server.app).get('/health')).status).toBe(200);
  // The response is sent when the parser refuses; the temporary files go when the exchange closes.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

  it('answers a 12 MB multipart POST on the login page with a French 413, and keeps serving', async () => {
    const res = await request(server.app).post('/admin/login').set('Origin', ORIGIN)
      .field('email', 'x@y.fr').attach('file', Buffer.alloc(12 * MB, 1), 'gros.bin');
    expect(res.status).toBe(413);
    expect(res.text).toContain('Fichier trop volumineux : 10 Mo au plus.');
    await healthy();
    // And again: the process did not die on the first one.
    const again = await request(server.app).post('/admin/login').set('Origin', ORIGIN).attach('file', Buffer.alloc(12 * MB, 1), 'gros.bin');
    expect(again.status).toBe(413);
    await healthy();
  });

  it('answers a 50 MB scan on « Joindre le formulaire numérisé » with a French 413 notice, nothing attached', async () => {
    const res = await agent.post(`/admin/api/resources/AccessRequest/records/${requestId}/attachScan`).set('Origin', ORIGIN)
      .attach('scan', pdf(50 * MB), 'demande.pdf');
    expect(res.status).toBe(413);
    expect(res.body.notice).toEqual({ type: 'error', message: 'Fichier trop volumineux : 10 Mo au plus.' });
    expect((await server.dataSource.getRepository(AccessRequest).findOneByOrFail({ id: requestId })).scanId).toBeNull();
    await healthy();
  });

  it('refuses text fields beyond 2 MB in all with a French 413', async () => {
    const res = await agent.post('/admin/api/resources/Partner/actions/new').set('Origin', ORIGIN).field('name', 'x'.repeat(3 * MB));
    expect(res.status).toBe(413);
    expect(res.body.notice.message).toBe('Formulaire trop volumineux : raccourcissez les textes saisis.');
    await healthy();
  });

  it('keeps its temporary files in a private folder under DATA_DIR and removes them all, accepted, refused or oversized', async () => {
    const url = `/admin/api/resources/AccessRequest/records/${requestId}/attachScan`;
    const accepted = await agent.post(url).set('Origin', ORIGIN).attach('scan', pdf(2 * MB), 'demande.pdf');
    expect(accepted.body.notice.type).toBe('success');
    const refused = await agent.post(url).set('Origin', ORIGIN).attach('scan', Buffer.from('pas un PDF'), 'demande.pdf');
    expect(refused.body.record.errors.scan.message).toMatch(/Format refusé/);
    const justAbove = await agent.post(url).set('Origin', ORIGIN).attach('scan', pdf(10 * MB + 1000), 'demande.pdf');
    expect(justAbove.body.record.errors.scan.message).toMatch(/dépasse 10 Mo/);
    await agent.post(url).set('Origin', ORIGIN).attach('scan', pdf(20 * MB), 'demande.pdf');
    await settle();
    expect(statSync(tempDir).mode & 0o777).toBe(0o700);
    expect(readdirSync(tempDir)).toEqual([]);
  });
});
