// Password-change campaigns (issue 6): at the notice date (change date − notice days) the notices of
// each « planifiée » campaign are queued (a campaign whose notice date is past is queued at once);
// on the change date the habilitations' password dates are updated. Both steps are idempotent
// (conditional updates on the campaign status, unique recipients): safe twice and on two instances.
import { In, type DataSource } from 'typeorm';
import { PasswordCampaign } from '../entities/password-campaign.entity.js';
import { SYSTEM_ACTOR, type Actor } from '../domain/audit/audit.js';
import { applyPasswordCampaign, noticeDateOf, queueCampaignNotices } from '../domain/password-campaign/password-campaign.use-cases.js';
import type { Clock } from '../domain/shared/clock.js';
import { isAfter, todayInParis } from '../domain/shared/dates.js';
import { JobPartialFailure, type JobCounts } from './job-run.js';

export const CAMPAIGN_JOB = 'password-campaigns';

export async function runCampaignJob(dataSource: DataSource, clock: Clock, actor: Actor = SYSTEM_ACTOR): Promise<JobCounts> {
  const today = todayInParis(clock.now());
  const services = { dataSource, clock };
  const counts = { campaignsNotified: 0, noticesQueued: 0, copiesQueued: 0, campaignsApplied: 0, habilitationsUpdated: 0 };
  const errors: string[] = [];
  const campaigns = await dataSource.manager.find(PasswordCampaign, {
    where: { status: In(['planifiee', 'notifiee']) }, order: { changeDate: 'ASC', id: 'ASC' },
  });
  for (const campaign of campaigns) {
    try {
      if (campaign.status === 'planifiee') {
        if (isAfter(noticeDateOf(campaign), today)) continue;
        const queued = await queueCampaignNotices(services, campaign.id, actor);
        counts.noticesQueued += queued.queued;
        counts.copiesQueued += queued.copies;
        if (queued.done) counts.campaignsNotified++;
      }
      // The change itself, once the users were informed (the same run when the change date is today).
      if (isAfter(campaign.changeDate, today)) continue;
      const updated = await applyPasswordCampaign(services, campaign.id, actor);
      if (updated !== null) {
        counts.campaignsApplied++;
        counts.habilitationsUpdated += updated;
      }
    } catch (error) {
      errors.push(`Campagne n° ${campaign.id} : ${(error as Error).message}`);
    }
  }
  if (errors.length) throw new JobPartialFailure(counts, errors);
  return counts;
}

export const campaignDidSomething = (counts: JobCounts) => Object.values(counts).some((n) => n > 0);
