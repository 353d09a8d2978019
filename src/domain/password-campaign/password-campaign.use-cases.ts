// Campagne de changement de mot de passe (issue 6; service overview: « Les mots de passe sont modifiés
// régulièrement par la Caf, qui en informe préalablement les habilités »).
// - create: validated by password-campaign.validation.ts (change date, scope, notice days from Settings);
// - queue the notices at the notice date (change date − notice days), or at once when it is past:
//   one PasswordCampaignRecipient + one OutboxEmail per active habilitation in scope, in batches of 500,
//   each batch its own short transaction (50,000 users never hold one huge transaction); a run that
//   stops half-way resumes after the last habilitation queued (recipients are unique per campaign and
//   habilitation). The last step flips the campaign to « notifiée » with a conditional UPDATE and, in
//   the same transaction, queues ONE copy per responsable habilitations (by address) listing their users;
// - apply on the change date: « dernier changement » = change date, « prochain changement » = change
//   date + Settings.passwordPeriodDays, in batches, then « appliquée ».
// Every step is idempotent and safe with two instances (conditional updates, unique recipients).
import { In, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { AccessProfile } from '../../entities/access-profile.entity.js';
import { Convention } from '../../entities/convention.entity.js';
import { HabilitationManager } from '../../entities/habilitation-manager.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { OutboxEmail } from '../../entities/outbox-email.entity.js';
import { Partner } from '../../entities/partner.entity.js';
import { PasswordCampaignRecipient, type RecipientStatus } from '../../entities/password-campaign-recipient.entity.js';
import { PasswordCampaign } from '../../entities/password-campaign.entity.js';
import type { Settings } from '../../entities/settings.entity.js';
import { can } from '../../policies/policy.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { isUniqueViolation, runInTransaction, type Outcome } from '../shared/transaction.js';
import { cafContact, greetingFor, renderEmail, type CafContact } from '../notifications/emails.js';
import { CAMPAIGN_RECIPIENT_RELATED_TYPE, cleanAddresses, enqueueEmails, type OutboxMessage } from '../outbox/outbox.js';
import { getSettings } from '../settings/settings.js';
import type { Clock } from '../shared/clock.js';
import { addDays, formatFrenchDate, formatParisDateTime, isAfter, todayInParis, type IsoDate } from '../shared/dates.js';
import type { FormInput } from '../shared/form.validation.js';
import { foldEmail, foldName } from '../shared/normalize.js';
import { refusal } from '../shared/validators.js';
import { validatePasswordCampaign } from './password-campaign.validation.js';

export interface CampaignServices {
  dataSource: DataSource;
  clock: Clock;
}

export const CAMPAIGN_BATCH_SIZE = 500;
export const CAMPAIGN_USER_KIND = 'password-change-notice';
export const CAMPAIGN_COPY_KIND = 'password-change-notice-copy';
export const CAMPAIGN_RELATED_TYPE = 'PasswordCampaign';

export const PASSWORD_CAMPAIGN_USE_CASE_MESSAGES = {
  forbidden: "Vous n'êtes pas autorisé à créer une campagne de changement de mot de passe.",
  invalid: 'La campagne ne peut pas être enregistrée : corrigez les champs signalés.',
  queueLater: 'Les avis seront mis en file par le traitement planifié dans quelques minutes.',
  created: (changeDate: IsoDate, noticeDate: IsoDate) =>
    `Campagne enregistrée : changement le ${formatFrenchDate(changeDate)}, utilisateurs informés le ${formatFrenchDate(noticeDate)}.`,
} as const;

/** The day the users are informed: N days before the change. */
export const noticeDateOf = (campaign: Pick<PasswordCampaign, 'changeDate' | 'noticeDays'>): IsoDate => addDays(campaign.changeDate, -campaign.noticeDays);

// --- Create ---------------------------------------------------------------------------------------

/** Creates a campaign (Gestionnaire habilitations, Administrateur); its notices are queued at once when the notice date is today. */
export async function createPasswordCampaign(
  services: CampaignServices, input: FormInput, actor: Actor,
): Promise<Outcome<{ campaignId: number; queued: number }>> {
  if (!can(actor.role, 'PasswordCampaign', 'new')) return refusal(PASSWORD_CAMPAIGN_USE_CASE_MESSAGES.forbidden);
  const now = services.clock.now();
  const today = todayInParis(now);
  const manager = services.dataSource.manager;
  const targets = { scopePartnerId: Partner, scopeConventionId: Convention, scopeProfileId: AccessProfile } as const;
  const checked = await validatePasswordCampaign(input, today, {
    exists: (field, id) => manager.existsBy(targets[field], { id }),
    defaultNoticeDays: (await getSettings(manager)).passwordNoticeDays,
  });
  if (Array.isArray(checked)) return refusal(PASSWORD_CAMPAIGN_USE_CASE_MESSAGES.invalid, checked);
  const campaign = await runInTransaction(services.dataSource, async (tx) => {
    const saved = await tx.save(PasswordCampaign, {
      changeDate: checked.changeDate, scope: checked.scope, noticeDays: checked.noticeDays,
      scopePartnerId: checked.scopePartnerId ?? null, scopeConventionId: checked.scopeConventionId ?? null, scopeProfileId: checked.scopeProfileId ?? null,
      status: 'planifiee', createdById: actor.staffUserId,
    } as Partial<PasswordCampaign>);
    await recordAudit(tx, actor, {
      action: 'password-campaign.create', entityType: 'PasswordCampaign', entityId: saved.id, toState: 'planifiee',
      details: { changeDate: saved.changeDate, scope: saved.scope, noticeDays: saved.noticeDays },
    }, now);
    return saved;
  });
  const noticeDate = noticeDateOf(campaign);
  const message = PASSWORD_CAMPAIGN_USE_CASE_MESSAGES.created(campaign.changeDate, noticeDate);
  if (isAfter(noticeDate, today)) return { ok: true, message, campaignId: campaign.id, queued: 0 };
  try {
    const { queued } = await queueCampaignNotices(services, campaign.id, actor);
    return { ok: true, message, campaignId: campaign.id, queued };
  } catch {
    // The campaign is saved; the scheduled job queues what is left within minutes.
    return { ok: true, message: `${message} ${PASSWORD_CAMPAIGN_USE_CASE_MESSAGES.queueLater}`, campaignId: campaign.id, queued: 0 };
  }
}

// --- Scope ----------------------------------------------------------------------------------------

/** The active habilitations a campaign concerns (all, or those of a partner, a convention, a profile). */
export function habilitationsInScope(manager: EntityManager, campaign: PasswordCampaign) {
  const query = manager.createQueryBuilder(Habilitation, 'h').where("h.status = 'active'");
  if (campaign.scope === 'convention') query.andWhere('h.conventionId = :id', { id: campaign.scopeConventionId });
  else if (campaign.scope === 'partner' || campaign.scope === 'profile') {
    query.innerJoin(Convention, 'c', 'c.id = h.conventionId');
    if (campaign.scope === 'partner') query.andWhere('c.partnerId = :id', { id: campaign.scopePartnerId });
    else query.andWhere('c.profileId = :id', { id: campaign.scopeProfileId });
  }
  return query;
}

// --- Queue the notices ----------------------------------------------------------------------------

export interface CampaignProgress {
  /** Users concerned (habilitations in scope while planned, recipients once queued). */
  total: number;
  queued: number;
  pending: number;
  sent: number;
  failed: number;
  /** Copies to the responsables habilitations. */
  copies: number;
}

export interface QueueResult {
  /** Notices queued by this call. */
  queued: number;
  /** Copies queued to the responsables. */
  copies: number;
  /** False when the campaign was not « planifiée » (already queued, by this or another instance). */
  done: boolean;
}

type HabilitationRow = Pick<Habilitation, 'id' | 'email' | 'identifier' | 'civility' | 'firstName' | 'lastName' | 'conventionId'>;

interface ConventionInfo {
  number: string;
  partnerName: string;
  managerName: string | null;
}

/** Convention number, partner name and current responsable of the conventions not yet in `cache`. */
async function loadConventionInfo(manager: EntityManager, ids: number[], cache: Map<number, ConventionInfo>): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !cache.has(id));
  if (missing.length === 0) return;
  const conventions = await manager.find(Convention, { where: { id: In(missing) }, select: { id: true, number: true, partnerId: true } });
  const partners = await manager.find(Partner, { where: { id: In([...new Set(conventions.map((c) => c.partnerId))]) }, select: { id: true, name: true } });
  const managers = await manager.find(HabilitationManager, { where: { currentFor: In(missing) } });
  for (const c of conventions) {
    const m = managers.find((x) => x.currentFor === c.id);
    cache.set(c.id, {
      number: c.number, partnerName: partners.find((p) => p.id === c.partnerId)?.name ?? '',
      managerName: m ? `${m.civility} ${m.firstName} ${m.lastName}` : null,
    });
  }
}

