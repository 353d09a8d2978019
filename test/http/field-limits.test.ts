// Every field is checked at the boundary, through the real server as an agent types it: a text no
// longer than its column (1 MB was stored on SQLite and a 500 on MariaDB), no control character,
// plausible dates (0001-01-01, 9999-12-31); each refusal is a French field error and writes nothing.
// And the secrets (passwordHash) can neither filter nor sort a list.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { addYears, formatFrenchDate, todayInParis } from '../../src/domain/shared/dates.js';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import { StaffUser } from '../../src/entities/staff-user.entity.js';
import type { StaffRole } from '../../src/policies/roles.js';
import { actionsApi, type ActionBody } from '../support/actions-api.js';
import { accessRequestPayload, makeConvention, makeRecord, partnerPayload } from '../support/factories.js';
import { loginAllRoles, type Agent, ORIGIN, startTestServer, type TestServer } from '../support/http.js';

const ONE_MB = 1024 * 1024;
const FORM_ERROR = 'Le formulaire contient des erreurs : corrigez les champs signalés.';

describe('fields checked at the boundary', () => {
  let server: TestServer;
  let agents: Record<StaffRole, Agent>;
  const api = actionsApi(() => agents);
  beforeAll(async () => {
    server = await startTestServer();
    agents = await loginAllRoles(server.app);
  });
  afterAll(async () => { await server.close(); });

  const count = (entity: typeof Partner | typeof AccessRequest | typeof AuditEvent) => server.dataSource.getRepository(entity).count();

  /** Posts a creation form as the browser does (multipart: express-formidable's field limits apply). */
  function postForm(role: StaffRole, resource: string, fields: Record<string, unknown>) {
    const req = agents[role].post(`/admin/api/resources/${resource}/actions/new`).set('Origin', ORIGIN);
    for (const [name, value] of Object.entries(fields)) req.field(name, String(value));
    return req;
  }

  /** The answer is the French error of `field`, and neither the table nor the journal changed. */
  async function expectRefused(res: { status: number; body: ActionBody }, field: string, message: string, entity: typeof Partner | typeof AccessRequest, before: { rows: number; journal: number }) {
    expect(res.status).toBe(200);
    expect(res.body.notice).toEqual({ type: 'error', message: expect.any(String) });
    expect(res.body.record?.errors?.[field]?.message).toBe(message);
    expect(await count(entity)).toBe(before.rows);
    expect(await count(AuditEvent)).toBe(before.journal);
  }

  it('a partner name of 1 MB: « 200 caractères au plus », nothing written (no 500 on MariaDB)', async () => {
    const before = { rows: await count(Partner), journal: await count(AuditEvent) };
    const res = await postForm('gestionnaire-conventions', 'Partner', { ...partnerPayload(), name: 'A'.repeat(ONE_MB) });
    await expectRefused(res, 'name', 'Le champ « Raison sociale » accepte 200 caractères au plus (1 048 576 saisis).', Partner, before);
    expect(res.body.notice?.message).toBe(FORM_ERROR);
  });

  it('a partner name with a control character, a line break in a one-line address: refused, naming the field', async () => {
    const before = { rows: await count(Partner), journal: await count(AuditEvent) };
    const bell = await postForm('gestionnaire-conventions', 'Partner', { ...partnerPayload(), name: 'Ville\u0007 de Poissy' });
    await expectRefused(bell, 'name', 'Le champ « Raison sociale » contient un caractère de contrôle (invisible) : retirez-le.', Partner, before);
    const nul = await postForm('gestionnaire-conventions', 'Partner', { ...partnerPayload(), city: 'Poissy\u0000' });
    await expectRefused(nul, 'city', 'Le champ « Commune » contient un caractère de contrôle (invisible) : retirez-le.', Partner, before);
    const newline = await postForm('gestionnaire-conventions', 'Partner', { ...partnerPayload(), addressLine2: 'BP 17\nCedex' });
    await expectRefused(newline, 'addressLine2', 'Le champ « Complément d\'adresse » tient sur une seule ligne : retirez le retour à la ligne.', Partner, before);
  });

  it('a character the documents\' font cannot draw is refused, naming it; every European name is accepted', async () => {
    const before = { rows: await count(Partner), journal: await count(AuditEvent) };
    const res = await postForm('gestionnaire-conventions', 'Partner', { ...partnerPayload(), name: 'Association 山田 😀' });
    await expectRefused(res, 'name', 'Le champ « Raison sociale » contient des caractères que les courriers ne savent pas imprimer : « 山 », « 田 », « 😀 ». Remplacez-les (par exemple par les lettres latines correspondantes).', Partner, before);
    const ok = await postForm('gestionnaire-conventions', 'Partner', { ...partnerPayload(), name: 'Association Łucja Thị Şahin-Wałęsa' });
    expect(ok.body.notice?.type).toBe('success');
    expect(await count(Partner)).toBe(before.rows + 1);
  });

  it('the same checks on « Modifier », and a SIRET typed with separators still fits its 14 characters', async () => {
    const partner = await makeRecord(server.dataSource, 'Partner');
    const journal = await count(AuditEvent);
    const edit = (fields: Record<string, unknown>) => api.act('gestionnaire-conventions', 'Partner', partner.id, 'edit', fields);
    const long = await edit({ representativeTitle: 'M'.repeat(121) });
    expect((long.body as ActionBody).record?.errors?.representativeTitle?.message).toBe('Le champ « Qualité du représentant (ex. Maire) » accepte 120 caractères au plus (121 saisis).');
    expect(await server.dataSource.getRepository(Partner).findOneByOrFail({ id: partner.id })).toMatchObject({ representativeTitle: 'Maire' });
    expect(await count(AuditEvent)).toBe(journal);

    const hyphens = await edit({ siret: '356-000-000-00048', postalCode: '78 100' });
    expect((hyphens.body as ActionBody).notice?.type).toBe('success');
    expect(await server.dataSource.getRepository(Partner).findOneByOrFail({ id: partner.id })).toMatchObject({ siret: '35600000000048', postalCode: '78100' });
  });

  it('a demande d\'accès received on 0001-01-01, or in the future: refused, nothing written', async () => {
    const convention = await makeConvention(server.dataSource, { status: 'signee', effectiveDate: '2026-01-15', cafSignedDate: '2026-01-15' });
    const before = { rows: await count(AccessRequest), journal: await count(AuditEvent) };
    const ancient = await postForm('gestionnaire-conventions', 'AccessRequest', { ...accessRequestPayload(convention.id), receivedDate: '0001-01-01' });
    await expectRefused(ancient, 'receivedDate', 'Cette date ne peut pas être antérieure au 1er janvier 2000.', AccessRequest, before);
    const future = await postForm('gestionnaire-conventions', 'AccessRequest', { ...accessRequestPayload(convention.id), receivedDate: '2999-01-01' });
    await expectRefused(future, 'receivedDate', 'Cette date ne peut pas être dans le futur.', AccessRequest, before);
  });

  it('a CDD ending 9999-12-31: refused (within 5 years of today), nothing written', async () => {
    const convention = await makeConvention(server.dataSource, { status: 'signee', effectiveDate: '2026-01-15', cafSignedDate: '2026-01-15' });
    const before = { rows: await count(AccessRequest), journal: await count(AuditEvent) };
    const res = await postForm('gestionnaire-conventions', 'AccessRequest', {
      ...accessRequestPayload(convention.id), contractType: 'CDD', contractEndDate: '9999-12-31',
    });
    const latest = formatFrenchDate(addYears(todayInParis(new Date()), 5));
    await expectRefused(res, 'contractEndDate', `Cette date ne peut pas être postérieure au ${latest} (5 ans au plus).`, AccessRequest, before);
  });

  it('an agent account (validated by its own hooks) is checked too', async () => {
    const before = await server.dataSource.getRepository(StaffUser).count();
    const res = await api.resourceAct('administrateur', 'StaffUser', 'new', {
      email: 'nouvel.agent@test.caf.fr', name: 'Nouvel\u0000Agent', role: 'consultation', active: 'true', password: 'Essai-Cafpro-2026!',
    });
    expect((res.body as ActionBody).record?.errors?.name?.message).toBe('Le champ « Nom et prénom » contient un caractère de contrôle (invisible) : retirez-le.');
    expect(await server.dataSource.getRepository(StaffUser).count()).toBe(before);
  });

  it('a free-text reason of a workflow action is checked too (refusal reason with a control character, 10 001 characters)', async () => {
    const request = await makeRecord(server.dataSource, 'AccessRequest');
    const journal = await count(AuditEvent);
    const bell = await api.act('gestionnaire-habilitations', 'AccessRequest', request.id, 'refuse', { reason: 'Dossier\u001b incomplet' });
    expect((bell.body as ActionBody).record?.errors?.reason?.message).toBe('Le champ « Motif du refus » contient un caractère de contrôle (invisible) : retirez-le.');
    const long = await api.act('gestionnaire-habilitations', 'AccessRequest', request.id, 'refuse', { reason: 'x'.repeat(10_001) });
    expect((long.body as ActionBody).record?.errors?.reason?.message).toBe('Le champ « Motif du refus » accepte 10 000 caractères au plus (10 001 saisis).');
    expect(await server.dataSource.getRepository(AccessRequest).findOneByOrFail({ id: request.id })).toMatchObject({ status: 'recue', refusalReason: null });
    expect(await count(AuditEvent)).toBe(journal);
    // A multi-line reason may hold line breaks and tabs.
    const ok = await api.act('gestionnaire-habilitations', 'AccessRequest', request.id, 'refuse', { reason: 'Signature absente.\r\n\tÀ renvoyer.' });
    expect((ok.body as ActionBody).notice?.type).toBe('success');
  });
});

