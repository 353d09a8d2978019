// GET /admin/exports/<resource>/<xlsx|csv>?<the list's parameters>: the « Exporter » of every list.
// Whoever may list a resource may export it (policy.ts), nobody else; each export is journaled with
// its filters, its sort and the number of rows sent.
import { Router } from 'express';
import type AdminJS from 'adminjs';
import type { DataSource } from 'typeorm';
import { can, RESOURCES } from '../policies/policy.js';
import { recordAudit } from '../domain/audit/audit.js';
import { formatFrenchDate, todayInParis } from '../domain/shared/dates.js';
import { openTableStream, TABLE_MIME, type TableFormat } from '../adapters/table-stream.js';
import { prepareListExport } from '../admin/list-export.js';
import { actorOf } from './actor.js';
import { contentDisposition } from './file-routes.js';

export const LIST_EXPORT_ACTION = 'list.export';

export function listExportRoutes(admin: AdminJS, dataSource: DataSource): Router {
  const router = Router();
  router.get('/exports/:resourceId/:format', async (req, res, next) => {
    try {
      const user = req.session.adminUser;
      if (!user) return res.redirect('/admin/login');
      const { resourceId } = req.params;
      const format = req.params.format as TableFormat;
      if (!(RESOURCES as readonly string[]).includes(resourceId) || (format !== 'xlsx' && format !== 'csv')) return res.status(404).send('Export inconnu.');
      if (!can(user.role, resourceId, 'export')) return res.status(403).send("Vous n'avez pas le droit d'exporter cette liste.");
      // The flat query as the list page sent it (the same parameters as /api/resources/…/actions/list).
      const query = Object.fromEntries(new URLSearchParams(req.originalUrl.split('?')[1] ?? ''));
      const prepared = await prepareListExport(admin, resourceId, query, user as never);
      if ('problem' in prepared) return res.status(400).send(prepared.problem);
      const day = todayInParis(new Date());
      res.status(200).set({
        'Content-Type': TABLE_MIME[format],
        'Content-Disposition': contentDisposition(`${prepared.label} – export du ${formatFrenchDate(day)}.${format}`, 'attachment'),
        'Cache-Control': 'private, no-store',
      });
      const table = openTableStream(format, res, prepared.label, prepared.headers);
      let rows = 0;
      let journaled = false;
      // Journaled before the file's last bytes leave (the client may read the journal as soon as it
      // has them), and also when the download was cut: who took how many rows of which list.
      const journal = (interrupted: boolean) => {
        journaled = true;
        return recordAudit(dataSource.manager, actorOf(req), {
          action: LIST_EXPORT_ACTION, entityType: resourceId, details: { format, ...prepared.criteria, rows, ...(interrupted ? { interrupted } : {}) },
        });
      };
      try {
        for await (const row of prepared.rows()) {
          await table.row(row);
          rows += 1;
        }
        await journal(false);
        await table.end();
      } catch (error) {
        if (!journaled) await journal(true);
        throw error;
      }
    } catch (error) {
      if (res.headersSent) {
        req.log?.warn({ err: error }, 'Export interrompu');
        res.destroy();
        return;
      }
      next(error);
    }
  });
  return router;
}
