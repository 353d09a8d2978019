// The refused and unknown pages of the back-office, in French (issue 13 §2; src/http/admin-pages.ts).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeRecord } from '../support/factories.js';
import { loginAs, startTestServer, type Agent, type TestServer } from '../support/http.js';

describe('refused and unknown pages', () => {
  let server: TestServer;
  let reader: Agent;
  let deciding: Agent;
  beforeAll(async () => {
    server = await startTestServer();
    reader = await loginAs(server.app, 'consultation');
    deciding = await loginAs(server.app, 'gestionnaire-habilitations');
  });
  afterAll(async () => { await server.close(); });

  it('an action page the role may not use says so, without internal names', async () => {
    const request = await makeRecord(server.dataSource, 'AccessRequest');
    for (const url of [`/admin/resources/AccessRequest/records/${request.id}/approve`, '/admin/resources/Partner/actions/new', '/admin/resources/Convention/actions/renewalRun']) {
      const res = await reader.get(url);
      expect({ url, status: res.status }).toEqual({ url, status: 403 });
      expect(res.text).toContain('Vous n&#39;avez pas le droit d&#39;effectuer cette action');
      expect(res.text).not.toMatch(/AccessRequest|approve|renewalRun|Page introuvable/);
      expect(res.text).toContain('<main>');
    }
    // The role that may: AdminJS's page as before.
    expect((await deciding.get(`/admin/resources/AccessRequest/records/${request.id}/approve`)).status).toBe(200);
    // The API keeps its JSON refusal.
    const api = await reader.post(`/admin/api/resources/AccessRequest/records/${request.id}/approve`).send({});
    expect(api.status).toBe(403);
  });

  it('an unknown address under /admin is a French page, not « Cannot GET »', async () => {
    const res = await reader.get('/admin/nimporte/quoi');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Page introuvable');
    expect(res.text).toContain('href="/admin"');
    expect(res.text).not.toContain('Cannot GET');
  });
});
