// Avis de reconduction (DOMAIN.md doc. 6; cafpro art. 5: tacit renewal each anniversary, notice at the
// latest 2 months before; data provision art. 3: 3 months). One notice per convention and anniversary
// (dedupeKey `renewal-notice:{conventionId}:{anniversary}`), whoever asks for it: the Directeur from a
// convention, the renewal run, or the scheduled job (it calls issueRenewalNotice by that name).
// The run also produces ONE combined PDF for printing, stored as a Document of kind 'renewal-run'
// whose subject is the JobRun row that records the run (its counts show the progress).
import { createHash } from 'node:crypto';
import os from 'node:os';
import { PDFDocument } from 'pdf-lib';
import type { DataSource, EntityManager } from 'typeorm';
import type { FileStorage } from '../../adapters/storage.js';
import type { RenewalHabilitationRow } from '../../documents/document-data.js';
import { Convention } from '../../entities/convention.entity.js';
import { Document } from '../../entities/document.entity.js';
import { JobRun } from '../../entities/job-run.entity.js';
import type { Settings } from '../../entities/settings.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { conventionKindRules, nextAnniversary, renewalDeadlines, renewalDue } from '../convention/convention.rules.js';
import { isUniqueViolation, runInTransaction } from '../shared/transaction.js';
import { publish } from '../events.js';
import { getSettings } from '../settings/settings.js';
import { addDays, formatFrenchDate, isIsoDate, todayInParis, type IsoDate } from '../shared/dates.js';
import { documentBase, habilitationsOf, loadConventionSources, loadPartnersAndProfiles, type ConventionSources } from './convention-document-data.js';
import { generateDocument } from './document-archive.js';

export const RENEWAL_RUN_KIND = 'renewal-run';
export const RENEWAL_RUN_JOB = 'renewal-run';

export const renewalNoticeKey = (conventionId: number, anniversary: IsoDate) => `renewal-notice:${conventionId}:${anniversary}`;

/** Why no renewal notice can be issued for this convention and anniversary (French), or null. */
export function renewalNoticeRefusal(convention: Pick<Convention, 'number' | 'status' | 'effectiveDate'>, anniversary: IsoDate): string | null {
  if (convention.status !== 'signee' || !convention.effectiveDate) {
    const why = convention.status === 'denoncee' ? 'elle est dénoncée et ne sera pas reconduite'
      : convention.status === 'resiliee' ? 'elle est résiliée' : 'elle n’est pas encore signée';
    return `Pas d’avis de reconduction pour la convention n° ${convention.number} : ${why}.`;
  }
  if (!isIsoDate(anniversary) || nextAnniversary(convention.effectiveDate, addDays(anniversary, -1)) !== anniversary) {
    return `Le ${isIsoDate(anniversary) ? formatFrenchDate(anniversary) : anniversary} n’est pas une date anniversaire de la convention n° ${convention.number}.`;
  }
  return null;
}

export interface IssuedNotice {
  document: Document;
  created: boolean;
  /** The PDF (read back from storage when the notice already existed). */
  pdf: Buffer;
}

/**
 * The habilitations the partner checks and returns (art. 3): the suspended ones too, marked, since they
 * can be reactivated; none under a convention that gives no Cafpro access (data provision).
 */
async function rowsOf(manager: EntityManager, convention: Convention): Promise<RenewalHabilitationRow[] | undefined> {
  if (!conventionKindRules[convention.kind].cafproAccess) return undefined;
  return (await habilitationsOf(manager, convention.id, ['active', 'suspendue'])).map((h) => ({
    lastName: h.lastName, firstName: h.firstName, function: h.position, identifier: h.identifier, grantedOn: h.grantedDate,
    suspended: h.status === 'suspendue',
  }));
}

/** The notice from already loaded sources (the run loads partners, profiles and Settings once). */
async function issueFromSources(
  manager: EntityManager, storage: FileStorage, sources: ConventionSources, settings: Settings,
  anniversary: IsoDate, actor: Actor, today: IsoDate, now: Date,
): Promise<IssuedNotice> {
  const { convention } = sources;
  const dedupeKey = renewalNoticeKey(convention.id, anniversary);
  const existing = await manager.findOneBy(Document, { dedupeKey });
  if (existing) return { document: existing, created: false, pdf: await storage.read(existing.storagePath) };
  const problem = renewalNoticeRefusal(convention, anniversary);
  if (problem) throw new Error(problem);
  const base = documentBase(settings, sources, today);
  const habilitations = await rowsOf(manager, convention);
  const deadlines = renewalDeadlines(convention.effectiveDate!, anniversary, convention.kind);
  const { document, pdf, created } = await generateDocument(manager, storage, {
    kind: 'renewal-notice',
    subjectType: 'Convention',
    subjectId: convention.id,
    title: `Avis de reconduction au ${formatFrenchDate(anniversary)} – convention n° ${convention.number}`,
    date: today,
    generatedById: actor.staffUserId,
    dedupeKey,
    build: (numbers) => ({
      ...base,
      convention: { ...base.convention, nextAnniversary: anniversary, lastNoticeDay: deadlines.lastNoticeDay },
      following: deadlines.following,
      habilitations,
      reference: numbers.reference,
      registerNumber: numbers.registerNumber,
      date: today,
      generatedAt: now,
    }),
  }, now);
  if (created) {
    await recordAudit(manager, actor, {
      action: 'document.generate', entityType: 'Document', entityId: document.id,
      details: { kind: 'renewal-notice', conventionId: convention.id, anniversary, reference: document.reference },
    }, now);
    // Handlers (emails to the representative and the responsable) run in this transaction.
    await publish(manager, { type: 'convention.renewal-notice', conventionId: convention.id, anniversary, documentId: document.id }, actor);
  }
  return { document, created, pdf };
}

