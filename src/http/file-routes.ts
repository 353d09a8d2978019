// Downloads of stored files (scans of signed forms, generated documents), only for roles the policy
// allows; files are never under a public folder. Each download is journaled.
import { Router, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import type { FileStorage } from '../adapters/storage.js';
import { Document } from '../entities/document.entity.js';
import { Scan } from '../entities/scan.entity.js';
import { can } from '../policies/policy.js';
import { recordAudit } from '../domain/audit/audit.js';
import { actorOf } from './actor.js';

function send(res: Response, content: Buffer, mime: string, filename: string) {
  res.set({
    'Content-Type': mime,
    'Content-Disposition': `inline; filename="${filename.replace(/[^\w.\- ]/g, '_')}"`,
    'Cache-Control': 'private, no-store',
  }).send(content);
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
      await recordAudit(dataSource.manager, actorOf(req), { action: 'scan.download', entityType: 'Scan', entityId: scan.id });
      send(res, await storage.read(scan.storagePath), scan.mimeType, scan.originalName);
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
      await recordAudit(dataSource.manager, actorOf(req), { action: 'document.download', entityType: 'Document', entityId: document.id });
      send(res, await storage.read(document.storagePath), 'application/pdf', `${document.title}.pdf`);
    } catch (error) { next(error); }
  });
  return router;
}
