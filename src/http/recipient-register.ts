// GET /admin/registre-destinataires/<pdf|xlsx>: the « Registre des destinataires » of the day, for
// the roles of the policy table (Directeur, Administrateur); each download is journaled.
import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { can } from '../policies/policy.js';
import { recordAudit } from '../domain/audit/audit.js';
import type { Clock } from '../domain/shared/clock.js';
import { formatFrenchDate, todayInParis } from '../domain/shared/dates.js';
import { recipientRegisterData } from '../domain/exports/recipient-register.js';
import { renderRecipientRegister } from '../documents/recipient-register.pdf.js';
import { frenchShortDate } from '../documents/format.js';
import { openTableStream, TABLE_MIME } from '../adapters/table-stream.js';
import { actorOf } from './actor.js';
import { contentDisposition } from './file-routes.js';

export const RECIPIENT_REGISTER_ACTION = 'recipient-register.export';

const HEADERS = ['Partenaire', 'SIRET', 'Type', 'Convention', 'Profil d’accès', 'En vigueur depuis le', 'Fin prévue le', 'Habilitations actives'];

export function recipientRegisterRoute(dataSource: DataSource, clock: Clock): Router {
  const router = Router();
  router.get('/registre-destinataires/:format', async (req, res, next) => {
    try {
      const user = req.session.adminUser;
      if (!user) return res.redirect('/admin/login');
      const { format } = req.params;
      if (format !== 'pdf' && format !== 'xlsx') return res.status(404).send('Format inconnu.');
      if (!can(user.role, 'Partner', 'recipientRegister')) return res.status(403).send("Vous n'avez pas le droit de consulter le registre des destinataires.");
      const now = clock.now();
      const today = todayInParis(now);
      const name = `Registre des destinataires – ${formatFrenchDate(today)}.${format}`;
      const headers = { 'Content-Disposition': contentDisposition(name, 'attachment'), 'Cache-Control': 'private, no-store' };
      const data = await recipientRegisterData(dataSource.manager, today, now);
      // Journaled before the answer: whoever holds the file finds its entry.
      await recordAudit(dataSource.manager, actorOf(req), {
        action: RECIPIENT_REGISTER_ACTION, entityType: 'Partner', details: { format, date: today, rows: data.rows.length },
      });
      if (format === 'pdf') {
        res.set({ ...headers, 'Content-Type': 'application/pdf' }).send(await renderRecipientRegister(data));
      } else {
        res.status(200).set({ ...headers, 'Content-Type': TABLE_MIME.xlsx });
        const table = openTableStream('xlsx', res, 'Registre des destinataires', HEADERS);
        for (const r of data.rows) {
          await table.row([r.partnerName, r.siret, r.partnerType, r.conventionNumber, r.profile, r.effectiveDate ? frenchShortDate(r.effectiveDate) : null,
            r.endDate ? frenchShortDate(r.endDate) : null, r.activeHabilitations]);
        }
        await table.end();
      }
    } catch (error) { next(error); }
  });
  return router;
}
