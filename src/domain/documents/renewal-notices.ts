// Avis de reconduction (DOMAIN.md doc. 6; cafpro art. 5: tacit renewal each anniversary, notice at the
// latest 2 months before; data provision art. 3: 3 months). One notice per convention and anniversary
// (dedupeKey `renewal-notice:{conventionId}:{anniversary}`), whoever asks for it: the Directeur from a
// convention, the renewal run, or the scheduled job (it calls issueRenewalNotice by that name).
// A notice whose file is lost is put back when regenerated identically; if it cannot be (records
// changed since, or the file was altered) it gives its key up and a new notice is issued and emailed.
// The run also produces ONE combined PDF for printing, stored as a Document of kind 'renewal-run'
// whose subject is the JobRun row that records the run (its counts show the progress).
import { createHash } from 'node:crypto';
import os from 'node:os';
import type { DataSource, EntityManager } from 'typeorm';
import type { FileStorage, StoredFile } from '../../adapters/storage.js';
import type { RenewalHabilitationRow } from '../../documents/document-data.js';
import { mergePdfs, type MergedPdfOptions } from '../../documents/index.js';
import { availableCores, RenderPool } from '../../documents/render-pool.js';
import { Convention } from '../../entities/convention.entity.js';
import { Document } from '../../entities/document.entity.js';
import { JobRun } from '../../entities/job-run.entity.js';
import { SequenceCounter } from '../../entities/sequence-counter.entity.js';
import type { Settings } from '../../entities/settings.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { conventionKindRules, nextAnniversary, renewalDeadlines, renewalDue } from '../convention/convention.rules.js';
import { isUniqueViolation, runInTransaction } from '../shared/transaction.js';
import { publish } from '../events.js';
import { getSettings } from '../settings/settings.js';
import { addDays, formatFrenchDate, isIsoDate, todayInParis, type IsoDate } from '../shared/dates.js';
import { documentBase, habilitationsOf, loadConventionSources, loadPartnersAndProfiles, type ConventionSources } from './convention-document-data.js';
import { reusableDocument, type Regenerate } from '../files/stored-files.js';
import { freezeRecertification } from '../recertification/recertification.use-cases.js';
import { recertificationDueDate } from '../recertification/recertification.rules.js';
import {
  generateDocument, parametersOf, renderStamped, stampedData, stampOf, wholeSecond, type DocumentContent, type DocumentStamp,
} from './document-archive.js';

export const RENEWAL_RUN_KIND = 'renewal-run';
export const RENEWAL_RUN_JOB = 'renewal-run';
const RENEWAL_RUN_PDF_TITLE = 'Avis de reconduction à imprimer';

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
  /** The PDF (read back from storage, checked, when the notice already existed). */
  pdf: Buffer;
  /** The notice issued before for this anniversary, whose file could no longer be served (missing or altered). */
  replaced: Document | null;
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

/** What the notice prints besides its stamp: the convention's records as they are now, and the anniversary. */
async function noticeContent(
  manager: EntityManager, settings: Settings, sources: ConventionSources, anniversary: IsoDate, date: IsoDate,
): Promise<DocumentContent<'renewal-notice'>> {
  const base = documentBase(settings, sources, date);
  const deadlines = renewalDeadlines(sources.convention.effectiveDate!, anniversary, sources.convention.kind);
  return {
    ...base,
    convention: { ...base.convention, nextAnniversary: anniversary, lastNoticeDay: deadlines.lastNoticeDay },
    following: deadlines.following,
    habilitations: await rowsOf(manager, sources.convention),
  };
}

/** The notice's PDF again from its record (its anniversary is in its parameters), or null. */
export const regenerateRenewalNotice: Regenerate = async (manager, document) => {
  const { anniversary } = parametersOf(document);
  const sources = document.subjectType === 'Convention' && anniversary ? await loadConventionSources(manager, document.subjectId) : null;
  if (!sources || !anniversary) return null;
  const stamp = stampOf(document);
  return renderStamped('renewal-notice', await noticeContent(manager, await getSettings(manager), sources, anniversary, stamp.date), stamp);
};

/**
 * A notice rendered ahead by the run, outside its transaction, for the stamp it should get (its
 * register number predicted): used only if the transaction gives it that very stamp and content.
 */
interface NoticeAhead {
  stamp: DocumentStamp;
  content: string;
  pdf: Promise<Buffer | null>;
}

const sameStamp = (a: DocumentStamp, b: DocumentStamp) => a.reference === b.reference && a.registerNumber === b.registerNumber
  && a.date === b.date && a.generatedAt.getTime() === b.generatedAt.getTime();