describe('secrets are neither filters nor sort keys', () => {
  let server: TestServer;
  let agents: Record<StaffRole, Agent>;
  beforeAll(async () => {
    server = await startTestServer();
    agents = await loginAllRoles(server.app);
    // Three agents whose hashes sort the other way round from their names.
    for (const [name, passwordHash] of [['Agent secret 1', '$argon2id$ccc'], ['Agent secret 2', '$argon2id$bbb'], ['Agent secret 3', '$argon2id$aaa']]) {
      await server.dataSource.getRepository(StaffUser).save({ email: `${name.replace(/ /g, '.')}@test.caf.fr`.toLowerCase(), name, role: 'consultation', active: true, passwordHash });
    }
  });
  afterAll(async () => { await server.close(); });

  const list = (query: string) => agents.administrateur.get(`/admin/api/resources/StaffUser/actions/list?filters.name=Agent%20secret&${query}`);
  const names = (body: { records: Array<{ params: { name: string } }> }) => body.records.map((r) => r.params.name);

  it('filters.passwordHash filters nothing: refused (400) or ignored, never applied', async () => {
    for (const query of ['filters.passwordHash=aaa', 'filters%5BpasswordHash%5D=aaa', 'filters.passwordHash=argon', 'filters.passwordHash~~from=a']) {
      const res = await list(query);
      if (res.status !== 400) {
        expect(res.status).toBe(200);
        expect(names(res.body)).toEqual(['Agent secret 1', 'Agent secret 2', 'Agent secret 3']);
        expect(res.body.meta.total).toBe(3);
      }
    }
    // The name filter itself works: the list above is not « everything ».
    expect(names((await list('filters.email=secret.2')).body)).toEqual(['Agent secret 2']);
  });

  it('sortBy=passwordHash sorts nothing: refused (400) or the default order (by name)', async () => {
    for (const direction of ['asc', 'desc']) {
      const res = await list(`sortBy=passwordHash&direction=${direction}`);
      if (res.status !== 400) {
        expect(res.status).toBe(200);
        expect(names(res.body)).toEqual(['Agent secret 1', 'Agent secret 2', 'Agent secret 3']);
      }
    }
    // Sorting by a real column still works.
    expect(names((await list('sortBy=name&direction=desc')).body)).toEqual(['Agent secret 3', 'Agent secret 2', 'Agent secret 1']);
  });

  it('the hash is never in the answer', async () => {
    const res = await list('');
    expect(JSON.stringify(res.body)).not.toContain('argon2id');
  });
});
