import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { verifyPassword } from '../../src/auth/password.js';
import { loadDemoData } from '../../src/db/demo-data.js';
import { ensureReferenceData } from '../../src/db/reference-data.js';
import { incompleteReasonCodes } from '../../src/domain/access-request/access-request.workflow.js';
import { parseConventionNumber, terminationSchedule } from '../../src/domain/convention/convention.rules.js';
import { isActiveOn } from '../../src/domain/convention/convention.workflow.js';
import { parseHabilitationIdentifier, revocationReasonCodes } from '../../src/domain/habilitation/habilitation.workflow.js';
import { addDays, compareDates, isIsoDate } from '../../src/domain/shared/dates.js';
import { samePerson } from '../../src/domain/shared/normalize.js';
import { EARLIEST_DATE, validateEmail, validateSiret } from '../../src/domain/shared/validators.js';
import { textLimitErrors, textLimitsOf } from '../../src/domain/shared/field-limits.js';
import { AccessProfile } from '../../src/entities/access-profile.entity.js';
import { AccessRequest } from '../../src/entities/access-request.entity.js';
import { Convention } from '../../src/entities/convention.entity.js';
import { HabilitationManager } from '../../src/entities/habilitation-manager.entity.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { Partner } from '../../src/entities/partner.entity.js';
import { SequenceCounter } from '../../src/entities/sequence-counter.entity.js';
import { Settings } from '../../src/entities/settings.entity.js';
import { StaffUser } from '../../src/entities/staff-user.entity.js';
import { dueSuppressionWhere } from '../../src/domain/work-queues/work-queues.js';
import { SuppressionRequest } from '../../src/entities/suppression-request.entity.js';
import { STAFF_ROLES } from '../../src/policies/roles.js';
import { openTestDataSource } from '../support/database.js';

// An ordinary day, and a leap day (anniversaries and « n years ago » clamp to 28 February).
const TODAYS = ['2026-11-23', '2028-02-29'];
const PASSWORD = 'Démo-Cafpro-2026 !';

const le = (a: string, b: string) => compareDates(a, b) <= 0;
const dayOf = (instant: Date) => instant.toISOString().slice(0, 10);
const person = (p: { lastName: string; firstName: string; email: string }) => ({ nom: p.lastName, prenom: p.firstName, email: p.email });

