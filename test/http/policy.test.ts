// Walks the whole policy table through the real HTTP server: for every role and every action of
// every resource, an allowed call works and a refused call gets 403 and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import type { DataSource } from 'typeorm';
import { actionsOf, can, RESOURCES, type ResourceId } from '../../src/policies/policy.js';
import { STAFF_ROLES, type StaffRole } from '../../src/policies/roles.js';
import { EDIT_FIELD, makeRecord, newPayload } from '../support/factories.js';
import { loginAs, ORIGIN, startTestServer, type TestServer } from '../support/http.js';

type Agent = Awaited<ReturnType<typeof loginAs>>;

const count = (ds: DataSource, resource: string) => ds.getRepository(resource).count();

async function exercise(app: Express, ds: DataSource, agent: Agent, resource: ResourceId, action: string, allowed: boolean) {
  const api = `/admin/api/resources/${resource}`;
  const post = (url: string, body: object = {}) => agent.post(url).set('Origin', ORIGIN).send(body);
  const expectRefused = (res: { status: number }) => expect(res.status).toBe(403);
  const expectOk = (res: { status: number; body: { notice?: { type?: string; message?: string }; record?: { errors?: object } } }) => {
    expect(res.status).toBe(200);
    expect(res.body.notice?.type).not.toBe('error');
    expect(res.body.record?.errors ?? {}).toEqual({});
  };

  switch (action) {
    case 'list': case 'search': {
      if (resource === 'Scan') return; // not an AdminJS resource: only the download route exists
      const res = action === 'list' ? await agent.get(`${api}/actions/list`) : await agent.get(`${api}/actions/search/`);
      if (!allowed) return expectRefused(res);
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body.records)).toBe(true);
      return;
    }
    case 'show': case 'download': {
      const { id } = await makeRecord(ds, resource);
      if (resource === 'Scan' || action === 'download') {
        const url = resource === 'Scan' ? `/admin/scans/${id}` : `/admin/documents/${id}/download`;
        const res = await agent.get(url);
        if (!allowed) return expectRefused(res);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(/pdf/);
        return;
      }
      const res = await agent.get(`${api}/records/${id}/show`);
      if (!allowed) return expectRefused(res);
      expectOk(res);
      expect(String(res.body.record.params.id)).toBe(String(id));
      return;
    }
    case 'new': {
      if (resource === 'Scan') return;
      const payload = await newPayload(ds, resource);
      const before = await count(ds, resource);
      if (!payload) {
        // No form for this resource: whoever calls it is refused.
        expect(allowed).toBe(false);
        expectRefused(await post(`${api}/actions/new`, { x: 'y' }));
        expect(await count(ds, resource)).toBe(before);
        return;
      }
      const res = await post(`${api}/actions/new`, payload);
      if (!allowed) {
        expectRefused(res);
        expect(await count(ds, resource)).toBe(before);
        return;
      }
      expectOk(res);
      expect(await count(ds, resource)).toBe(before + 1);
      return;
    }
    case 'edit': {
      if (resource === 'Scan') return;
      const { id } = await makeRecord(ds, resource);
      const [field, value] = EDIT_FIELD[resource]?.() ?? ['id', 999];
      const res = await post(`${api}/records/${id}/edit`, { [field]: value });
      const row = await ds.getRepository(resource).findOneByOrFail({ id });
      if (!allowed) {
        expectRefused(res);
        expect(row[field]).not.toEqual(value);
        return;
      }
      expectOk(res);
      expect(row[field]).toEqual(value);
      return;
    }
    case 'delete': case 'bulkDelete': {
      if (resource === 'Scan') return;
      const { id } = await makeRecord(ds, resource);
      const res = action === 'delete'
        ? await post(`${api}/records/${id}/delete`)
        : await post(`${api}/bulk/bulkDelete?recordIds=${id}`);
      const exists = await ds.getRepository(resource).existsBy({ id });
      if (!allowed) {
        expectRefused(res);
        expect(exists).toBe(true);
        return;
      }
      expect(res.status).toBe(200);
      expect(exists).toBe(false);
      return;
    }
    case 'history': {
      const { id } = await makeRecord(ds, resource);
      const res = await agent.get(`${api}/records/${id}/history`);
      if (!allowed) return expectRefused(res);
      expect(res.status).toBe(200);
      expect(res.body.redirectUrl).toBe(`/admin/resources/AuditEvent?filters.entityType=${resource}&filters.entityId=${id}`);
      return;
    }
    case 'resetPassword': {
      const { id } = await makeRecord(ds, resource);
      const before = await ds.getRepository(resource).findOneByOrFail({ id });
      const res = await post(`${api}/records/${id}/resetPassword`);
      const after = await ds.getRepository(resource).findOneByOrFail({ id });
      if (!allowed) {
        expectRefused(res);
        expect(after.passwordHash).toBe(before.passwordHash);
        return;
      }
      expectOk(res);
      expect(res.body.notice.message).toContain('Mot de passe provisoire');
      expect(after.passwordHash).not.toBe(before.passwordHash);
      return;
    }
    default: {
      // A workflow action: called without its form fields. Allowed → the guard lets it through (the
      // action itself answers, usually with a French validation notice); refused → 403, nothing changed.
      // Each action's effects are tested in its own HTTP test (test/http/*-actions.test.ts).
      const isResourceAction = ['renewalRun', 'lookupReference', 'printToPost', 'recipientRegister', 'campaign'].includes(action);
      const { id } = await makeRecord(ds, resource);
      const before = await ds.getRepository(resource).findOneByOrFail({ id });
      const res = isResourceAction ? await post(`${api}/actions/${action}`) : await post(`${api}/records/${id}/${action}`);
      const after = await ds.getRepository(resource).findOneByOrFail({ id });
      if (!allowed) {
        expectRefused(res);
        expect(after).toEqual(before);
        return;
      }
      expect(res.status).toBe(200);
      return;
    }
  }
}

describe('policy table walked through HTTP', () => {
  let server: TestServer;
  const agents = {} as Record<StaffRole, Agent>;
  beforeAll(async () => {
    server = await startTestServer();
    for (const role of STAFF_ROLES) agents[role] = await loginAs(server.app, role);
  });
  afterAll(async () => { await server.close(); });

  for (const resource of RESOURCES) {
    for (const role of STAFF_ROLES) {
      it(`${resource} × ${role}`, async () => {
        for (const action of actionsOf(resource)) {
          const allowed = can(role, resource, action);
          try {
            await exercise(server.app, server.dataSource, agents[role], resource, action, allowed);
          } catch (error) {
            (error as Error).message = `${resource}.${action} for ${role} (${allowed ? 'allowed' : 'refused'}): ${(error as Error).message}`;
            throw error;
          }
        }
      });
    }
  }
});