/** One batch: recipients and their emails for the habilitations after `cursor`; returns the last id seen (null when none is left). */
async function queueBatch(
  manager: EntityManager, campaign: PasswordCampaign, cursor: number, batchSize: number, caf: CafContact,
  conventions: Map<number, ConventionInfo>, now: Date,
): Promise<{ last: number | null; queued: number }> {
  const rows: HabilitationRow[] = await habilitationsInScope(manager, campaign)
    .select(['h.id', 'h.email', 'h.identifier', 'h.civility', 'h.firstName', 'h.lastName', 'h.conventionId'])
    .andWhere('h.id > :cursor', { cursor }).orderBy('h.id', 'ASC').limit(batchSize).getMany();
  if (rows.length === 0) return { last: null, queued: 0 };
  const ids = rows.map((r) => r.id);
  // Another instance may have queued some of them meanwhile.
  const existing = new Set((await manager.find(PasswordCampaignRecipient, {
    where: { campaignId: campaign.id, habilitationId: In(ids) }, select: { id: true, habilitationId: true },
  })).map((r) => r.habilitationId));
  const fresh = rows.filter((r) => !existing.has(r.id));
  if (fresh.length === 0) return { last: ids[ids.length - 1], queued: 0 };

  const valid = (r: HabilitationRow) => cleanAddresses([r.email]).length === 1;
  await manager.createQueryBuilder().insert().into(PasswordCampaignRecipient).values(fresh.map((r) => ({
    campaignId: campaign.id, habilitationId: r.id, email: r.email.slice(0, 254),
    status: (valid(r) ? 'en-attente' : 'echec') as RecipientStatus, outboxEmailId: null, sentAt: null,
  }))).updateEntity(false).execute();
  const recipients = await manager.find(PasswordCampaignRecipient, {
    where: { campaignId: campaign.id, habilitationId: In(fresh.map((r) => r.id)) }, select: { id: true, habilitationId: true },
  });
  const recipientOf = new Map(recipients.map((r) => [r.habilitationId, r.id]));

  await loadConventionInfo(manager, fresh.map((r) => r.conventionId), conventions);
  const changeDate = formatFrenchDate(campaign.changeDate);
  const messages: OutboxMessage[] = fresh.filter(valid).map((r) => {
    const info = conventions.get(r.conventionId);
    const email = renderEmail(CAMPAIGN_USER_KIND, {
      identifier: r.identifier, conventionNumber: info?.number ?? '', partnerName: info?.partnerName ?? '', changeDate, managerName: info?.managerName ?? null,
    }, caf, greetingFor(r));
    return {
      kind: CAMPAIGN_USER_KIND, to: [r.email], subject: email.subject, html: email.html, text: email.text,
      relatedType: CAMPAIGN_RECIPIENT_RELATED_TYPE, relatedId: recipientOf.get(r.id)!,
    };
  });
  await enqueueEmails(manager, messages, now);

  // Link each recipient to its email (one UPDATE … CASE per batch).
  const emails = messages.length ? await manager.find(OutboxEmail, {
    where: { relatedType: CAMPAIGN_RECIPIENT_RELATED_TYPE, relatedId: In(messages.map((m) => String(m.relatedId))) }, select: { id: true, relatedId: true },
  }) : [];
  if (emails.length) {
    const params: Record<string, number> = {};
    const cases = emails.map((e, i) => {
      params[`r${i}`] = Number(e.relatedId);
      params[`o${i}`] = e.id;
      return `WHEN :r${i} THEN :o${i}`;
    }).join(' ');
    await manager.createQueryBuilder().update(PasswordCampaignRecipient)
      .set({ outboxEmailId: () => `CASE id ${cases} END` })
      .where('id IN (:...ids)', { ids: emails.map((e) => Number(e.relatedId)) })
      .setParameters(params)
      .execute();
  }
  return { last: ids[ids.length - 1], queued: messages.length };
}

