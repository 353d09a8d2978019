// The top bar's search (GET /admin/recherche) through the real server: an exact reference redirects
// to its record, a name gives the French page of the results grouped by kind, each a link to its
// record; logged out, the login page.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { loginAs, startTestServer, type Agent, type TestServer } from '../support/http.js';
import { seedSearch, type SearchFixture } from '../support/search-fixture.js';

describe('GET /admin/recherche', () => {
  let server: TestServer;
  let agent: Agent;
  let seeded: SearchFixture;
  beforeAll(async () => {
    server = await startTestServer();
    agent = await loginAs(server.app, 'gestionnaire-habilitations');
    seeded = await seedSearch(server.dataSource);
  });
  afterAll(async () => { await server.close(); });

  it('opens the record of a printed reference or an identifier directly', async () => {
    const form = await agent.get('/admin/recherche').query({ q: 'DA-2026-000123' });
    expect(form.status).toBe(303);
    expect(form.headers.location).toBe(`/admin/resources/AccessRequest/records/${seeded.requestId}/show`);
    const identifier = await agent.get('/admin/recherche').query({ q: ` ${seeded.habilitation.identifier.toLowerCase()} ` });
    expect(identifier.headers.location).toBe(`/admin/resources/Habilitation/records/${seeded.habilitation.id}/show`);
  });

  it('lists the results of a name grouped by kind, in French, each a link to its record', async () => {
    const res = await agent.get('/admin/recherche').query({ q: 'dupont' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('<html lang="fr">');
    expect(res.text).toContain('Recherche « dupont »');
    const headings = [...res.text.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(headings).toEqual(['Habilitations (2)', 'Demandes d’accès (1)', 'Demandes de suppression (1)']);
    expect(res.text).toContain(`<a href="/admin/resources/Habilitation/records/${seeded.habilitation.id}/show">${seeded.habilitation.identifier} — DUPONT Jérôme</a>`);
    expect(res.text).toContain(`href="/admin/resources/AccessRequest/records/${seeded.requestId}/show"`);
    expect(res.text).toContain(`href="/admin/resources/SuppressionRequest/records/${seeded.suppressionId}/show"`);
    // The query is shown back, escaped.
    const odd = await agent.get('/admin/recherche').query({ q: '<b>zz' });
    expect(odd.text).toContain('Aucun résultat pour « &lt;b&gt;zz ».');
    expect(odd.text).not.toContain('<b>zz');
  });

  it('asks for two characters at least, and sends a logged-out visitor to the login page', async () => {
    const short = await agent.get('/admin/recherche').query({ q: 'd' });
    expect(short.text).toContain('Saisissez au moins deux caractères');
    const anonymous = await request(server.app).get('/admin/recherche?q=dupont');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.location).toMatch(/\/admin\/login$/);
  });
});