/**
 * The renewal notice of `conventionId` for `anniversary`, in the caller's transaction: the existing
 * one when it was already issued (created: false), otherwise a new Document (register number,
 * stored PDF, audit) and the domain event 'convention.renewal-notice'. Throws (French message) when
 * the convention is unknown, not signed (or denounced) or `anniversary` is not one of its anniversaries.
 */
export async function issueRenewalNotice(
  manager: EntityManager, storage: FileStorage, conventionId: number, anniversary: IsoDate, actor: Actor, now: Date = new Date(),
): Promise<IssuedNotice> {
  const existing = await manager.findOneBy(Document, { dedupeKey: renewalNoticeKey(conventionId, anniversary) });
  if (existing) return { document: existing, created: false, pdf: await storage.read(existing.storagePath) };
  const sources = await loadConventionSources(manager, conventionId);
  if (!sources) throw new Error(`La convention n° ${conventionId} n’existe pas.`);
  return issueFromSources(manager, storage, sources, await getSettings(manager), anniversary, actor, todayInParis(now), now);
}

// --- The run -------------------------------------------------------------------------------------

export interface RenewalRunProgress {
  done: number;
  total: number;
  created: number;
  existing: number;
  failed: number;
}

export interface RenewalRunResult extends RenewalRunProgress {
  leadDays: number;
  /** One line per convention, in print order. */
  notices: Array<{ conventionId: number; number: string; anniversary: IsoDate; documentId: number; created: boolean }>;
  failures: Array<{ conventionId: number; number: string; message: string }>;
  /** The combined PDF for printing (null when no convention is due). */
  combined: Document | null;
  jobRunId: number;
}

/**
 * The signed conventions whose renewal notice is due on `today`, by number: from `leadDays` days
 * before their last day to denounce until the eve of their anniversary (renewalDue).
 */
export async function conventionsDueForRenewal(manager: EntityManager, today: IsoDate, leadDays: number) {
  const signed = await manager.find(Convention, { where: { status: 'signee' }, order: { year: 'ASC', sequence: 'ASC', id: 'ASC' } });
  return signed.flatMap((convention) => {
    if (!convention.effectiveDate || convention.effectiveDate > today) return [];
    const due = renewalDue(convention.effectiveDate, today, leadDays, convention.kind);
    return due ? [{ convention, anniversary: due.anniversary }] : [];
  });
}

export async function mergePdfs(storage: FileStorage, paths: string[], title = 'Avis de reconduction à imprimer'): Promise<Buffer> {
  const merged = await PDFDocument.create();
  merged.setTitle(title);
  merged.setProducer('cafpro-backoffice');
  for (const path of paths) {
    const source = await PDFDocument.load(await storage.read(path));
    for (const page of await merged.copyPages(source, source.getPageIndices())) merged.addPage(page);
  }
  return Buffer.from(await merged.save({ useObjectStreams: false }));
}

const PROGRESS_EVERY = 25;

/**
 * « Avis de reconduction » for every signed convention whose last day to denounce falls in the next
 * `days` days, or has passed before its anniversary (default: Settings.renewalLeadDays, as the daily
 * job): one Document per convention and anniversary (running it
 * twice creates nothing new) and ONE combined PDF of all of them for printing (the same set of
 * notices gives back the same combined Document). Each notice is its own transaction, so one broken
 * convention does not stop the run; the JobRun row shows the progress every 25 conventions (the run's form polls it).
 */