/** The copy to each responsable habilitations (de-duplicated by address), listing their users; in the caller's transaction. */
async function queueCopies(manager: EntityManager, campaign: PasswordCampaign, caf: CafContact, now: Date): Promise<number> {
  const users = await manager.createQueryBuilder(PasswordCampaignRecipient, 'r')
    .innerJoin(Habilitation, 'h', 'h.id = r.habilitationId')
    .select('h.conventionId', 'conventionId').addSelect('h.identifier', 'identifier')
    .addSelect('h.firstName', 'firstName').addSelect('h.lastName', 'lastName')
    .where('r.campaignId = :id', { id: campaign.id })
    .getRawMany<{ conventionId: number; identifier: string; firstName: string; lastName: string }>();
  const conventionIds = [...new Set(users.map((u) => Number(u.conventionId)))];
  const responsables = new Map<number, HabilitationManager>();
  const numbers = new Map<number, string>();
  for (let i = 0; i < conventionIds.length; i += 500) {
    const slice = conventionIds.slice(i, i + 500);
    for (const m of await manager.find(HabilitationManager, { where: { currentFor: In(slice) } })) responsables.set(m.currentFor!, m);
    for (const c of await manager.find(Convention, { where: { id: In(slice) }, select: { id: true, number: true } })) numbers.set(c.id, c.number);
  }
  // One copy per address: a person who is responsable of several conventions gets a single list.
  const byAddress = new Map<string, { address: string; people: Map<string, HabilitationManager>; users: typeof users }>();
  for (const user of users) {
    const responsable = responsables.get(Number(user.conventionId));
    const address = responsable && cleanAddresses([responsable.email])[0];
    if (!responsable || !address) continue;
    const key = foldEmail(address);
    const entry = byAddress.get(key) ?? { address, people: new Map<string, HabilitationManager>(), users: [] };
    entry.people.set(`${responsable.civility} ${foldName(responsable.lastName)}`, responsable);
    entry.users.push(user);
    byAddress.set(key, entry);
  }
  const changeDate = formatFrenchDate(campaign.changeDate);
  const messages: OutboxMessage[] = [...byAddress.values()].map((entry) => {
    const list = entry.users
      .map((u) => ({ lastName: u.lastName, firstName: u.firstName, identifier: u.identifier, conventionNumber: numbers.get(Number(u.conventionId)) ?? '' }))
      .sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr') || a.identifier.localeCompare(b.identifier));
    const email = renderEmail(CAMPAIGN_COPY_KIND, { changeDate, count: list.length, users: list }, caf,
      // One person behind the address: named (« Madame Lefèvre, »); a shared address: « Madame, Monsieur, ».
      greetingFor(entry.people.size === 1 ? [...entry.people.values()][0] : null));
    return {
      kind: CAMPAIGN_COPY_KIND, to: [entry.address], subject: email.subject, html: email.html, text: email.text,
      relatedType: CAMPAIGN_RELATED_TYPE, relatedId: campaign.id,
    };
  });
  await enqueueEmails(manager, messages, now, 50);
  return messages.length;
}

