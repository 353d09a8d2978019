// Stored files through the real server, as a user downloads them: a generated document is served as
// recorded; changed on disk it is refused (409, French page) and journaled for the Administrateur
// (« À traiter »); missing, it is regenerated from its record and served only with its recorded
// SHA-256, otherwise refused (410); a scan has nothing to be regenerated from. A renewal notice whose
// file is lost can be produced again.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FolderStorage } from '../../src/adapters/storage.js';
import { services } from '../../src/admin/services.js';
import { FILE_MESSAGES } from '../../src/domain/files/stored-files.js';
import { addDays, addYears, todayInParis } from '../../src/domain/shared/dates.js';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { Convention } from '../../src/entities/convention.entity.js';
import { Document } from '../../src/entities/document.entity.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { OutboxEmail } from '../../src/entities/outbox-email.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import type { StaffRole } from '../../src/policies/roles.js';
import { actionsApi, producedUrl, type ActionBody } from '../support/actions-api.js';
import { accessRequestPayload, makeConvention, makeHabilitation, makeRecord } from '../support/factories.js';
import { binary, loginAllRoles, ORIGIN, startTestServer, type Agent, type TestServer } from '../support/http.js';
import { pdfText } from '../support/pdf-text.js';

const today = todayInParis(new Date());
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