describe.each(TODAYS)('loadDemoData, today %s', (TODAY) => {
  let dataSource: DataSource;
  let result: Awaited<ReturnType<typeof loadDemoData>>;
  let conventions: Convention[];
  let profiles: Map<number, AccessProfile>;
  let habilitations: Habilitation[];
  let requests: AccessRequest[];

  beforeAll(async () => {
    ({ dataSource } = await openTestDataSource());
    result = await loadDemoData(dataSource, { password: PASSWORD, today: TODAY });
    conventions = await dataSource.manager.find(Convention, { order: { id: 'ASC' } });
    profiles = new Map((await dataSource.manager.find(AccessProfile)).map((p) => [p.id, p]));
    habilitations = await dataSource.manager.find(Habilitation, { order: { id: 'ASC' } });
    requests = await dataSource.manager.find(AccessRequest, { order: { id: 'ASC' } });
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  const convention = (id: number) => conventions.find((c) => c.id === id)!;
  const profileOf = (c: Convention) => profiles.get(c.profileId)!;

  async function rowCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const meta of dataSource.entityMetadatas) counts[meta.tableName] = await dataSource.manager.count(meta.target);
    return counts;
  }

  it('loads into an empty database and lists one login per role', () => {
    expect(result).toEqual({
      loaded: true,
      logins: [
        { role: 'administrateur', email: 'admin@demo.caf.fr' },
        { role: 'gestionnaire-conventions', email: 'conventions@demo.caf.fr' },
        { role: 'gestionnaire-habilitations', email: 'habilitations@demo.caf.fr' },
        { role: 'directeur', email: 'directeur@demo.caf.fr' },
        { role: 'consultation', email: 'consultation@demo.caf.fr' },
      ],
    });
  });

  it('loads only once: a second call does nothing', async () => {
    const before = await rowCounts();
    const staffBefore = await dataSource.manager.find(StaffUser, { order: { id: 'ASC' } });
    expect(await loadDemoData(dataSource, { password: 'Autre-mot-de-passe-1!', today: addDays(TODAY, 30) })).toEqual({ loaded: false, logins: [] });
    expect(await rowCounts()).toEqual(before);
    expect(await dataSource.manager.find(StaffUser, { order: { id: 'ASC' } })).toEqual(staffBefore);
  });

  it('creates one active staff account per role, with the password given', async () => {
    const staff = await dataSource.manager.find(StaffUser, { order: { id: 'ASC' } });
    expect(staff.map((s) => s.role).sort()).toEqual([...STAFF_ROLES].sort());
    expect(staff.find((s) => s.role === 'directeur')).toMatchObject({ email: 'directeur@demo.caf.fr', name: 'Elodie Clair' });
    for (const s of staff) {
      expect(s.active).toBe(true);
      // The README's demo login goes straight in: no forced password change.
      expect(s.mustChangePassword).toBe(false);
      expect(s.name).toMatch(/^\p{Lu}\p{Ll}+ \p{Lu}/u);
      expect(await verifyPassword(s.passwordHash, PASSWORD)).toBe(true);
    }
    expect(await verifyPassword(staff[0].passwordHash, 'Autre-mot-de-passe-1!')).toBe(false);
  });

  it('ensures the reference data: profiles and the Caf des Yvelines settings (seed 002), idempotently', async () => {
    const byCode = new Map([...profiles.values()].map((p) => [p.code, p]));
    for (const code of ['T1', 'T2', 'T3']) expect(byCode.get(code)).toMatchObject({ conventionKind: 'cafpro', dataSharingAnnex: true, active: true });
    expect(byCode.get('MAD')).toMatchObject({ conventionKind: 'data-provision', dataSharingAnnex: false });
    expect([...profiles.values()].filter((p) => p.needsAccessCode).map((p) => p.accessCodeLabel)).toContain('Code bailleur');
    // « Profil T2 » of the convention annex, line by line.
    const t2 = byCode.get('T2')!.dataCategories;
    for (const line of [
      "Catégories d'informations accessibles par les prestataires de services sociaux bénéficiaires de crédits d'action sociale Caf, pour le calcul des participations des familles",
      "Nom et prénom de l'allocataire / du conjoint, indication du responsable du dossier",
      'Montant du quotient familial national (historique de 24 mois), date de calcul, nombre de parts',
      'Ressources annuelles à prendre en compte pour la prestation de service unique « petite enfance »',
      'Enfants / autres personnes à charge au sens des prestations familiales, du logement, du Rmi/Rsa : nom, prénom, date naissance',
      'Rubrique « Dialogue »',
    ]) expect(t2).toContain(line);

    const settings = await dataSource.manager.find(Settings);
    expect(settings).toHaveLength(1);
    expect(settings[0]).toMatchObject({
      cafName: 'Caf des Yvelines', addressLine1: '2 avenue des Prés', addressLine2: 'BP 17', postalCode: '78184',
      directorCivility: 'Madame', directorName: 'Elodie CLAIR', directorTitle: 'Directeur général', contactName: 'Laurence Descombes', contactPhone: '01 30 64 37 25',
      departmentCode: '78', numberSuffix: 'AS', renewalLeadDays: 90, passwordPeriodDays: 90, passwordNoticeDays: 15,
    });

    const before = await rowCounts();
    await dataSource.transaction((manager) => ensureReferenceData(manager));
    expect(await rowCounts()).toEqual(before);
  });

  it('creates about ten partners of different types, with valid and unique SIRETs', async () => {
    const partners = await dataSource.manager.find(Partner);
    expect(partners.length).toBeGreaterThanOrEqual(10);
    expect(new Set(partners.map((p) => p.type)).size).toBeGreaterThanOrEqual(6);
    expect(new Set(partners.map((p) => p.siret)).size).toBe(partners.length);
    for (const p of partners) {
      expect(p.siret).toMatch(/^\d{14}$/);
      expect(validateSiret(p.siret)).toEqual({ ok: true, value: p.siret });
      expect(p.postalCode).toMatch(/^78\d{3}$/);
      expect(p.phone).toMatch(/^01 39( \d{2}){3}$/);
      expect(validateEmail(p.email)).toEqual({ ok: true, value: p.email });
      expect(p.representativeName).toMatch(/^\p{Lu}[\p{L}-]+ [\p{Lu} -]+$/u);
    }
    expect(partners.map((p) => p.name)).toEqual(expect.arrayContaining(['Ville de Saint-Germain-en-Laye', 'CCAS de Versailles', 'Conseil départemental des Yvelines']));
    expect(partners.find((p) => p.name === 'Ville de Saint-Germain-en-Laye')?.representativeTitle).toBe('Maire');
  });

  it('creates conventions in every status, numbered 78/{année}/{séquence}AS – {profil}, with consistent dates', async () => {
    expect(new Set(conventions.map((c) => c.status))).toEqual(new Set(['brouillon', 'envoyee', 'signee', 'denoncee', 'resiliee']));
    expect(new Set(conventions.map((c) => c.number)).size).toBe(conventions.length);
    expect(new Set(conventions.map((c) => `${c.year}/${c.sequence}`)).size).toBe(conventions.length);
    for (const c of conventions) {
      const profile = profileOf(c);
      expect(c.number).toMatch(/^78\/\d{4}\/\d{4}AS \u2013 [A-Z0-9]+$/);
      expect(parseConventionNumber(c.number)).toEqual({ department: '78', year: c.year, sequence: c.sequence, suffix: 'AS', profileCode: profile.code });
      expect(c.kind).toBe(profile.conventionKind);
      expect(le(dayOf(c.createdAt), TODAY)).toBe(true);
      expect(c.year).toBe(c.createdAt.getUTCFullYear());
      if (c.status === 'brouillon') {
        expect([c.sentDate, c.partnerSignedDate, c.cafSignedDate, c.effectiveDate, c.endDate]).toEqual([null, null, null, null, null]);
        continue;
      }
      expect(isIsoDate(c.sentDate)).toBe(true);
      expect(le(dayOf(c.createdAt), c.sentDate!) && le(c.sentDate!, TODAY)).toBe(true);
      if (c.status === 'envoyee') {
        expect([c.partnerSignedDate, c.cafSignedDate, c.effectiveDate, c.endDate]).toEqual([null, null, null, null]);
        continue;
      }
      // Signed: art. 5, effective on the (last) signature, the Caf's.
      expect(le(c.sentDate!, c.partnerSignedDate!) && le(c.partnerSignedDate!, c.cafSignedDate!) && le(c.cafSignedDate!, TODAY)).toBe(true);
      expect(c.effectiveDate).toBe(c.cafSignedDate);
      if (c.status === 'signee') {
        expect([c.noticeParty, c.noticeReceivedDate, c.endDate, c.endReason]).toEqual([null, null, null, null]);
      }
      if (c.status === 'denoncee') {
        expect(['caf', 'partenaire']).toContain(c.noticeParty);
        expect(le(c.effectiveDate!, c.noticeReceivedDate!) && le(c.noticeReceivedDate!, TODAY)).toBe(true);
        expect(c.endDate).toBe(terminationSchedule(c.effectiveDate!, c.noticeReceivedDate!, c.kind).endDate);
        expect(c.endReason).toBeTruthy();
      }
      if (c.status === 'resiliee') {
        expect(le(c.effectiveDate!, c.endDate!) && le(c.endDate!, TODAY)).toBe(true);
        expect(c.endReason).toMatch(/article 4/i);
      }
    }
  });

  it('keeps one current responsable habilitations per signed Cafpro convention (none for data provision), and the superseded ones', async () => {
    const managers = await dataSource.manager.find(HabilitationManager);
    for (const c of conventions.filter((c) => c.status === 'signee')) {
      const current = managers.filter((m) => m.conventionId === c.id && m.currentFor !== null);
      expect(current).toHaveLength(c.kind === 'data-provision' ? 0 : 1);
      if (c.kind === 'data-provision') continue;
      expect(current[0]).toMatchObject({ currentFor: c.id, endDate: null });
    }
    for (const m of managers) {
      if (m.currentFor !== null) expect(m.currentFor).toBe(m.conventionId);
      expect(le(m.designationDate, TODAY)).toBe(true);
      expect(validateEmail(m.email)).toEqual({ ok: true, value: m.email });
    }
    const superseded = managers.filter((m) => m.endDate !== null);
    expect(superseded.length).toBeGreaterThanOrEqual(1);
    for (const m of superseded) {
      expect(m.currentFor).toBeNull();
      expect(le(m.designationDate, m.endDate!) && le(m.endDate!, TODAY)).toBe(true);
      const successor = managers.find((n) => n.conventionId === m.conventionId && n.currentFor !== null)!;
      expect(successor.designationDate).toBe(m.endDate);
    }
  });

  it('creates access requests in every status, the approved ones linked to their habilitation', () => {
    expect(new Set(requests.map((r) => r.status))).toEqual(new Set(['recue', 'incomplete', 'approuvee', 'refusee']));
    for (const r of requests) {
      expect(le(r.receivedDate, TODAY)).toBe(true);
      expect(validateEmail(r.email)).toEqual({ ok: true, value: r.email });
      if (r.contractType === 'CDI') expect(r.contractEndDate).toBeNull();
      switch (r.status) {
        case 'recue':
          expect([r.decidedAt, r.habilitationId, r.refusalReason]).toEqual([null, null, null]);
          break;
        case 'incomplete':
          expect(incompleteReasonCodes).toContain(r.incompleteReason);
          expect(le(r.receivedDate, r.incompleteSince!) && le(r.incompleteSince!, TODAY)).toBe(true);
          expect([r.decidedAt, r.habilitationId]).toEqual([null, null]);
          break;
        case 'refusee':
          expect(r.refusalReason).toBeTruthy();
          expect(le(r.receivedDate, dayOf(r.decidedAt!)) && le(dayOf(r.decidedAt!), TODAY)).toBe(true);
          expect(r.habilitationId).toBeNull();
          break;
        case 'approuvee': {
          const h = habilitations.find((x) => x.id === r.habilitationId)!;
          expect(h.accessRequestId).toBe(r.id);
          expect(h.conventionId).toBe(r.conventionId);
          expect(samePerson(person(h), person(r))).toBe(true);
          expect(h.grantedDate).toBe(dayOf(r.decidedAt!));
          expect(le(r.receivedDate, h.grantedDate)).toBe(true);
          expect(h.endDate).toBe(r.contractType === 'CDD' ? r.contractEndDate : null);
          expect(isActiveOn(convention(r.conventionId), h.grantedDate)).toBe(true);
          if (r.complementReceivedDate) expect(le(r.incompleteSince!, r.complementReceivedDate) && le(r.complementReceivedDate, h.grantedDate)).toBe(true);
          break;
        }
      }
    }
  });

  it('creates habilitations active, suspended and revoked, with unique identifiers and consistent dates', () => {
    expect(new Set(habilitations.map((h) => h.status))).toEqual(new Set(['active', 'suspendue', 'revoquee']));
    expect(new Set(habilitations.map((h) => h.identifier)).size).toBe(habilitations.length);
    expect(habilitations.some((h) => h.endDate !== null && h.status === 'active')).toBe(true);
    for (const h of habilitations) {
      const c = convention(h.conventionId);
      expect(h.identifier).toMatch(/^CP78-\d{6}$/);
      expect(parseHabilitationIdentifier(h.identifier)?.department).toBe('78');
      expect(le(c.effectiveDate!, h.grantedDate) && le(h.grantedDate, TODAY)).toBe(true);
      expect(profileOf(c).conventionKind).toBe('cafpro');
      expect(h.accessCode !== null).toBe(profileOf(c).needsAccessCode);
      expect(validateEmail(h.email)).toEqual({ ok: true, value: h.email });
      if (h.status === 'revoquee') {
        expect(revocationReasonCodes).toContain(h.statusReason);
        expect(le(h.grantedDate, h.revokedDate!) && le(h.revokedDate!, TODAY)).toBe(true);
        expect(h.nextPasswordChangeDate).toBeNull();
        if (h.statusReason === 'fin-de-contrat') expect(h.revokedDate).toBe(h.endDate);
        if (h.statusReason === 'fin-de-convention') expect(h.revokedDate).toBe(c.endDate);
      } else {
        // Live habilitations: on a running convention, within the contract, password changes to come.
        expect(h.revokedDate).toBeNull();
        expect(isActiveOn(c, TODAY)).toBe(true);
        if (h.endDate) expect(compareDates(h.endDate, TODAY)).toBeGreaterThan(0);
        expect(compareDates(h.nextPasswordChangeDate!, TODAY)).toBeGreaterThan(0);
        expect(le(h.grantedDate, h.passwordChangedDate!)).toBe(true);
      }
      // When a convention ends, every habilitation under it is revoked that day (DOMAIN.md).
      if (c.endDate && le(c.endDate, TODAY)) expect(h.status === 'revoquee' && le(h.revokedDate!, c.endDate)).toBe(true);
      if (h.replacesId !== null) {
        const replaced = habilitations.find((x) => x.id === h.replacesId)!;
        expect(replaced).toMatchObject({ status: 'revoquee', statusReason: 'perte-ou-vol', conventionId: h.conventionId });
        expect(samePerson(person(replaced), person(h))).toBe(true);
      }
    }
    // One live habilitation per person and convention; caps respected.
    const live = habilitations.filter((h) => h.status !== 'revoquee');
    const keys = live.map((h) => `${h.conventionId}|${h.lastName}|${h.firstName}|${h.email}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of conventions.filter((c) => c.habilitationCap !== null)) {
      expect(live.filter((h) => h.conventionId === c.id).length).toBeLessThanOrEqual(c.habilitationCap!);
    }
    // At least one CDD, whose habilitation ends with the contract.
    expect(requests.some((r) => r.status === 'approuvee' && r.contractType === 'CDD' && r.contractEndDate !== null)).toBe(true);
  });

  it('creates suppression requests of every status, one of them due, consistent with the habilitation', async () => {
    const suppressions = await dataSource.manager.find(SuppressionRequest);
    expect(suppressions.map((s) => s.status).sort()).toEqual(['recue', 'recue', 'rejetee', 'traitee']);
    // « Suppressions dues » on the home page has something to show.
    expect(await dataSource.manager.count(SuppressionRequest, { where: dueSuppressionWhere(TODAY) })).toBe(1);
    for (const s of suppressions) {
      const h = habilitations.find((x) => x.id === s.habilitationId)!;
      expect(s.position).toBe(h.position);
      expect(le(h.grantedDate, s.receivedDate) && le(s.receivedDate, TODAY)).toBe(true);
      if (s.status === 'traitee') {
        expect(s.employerSigned).toBe(true);
        expect(h).toMatchObject({ status: 'revoquee', statusReason: 'suppression-demandee', revokedDate: s.revokedDate });
        expect(dayOf(s.decidedAt!)).toBe(s.revokedDate);
        expect(le(s.effectiveDate, s.revokedDate!)).toBe(true);
      } else if (s.status === 'rejetee') {
        expect(s.rejectionReason).toBeTruthy();
        expect(le(s.receivedDate, dayOf(s.decidedAt!))).toBe(true);
        expect(h.status).not.toBe('revoquee');
      } else {
        expect([s.decidedAt, s.revokedDate]).toEqual([null, null]);
        expect(h.status).toBe('active');
      }
    }
  });

  it('passes the checks of the forms: every text within its column, no control character, every date from 2000 on', async () => {
    // What an agent can type (the other tables are written by the application: journal, e-mails…).
    for (const entity of [Partner, AccessProfile, Convention, HabilitationManager, AccessRequest, Habilitation, SuppressionRequest, Settings, StaffUser]) {
      const metadata = dataSource.getMetadata(entity);
      const limits = textLimitsOf(metadata);
      const dates = metadata.columns.filter((c) => c.type === 'date').map((c) => c.propertyName);
      const rows = await dataSource.manager.find(entity);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows as unknown as Array<Record<string, unknown>>) {
        expect({ entity: metadata.name, errors: textLimitErrors(limits, (field) => field, row) }).toEqual({ entity: metadata.name, errors: [] });
        for (const field of dates) if (row[field] !== null) expect(compareDates(String(row[field]), EARLIEST_DATE)).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('leaves the sequence counters after the numbers used', async () => {
    const counters = new Map((await dataSource.manager.find(SequenceCounter)).map((c) => [c.name, c.value]));
    for (const year of new Set(conventions.map((c) => c.year))) {
      expect(counters.get(`convention:${year}`)).toBe(Math.max(...conventions.filter((c) => c.year === year).map((c) => c.sequence)));
    }
    expect(counters.get('habilitation')).toBe(Math.max(...habilitations.map((h) => parseHabilitationIdentifier(h.identifier)!.sequence)));
  });
});
