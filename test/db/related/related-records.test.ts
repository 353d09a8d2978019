// The records related to the one on a record page (issue 13 §3), read by src/domain/related on the
// database itself: the counts by state and the lists they link to, the dates of a convention, the chain
// of a habilitation, the same person across partners (accents and case aside), and what a role may not
// read never sent.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { can } from '../../../src/policies/policy.js';
import {
  relatedRecords, type AccessRequestRelated, type ConventionRelated, type HabilitationRelated, type PartnerRelated,
} from '../../../src/domain/related/related-records.js';
import { AccessRequest } from '../../../src/entities/access-request.entity.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { Convention } from '../../../src/entities/convention.entity.js';
import { Document } from '../../../src/entities/document.entity.js';
import { HabilitationManager } from '../../../src/entities/habilitation-manager.entity.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { Partner } from '../../../src/entities/partner.entity.js';
import { Scan } from '../../../src/entities/scan.entity.js';
import { SuppressionRequest } from '../../../src/entities/suppression-request.entity.js';
import { accessRequestPayload, managerPayload } from '../../support/factories.js';
import { makeConventionRow, makeHabilitationRow, makeSignedConvention, openContext, TODAY, type TestContext } from '../convention/support.js';

describe('related records of a record page', () => {
  let ctx: TestContext;
  let ds: DataSource;
  let convention: Convention;
  let draft: Convention;
  let scanCount = 0;
  beforeAll(async () => {
    ctx = await openContext();
    ds = ctx.dataSource;
    convention = await makeSignedConvention(ds, '2025-03-15');
    // A second convention of the same partner, and what belongs to it (never counted on the first).
    draft = await makeConventionRow(ds, { partnerId: convention.partnerId });
  });
  afterAll(async () => { await ctx?.close(); });

  const related = <T>(role: Parameters<typeof relatedRecords>[1], resource: Parameters<typeof relatedRecords>[2], id: number, policy = can) =>
    relatedRecords(ds.manager, role, resource, id, TODAY, policy) as Promise<T>;
  const scan = (mimeType = 'application/pdf') =>
    ds.getRepository(Scan).save({ originalName: `scan-${++scanCount}.pdf`, mimeType, size: 10, sha256: 'x'.repeat(64), storagePath: `scans/${scanCount}` });
  const request = (conventionId: number, overrides: Partial<AccessRequest> = {}) =>
    ds.getRepository(AccessRequest).save({ ...accessRequestPayload(conventionId), status: 'recue', ...overrides } as Partial<AccessRequest>);
  const url = (href: string) => new URL(href, 'http://x');

  it('a partner: its conventions with state, profile and anniversary; « Créer une convention » pre-filled, for who may create one', async () => {
    const partner = await ds.getRepository(Partner).findOneByOrFail({ id: convention.partnerId });
    const result = await related<PartnerRelated>('gestionnaire-conventions', 'Partner', partner.id);
    expect(result.conventions!.total).toBe(2);
    expect(url(result.conventions!.href).searchParams.get('filters.partnerId')).toBe(String(partner.id));
    const line = result.conventions!.lines.find((l) => l.label === `Convention ${convention.number}`)!;
    expect(line.href).toBe(`/admin/resources/Convention/records/${convention.id}/show`);
    expect(line.details).toEqual(['Signée (active)', expect.stringMatching(/^T2 – /), 'anniversaire le 15 mars 2027']);
    expect(result.conventions!.lines.find((l) => l.label === `Convention ${draft.number}`)!.details[0]).toBe('Brouillon');

    const create = url(result.createConvention!.href);
    expect(create.pathname).toBe('/admin/resources/Convention/actions/new');
    expect(Object.fromEntries(create.searchParams)).toEqual({
      partnerId: String(partner.id), signatoryCivility: partner.representativeCivility, signatoryName: partner.representativeName, signatoryTitle: partner.representativeTitle,
    });
    // Reading only: no creation offered.
    for (const role of ['consultation', 'gestionnaire-habilitations', 'directeur'] as const) {
      const read = await related<PartnerRelated>(role, 'Partner', partner.id);
      expect(read.createConvention).toBeUndefined();
      expect(read.conventions!.total).toBe(2);
    }
  });

  it('a convention: responsable in office, dates, demandes and habilitations by state, documents, scans and history', async () => {
    const signedScan = await scan();
    await ds.getRepository(Convention).update(convention.id, { signedScanId: signedScan.id });
    const designation = (values: Partial<HabilitationManager>) => ds.getRepository(HabilitationManager).save({ ...managerPayload(convention.id), ...values } as Partial<HabilitationManager>);
    const old = await designation({ lastName: 'Ancien', designationDate: '2025-04-01', endDate: '2026-01-10', currentFor: null, scanId: (await scan()).id });
    const current = await designation({ civility: 'Madame', lastName: 'Moreau', firstName: 'Anne', designationDate: '2026-01-10', currentFor: convention.id });
    for (const status of ['recue', 'recue', 'incomplete', 'approuvee'] as const) await request(convention.id, { status, scanId: status === 'approuvee' ? (await scan()).id : null });
    await request(draft.id);
    const active = await makeHabilitationRow(ds, convention.id);
    await makeHabilitationRow(ds, convention.id);
    await makeHabilitationRow(ds, convention.id, { status: 'revoquee', revokedDate: '2026-06-01' });
    await ds.getRepository(SuppressionRequest).save({ habilitationId: active.id, position: 'Agent', effectiveDate: '2026-12-01', receivedDate: TODAY, status: 'recue', scanId: (await scan()).id } as Partial<SuppressionRequest>);
    const document = (subjectId: number, title: string, generatedAt: string) => ds.getRepository(Document).save({
      kind: 'convention', subjectType: 'Convention', subjectId, title, storagePath: 'documents/x', sha256: 'y'.repeat(64), size: 1, generatedAt: new Date(generatedAt),
    } as Partial<Document>);
    await document(convention.id, 'Convention (première)', '2025-03-01T10:00:00Z');
    const latestDocument = await document(convention.id, 'Avis de reconduction', '2026-11-20T10:00:00Z');
    await document(draft.id, 'Convention du brouillon', '2026-11-21T10:00:00Z');
    const journal = (action: string, fromState: string | null, toState: string | null, occurredAt: string, entityId = convention.id) => ds.getRepository(AuditEvent)
      .save({ occurredAt: new Date(occurredAt), action, entityType: 'Convention', entityId: String(entityId), fromState, toState, actorEmail: 'agent@test.caf.fr', legalHold: false } as Partial<AuditEvent>);
    await journal('convention.send', 'brouillon', 'envoyee', '2025-02-01T10:00:00Z');
    await journal('convention.sign', 'envoyee', 'signee', '2025-03-15T10:00:00Z');
    await journal('convention.send', 'brouillon', 'envoyee', '2026-11-01T10:00:00Z', draft.id);

    const result = await related<ConventionRelated>('directeur', 'Convention', convention.id);
    expect(result.responsable).toEqual({
      label: 'Madame Anne MOREAU', href: `/admin/resources/HabilitationManager/records/${current.id}/show`,
      details: [current.email, current.phone, 'désignée le 10 janvier 2026'],
    });
    expect(result.calendar).toEqual([
      { label: 'Prochain anniversaire', value: '15 mars 2027' },
      { label: 'Dernier jour pour dénoncer', value: '15 janvier 2027' },
    ]);
    expect(result.accessRequests!.total).toBe(4);
    expect(result.accessRequests!.byState.map((s) => [s.label, s.count])).toEqual([['Reçue', 2], ['Incomplète', 1], ['Approuvée', 1]]);
    const received = url(result.accessRequests!.byState[0].href);
    expect(received.pathname).toBe('/admin/resources/AccessRequest');
    expect(Object.fromEntries(received.searchParams)).toEqual({ 'filters.conventionId': String(convention.id), 'filters.status': 'recue' });
    expect(result.habilitations!.byState.map((s) => [s.state, s.count])).toEqual([['active', 2], ['revoquee', 1]]);
    expect(url(result.habilitations!.href).searchParams.get('filters.conventionId')).toBe(String(convention.id));

    expect(result.documents!.total).toBe(2);
    expect(result.documents!.latest[0]).toMatchObject({ label: 'Avis de reconduction', href: `/admin/documents/${latestDocument.id}/download` });
    expect(Object.fromEntries(url(result.documents!.href!).searchParams)).toMatchObject({ 'filters.subjectType': 'Convention', 'filters.subjectId': String(convention.id) });

    // The signed copy, the scanned designation, the approved request and the suppression request.
    expect(result.scans!.total).toBe(4);
    expect(result.scans!.latest.map((s) => s.label)).toEqual(expect.arrayContaining([
      'Convention signée', 'Désignation du responsable François ANCIEN', "Demande d'accès de Zoé BENOÎT", "Demande de suppression d'accès de Hélène " + active.lastName.toUpperCase(),
    ]));
    expect(result.scans!.latest.find((s) => s.label === 'Convention signée')!.href).toBe(`/admin/scans/${signedScan.id}`);
    expect(result.scans!.latest.find((s) => s.label.startsWith('Désignation'))!.record!.href).toBe(`/admin/resources/HabilitationManager/records/${old.id}/show`);

    expect(result.history!.total).toBe(2);
    expect(result.history!.latest[0]).toMatchObject({ label: expect.any(String), details: [expect.stringMatching(/^15\/03\/2025/), 'agent@test.caf.fr', 'Envoyée → Signée (active)'] });
    expect(Object.fromEntries(url(result.history!.href!).searchParams)).toEqual({ 'filters.entityType': 'Convention', 'filters.entityId': String(convention.id) });
  });

  it('a convention past its notice deadline, and an ended one', async () => {
    // Anniversary 2026-12-10: its deadline (2026-10-10) is past, a notice now stops the following one.
    const late = await makeSignedConvention(ds, '2025-12-10');
    expect((await related<ConventionRelated>('consultation', 'Convention', late.id)).calendar).toEqual([
      { label: 'Prochain anniversaire', value: '10 décembre 2026' },
      { label: 'Dernier jour pour dénoncer', value: '10 octobre 2027 pour l’échéance du 10 décembre 2027 (délai passé pour celle du 10 décembre 2026)' },
    ]);
    const ended = await makeSignedConvention(ds, '2025-03-15', { status: 'denoncee', endDate: '2027-03-15', noticeReceivedDate: '2026-11-01', noticeParty: 'caf' });
    expect((await related<ConventionRelated>('consultation', 'Convention', ended.id)).calendar).toEqual([
      { label: 'Fin de la convention', value: 'le 15 mars 2027 (dernier jour d’effet la veille)' },
    ]);
  });

  it('a habilitation: the request it came from, the revocation planned, what it replaces and what replaced it', async () => {
    const ending = await makeSignedConvention(ds, '2025-03-15', { status: 'denoncee', endDate: '2027-03-15', noticeReceivedDate: '2026-11-01', noticeParty: 'caf' });
    const origin = await request(ending.id, { status: 'approuvee', formReference: 'DA-2026-990001', receivedDate: '2026-10-02' });
    const lost = await makeHabilitationRow(ds, ending.id, { status: 'revoquee', revokedDate: '2026-10-20', statusReason: 'perte-vol' });
    const reissued = await makeHabilitationRow(ds, ending.id, { replacesId: lost.id, accessRequestId: origin.id });

    const result = await related<HabilitationRelated>('gestionnaire-habilitations', 'Habilitation', reissued.id);
    expect(result.origin).toEqual({
      label: 'Demande d\'accès de Zoé BENOÎT (DA-2026-990001)', href: `/admin/resources/AccessRequest/records/${origin.id}/show`,
      details: ['reçue le 2 octobre 2026', 'Approuvée'],
    });
    expect(result.replaces).toMatchObject({ label: `${lost.identifier} — ${lost.lastName.toUpperCase()} Hélène`, details: ['Révoquée', 'délivrée le 1er avril 2025', 'révoquée le 20 octobre 2026'] });
    expect(result.replacedBy).toEqual([]);
    expect(result.plannedRevocation).toEqual({
      label: `Révocation prévue le 15/03/2027 : fin de la convention ${ending.number}`, href: `/admin/resources/Convention/records/${ending.id}/show`, details: [],
    });
    const before = await related<HabilitationRelated>('consultation', 'Habilitation', lost.id);
    expect(before.replacedBy!.map((l) => l.href)).toEqual([`/admin/resources/Habilitation/records/${reissued.id}/show`]);
    expect(before.replaces).toBeNull();
    expect(before.plannedRevocation).toBeNull();
    expect(before.origin).toBeNull();

    // A processed suppression due before the convention's end is the one that will revoke it.
    const suppression = await ds.getRepository(SuppressionRequest).save({
      habilitationId: reissued.id, position: 'Agent', effectiveDate: '2026-12-31', receivedDate: TODAY, status: 'traitee', formReference: 'DS-2026-990001',
    } as Partial<SuppressionRequest>);
    expect((await related<HabilitationRelated>('consultation', 'Habilitation', reissued.id)).plannedRevocation).toEqual({
      label: 'Révocation prévue le 31/12/2026 : demande de suppression DS-2026-990001', href: `/admin/resources/SuppressionRequest/records/${suppression.id}/show`, details: [],
    });
  });

  it('a demande d\'accès: its scan, and the same person\'s other requests and habilitations through any partner', async () => {
    const here = await makeSignedConvention(ds, '2025-03-15');
    const elsewhere = await makeSignedConvention(ds, '2025-03-15');
    const pdf = await scan();
    const person = { lastName: 'Lefèvre', firstName: 'Éloïse' };
    const shown = await request(here.id, { ...person, scanId: pdf.id, email: 'eloise.lefevre@ville.fr' });
    // The same person, written otherwise on other forms, here and at another partner.
    const again = await request(here.id, { lastName: 'LEFEVRE', firstName: 'eloise', status: 'refusee', receivedDate: '2026-09-01' });
    const there = await request(elsewhere.id, { lastName: 'LEFÈVRE', firstName: 'Éloïse', email: 'eloise.lefevre@ville.fr', status: 'approuvee' });
    const held = await makeHabilitationRow(ds, elsewhere.id, { lastName: 'Lefevre', firstName: 'Eloïse', email: 'eloise.lefevre@ville.fr' });
    // Others: same last name, other first name (many, and more recent: a common name); another person altogether.
    await ds.getRepository(AccessRequest).save(Array.from({ length: 250 }, () => ({
      ...accessRequestPayload(elsewhere.id), lastName: 'Lefèvre', firstName: 'Paul', status: 'recue', receivedDate: '2026-11-20',
    } as Partial<AccessRequest>)), { chunk: 50 });
    await makeHabilitationRow(ds, here.id, { lastName: 'Lefèvre', firstName: 'Paul' });
    await makeHabilitationRow(ds, here.id, { lastName: 'Martin', firstName: 'Éloïse' });

    const result = await related<AccessRequestRelated>('gestionnaire-habilitations', 'AccessRequest', shown.id);
    expect(result.scan).toEqual({ href: `/admin/scans/${pdf.id}`, name: pdf.originalName, display: 'pdf' });
    expect(result.otherRequests!.map((l) => l.href).sort()).toEqual([again.id, there.id].map((id) => `/admin/resources/AccessRequest/records/${id}/show`).sort());
    const partnerThere = await ds.getRepository(Partner).findOneByOrFail({ id: elsewhere.partnerId });
    expect(result.otherRequests!.find((l) => l.href.includes(`/${there.id}/`))!.details)
      .toEqual(['Approuvée', 'reçue le 2 novembre 2026', partnerThere.name, `convention ${elsewhere.number}`, 'même adresse électronique']);
    expect(result.habilitations).toEqual([{
      label: `${held.identifier} — LEFEVRE Eloïse`, href: `/admin/resources/Habilitation/records/${held.id}/show`,
      details: ['Active', partnerThere.name, `convention ${elsewhere.number}`, 'même adresse électronique'],
    }]);

    const image = await request(here.id, { scanId: (await scan('image/jpeg')).id });
    expect((await related<AccessRequestRelated>('consultation', 'AccessRequest', image.id)).scan!.display).toBe('image');
    expect((await related<AccessRequestRelated>('consultation', 'AccessRequest', again.id)).scan).toBeNull();
  });

  it('what a role may not read is not sent at all', async () => {
    const noHabilitations: typeof can = (role, resource, action) => resource !== 'Habilitation' && resource !== 'AuditEvent' && can(role, resource, action);
    const conventionPage = await related<ConventionRelated>('consultation', 'Convention', convention.id, noHabilitations);
    expect(conventionPage.habilitations).toBeUndefined();
    expect(conventionPage.history).toBeUndefined();
    expect(conventionPage.accessRequests!.total).toBe(4);
    const someRequest = await ds.getRepository(AccessRequest).findOneByOrFail({ conventionId: convention.id, status: 'approuvee' });
    const requestPage = await related<AccessRequestRelated>('consultation', 'AccessRequest', someRequest.id, noHabilitations);
    expect(requestPage.habilitations).toBeUndefined();
    expect(requestPage.otherRequests).toBeDefined();
    // The record itself not readable, or not logged in: nothing.
    const habilitation = await ds.getRepository(Habilitation).findOneByOrFail({ conventionId: convention.id, status: 'active' });
    expect(await related('consultation', 'Habilitation', habilitation.id, noHabilitations)).toBeNull();
    expect(await related(null, 'Convention', convention.id)).toBeNull();
  });
});
