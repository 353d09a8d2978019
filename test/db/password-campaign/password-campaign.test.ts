// Campagnes de changement de mot de passe (issue 6): creation with validation, scope, notices queued
// in batches with progress (and resumed after an interruption), ONE copy per responsable listing
// their users, the recipients' status following their emails, the CSV proof of notice, and the
// change applied on the change date. Safe twice and on two instances.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import {
  applyPasswordCampaign, campaignProgress, CAMPAIGN_COPY_KIND, CAMPAIGN_USER_KIND, createPasswordCampaign, exportNoticeProofCsv,
  PASSWORD_CAMPAIGN_USE_CASE_MESSAGES, PROOF_HEADER, queueCampaignNotices,
} from '../../../src/domain/password-campaign/password-campaign.use-cases.js';
import { PASSWORD_CAMPAIGN_MESSAGES } from '../../../src/domain/password-campaign/password-campaign.validation.js';
import { AccessProfile } from '../../../src/entities/access-profile.entity.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { HabilitationManager } from '../../../src/entities/habilitation-manager.entity.js';
import { OutboxEmail } from '../../../src/entities/outbox-email.entity.js';
import { PasswordCampaignRecipient } from '../../../src/entities/password-campaign-recipient.entity.js';
import { PasswordCampaign, type CampaignScope } from '../../../src/entities/password-campaign.entity.js';
import {
  makeActiveHabilitation, makeSignedConventionWithResponsable, openMailContext, secondDataSource, type ConventionSetup, type MailContext,
} from '../outbox/support.js';