/**
 * Queues the notices of a « planifiée » campaign, batch after batch, then the responsables' copies,
 * and marks it « notifiée ». Safe to call twice or from two instances: the second finds the work done.
 */
export async function queueCampaignNotices(
  services: CampaignServices, campaignId: number, actor: Actor,
  options: { batchSize?: number; onProgress?: (progress: { queued: number; total: number }) => void } = {},
): Promise<QueueResult> {
  const { dataSource } = services;
  const campaign = await dataSource.manager.findOneBy(PasswordCampaign, { id: campaignId });
  if (!campaign || campaign.status !== 'planifiee') return { queued: 0, copies: 0, done: false };
  const batchSize = options.batchSize ?? CAMPAIGN_BATCH_SIZE;
  const settings: Settings = await getSettings(dataSource.manager);
  const caf = cafContact(settings);
  const total = await habilitationsInScope(dataSource.manager, campaign).getCount();
  const conventions = new Map<number, ConventionInfo>();
  // Resume after the last habilitation queued (batches go by increasing id and commit whole).
  const resume = await dataSource.manager.createQueryBuilder(PasswordCampaignRecipient, 'r')
    .select('MAX(r.habilitationId)', 'last').where('r.campaignId = :id', { id: campaign.id }).getRawOne<{ last: number | null }>();
  let cursor = Number(resume?.last ?? 0);
  let queued = 0;
  let done = await dataSource.manager.countBy(PasswordCampaignRecipient, { campaignId: campaign.id });
  for (;;) {
    const batch = () => runInTransaction(dataSource, (tx) => queueBatch(tx, campaign, cursor, batchSize, caf, conventions, services.clock.now()));
    // Two instances on one batch: the unique (campaign, habilitation) index refuses the second; run it again, it skips them.
    const result = await batch().catch((error) => (isUniqueViolation(error) ? batch() : Promise.reject(error)));
    if (result.last === null) break;
    cursor = result.last;
    queued += result.queued;
    done += result.queued;
    options.onProgress?.({ queued: done, total: Math.max(total, done) });
  }

  const now = services.clock.now();
  const copies = await runInTransaction(dataSource, async (tx) => {
    const flipped = await tx.createQueryBuilder().update(PasswordCampaign)
      .set({ status: 'notifiee', noticesQueuedAt: now })
      .where("id = :id AND status = 'planifiee'", { id: campaign.id }).execute();
    if (flipped.affected !== 1) return null;
    const n = await queueCopies(tx, campaign, caf, now);
    const recipients = await tx.countBy(PasswordCampaignRecipient, { campaignId: campaign.id });
    await recordAudit(tx, actor, {
      action: 'password-campaign.notify', entityType: 'PasswordCampaign', entityId: campaign.id, fromState: 'planifiee', toState: 'notifiee',
      details: { recipients, copies: n, changeDate: campaign.changeDate },
    }, now);
    return n;
  });
  return { queued, copies: copies ?? 0, done: copies !== null };
}