describe('stored files through HTTP: checked on every download', () => {
  let server: TestServer;
  let agents: Record<StaffRole, Agent>;
  beforeAll(async () => {
    server = await startTestServer();
    agents = await loginAllRoles(server.app);
  });
  afterAll(async () => { await server.close(); });

  const repo = <T extends object>(entity: new () => T) => server.dataSource.getRepository(entity);
  const api = actionsApi(() => agents);
  const act = (role: StaffRole, id: number, action: string, body: object = {}) => api.act(role, 'Convention', id, action, body);
  const onDisk = (file: { storagePath: string }) => path.join((services().storage as FolderStorage).root, file.storagePath);
  const get = (role: StaffRole, url: string) => agents[role].get(url).buffer(true).parse(binary);
  const downloadUrl = (document: Document) => `/admin/documents/${document.id}/download`;
  /** The Document behind an action's download link. */
  const documentOf = (body: ActionBody) => {
    expect(body.notice?.type).toBe('success');
    return repo(Document).findOneByOrFail({ id: Number(producedUrl(body).split('/')[3]) });
  };
  const journal = (action: string, entityType: string, id: number) =>
    repo(AuditEvent).find({ where: { action, entityType, entityId: String(id) }, order: { id: 'ASC' } });
  const signedConvention = (overrides: Partial<Convention> = {}) => {
    const effectiveDate = addYears(today, -1);
    return makeConvention(server.dataSource, { status: 'signee', sentDate: effectiveDate, partnerSignedDate: effectiveDate, cafSignedDate: effectiveDate, effectiveDate, ...overrides });
  };
  /** A French page saying `message`, and no PDF. */
  const expectRefusalPage = (res: { status: number; headers: Record<string, string>; body: Buffer }, status: number, message: string) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    const page = res.body.toString('utf8').replace(/&#39;/g, "'");
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain(message);
    expect(page).not.toContain('%PDF');
  };

  it('served as recorded; changed on disk: refused (409), journaled for the Administrateur, left as found', async () => {
    const c = await makeConvention(server.dataSource);
    const document = await documentOf((await act('gestionnaire-conventions', c.id, 'generateAccessRequestForm')).body as ActionBody);
    const served = await get('gestionnaire-conventions', downloadUrl(document));
    expect(served.status).toBe(200);
    expect(sha256(served.body as Buffer)).toBe(document.sha256);
    expect((served.body as Buffer).equals(readFileSync(onDisk(document)))).toBe(true);

    // Someone with access to the server changes one byte of the form (its PDF header: « %PDF-1.3 » → « %PDF-1.2 »).
    const original = readFileSync(onDisk(document));
    const altered = Buffer.from(original);
    altered[7] = altered[7]! - 1;
    expect(altered.subarray(0, 8).toString('latin1')).not.toBe(original.subarray(0, 8).toString('latin1'));
    writeFileSync(onDisk(document), altered);

    const refused = await get('consultation', downloadUrl(document));
    expectRefusalPage(refused, 409, "Le fichier a été modifié depuis son enregistrement : il n'est pas servi. L'administrateur a été alerté.");
    const [failure, ...more] = await journal('file.integrity-failure', 'Document', document.id);
    expect(more).toEqual([]);
    expect(failure).toMatchObject({ actorId: server.users.consultation.id, reason: 'fichier-modifie' });
    expect(JSON.parse(failure.details!)).toMatchObject({ storagePath: document.storagePath, expectedSha256: document.sha256, actualSha256: sha256(altered) });
    // Only the first download was one; the altered file is kept as evidence.
    expect(await journal('document.download', 'Document', document.id)).toHaveLength(1);
    expect(readFileSync(onDisk(document)).equals(altered)).toBe(true);

    // « À traiter » of the Administrateur lists it, and its link opens exactly those entries.
    const queues = async (role: StaffRole) => ((await agents[role].get('/admin/api/dashboard')).body as { queues: Array<{ id: string; count: number; href: string }> }).queues;
    const queue = (await queues('administrateur')).find((q) => q.id === 'file-integrity-failures');
    expect(queue).toMatchObject({ count: 1 });
    const list = await agents.administrateur.get(`/admin/api/resources/AuditEvent/actions/list?${queue!.href.split('?')[1]}`);
    expect((list.body as { records: Array<{ id: string }> }).records.map((r) => Number(r.id))).toEqual([failure.id]);
    expect((await queues('gestionnaire-conventions')).map((q) => q.id)).not.toContain('file-integrity-failures');
  });

  it('missing: regenerated from its record with the same SHA-256, served and put back (every kind a user produces)', async () => {
    const draft = await makeConvention(server.dataSource);
    const signed = await signedConvention({ effectiveDate: addYears(addDays(today, 20), -1), habilitationCap: 10 });
    const person = await makeHabilitation(server.dataSource, signed.id);
    const ended = await signedConvention({ status: 'resiliee', endDate: today, endReason: 'Consultations sans lien avec la mission' });
    const request = await repo(AccessRequest).save({ ...accessRequestPayload(signed.id), receivedDate: addDays(today, -5), status: 'recue' } as Partial<AccessRequest>);
    const made: Array<[string, Promise<{ body: unknown }>]> = [
      ['cover-letter', act('directeur', draft.id, 'generateCoverLetter')],
      ['convention', act('gestionnaire-conventions', draft.id, 'generateConvention')],
      ['manager-designation-form', act('gestionnaire-conventions', signed.id, 'generateDesignationForm')],
      ['suppression-request-form', act('gestionnaire-conventions', signed.id, 'generateSuppressionForm', { habilitationIdentifier: person.identifier, effectiveFrom: addDays(today, 10) })],
      ['renewal-notice', act('directeur', signed.id, 'generateRenewalNotice')],
      ['termination-letter', act('directeur', ended.id, 'generateTerminationLetter')],
      ['habilitation-letter', api.act('gestionnaire-habilitations', 'AccessRequest', request.id, 'approve', { accessCode: '' })],
    ];
    for (const [kind, produced] of made) {
      const document = await documentOf((await produced).body as ActionBody);
      expect(document.kind).toBe(kind);
      const original = readFileSync(onDisk(document));
      rmSync(onDisk(document));

      const res = await get('gestionnaire-conventions', downloadUrl(document));
      expect({ kind, status: res.status }).toEqual({ kind, status: 200 });
      expect({ kind, sha256: sha256(res.body as Buffer) }).toEqual({ kind, sha256: document.sha256 });
      expect((res.body as Buffer).equals(original)).toBe(true);
      expect(readFileSync(onDisk(document)).equals(original)).toBe(true);
      expect(await journal('document.regenerated', 'Document', document.id)).toEqual([
        expect.objectContaining({ actorId: server.users['gestionnaire-conventions'].id, reason: 'fichier-introuvable' }),
      ]);
      expect(await journal('file.integrity-failure', 'Document', document.id)).toEqual([]);
      if (kind === 'suppression-request-form') expect((await pdfText(res.body as Buffer)).flat).toContain(person.identifier);
    }
  });

  it('missing, and its records changed since: not served as if it were the original (410), journaled, not put back', async () => {
    const c = await makeConvention(server.dataSource);
    const document = await documentOf((await act('gestionnaire-conventions', c.id, 'generateAccessRequestForm')).body as ActionBody);
    await repo(Partner).update({ id: c.partnerId }, { name: 'Ville d’Essai (nouveau nom)' });
    rmSync(onDisk(document));

    const res = await get('gestionnaire-conventions', downloadUrl(document));
    expectRefusalPage(res, 410, 'Le fichier de ce document est introuvable sur le serveur');
    expect(res.body.toString('utf8').replace(/&#39;/g, "'")).toContain(FILE_MESSAGES.documentMissing);
    const [failure] = await journal('file.integrity-failure', 'Document', document.id);
    expect(failure).toMatchObject({ reason: 'fichier-introuvable', actorId: server.users['gestionnaire-conventions'].id });
    expect(JSON.parse(failure.details!)).toMatchObject({ regeneration: 'different', expectedSha256: document.sha256 });
    expect(existsSync(onDisk(document))).toBe(false);
    expect(await journal('document.download', 'Document', document.id)).toEqual([]);
  });

  it('a scan: served as uploaded; changed: 409; missing: 410 (nothing to regenerate it from), each journaled', async () => {
    const c = await makeConvention(server.dataSource, { status: 'envoyee', sentDate: addDays(today, -10) });
    const uploaded = Buffer.from('%PDF-1.4\n% convention signée par le partenaire\n');
    const signing = await agents['gestionnaire-conventions'].post(`/admin/api/resources/Convention/records/${c.id}/sign`).set('Origin', ORIGIN)
      .field('partnerSignedDate', addDays(today, -3)).field('cafSignedDate', addDays(today, -1)).attach('signedScan', uploaded, 'convention-signée.pdf');
    expect((signing.body as ActionBody).notice?.type).toBe('success');
    const { signedScanId } = await repo(Convention).findOneByOrFail({ id: c.id });
    const scan = await server.dataSource.getRepository('Scan').findOneByOrFail({ id: signedScanId! }) as { id: number; storagePath: string };
    const url = `/admin/scans/${scan.id}`;
    const served = await get('consultation', url);
    expect(served.status).toBe(200);
    expect((served.body as Buffer).equals(uploaded)).toBe(true);

    writeFileSync(onDisk(scan), Buffer.concat([uploaded, Buffer.from('% ajout\n')]));
    expectRefusalPage(await get('consultation', url), 409, "Le fichier a été modifié depuis son enregistrement : il n'est pas servi. L'administrateur a été alerté.");
    rmSync(onDisk(scan));
    expectRefusalPage(await get('consultation', url), 410, 'Le fichier de ce document est introuvable sur le serveur : la numérisation doit être jointe à nouveau.');
    expect((await journal('file.integrity-failure', 'Scan', scan.id)).map((e) => e.reason)).toEqual(['fichier-modifie', 'fichier-introuvable']);
    expect(await journal('scan.download', 'Scan', scan.id)).toHaveLength(1);
  });

  it('a renewal notice whose file is missing: given back when regenerated identically, otherwise produced again with its email', async () => {
    const c = await signedConvention({ effectiveDate: addYears(addDays(today, 25), -1) });
    const first = await documentOf((await act('directeur', c.id, 'generateRenewalNotice')).body as ActionBody);
    rmSync(onDisk(first));
    const same = (await act('directeur', c.id, 'generateRenewalNotice')).body as ActionBody;
    expect(same.notice?.message).toContain(`avait déjà été produit (n° ${first.reference})`);
    expect((await documentOf(same)).id).toBe(first.id);
    expect(sha256(readFileSync(onDisk(first)))).toBe(first.sha256);

    // Lost again, and a habilitation granted since: the notice printed then cannot be made again.
    rmSync(onDisk(first));
    const granted = await makeHabilitation(server.dataSource, c.id);
    const again = (await act('directeur', c.id, 'generateRenewalNotice')).body as ActionBody;
    const second = await documentOf(again);
    expect(second.id).not.toBe(first.id);
    expect(again.notice?.message).toContain(`est produit à nouveau (n° ${second.reference}) : le fichier de l’avis n° ${first.reference} est introuvable ou a été modifié`);
    expect(second.dedupeKey).toBe(`renewal-notice:${c.id}:${addDays(today, 25)}`);
    expect((await repo(Document).findOneByOrFail({ id: first.id })).dedupeKey).toBeNull();
    const text = await api.download('directeur', again);
    expect(text.flat).toContain(granted.identifier);
    expect(JSON.parse((await journal('file.integrity-failure', 'Document', first.id))[0].details!)).toMatchObject({ regeneration: 'different' });
    expect(JSON.parse((await journal('document.generate', 'Document', second.id))[0].details!)).toMatchObject({ replaces: first.id });
    // The partner is sent the notice that exists now.
    expect(await repo(OutboxEmail).findOneBy({ kind: 'renewal-notice', relatedId: String(second.id) })).not.toBeNull();
    // And asking once more gives that one back.
    const third = (await act('directeur', c.id, 'generateRenewalNotice')).body as ActionBody;
    expect((await documentOf(third)).id).toBe(second.id);
    expect(await repo(Habilitation).countBy({ conventionId: c.id })).toBe(1);
  });

  // A scan is shown inside the record page and the decision screen (scan-viewer.tsx, a PDF in an <iframe>).
  it('a scan may be framed by the back-office pages, by no other site', async () => {
    const scan = await makeRecord(server.dataSource, 'Scan');
    const file = await get('consultation', `/admin/scans/${scan.id}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(file.headers['content-security-policy']).not.toContain("frame-ancestors 'none'");
    expect(file.headers['x-frame-options']).toBe('SAMEORIGIN');
  });
});