describe('password campaigns', () => {
  let ctx: MailContext;
  const services = () => ({ dataSource: ctx.dataSource, clock: ctx.clock });

  beforeAll(async () => {
    ctx = await openMailContext('2026-11-23T10:00:00Z');
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /** Only the habilitations created by one test: every test starts from an empty table. */
  beforeEach(async () => {
    ctx.clock.set('2026-11-23T10:00:00Z');
    ctx.smtp.messages.length = 0;
    for (const table of ['password_campaign_recipient', 'password_campaign', 'outbox_email', 'habilitation', 'habilitation_manager']) {
      await ctx.dataSource.query(`DELETE FROM ${table}`);
    }
  });

  const recipients = (campaignId: number) => ctx.dataSource.getRepository(PasswordCampaignRecipient).find({ where: { campaignId }, order: { habilitationId: 'ASC' } });
  const emails = (kind: string) => ctx.dataSource.getRepository(OutboxEmail).find({ where: { kind }, order: { id: 'ASC' } });
  const plan = (fields: Partial<PasswordCampaign>) => ctx.dataSource.getRepository(PasswordCampaign).save({
    changeDate: '2026-12-08', scope: 'all', noticeDays: 15, status: 'planifiee', ...fields,
  } as Partial<PasswordCampaign>);

  it('createPasswordCampaign: only the allowed roles, validated, notice days from Settings, queued at once when the notice date is today', async () => {
    const reader = await ctx.actorFor('consultation');
    expect(await createPasswordCampaign(services(), { changeDate: '2027-01-15', scope: 'all' }, reader))
      .toEqual({ ok: false, message: PASSWORD_CAMPAIGN_USE_CASE_MESSAGES.forbidden, errors: [] });
    const manager = await ctx.actorFor('gestionnaire-habilitations');
    expect(await createPasswordCampaign(services(), { changeDate: '2026-11-30', scope: 'convention' }, manager)).toMatchObject({
      ok: false, message: PASSWORD_CAMPAIGN_USE_CASE_MESSAGES.invalid,
      errors: expect.arrayContaining([
        { field: 'scopeConventionId', message: PASSWORD_CAMPAIGN_MESSAGES.scopeTarget.scopeConventionId },
        { field: 'changeDate', message: PASSWORD_CAMPAIGN_MESSAGES.tooLate(15, '2026-12-08') },
      ]),
    });

    const { convention } = await makeSignedConventionWithResponsable(ctx.dataSource);
    await makeActiveHabilitation(ctx.dataSource, convention.id);
    // Notice date in the future: planned, nothing queued yet.
    const later = await createPasswordCampaign(services(), { changeDate: '2027-01-15', scope: 'all', noticeDays: '' }, manager);
    expect(later).toMatchObject({ ok: true, queued: 0, message: 'Campagne enregistrée : changement le 15 janvier 2027, utilisateurs informés le 31 décembre 2026.' });
    if (!later.ok) throw new Error('unreachable');
    expect(await ctx.dataSource.getRepository(PasswordCampaign).findOneByOrFail({ id: later.campaignId }))
      .toMatchObject({ noticeDays: 15, status: 'planifiee', createdById: manager.staffUserId });
    expect(await recipients(later.campaignId)).toEqual([]);
    // Notice date today (change date exactly 15 days ahead): informed at once.
    const now = await createPasswordCampaign(services(), { changeDate: '2026-12-08', scope: 'convention', scopeConventionId: String(convention.id) }, manager);
    expect(now).toMatchObject({ ok: true, queued: 1 });
    if (!now.ok) throw new Error('unreachable');
    expect(await ctx.dataSource.getRepository(PasswordCampaign).findOneByOrFail({ id: now.campaignId })).toMatchObject({ status: 'notifiee' });
    expect(await ctx.dataSource.getRepository(AuditEvent).findBy({ entityType: 'PasswordCampaign', entityId: String(now.campaignId) }))
      .toEqual(expect.arrayContaining([expect.objectContaining({ action: 'password-campaign.create' }), expect.objectContaining({ action: 'password-campaign.notify' })]));
  });

  it('scope: all active habilitations, or those of one partner, one convention, one profile', async () => {
    const a = await makeSignedConventionWithResponsable(ctx.dataSource);
    const b = await makeSignedConventionWithResponsable(ctx.dataSource, { profileCode: 'T1' });
    const other = await makeSignedConventionWithResponsable(ctx.dataSource);
    // A second convention of partner A, profile T1.
    const a2 = await makeSignedConventionWithResponsable(ctx.dataSource, { profileCode: 'T1' });
    await ctx.dataSource.query('UPDATE convention SET partnerId = ? WHERE id = ?', [a.partner.id, a2.convention.id]);
    const users = {
      a: await makeActiveHabilitation(ctx.dataSource, a.convention.id),
      a2: await makeActiveHabilitation(ctx.dataSource, a2.convention.id),
      b: await makeActiveHabilitation(ctx.dataSource, b.convention.id),
      other: await makeActiveHabilitation(ctx.dataSource, other.convention.id),
    };
    await makeActiveHabilitation(ctx.dataSource, a.convention.id, { status: 'suspendue' });
    await makeActiveHabilitation(ctx.dataSource, a.convention.id, { status: 'revoquee' });
    const t1 = await ctx.dataSource.getRepository(AccessProfile).findOneByOrFail({ code: 'T1' });

    const cases: Array<[CampaignScope, Partial<PasswordCampaign>, number[]]> = [
      ['all', {}, [users.a.id, users.a2.id, users.b.id, users.other.id]],
      ['partner', { scopePartnerId: a.partner.id }, [users.a.id, users.a2.id]],
      ['convention', { scopeConventionId: b.convention.id }, [users.b.id]],
      ['profile', { scopeProfileId: t1.id }, [users.a2.id, users.b.id]],
    ];
    for (const [scope, target, expected] of cases) {
      const campaign = await plan({ scope, ...target });
      await queueCampaignNotices(services(), campaign.id, ctx.actor);
      expect([scope, (await recipients(campaign.id)).map((r) => r.habilitationId)]).toEqual([scope, expected.sort((x, y) => x - y)]);
    }
  });

  it('one copy per responsable (by address) listing their users; queued twice or by two instances: nothing twice', async () => {
    // The same person is responsable of two conventions (two designations, one address); another convention has its own.
    const shared = { civility: 'Madame' as const, firstName: 'Agnès', lastName: 'Lœwy', email: 'agnes.loewy@montigny.example' };
    const one: ConventionSetup = await makeSignedConventionWithResponsable(ctx.dataSource, { responsable: shared });
    const two = await makeSignedConventionWithResponsable(ctx.dataSource, { responsable: { ...shared, email: 'Agnes.Loewy@Montigny.example' } });
    const three = await makeSignedConventionWithResponsable(ctx.dataSource);
    const orphan = await makeSignedConventionWithResponsable(ctx.dataSource, { responsable: null });
    // A superseded designation gets nothing.
    await ctx.dataSource.getRepository(HabilitationManager).save({
      conventionId: three.convention.id, civility: 'Monsieur', lastName: 'Ancien', firstName: 'Paul', phone: '01 30 87 20 12',
      email: 'ancien@montigny.example', designationDate: '2024-01-01', endDate: '2025-03-15', currentFor: null, isSignatory: false,
    } as Partial<HabilitationManager>);
    for (const setup of [one, one, two, three, orphan]) await makeActiveHabilitation(ctx.dataSource, setup.convention.id);

    const campaign = await plan({});
    const other: DataSource = await secondDataSource(ctx.config);
    try {
      const results = await Promise.all([
        queueCampaignNotices(services(), campaign.id, ctx.actor),
        queueCampaignNotices({ dataSource: other, clock: ctx.clock }, campaign.id, ctx.actor),
      ]);
      expect(results.filter((r) => r.done)).toHaveLength(1);
      expect(results[0].queued + results[1].queued).toBe(5);
    } finally {
      await other.destroy();
    }
    expect(await queueCampaignNotices(services(), campaign.id, ctx.actor)).toEqual({ queued: 0, copies: 0, done: false });

    expect(await recipients(campaign.id)).toHaveLength(5);
    expect(await emails(CAMPAIGN_USER_KIND)).toHaveLength(5);
    const copies = await emails(CAMPAIGN_COPY_KIND);
    expect(copies.map((c) => c.to).sort()).toEqual(['agnes.loewy@montigny.example', three.responsable!.email].sort());
    const agnes = copies.find((c) => c.to === 'agnes.loewy@montigny.example')!;
    expect(agnes.subject).toBe('Cafpro – changement des mots de passe le 8 décembre 2026 : 3 utilisateurs informés');
    // The same person behind both designations: greeted by name.
    expect(agnes.text).toMatch(/^Madame Lœwy,\n/);
    expect(agnes.text).toContain(`convention n° ${one.convention.number}`);
    expect(agnes.text).toContain(`convention n° ${two.convention.number}`);
    expect(agnes).toMatchObject({ relatedType: 'PasswordCampaign', relatedId: String(campaign.id) });
    expect(await campaignProgress(ctx.dataSource.manager, campaign.id)).toEqual({ total: 5, queued: 5, pending: 5, sent: 0, failed: 0, copies: 2 });
  });

  it('a large campaign is queued in batches with progress, and resumes after an interruption', async () => {
    const { convention } = await makeSignedConventionWithResponsable(ctx.dataSource);
    for (let i = 0; i < 10; i++) await makeActiveHabilitation(ctx.dataSource, convention.id);
    const campaign = await plan({});
    // The process stops after the first batch (committed).
    await expect(queueCampaignNotices(services(), campaign.id, ctx.actor, {
      batchSize: 3, onProgress: () => { throw new Error('arrêt'); },
    })).rejects.toThrow('arrêt');
    expect(await recipients(campaign.id)).toHaveLength(3);
    expect(await campaignProgress(ctx.dataSource.manager, campaign.id)).toMatchObject({ total: 10, queued: 3 });

    const seen: Array<{ queued: number; total: number }> = [];
    expect(await queueCampaignNotices(services(), campaign.id, ctx.actor, { batchSize: 3, onProgress: (p) => seen.push(p) }))
      .toEqual({ queued: 7, copies: 1, done: true });
    expect(seen).toEqual([{ queued: 6, total: 10 }, { queued: 9, total: 10 }, { queued: 10, total: 10 }]);
    const rows = await recipients(campaign.id);
    expect(new Set(rows.map((r) => r.habilitationId)).size).toBe(10);
    // Every recipient points to its own email.
    const userEmails = await emails(CAMPAIGN_USER_KIND);
    expect(userEmails).toHaveLength(10);
    for (const r of rows) {
      expect(userEmails.find((e) => e.id === r.outboxEmailId)).toMatchObject({ relatedType: 'PasswordCampaignRecipient', relatedId: String(r.id), to: r.email });
    }
  });

  it('the recipients follow their emails (sent, failed), and the CSV proof of notice says who, where, when, what', async () => {
    const { convention, responsable } = await makeSignedConventionWithResponsable(ctx.dataSource);
    const ok = await makeActiveHabilitation(ctx.dataSource, convention.id, { lastName: 'Ardent', firstName: 'Léa' });
    const ko = await makeActiveHabilitation(ctx.dataSource, convention.id, { lastName: '=Formule', firstName: 'Zoé' });
    const campaign = await plan({});
    await queueCampaignNotices(services(), campaign.id, ctx.actor);
    // The email of one user fails for good (the others are sent).
    await ctx.dataSource.getRepository(OutboxEmail).update({ to: ko.email }, { nextAttemptAt: new Date('2026-11-23T11:00:00Z') });
    ctx.clock.set('2026-11-23T10:30:00Z');
    expect(await ctx.deliver()).toMatchObject({ sent: 2 });
    await ctx.smtp.stop();
    ctx.clock.set('2026-11-23T11:00:00Z');
    expect(await ctx.deliver({ maxAttempts: 1 })).toMatchObject({ failed: 1 });
    await ctx.smtp.start();

    const rows = await recipients(campaign.id);
    expect(rows.find((r) => r.habilitationId === ok.id)).toMatchObject({ status: 'envoye', sentAt: new Date('2026-11-23T10:30:00Z') });
    expect(rows.find((r) => r.habilitationId === ko.id)).toMatchObject({ status: 'echec', sentAt: null });
    expect(await campaignProgress(ctx.dataSource.manager, campaign.id)).toEqual({ total: 2, queued: 2, pending: 0, sent: 1, failed: 1, copies: 1 });

    const csv = await exportNoticeProofCsv(ctx.dataSource.manager, campaign.id);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(PROOF_HEADER.map((h) => `"${h}"`).join(';'));
    expect(lines).toContain(`"Utilisateur";"Ardent";"Léa";"${ok.identifier}";"${convention.number}";"${ok.email}";"23/11/2026 11:30";"Envoyé"`);
    // A cell a spreadsheet would run as a formula is defused.
    expect(lines).toContain(`"Utilisateur";"'=Formule";"Zoé";"${ko.identifier}";"${convention.number}";"${ko.email}";"";"Échec"`);
    expect(lines).toContain(`"Responsable habilitations (copie)";"";"";"";"";"${responsable!.email}";"23/11/2026 11:30";"Envoyé"`);
    expect(lines).toHaveLength(4);
  });

  it('on the change date: « dernier changement » and « prochain changement » (+ Settings.passwordPeriodDays), once', async () => {
    const { convention } = await makeSignedConventionWithResponsable(ctx.dataSource);
    const active = await makeActiveHabilitation(ctx.dataSource, convention.id);
    const suspended = await makeActiveHabilitation(ctx.dataSource, convention.id);
    const revoked = await makeActiveHabilitation(ctx.dataSource, convention.id);
    const outside = await makeActiveHabilitation(ctx.dataSource, (await makeSignedConventionWithResponsable(ctx.dataSource)).convention.id);
    const campaign = await plan({ scope: 'convention', scopeConventionId: convention.id });
    await queueCampaignNotices(services(), campaign.id, ctx.actor);
    await ctx.dataSource.getRepository(Habilitation).update({ id: suspended.id }, { status: 'suspendue' });
    await ctx.dataSource.getRepository(Habilitation).update({ id: revoked.id }, { status: 'revoquee' });

    // The day before: nothing.
    ctx.clock.set('2026-12-07T10:00:00Z');
    expect(await applyPasswordCampaign(services(), campaign.id, ctx.actor, 2)).toBeNull();
    ctx.clock.set('2026-12-08T06:00:00Z');
    expect(await applyPasswordCampaign(services(), campaign.id, ctx.actor, 2)).toBe(2);
    expect(await applyPasswordCampaign(services(), campaign.id, ctx.actor, 2)).toBeNull();
    const byId = async (id: number) => ctx.dataSource.getRepository(Habilitation).findOneByOrFail({ id });
    for (const h of [active, suspended]) expect(await byId(h.id)).toMatchObject({ passwordChangedDate: '2026-12-08', nextPasswordChangeDate: '2027-03-08' });
    for (const h of [revoked, outside]) expect(await byId(h.id)).toMatchObject({ passwordChangedDate: null, nextPasswordChangeDate: null });
    expect(await ctx.dataSource.getRepository(PasswordCampaign).findOneByOrFail({ id: campaign.id }))
      .toMatchObject({ status: 'appliquee', appliedAt: new Date('2026-12-08T06:00:00Z') });
  });
});
