// GET /admin/recertifications/campagne/<AAAA-MM>.xlsx: the evidence file of a recertification campaign
// (issue 15 §2), one row per habilitation of the month's frozen lists, for the roles of the policy table
// (Recertification « campaign »); each download is journaled.
import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { can } from '../policies/policy.js';
import { recordAudit } from '../domain/audit/audit.js';
import { frenchMonth, parseCampaignMonth } from '../domain/recertification/recertification-campaign.rules.js';
import { campaignEvidence } from '../domain/recertification/recertification-campaign.use-cases.js';
import { frenchShortDate } from '../documents/format.js';
import { openTableStream, TABLE_MIME } from '../adapters/table-stream.js';
import { actorOf } from './actor.js';
import { contentDisposition } from './file-routes.js';

export const CAMPAIGN_EVIDENCE_ACTION = 'recertification.campaign-export';

export const EVIDENCE_HEADERS = [
  'Convention', 'Partenaire', 'Date anniversaire', 'Référence de l’avis', 'État de la recertification', 'Identifiant', 'Titulaire',
  'Réponse', 'Signataire au partenaire', 'Liste reçue le', 'Enregistrée par (agent)', 'Enregistrée le', 'Appliquée le',
];

const day = (iso: string | null) => (iso ? frenchShortDate(iso) : null);

export function recertificationCampaignRoute(dataSource: DataSource): Router {
  const router = Router();
  router.get('/recertifications/campagne/:month.xlsx', async (req, res, next) => {
    try {
      const user = req.session.adminUser;
      if (!user) return res.redirect('/admin/login');
      if (!can(user.role, 'Recertification', 'campaign')) return res.status(403).send("Vous n'avez pas le droit de télécharger la preuve de cette campagne.");
      const month = parseCampaignMonth(req.params.month);
      if (!month.ok) return res.status(404).send(month.message);
      const rows = await campaignEvidence(dataSource.manager, month.value);
      // Journaled before the answer: whoever holds the file finds its entry.
      await recordAudit(dataSource.manager, actorOf(req), {
        action: CAMPAIGN_EVIDENCE_ACTION, entityType: 'Recertification', details: { month: month.value.month, rows: rows.length },
      });
      res.status(200).set({
        'Content-Type': TABLE_MIME.xlsx, 'Cache-Control': 'private, no-store',
        'Content-Disposition': contentDisposition(`Recertification – campagne de ${frenchMonth(month.value.month)}.xlsx`, 'attachment'),
      });
      const table = openTableStream('xlsx', res, 'Preuve de recertification', EVIDENCE_HEADERS);
      for (const r of rows) {
        await table.row([r.conventionNumber, r.partnerName, day(r.anniversary), r.reference, r.recertificationState, r.identifier, r.holder,
          r.decision, r.signatory, day(r.returnedDate), r.recordedBy, day(r.recordedOn), day(r.appliedOn)]);
      }
      await table.end();
    } catch (error) { next(error); }
  });
  return router;
}
