// « Importer des données existantes » (issue 12 §2): the Administrateur uploads the Caf's workbook
// (or one CSV), the dry run runs in the background while the page shows its progress (it reloads
// itself every second), then the report: counts, the lines in error or changed, the whole report as
// XLSX. « Appliquer » is offered only then, for that same file (its SHA-256, kept with the dry run
// in this server's memory for the session), and applies everything in one transaction.
// The upload goes through the back-office's upload parser and its limits (upload-parser.ts).
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { can } from '../policies/policy.js';
import type { Clock } from '../domain/shared/clock.js';
import { todayInParis } from '../domain/shared/dates.js';
import { escapeHtml } from '../domain/notifications/email-templates.js';
import { applyImport, dryRunImport } from '../domain/import/import-apply.js';
import { IMPORT_KIND_LABELS, IMPORT_KINDS, type ImportKind } from '../domain/import/import-columns.js';
import type { ImportPlan } from '../domain/import/import-plan.js';
import { importCountsText, importReportXlsx, importTemplateCsv, importTemplateXlsx } from '../domain/import/import-report.js';
import { ImportFileError, readImportFile, sha256Of, type ImportFile } from '../domain/import/import-sheets.js';
import { MAX_SCAN_BYTES } from '../domain/scans/scan-upload.js';
import { actorOf } from './actor.js';
import { accountPageHtml, noticeHtml, type AccountNotice } from './account-layout.js';

declare module 'express-session' {
  interface SessionData { importJobId?: string }
}

export const IMPORT_PATH = '/import';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Lines of the report shown on the page (errors and changes first); the XLSX holds them all. */
const SHOWN_LINES = 300;
const JOB_LIFETIME_MS = 60 * 60_000;

export const IMPORT_PAGE_MESSAGES = {
  refused: "Seul un Administrateur peut importer des données existantes.",
  noFile: 'Choisissez le fichier à importer (classeur .xlsx ou fichier .csv).',
  tooLarge: `Fichier trop volumineux : ${MAX_SCAN_BYTES / 1024 / 1024} Mo au plus.`,
  notDryRun: 'Faites d’abord l’essai à blanc de ce fichier : « Appliquer » ne vaut que pour le fichier essayé.',
  busy: 'Un import est déjà en cours pour vous : attendez qu’il se termine.',
} as const;

type Phase = 'essai' | 'essai-fini' | 'application' | 'appliqué' | 'échec';
interface ImportJob {
  id: string;
  ownerId: number;
  file: ImportFile | null;
  fileName: string;
  sha256: string;
  phase: Phase;
  done: number;
  total: number;
  plan: ImportPlan | null;
  notice: AccountNotice;
  startedAt: number;
}

/** Jobs of this process, by id (the session keeps the id): a dry run is tied to the agent's session. */
const jobs = new Map<string, ImportJob>();

function forget(): void {
  const now = Date.now();
  for (const [id, job] of jobs) if (now - job.startedAt > JOB_LIFETIME_MS && job.phase !== 'essai' && job.phase !== 'application') jobs.delete(id);
}

const PHASE_LABELS: Record<'essai' | 'application', string> = { essai: 'Essai à blanc en cours', application: 'Application en cours' };

function templatesHtml(base: string): string {
  const csv = IMPORT_KINDS.map((k) => `<a href="${base}/modele-${k}.csv">${escapeHtml(IMPORT_KIND_LABELS[k])}</a>`).join(', ');
  return `<p>Modèles : <a href="${base}/modele.xlsx">classeur Excel (une feuille par nature)</a> ; en CSV : ${csv}.</p>`;
}

function reportHtml(plan: ImportPlan): string {
  const order = { 'erreur': 0, 'mis à jour': 1, 'créé': 2, 'inchangé': 3 } as const;
  const lines = [...plan.lines].sort((a, b) => order[a.outcome] - order[b.outcome]).slice(0, SHOWN_LINES);
  const rows = lines.map((l) => `<tr><td>${escapeHtml(l.sheet)}</td><td>${l.line}</td><td>${escapeHtml(l.subject)}</td><td>${escapeHtml(l.outcome)}</td><td>${l.details.map(escapeHtml).join('<br>')}</td></tr>`).join('');
  const more = plan.lines.length > lines.length ? `<p><small>${lines.length} lignes sur ${plan.lines.length} affichées (erreurs et modifications d’abord) : le rapport complet est dans le fichier à télécharger.</small></p>` : '';
  return `<table><thead><tr><th>Feuille</th><th>Ligne</th><th>Objet</th><th>Résultat</th><th>Détail</th></tr></thead><tbody>${rows}</tbody></table>${more}`;
}