// --- Apply on the change date ---------------------------------------------------------------------

/**
 * On the change date, records the change on every habilitation informed by the campaign (still active
 * or suspended): « dernier changement » = change date, « prochain changement » = + Settings.passwordPeriodDays.
 * Returns the number of habilitations updated, or null when the campaign is not « notifiée » or its date not reached.
 */
export async function applyPasswordCampaign(
  services: CampaignServices, campaignId: number, actor: Actor, batchSize = CAMPAIGN_BATCH_SIZE,
): Promise<number | null> {
  const { dataSource } = services;
  const campaign = await dataSource.manager.findOneBy(PasswordCampaign, { id: campaignId });
  const today = todayInParis(services.clock.now());
  if (!campaign || campaign.status !== 'notifiee' || isAfter(campaign.changeDate, today)) return null;
  const settings = await getSettings(dataSource.manager);
  const next = addDays(campaign.changeDate, settings.passwordPeriodDays);
  let cursor = 0;
  let updated = 0;
  for (;;) {
    const ids = (await dataSource.manager.find(PasswordCampaignRecipient, {
      where: { campaignId: campaign.id, habilitationId: MoreThan(cursor) }, select: { id: true, habilitationId: true },
      order: { habilitationId: 'ASC' }, take: batchSize,
    })).map((r) => r.habilitationId);
    if (ids.length === 0) break;
    updated += await runInTransaction(dataSource, async (tx) => {
      const result = await tx.createQueryBuilder().update(Habilitation)
        .set({ passwordChangedDate: campaign.changeDate, nextPasswordChangeDate: next })
        .where("id IN (:...ids) AND status IN ('active', 'suspendue')", { ids })
        .execute();
      return result.affected ?? 0;
    });
    cursor = ids[ids.length - 1];
  }
  const now = services.clock.now();
  const applied = await runInTransaction(dataSource, async (tx) => {
    const flipped = await tx.createQueryBuilder().update(PasswordCampaign)
      .set({ status: 'appliquee', appliedAt: now })
      .where("id = :id AND status = 'notifiee'", { id: campaign.id }).execute();
    if (flipped.affected !== 1) return false;
    await recordAudit(tx, actor, {
      action: 'password-campaign.apply', entityType: 'PasswordCampaign', entityId: campaign.id, fromState: 'notifiee', toState: 'appliquee',
      details: { habilitations: updated, passwordChangedDate: campaign.changeDate, nextPasswordChangeDate: next },
    }, now);
    return true;
  });
  return applied ? updated : null;
}

// --- Progress and proof of notice -------------------------------------------------------------------