/** The notice from already loaded sources (the run loads partners, profiles and Settings once). */
async function issueFromSources(
  manager: EntityManager, storage: FileStorage, sources: ConventionSources, settings: Settings,
  anniversary: IsoDate, actor: Actor, today: IsoDate, now: Date, ahead?: NoticeAhead,
): Promise<IssuedNotice & { usedAhead: boolean }> {
  const { convention } = sources;
  const dedupeKey = renewalNoticeKey(convention.id, anniversary);
  const existing = await manager.findOneBy(Document, { dedupeKey });
  if (existing) {
    // Issued already: that one, unless its file can no longer be served (missing and not
    // regenerated identically, or altered): then it gives its key up and a new notice is issued.
    const pdf = await reusableDocument(manager, storage, actor, existing, regenerateRenewalNotice, now);
    if (pdf) return { document: existing, created: false, pdf, replaced: null, usedAhead: false };
  }
  const problem = renewalNoticeRefusal(convention, anniversary);
  if (problem) throw new Error(problem);
  let usedAhead = false;
  const { document, pdf } = await generateDocument(manager, storage, {
    kind: 'renewal-notice',
    subjectType: 'Convention',
    subjectId: convention.id,
    title: `Avis de reconduction au ${formatFrenchDate(anniversary)} – convention n° ${convention.number}`,
    date: today,
    generatedById: actor.staffUserId,
    dedupeKey,
    parameters: { anniversary },
    build: (stamp) => noticeContent(manager, settings, sources, anniversary, stamp.date),
    renderedAhead: async (stamp, content) => {
      if (!ahead || !sameStamp(ahead.stamp, stamp) || ahead.content !== JSON.stringify(content)) return null;
      const made = await ahead.pdf;
      usedAhead = made !== null;
      return made;
    },
  }, now);
  if (conventionKindRules[convention.kind].cafproAccess) {
    // The list printed on the notice, frozen for its return (issue 15 §1): same transaction, one bulk insert.
    const { lastNoticeDay } = renewalDeadlines(convention.effectiveDate!, anniversary, convention.kind);
    await freezeRecertification(manager, convention, anniversary, recertificationDueDate(lastNoticeDay, anniversary, today), document);
  }
  await recordAudit(manager, actor, {
    action: 'document.generate', entityType: 'Document', entityId: document.id,
    details: { kind: 'renewal-notice', conventionId: convention.id, anniversary, reference: document.reference, replaces: existing?.id },
  }, now);
  // Handlers (emails to the representative and the responsable) run in this transaction.
  await publish(manager, { type: 'convention.renewal-notice', conventionId: convention.id, anniversary, documentId: document.id }, actor);
  return { document, created: true, pdf, replaced: existing, usedAhead };
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
  /** Worker threads that rendered notices ahead (0: all rendered in their transaction). */
  renderWorkers: number;
  /** Notices created with the PDF a worker rendered ahead (the others were rendered in their transaction). */
  renderedAhead: number;
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

/** Stored PDFs (each checked against its SHA-256) as one file to print. */
async function mergeStoredPdfs(storage: FileStorage, parts: StoredFile[], options: MergedPdfOptions): Promise<Buffer> {
  const contents: Buffer[] = [];
  for (const part of parts) contents.push(await storage.read(part));
  return mergePdfs(contents, options);
}

const PROGRESS_EVERY = 25;
/** From this many notices a run renders them in worker threads (starting the workers costs more below). */
const RENDER_POOL_FROM = 50;

export interface RenewalRunOptions {
  /**
   * Worker threads rendering the notices ahead: by default as many as the cores when the run has
   * RENDER_POOL_FROM notices or more and there are two cores or more, none otherwise (0: none).
   */
  renderWorkers?: number;
  /** Workers already started, used instead (and left running): the caller closes them. */
  renderPool?: RenderPool;
}

/** The last register number given for `year` (0 when none yet): the next notices get the following ones. */
async function lastRegisterNumber(manager: EntityManager, year: number): Promise<number> {
  return (await manager.findOneBy(SequenceCounter, { name: `register:${year}` }))?.value ?? 0;
}

/**
 * Notices rendered ahead in worker threads while the run's transactions go on one by one: each
 * convention a few places ahead is rendered with the stamp its notice will get if every notice
 * before it is created in turn (the next register numbers, today, the second it is prepared). Its
 * transaction uses that PDF only if it gives the notice that same stamp and content; otherwise (a
 * notice existed, failed, another instance or a letter took a number meanwhile) the notice is
 * rendered in its transaction as without workers and the predictions start again from the register.
 * The documents, their numbers and bytes are the same as without workers.
 */
class RenderAhead {
  private readonly ahead = new Map<number, Promise<NoticeAhead | undefined>>();
  private next = 0;
  private lastNumber: Promise<number>;

  constructor(
    private readonly pool: RenderPool, private readonly manager: EntityManager, private readonly settings: Settings,
    private readonly due: Array<{ sources: ConventionSources; anniversary: IsoDate }>, private readonly today: IsoDate,
  ) {
    this.lastNumber = lastRegisterNumber(manager, Number(today.slice(0, 4)));
  }

  /**
   * The notice rendered ahead for due[index] (if any), and the next ones put in hand. Until a worker
   * has started, the notices are rendered in their transactions (the numbers read again after each).
   */
  take(index: number): Promise<NoticeAhead | undefined> {
    if (!this.pool.ready) {
      this.restart(index);
      return Promise.resolve(undefined);
    }
    if (this.next <= index) this.next = index;
    while (this.next < Math.min(this.due.length, index + 1 + this.pool.size * 2)) {
      this.ahead.set(this.next, this.prepare(this.next));
      this.next++;
    }
    const taken = this.ahead.get(index) ?? Promise.resolve(undefined);
    this.ahead.delete(index);
    return taken;
  }

  /** After a notice that did not go as predicted: the notices ahead are dropped, the numbers read again. */
  restart(after: number): void {
    this.ahead.clear();
    this.next = after + 1;
    this.lastNumber = lastRegisterNumber(this.manager, Number(this.today.slice(0, 4)));
  }

  private prepare(index: number): Promise<NoticeAhead | undefined> {
    const { sources, anniversary } = this.due[index]!;
    const { convention } = sources;
    // A notice issued already or refused takes no number: nothing to render ahead.
    const skip = renewalNoticeRefusal(convention, anniversary) !== null
      ? Promise.resolve(true)
      : this.manager.existsBy(Document, { dedupeKey: renewalNoticeKey(convention.id, anniversary) }).catch(() => true);
    // chained in the order of the conventions, whatever order the reads come back in
    const number = this.lastNumber.then(async (n) => ((await skip) ? n : n + 1));
    this.lastNumber = number;
    return (async () => {
      if (await skip) return undefined;
      const register = `${this.today.slice(0, 4)}-${String(await number).padStart(6, '0')}`;
      const stamp: DocumentStamp = { reference: register, registerNumber: register, date: this.today, generatedAt: wholeSecond(new Date()) };
      const content = await noticeContent(this.manager, this.settings, sources, anniversary, stamp.date);
      return {
        stamp,
        content: JSON.stringify(content),
        pdf: this.pool.render('renewal-notice', stampedData('renewal-notice', content, stamp)).catch(() => null),
      };
    })().catch(() => undefined);
  }
}

/**
 * « Avis de reconduction » for every signed convention whose last day to denounce falls in the next
 * `days` days, or has passed before its anniversary (default: Settings.renewalLeadDays, as the daily
 * job): one Document per convention and anniversary (running it
 * twice creates nothing new) and ONE combined PDF of all of them for printing (the same set of
 * notices gives back the same combined Document). Each notice is its own transaction, so one broken
 * convention does not stop the run; the JobRun row shows the progress every 25 conventions (the run's form polls it).
 * The notices are rendered ahead in worker threads (RenderAhead), to the same bytes.
 */
export async function renewalRun(
  dataSource: DataSource, storage: FileStorage, actor: Actor, today: IsoDate, days?: number | null,
  onProgress?: (progress: RenewalRunProgress) => void, options: RenewalRunOptions = {},
): Promise<RenewalRunResult> {
  if (!isIsoDate(today)) throw new RangeError(`Date invalide : « ${today} ».`);
  const manager = dataSource.manager;
  const settings = await getSettings(manager);
  const leadDays = days ?? settings.renewalLeadDays;
  if (!Number.isInteger(leadDays) || leadDays < 0 || leadDays > 366) throw new RangeError(`Nombre de jours invalide : ${leadDays} (entre 0 et 366).`);
  const due = await conventionsDueForRenewal(manager, today, leadDays);
  const { partners, profiles } = await loadPartnersAndProfiles(manager, due.map((d) => d.convention));
  const dueSources = due.map(({ convention, anniversary }) => ({
    sources: { convention, partner: partners.get(convention.partnerId)!, profile: profiles.get(convention.profileId)! } as ConventionSources,
    anniversary,
  }));

  const progress: RenewalRunProgress = { done: 0, total: due.length, created: 0, existing: 0, failed: 0 };
  const counts = () => JSON.stringify({ ...progress, leadDays, today });
  const jobRun = await runInTransaction(dataSource, (tx) => tx.save(JobRun, {
    job: RENEWAL_RUN_JOB, startedAt: new Date(), status: 'en-cours', counts: counts(), instance: `${os.hostname()}:${process.pid}`.slice(0, 64),
  } as Partial<JobRun>));
  const notices: RenewalRunResult['notices'] = [];
  const failures: RenewalRunResult['failures'] = [];
  const parts: Document[] = [];
  const workers = options.renderPool?.size ?? options.renderWorkers ?? (due.length >= RENDER_POOL_FROM && availableCores() > 1 ? availableCores() : 0);
  const ownPool = !options.renderPool && workers > 0 ? new RenderPool(workers) : null;
  const pool = options.renderPool ?? ownPool;
  const renderAhead = pool ? new RenderAhead(pool, manager, settings, dueSources, today) : null;
  let renderedAhead = 0;

  try {
    for (const [index, { sources, anniversary }] of dueSources.entries()) {
      const { convention } = sources;
      const ahead = await renderAhead?.take(index);
      const issue = () => runInTransaction(dataSource, (tx) => issueFromSources(tx, storage, sources, settings, anniversary, actor, today, ahead?.stamp.generatedAt ?? new Date(), ahead));
      try {
        // A second instance may insert the same notice meanwhile: the unique dedupeKey refuses ours,
        // and the second attempt finds theirs.
        const issued = await issue().catch((error) => (isUniqueViolation(error) ? issue() : Promise.reject(error)));
        notices.push({ conventionId: convention.id, number: convention.number, anniversary, documentId: issued.document.id, created: issued.created });
        parts.push(issued.document);
        if (issued.created) progress.created++;
        else progress.existing++;
        if (issued.usedAhead) renderedAhead++;
        // Not as predicted (created without a notice ahead, or not with it): the next numbers are read again.
        if (ahead ? !issued.usedAhead : issued.created) renderAhead?.restart(index);
      } catch (error) {
        progress.failed++;
        failures.push({ conventionId: convention.id, number: convention.number, message: (error as Error).message });
        renderAhead?.restart(index);
      }
      progress.done++;
      onProgress?.({ ...progress });
      if (progress.done % PROGRESS_EVERY === 0) await runInTransaction(dataSource, (tx) => tx.update(JobRun, { id: jobRun.id }, { counts: counts() }));
    }
    await ownPool?.close();

    let combined: Document | null = null;
    if (notices.length) {
      // The same notices (documents: a notice issued again in place of a lost one is another) give the same combined PDF.
      const dedupeKey = `${RENEWAL_RUN_KIND}:${createHash('sha256').update(notices.map((n) => `${n.conventionId}:${n.anniversary}:${n.documentId}`).join(',')).digest('hex')}`;
      const merge = (generatedAt: Date) => mergeStoredPdfs(storage, parts, { title: RENEWAL_RUN_PDF_TITLE, generatedAt });
      const existing = await manager.findOneBy(Document, { dedupeKey });
      // The same notices give back the same combined PDF, put back from them if its file went missing.
      if (existing && await runInTransaction(dataSource, (tx) => reusableDocument(tx, storage, actor, existing, () => merge(existing.generatedAt)))) {
        combined = existing;
      }
      if (!combined) {
        const now = wholeSecond(new Date());
        const pdf = await merge(now);
        const save = () => runInTransaction(dataSource, async (tx) => {
          const again = await tx.findOneBy(Document, { dedupeKey });
          if (again) return again;
          // Written inside the transaction: removed again if it rolls back.
          const stored = await storage.store(`documents/${today.slice(0, 4)}`, 'pdf', pdf);
          const document = await tx.save(Document, {
            kind: RENEWAL_RUN_KIND, subjectType: 'JobRun', subjectId: jobRun.id,
            title: `Avis de reconduction à imprimer – ${notices.length} convention${notices.length > 1 ? 's' : ''} – tournée du ${formatFrenchDate(today)}`,
            reference: null, registerYear: null, registerNumber: null, dedupeKey, parameters: JSON.stringify({ date: today }),
            storagePath: stored.path, sha256: stored.sha256, size: pdf.length, generatedById: actor.staffUserId, generatedAt: now,
          } as Partial<Document>);
          await recordAudit(tx, actor, {
            action: 'document.generate', entityType: 'Document', entityId: document.id,
            details: { kind: RENEWAL_RUN_KIND, jobRunId: jobRun.id, notices: notices.length, leadDays, today, replaces: existing?.id },
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
    return { ...progress, leadDays, notices, failures, combined, renderWorkers: workers, renderedAhead, jobRunId: jobRun.id };
  } catch (error) {
    await ownPool?.close();
    await runInTransaction(dataSource, (tx) => tx.update(JobRun, { id: jobRun.id }, {
      status: 'echec', endedAt: new Date(), counts: counts(), error: String((error as Error).message ?? error),
    })).catch(() => undefined);
    throw error;
  }
}