function pageHtml(base: string, job: ImportJob | undefined, notice: AccountNotice = null): string {
  const upload = `<form method="post" action="${base}/essai" enctype="multipart/form-data">
<label for="fichier">Fichier à importer (classeur .xlsx ou .csv, ${MAX_SCAN_BYTES / 1024 / 1024} Mo au plus)</label>
<input id="fichier" name="fichier" type="file" accept=".xlsx,.csv,text/csv,${XLSX}" required>
<button type="submit">Lancer l’essai à blanc</button></form>`;
  const intro = `<p>Reprise des tableaux de la Caf : partenaires, conventions, responsables habilitations, habilitations et demandes en cours.
Les numéros de convention et les identifiants sont conservés ; les partenaires sont reconnus par leur SIRET, les conventions par leur numéro,
les habilitations par leur identifiant : un second import du même fichier ne change rien. L’essai à blanc n’enregistre rien.</p>${templatesHtml(base)}`;
  let status = '';
  if (job && (job.phase === 'essai' || job.phase === 'application')) {
    const where = job.total ? `${job.done} ligne(s) sur ${job.total}` : 'lecture du fichier';
    status = `<p class="succes" role="status">${PHASE_LABELS[job.phase]} : ${escapeHtml(job.fileName)} — ${where}.</p>
<p><small>La page se met à jour toute seule.</small></p>`;
  } else if (job?.plan) {
    const plan = job.plan;
    const applyForm = job.phase === 'essai-fini' && plan.counts.erreur === 0
      ? `<form method="post" action="${base}/appliquer"><input type="hidden" name="sha256" value="${job.sha256}"><button type="submit">Appliquer l’import de ce fichier</button></form>`
      : '';
    status = `${noticeHtml(job.notice)}<h2>${job.phase === 'appliqué' ? 'Import appliqué' : 'Essai à blanc'} : ${escapeHtml(job.fileName)}</h2>
<p>SHA-256 <code>${job.sha256}</code><br>${escapeHtml(importCountsText(plan))}.</p>
<p><a href="${base}/rapport.xlsx">Télécharger le rapport (XLSX)</a></p>${applyForm}${reportHtml(plan)}`;
  } else if (job) status = noticeHtml(job.notice);
  const refresh = job && (job.phase === 'essai' || job.phase === 'application') ? '<meta http-equiv="refresh" content="1">' : '';
  const busy = job && (job.phase === 'essai' || job.phase === 'application');
  return accountPageHtml('Importer des données existantes', `${refresh}<nav><a href="/admin">← Retour au back-office</a></nav>${noticeHtml(notice)}${intro}${busy ? '' : upload}${status}`, { large: true, accountNav: false });
}