export async function campaignProgress(manager: EntityManager, campaignId: number): Promise<CampaignProgress> {
  const campaign = await manager.findOneByOrFail(PasswordCampaign, { id: campaignId });
  const rows = await manager.createQueryBuilder(PasswordCampaignRecipient, 'r')
    .select('r.status', 'status').addSelect('COUNT(*)', 'n').where('r.campaignId = :id', { id: campaignId }).groupBy('r.status')
    .getRawMany<{ status: RecipientStatus; n: string | number }>();
  const count = (status: RecipientStatus) => Number(rows.find((r) => r.status === status)?.n ?? 0);
  const queued = count('en-attente') + count('envoye') + count('echec');
  const copies = await manager.countBy(OutboxEmail, { kind: CAMPAIGN_COPY_KIND, relatedType: CAMPAIGN_RELATED_TYPE, relatedId: String(campaignId) });
  const total = campaign.status === 'planifiee' ? Math.max(queued, await habilitationsInScope(manager, campaign).getCount()) : queued;
  return { total, queued, pending: count('en-attente'), sent: count('envoye'), failed: count('echec'), copies };
}

export const RECIPIENT_STATUS_LABELS: Record<RecipientStatus, string> = { 'en-attente': 'En attente', envoye: 'Envoyé', echec: 'Échec' };
const OUTBOX_AS_RECIPIENT: Record<string, RecipientStatus> = { 'en-attente': 'en-attente', envoi: 'en-attente', envoye: 'envoye', echec: 'echec' };

/** A CSV cell: quoted, and defused when a spreadsheet would read it as a formula. */
function cell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export const PROOF_HEADER = ['Destinataire', 'Nom', 'Prénom', 'Identifiant', 'Convention', 'Adresse électronique', 'Envoyé le', 'Statut'];

/**
 * Proof of notice (issue 6: « who, address, sent at, status »): one line per user informed, then one
 * per copy to a responsable habilitations. French spreadsheet CSV: « ; » separator, UTF-8 with BOM.
 */
export async function exportNoticeProofCsv(manager: EntityManager, campaignId: number): Promise<string> {
  const lines = [PROOF_HEADER.map(cell).join(';')];
  const when = (date: Date | null) => (date ? formatParisDateTime(date) : '');
  let cursor = 0;
  for (;;) {
    const rows = await manager.createQueryBuilder(PasswordCampaignRecipient, 'r')
      .innerJoin(Habilitation, 'h', 'h.id = r.habilitationId')
      .leftJoin(Convention, 'c', 'c.id = h.conventionId')
      .select('r.id', 'id').addSelect('r.email', 'email').addSelect('r.status', 'status').addSelect('r.sentAt', 'sentAt')
      .addSelect('h.lastName', 'lastName').addSelect('h.firstName', 'firstName').addSelect('h.identifier', 'identifier')
      .addSelect('c.number', 'number')
      .where('r.campaignId = :campaignId AND r.id > :cursor', { campaignId, cursor })
      .orderBy('r.id', 'ASC').limit(1000)
      .getRawMany<{ id: number; email: string; status: RecipientStatus; sentAt: string | Date | null; lastName: string; firstName: string; identifier: string; number: string | null }>();
    if (rows.length === 0) break;
    for (const r of rows) {
      lines.push(['Utilisateur', r.lastName, r.firstName, r.identifier, r.number, r.email, when(toDate(r.sentAt)), RECIPIENT_STATUS_LABELS[r.status] ?? r.status]
        .map(cell).join(';'));
    }
    cursor = Number(rows[rows.length - 1].id);
  }
  const copies = await manager.find(OutboxEmail, {
    where: { kind: CAMPAIGN_COPY_KIND, relatedType: CAMPAIGN_RELATED_TYPE, relatedId: String(campaignId) },
    select: { id: true, to: true, status: true, sentAt: true }, order: { id: 'ASC' },
  });
  for (const copy of copies) {
    const status = OUTBOX_AS_RECIPIENT[copy.status] ?? 'en-attente';
    lines.push(['Responsable habilitations (copie)', '', '', '', '', copy.to, when(copy.sentAt), RECIPIENT_STATUS_LABELS[status]].map(cell).join(';'));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Raw queries give datetimes as Date (MySQL) or as 'YYYY-MM-DD HH:MM:SS.SSS' in UTC (SQLite). */
function toDate(value: string | Date | null): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(`${value.replace(' ', 'T')}Z`);
}
