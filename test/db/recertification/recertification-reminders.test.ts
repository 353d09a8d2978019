// Reminders of a recertification not returned, on a real database: J-30 and J-7 once each even with
// two instances running the job at once, the list attached, the last one also to the partner, none
// once returned; past the due date « sans réponse » and nothing revoked.
import { describe, expect, it } from '@jest/globals';
import { issueRenewalNotice } from '../../../src/domain/documents/renewal-notices.js';
import { registerNotificationHandlers } from '../../../src/domain/notifications/notification-handlers.js';
import { recordRecertificationReturn } from '../../../src/domain/recertification/recertification.use-cases.js';
import { fixedClock } from '../../../src/domain/shared/clock.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { OutboxEmail } from '../../../src/entities/outbox-email.entity.js';
import { Recertification } from '../../../src/entities/recertification.entity.js';
import { runRecertificationReminderJob } from '../../../src/jobs/recertification-reminder.job.js';
import { withSecondInstance } from '../../support/database.js';
import { makeActiveHabilitation, makeSignedConventionWithResponsable } from '../outbox/support.js';
import { auditOf, openContext } from '../convention/support.js';

registerNotificationHandlers();

describe('recertification reminders', () => {
  const instances = withSecondInstance(openContext);

  /** Due on 20 December 2026 (anniversary 20 February 2027). */
  async function pending() {
    const { ctx } = instances;
    const { convention, partner, responsable } = await makeSignedConventionWithResponsable(ctx.dataSource, { effectiveDate: '2024-02-20' });
    const habilitation = await makeActiveHabilitation(ctx.dataSource, convention.id);
    const notice = await ctx.dataSource.transaction((m) => issueRenewalNotice(m, ctx.storage, convention.id, '2027-02-20', ctx.actor, new Date('2026-11-01T10:00:00Z')));
    const recertification = await ctx.dataSource.getRepository(Recertification).findOneByOrFail({ documentId: notice.document.id });
    return { partner, responsable: responsable!, habilitation, notice, recertification };
  }
  const reminders = (id: number) => instances.ctx.dataSource.getRepository(OutboxEmail).findBy({ kind: 'recertification-reminder', relatedId: String(id) });
  const both = (day: string) => Promise.all([
    runRecertificationReminderJob(instances.ctx.dataSource, fixedClock(`${day}T07:00:00Z`), instances.ctx.actor),
    runRecertificationReminderJob(instances.other, fixedClock(`${day}T07:00:00Z`), instances.ctx.actor),
  ]);

  it('J-30 and J-7 once each with two instances, the list attached, the last also to the partner; then « sans réponse », nothing revoked', async () => {
    const { partner, responsable, habilitation, notice, recertification } = await pending();
    await both('2026-11-19');
    expect(await reminders(recertification.id)).toHaveLength(0);
    await both('2026-11-20');
    await both('2026-11-21');
    const first = await reminders(recertification.id);
    expect(first).toHaveLength(1);
    expect(first[0].to).toContain(responsable.email);
    expect(first[0].to).not.toContain(partner.email!);
    expect(first[0].attachments).toContain(String(notice.document.id));
    expect(await instances.ctx.dataSource.getRepository(Recertification).findOneByOrFail({ id: recertification.id }))
      .toMatchObject({ status: 'relancee', reminderDays: 30, remindedOn: '2026-11-20' });
    await both('2026-12-13');
    await both('2026-12-20');
    const all = await reminders(recertification.id);
    expect(all).toHaveLength(2);
    expect(all[1].to).toContain(responsable.email);
    expect(all[1].to).toContain(partner.email!);
    await both('2026-12-21');
    expect(await instances.ctx.dataSource.getRepository(Recertification).findOneByOrFail({ id: recertification.id })).toMatchObject({ status: 'sans-reponse' });
    expect((await instances.ctx.dataSource.getRepository(Habilitation).findOneByOrFail({ id: habilitation.id })).status).toBe('active');
    const journal = (await auditOf(instances.ctx.dataSource, 'Recertification', recertification.id)).map((e) => [e.action, e.toState]);
    expect(journal).toEqual([['recertification.remind', 'relancee'], ['recertification.remind', 'relancee'], ['recertification.unanswered', 'sans-reponse']]);
  });

  it('none once returned', async () => {
    const { recertification } = await pending();
    const returned = await recordRecertificationReturn(instances.ctx.services(fixedClock('2026-11-10T10:00:00Z')), instances.ctx.actor, recertification.id, { decisions: new Map() });
    expect(returned.ok).toBe(true);
    await both('2026-11-20');
    await both('2026-12-21');
    expect(await reminders(recertification.id)).toHaveLength(0);
    expect((await instances.ctx.dataSource.getRepository(Recertification).findOneByOrFail({ id: recertification.id })).status).toBe('retournee');
  });
});