export async function renewalRun(
  dataSource: DataSource, storage: FileStorage, actor: Actor, today: IsoDate, days?: number | null,
  onProgress?: (progress: RenewalRunProgress) => void,
): Promise<RenewalRunResult> {
  if (!isIsoDate(today)) throw new RangeError(`Date invalide : « ${today} ».`);
  const manager = dataSource.manager;
  const settings = await getSettings(manager);
  const leadDays = days ?? settings.renewalLeadDays;
  if (!Number.isInteger(leadDays) || leadDays < 0 || leadDays > 366) throw new RangeError(`Nombre de jours invalide : ${leadDays} (entre 0 et 366).`);
  const due = await conventionsDueForRenewal(manager, today, leadDays);
  const { partners, profiles } = await loadPartnersAndProfiles(manager, due.map((d) => d.convention));

  const progress: RenewalRunProgress = { done: 0, total: due.length, created: 0, existing: 0, failed: 0 };
  const counts = () => JSON.stringify({ ...progress, leadDays, today });
  const jobRun = await runInTransaction(dataSource, (tx) => tx.save(JobRun, {
    job: RENEWAL_RUN_JOB, startedAt: new Date(), status: 'en-cours', counts: counts(), instance: `${os.hostname()}:${process.pid}`.slice(0, 64),
  } as Partial<JobRun>));
  const notices: RenewalRunResult['notices'] = [];
  const failures: RenewalRunResult['failures'] = [];
  const paths: string[] = [];

  try {
    for (const { convention, anniversary } of due) {
      const sources: ConventionSources = { convention, partner: partners.get(convention.partnerId)!, profile: profiles.get(convention.profileId)! };
      const issue = () => runInTransaction(dataSource, (tx) => issueFromSources(tx, storage, sources, settings, anniversary, actor, today, new Date()));
      try {
        // A second instance may insert the same notice meanwhile: the unique dedupeKey refuses ours,
        // and the second attempt finds theirs.
        const issued = await issue().catch((error) => (isUniqueViolation(error) ? issue() : Promise.reject(error)));
        notices.push({ conventionId: convention.id, number: convention.number, anniversary, documentId: issued.document.id, created: issued.created });
        paths.push(issued.document.storagePath);
        if (issued.created) progress.created++;
        else progress.existing++;
      } catch (error) {
        progress.failed++;
        failures.push({ conventionId: convention.id, number: convention.number, message: (error as Error).message });
      }
      progress.done++;
      onProgress?.({ ...progress });
      if (progress.done % PROGRESS_EVERY === 0) await runInTransaction(dataSource, (tx) => tx.update(JobRun, { id: jobRun.id }, { counts: counts() }));
    }

    let combined: Document | null = null;
    if (notices.length) {
      const dedupeKey = `${RENEWAL_RUN_KIND}:${createHash('sha256').update(notices.map((n) => `${n.conventionId}:${n.anniversary}`).join(',')).digest('hex')}`;
      combined = await manager.findOneBy(Document, { dedupeKey });
      if (!combined) {
        const pdf = await mergePdfs(storage, paths);
        const now = new Date();
        const save = () => runInTransaction(dataSource, async (tx) => {
          const again = await tx.findOneBy(Document, { dedupeKey });
          if (again) return again;
          // Written inside the transaction: removed again if it rolls back.
          const stored = await storage.store(`documents/${today.slice(0, 4)}`, 'pdf', pdf);
          const document = await tx.save(Document, {
            kind: RENEWAL_RUN_KIND, subjectType: 'JobRun', subjectId: jobRun.id,
            title: `Avis de reconduction à imprimer – ${notices.length} convention${notices.length > 1 ? 's' : ''} – tournée du ${formatFrenchDate(today)}`,
            reference: null, registerYear: null, registerNumber: null, dedupeKey,
            storagePath: stored.path, sha256: stored.sha256, size: pdf.length, generatedById: actor.staffUserId, generatedAt: now,
          } as Partial<Document>);
          await recordAudit(tx, actor, {
            action: 'document.generate', entityType: 'Document', entityId: document.id,
            details: { kind: RENEWAL_RUN_KIND, jobRunId: jobRun.id, notices: notices.length, leadDays, today },
          }, now);
          return document;
        });
        combined = await save().catch((error) => (isUniqueViolation(error) ? save() : Promise.reject(error)));
      }
    }
    await runInTransaction(dataSource, (tx) => tx.update(JobRun, { id: jobRun.id }, {
      status: 'termine', endedAt: new Date(),
      counts: JSON.stringify({ ...progress, leadDays, today, combinedDocumentId: combined?.id ?? null }),
      error: failures.length ? failures.map((f) => `${f.number} : ${f.message}`).join('\n') : null,
    }));
    return { ...progress, leadDays, notices, failures, combined, jobRunId: jobRun.id };
  } catch (error) {
    await runInTransaction(dataSource, (tx) => tx.update(JobRun, { id: jobRun.id }, {
      status: 'echec', endedAt: new Date(), counts: counts(), error: String((error as Error).message ?? error),
    })).catch(() => undefined);
    throw error;
  }
}
