// CSV proof of notice of a password-change campaign (who, address, sent at, status).
import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { can } from '../policies/policy.js';
import { exportNoticeProofCsv } from '../domain/password-campaign/password-campaign.use-cases.js';
import { PasswordCampaign } from '../entities/password-campaign.entity.js';
import { recordAudit } from '../domain/audit/audit.js';
import { actorOf } from './actor.js';

export function campaignProofRoute(dataSource: DataSource): Router {
  const router = Router();
  router.get('/campagnes/:id/preuve.csv', async (req, res, next) => {
    try {
      if (!req.session.adminUser) return res.redirect('/admin/login');
      if (!can(req.session.adminUser.role, 'PasswordCampaign', 'exportProof')) return res.status(403).send("Vous n'avez pas le droit d'exporter cette preuve.");
      const campaign = await dataSource.getRepository(PasswordCampaign).findOneBy({ id: Number(req.params.id) || 0 });
      if (!campaign) return res.status(404).send('Campagne introuvable.');
      const csv = await exportNoticeProofCsv(dataSource.manager, campaign.id);
      await recordAudit(dataSource.manager, actorOf(req), { action: 'campaign.proof-export', entityType: 'PasswordCampaign', entityId: campaign.id });
      res.set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="preuve-information-campagne-${campaign.id}.csv"`,
        'Cache-Control': 'private, no-store',
      }).send(csv);
    } catch (error) { next(error); }
  });
  return router;
}