export function importPage(dataSource: DataSource, clock: Clock, root: string): Router {
  const router = Router();
  const base = `${root}${IMPORT_PATH}`;
  const allowed = (req: Request, res: Response, next: () => void) => {
    if (!req.session.adminUser) return res.redirect(`${root}/login`);
    // The Caf's data as a whole: the same right as editing the Caf's Settings (policy table).
    if (!can(req.session.adminUser.role, 'Settings', 'edit')) {
      return res.status(403).type('html').send(accountPageHtml('Accès refusé', `<p class="erreur">${IMPORT_PAGE_MESSAGES.refused}</p><p><a href="/admin">Retour au back-office</a></p>`, { accountNav: false }));
    }
    return next();
  };
  const jobOf = (req: Request): ImportJob | undefined => {
    const job = req.session.importJobId ? jobs.get(req.session.importJobId) : undefined;
    return job && job.ownerId === req.session.adminUser!.id ? job : undefined;
  };
  const running = (job: ImportJob | undefined) => job?.phase === 'essai' || job?.phase === 'application';
  const options = () => { const now = clock.now(); return { now, today: todayInParis(now) }; };

  router.get(IMPORT_PATH, allowed, (req, res) => {
    res.set('Cache-Control', 'private, no-store').type('html').send(pageHtml(base, jobOf(req)));
  });
  router.get(`${IMPORT_PATH}/modele.xlsx`, allowed, async (_req, res, next) => {
    try {
      res.set({ 'Content-Type': XLSX, 'Content-Disposition': 'attachment; filename="modele-import-cafpro.xlsx"' }).send(await importTemplateXlsx());
    } catch (error) { next(error); }
  });
  router.get(`${IMPORT_PATH}/modele-:kind.csv`, allowed, (req, res) => {
    const kind = req.params.kind as ImportKind;
    if (!IMPORT_KINDS.includes(kind)) return res.status(404).send('Modèle inconnu.');
    return res.set({ 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="modele-${kind}.csv"` }).send(importTemplateCsv(kind));
  });
  router.get(`${IMPORT_PATH}/rapport.xlsx`, allowed, async (req, res, next) => {
    try {
      const plan = jobOf(req)?.plan;
      if (!plan) return res.status(404).type('html').send(pageHtml(base, undefined, { type: 'erreur', text: IMPORT_PAGE_MESSAGES.notDryRun }));
      return res.set({ 'Content-Type': XLSX, 'Content-Disposition': 'attachment; filename="rapport-import.xlsx"', 'Cache-Control': 'private, no-store' }).send(await importReportXlsx(plan));
    } catch (error) { return next(error); }
  });

  router.post(`${IMPORT_PATH}/essai`, allowed, async (req, res, next) => {
    try {
      forget();
      if (running(jobOf(req))) return res.status(409).type('html').send(pageHtml(base, jobOf(req), { type: 'erreur', text: IMPORT_PAGE_MESSAGES.busy }));
      const upload = (req as Request & { files?: Record<string, { path: string; name: string; size: number } | undefined> }).files?.fichier;
      if (!upload || !upload.size) return res.status(400).type('html').send(pageHtml(base, undefined, { type: 'erreur', text: IMPORT_PAGE_MESSAGES.noFile }));
      if (upload.size > MAX_SCAN_BYTES) return res.status(413).type('html').send(pageHtml(base, undefined, { type: 'erreur', text: IMPORT_PAGE_MESSAGES.tooLarge }));
      const bytes = await readFile(upload.path);
      const job: ImportJob = {
        id: randomUUID(), ownerId: req.session.adminUser!.id, file: null, fileName: upload.name || 'fichier', sha256: sha256Of(bytes),
        phase: 'essai', done: 0, total: 0, plan: null, notice: null, startedAt: Date.now(),
      };
      jobs.set(job.id, job);
      req.session.importJobId = job.id;
      const actor = actorOf(req);
      // In the background: the page polls its progress.
      void (async () => {
        try {
          job.file = await readImportFile(bytes, job.fileName);
          job.total = job.file.sheets.reduce((n, s) => n + s.rows.length, 0);
          job.plan = await dryRunImport(dataSource, job.file, actor, { ...options(), onProgress: (done) => { job.done = done; } });
          job.phase = 'essai-fini';
          job.notice = job.plan.counts.erreur
            ? { type: 'erreur', text: `${job.plan.counts.erreur} ligne(s) en erreur : corrigez le fichier et refaites l’essai à blanc.` }
            : { type: 'succes', text: 'Aucune erreur : vérifiez le rapport, puis appliquez l’import.' };
        } catch (error) {
          job.phase = 'échec';
          job.notice = { type: 'erreur', text: error instanceof ImportFileError ? error.message : 'L’essai à blanc a échoué : réessayez, ou transmettez le fichier à l’équipe technique.' };
          if (!(error instanceof ImportFileError)) req.log?.error({ err: error }, 'Import : essai à blanc en échec');
        }
      })();
      return req.session.save(() => res.redirect(303, base));
    } catch (error) { return next(error); }
  });

  // The form's fields were read by the upload parser, as for every form of the back-office.
  router.post(`${IMPORT_PATH}/appliquer`, allowed, (req, res) => {
    const job = jobOf(req);
    const sha256 = String((req as Request & { fields?: Record<string, unknown> }).fields?.sha256 ?? '');
    // Only the file whose dry run this session just saw, once, without error.
    if (!job || job.phase !== 'essai-fini' || !job.file || !job.plan || job.plan.counts.erreur || job.sha256 !== sha256) {
      return res.status(409).type('html').send(pageHtml(base, job, { type: 'erreur', text: IMPORT_PAGE_MESSAGES.notDryRun }));
    }
    job.phase = 'application';
    job.done = 0;
    const actor = actorOf(req);
    void (async () => {
      try {
        const result = await applyImport(dataSource, job.file!, actor, { ...options(), onProgress: (done, total) => { job.done = done; job.total = total; } });
        // Refused (the records changed since the dry run and a row is now in error): its new report.
        if (result.plan) job.plan = result.plan;
        job.phase = result.ok ? 'appliqué' : 'échec';
        job.notice = { type: result.ok ? 'succes' : 'erreur', text: result.message };
      } catch (error) {
        job.phase = 'échec';
        job.notice = { type: 'erreur', text: 'L’import a échoué : rien n’a été enregistré. Réessayez, ou transmettez le fichier à l’équipe technique.' };
        req.log?.error({ err: error }, 'Import : application en échec');
      }
    })();
    return res.redirect(303, base);
  });
  return router;
}
