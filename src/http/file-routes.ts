// Downloads of stored files (scans of signed forms, generated documents), only for roles the policy
// allows; files are never under a public folder. Each file is checked against its recorded SHA-256
// (src/domain/files/stored-files.ts): a changed one is refused (409), a missing one is regenerated
// when it can be, otherwise refused (410), each time with a French page and a journal entry. Each
// download is journaled.
import { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import type { FileStorage } from '../adapters/storage.js';
import { Document } from '../entities/document.entity.js';
import { Scan } from '../entities/scan.entity.js';
import { can } from '../policies/policy.js';
import { recordAudit } from '../domain/audit/audit.js';
import { openDocumentFile } from '../domain/documents/document-regeneration.js';
import { openScanFile, type FileOutcome } from '../domain/files/stored-files.js';
import { actorOf } from './actor.js';
import { escapeHtml } from '../domain/notifications/email-templates.js';

/**
 * `inline; filename="…"; filename*=UTF-8''…` (RFC 6266 / 5987): the saved file keeps its accents
 * (« Demande d’accès – 78_2026_0004AS – T2.pdf »); the plain `filename` is an ASCII fallback. A « / »
 * of a convention number cannot be in a file name.
 */
export function contentDisposition(name: string, disposition: 'inline' | 'attachment' = 'inline'): string {
  const safe = name.replace(/[/\\:*?"<>|\u0000-\u001f]/g, '_');
  const ascii = safe.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘]/g, "'").replace(/[–—]/g, '-').replace(/[^\x20-\x7e]/g, '_');
  const encoded = encodeURIComponent(safe).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

function send(res: Response, content: Buffer, mime: string, filename: string) {
  res.set({
    'Content-Type': mime,
    'Content-Disposition': contentDisposition(filename),
    'Cache-Control': 'private, no-store',
  }).send(content);
}


/** The French page of a file that is not served: 409 when it was changed, 410 when it is gone. */
function refuse(res: Response, file: Extract<FileOutcome, { ok: false }>) {
  const title = file.problem === 'altered' ? 'Fichier modifié' : 'Fichier introuvable';
  res.status(file.problem === 'altered' ? 409 : 410).set('Cache-Control', 'private, no-store').type('html').send(
    `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title} – Cafpro</title></head>`
    + `<body><h1>${title}</h1><p>${escapeHtml(file.message)}</p><p><a href="/admin">Retour au back-office</a></p></body></html>`,
  );
}

export function fileRoutes(dataSource: DataSource, storage: FileStorage): Router {
  const router = Router();
  const role = (req: Request) => req.session.adminUser?.role;
  router.get('/scans/:id', async (req, res, next) => {
    try {
      if (!req.session.adminUser) return res.redirect('/admin/login');
      if (!can(role(req), 'Scan', 'show')) return res.status(403).send("Vous n'avez pas le droit de consulter ce fichier.");
      const scan = await dataSource.getRepository(Scan).findOneBy({ id: Number(req.params.id) || 0 });
      if (!scan) return res.status(404).send('Numérisation introuvable.');
      const file = await openScanFile(dataSource, storage, actorOf(req), scan);
      if (!file.ok) return refuse(res, file);
      await recordAudit(dataSource.manager, actorOf(req), { action: 'scan.download', entityType: 'Scan', entityId: scan.id });
      send(res, file.content, scan.mimeType, scan.originalName);
    } catch (error) { next(error); }
  });
  router.get('/documents/:id/download', async (req, res, next) => {
    try {
      if (!req.session.adminUser) return res.redirect('/admin/login');
      const document = await dataSource.getRepository(Document).findOneBy({ id: Number(req.params.id) || 0 });
      if (!document) return res.status(404).send('Document introuvable.');
      if (!can(role(req), 'Document', 'download') || !can(role(req), document.subjectType, 'show')) {
        return res.status(403).send("Vous n'avez pas le droit de télécharger ce document.");
      }
      const file = await openDocumentFile(dataSource, storage, actorOf(req), document);
      if (!file.ok) return refuse(res, file);
      await recordAudit(dataSource.manager, actorOf(req), { action: 'document.download', entityType: 'Document', entityId: document.id });
      send(res, file.content, 'application/pdf', `${document.title}.pdf`);
    } catch (error) { next(error); }
  });
  return router;
}
