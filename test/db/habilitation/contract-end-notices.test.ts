// CDDs that end, as the daily job and the responsable see them: J-14 then J-1, one email per convention
// to the responsable listing the habilitations that end, with an access-request form pre-filled for each
// person to extend it; once only — the job run twice, and by two instances at once, sends nothing twice.
// The form comes back: its reference opens a pre-filled request, whose approval extends the same
// habilitation (same identifier), never past the convention's end. Emails through a real SMTP server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { approveAccessRequest, previewApproval, recordAccessRequest } from '../../../src/domain/access-request/access-request.use-cases.js';
import { lookupReference } from '../../../src/domain/documents/form-references.js';
import { registerNotificationHandlers } from '../../../src/domain/notifications/notification-handlers.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { Convention } from '../../../src/entities/convention.entity.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { Settings } from '../../../src/entities/settings.entity.js';
import { runContractEndNoticeJob } from '../../../src/jobs/contract-end-notice.job.js';
import { pdfText } from '../../support/pdf-text.js';
import { makeActiveHabilitation, makeSignedConventionWithResponsable, openMailContext, secondDataSource, type MailContext } from '../outbox/support.js';
import { requestForm } from './support.js';

const END = '2027-01-15';
const at = (isoDay: string) => `${isoDay}T07:00:00Z`;

describe('« fin de CDD » notices and extensions', () => {
  let ctx: MailContext;
  let other: DataSource;
  const services = () => ({ dataSource: ctx.dataSource, storage: ctx.storage, clock: ctx.clock });
  const run = (ds: DataSource = ctx.dataSource) => runContractEndNoticeJob(ds, ctx.clock, ctx.storage);
  const reload = (id: number) => ctx.dataSource.getRepository(Habilitation).findOneByOrFail({ id });

  beforeAll(async () => {
    ctx = await openMailContext(at('2026-12-01'));
    other = await secondDataSource(ctx.config);
    registerNotificationHandlers({ clock: ctx.clock });
  });
  afterAll(async () => {
    await other?.destroy();
    await ctx?.close();
  });
  beforeEach(() => { ctx.smtp.messages.length = 0; });

  async function conventionWithCdds() {
    const setup = await makeSignedConventionWithResponsable(ctx.dataSource);
    const id = setup.convention.id;
    const first = await makeActiveHabilitation(ctx.dataSource, id, { civility: 'Monsieur', lastName: 'Đorđević', firstName: 'Miloš', endDate: END });
    const second = await makeActiveHabilitation(ctx.dataSource, id, { lastName: 'Château', firstName: 'Léa', endDate: END, status: 'suspendue' });
    const later = await makeActiveHabilitation(ctx.dataSource, id, { endDate: '2027-03-31' });
    const cdi = await makeActiveHabilitation(ctx.dataSource, id);
    return { ...setup, first, second, later, cdi };
  }

  it('J-14 then J-1, one email to the responsable with an extension form per person, once each', async () => {
    const { convention, responsable, first, second, later, cdi } = await conventionWithCdds();

    ctx.clock.set(at('2026-12-31'));
    expect(await run()).toMatchObject({ notified: 0, emails: 0 });

    ctx.clock.set(at('2027-01-01'));
    // Two instances run the day's job at the same moment: each person is told once, in one email.
    const [a, b] = await Promise.all([run(), run(other)]);
    expect(a.notified + b.notified).toBe(2);
    expect(a.emails + b.emails).toBe(1);
    expect(await run()).toMatchObject({ notified: 0 });
    expect((await reload(first.id)).contractEndNoticeDays).toBe(14);
    expect((await reload(later.id)).contractEndNoticeDays).toBeNull();
    expect((await reload(cdi.id)).contractEndNoticeDays).toBeNull();

    expect(await ctx.deliver()).toMatchObject({ sent: 1 });
    const [mail] = await ctx.smtp.waitFor(1);
    expect(mail.to).toEqual([responsable!.email]);
    expect(mail.subject).toBe(`Convention Cafpro n° ${convention.number} : 2 habilitations prennent fin avec leur CDD`);
    expect(mail.text).toContain(`Monsieur Gaëtan,`);
    // French order: « Château » before « Đorđević ».
    const lines = mail.text.split('\n').filter((l) => l.startsWith('- '));
    expect(lines).toEqual([
      `- Madame Léa Château – identifiant ${second.identifier} – fin le 15 janvier 2027 (habilitation suspendue)`,
      `- Monsieur Miloš Đorđević – identifiant ${first.identifier} – fin le 15 janvier 2027`,
    ]);
    expect(mail.text).toContain('retournez à la Caf avant sa date de fin la demande d’accès jointe, pré-remplie au nom de la personne');
    expect(mail.attachments).toHaveLength(2);
    const forms = await Promise.all(mail.attachments.map(async (file) => (await pdfText(file.content)).flat));
    const milos = forms.find((text) => text.includes('Đorđević'))!;
    expect(milos).toContain(`Prolongation : l’habilitation ${first.identifier} prend fin le 15/01/2027 avec le CDD.`);
    expect(milos).toContain('Nom/Prénom du demandeur Monsieur Đorđević Miloš');
    expect(milos).toContain(first.email);
    expect(milos).toContain(convention.number);
    const journal = await ctx.dataSource.getRepository(AuditEvent).findBy({ action: 'habilitation.contract-end-notice', entityId: String(first.id) });
    expect(journal).toHaveLength(1);

    ctx.smtp.messages.length = 0;
    ctx.clock.set(at('2027-01-13'));
    expect(await run()).toMatchObject({ notified: 0 });
    ctx.clock.set(at('2027-01-14'));
    expect(await run()).toMatchObject({ notified: 2, emails: 1 });
    expect(await run()).toMatchObject({ notified: 0 });
    ctx.clock.set(at('2027-01-15'));
    expect(await run()).toMatchObject({ notified: 0 });
    expect(await ctx.deliver()).toMatchObject({ sent: 1 });
  });

  it('the form comes back: a pre-filled request whose approval extends the same habilitation, never past the convention', async () => {
    const { convention, first } = await conventionWithCdds();
    ctx.clock.set(at('2027-01-01'));
    await run();
    const form = await ctx.dataSource.getRepository('Document').findOneByOrFail({ kind: 'access-request-form', subjectType: 'Habilitation', subjectId: first.id });
    const found = await lookupReference(ctx.dataSource.manager, String(form.reference));
    expect(found).toMatchObject({
      ok: true,
      target: { kind: 'new', resource: 'AccessRequest', params: { conventionId: String(convention.id), lastName: first.lastName, email: first.email } },
      message: expect.stringContaining(`prolongation de l’habilitation ${first.identifier}`),
    });

    ctx.clock.set(at('2027-01-05'));
    const clerk = await ctx.actorFor('gestionnaire-conventions');
    const instructor = await ctx.actorFor('gestionnaire-habilitations');
    const recorded = await recordAccessRequest(services(), clerk, requestForm('', {
      formReference: form.reference, civility: first.civility, lastName: first.lastName, firstName: first.firstName, email: first.email,
      position: first.position, contractType: 'CDD', contractEndDate: '2027-06-30', receivedDate: '2027-01-05',
    }));
    if (!recorded.ok) throw new Error(JSON.stringify(recorded));
    expect(recorded.accessRequest.conventionId).toBe(convention.id);

    // The convention has been denounced meanwhile: it ends on 15 March, the extension cannot go further.
    await ctx.dataSource.getRepository(Convention).update({ id: convention.id }, { status: 'denoncee', endDate: '2027-03-15' });
    ctx.clock.set(at('2027-01-06'));
    const refused = await approveAccessRequest(services(), instructor, recorded.accessRequest.id);
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining('dépasse la fin de la convention, le 15 mars 2027') });
    await ctx.dataSource.getRepository(Convention).update({ id: convention.id }, { status: 'signee', endDate: null });

    expect(await previewApproval(services(), instructor, recorded.accessRequest.id)).toMatchObject({
      ok: true, message: expect.stringContaining(`l’habilitation ${first.identifier} de Miloš ĐORĐEVIĆ, qui prend fin le 15 janvier 2027, sera prolongée jusqu’au 30 juin 2027 (fin du CDD) ; l’identifiant ne change pas.`),
    });
    const approved = await approveAccessRequest(services(), instructor, recorded.accessRequest.id);
    if (!approved.ok) throw new Error(approved.message);
    expect(approved.message).toContain(`Demande approuvée : l’habilitation ${first.identifier} de Miloš ĐORĐEVIĆ est prolongée jusqu’au 30 juin 2027 (fin du CDD) ; l’identifiant ne change pas.`);
    expect(approved.letter).toBeNull();
    expect(approved.habilitation.id).toBe(first.id);
    expect(await reload(first.id)).toMatchObject({ identifier: first.identifier, endDate: '2027-06-30', contractEndNoticeDays: null, status: 'active' });
    expect(await ctx.dataSource.getRepository(Habilitation).countBy({ conventionId: convention.id })).toBe(4);
    const [extension] = await ctx.dataSource.getRepository(AuditEvent).findBy({ action: 'habilitation.extend', entityId: String(first.id) });
    expect(extension).toBeDefined();
    expect(JSON.parse(String(extension.details))).toMatchObject({ from: END, to: '2027-06-30' });

    // Told again 14 days before the new end.
    ctx.clock.set(at('2027-06-16'));
    const again = await run();
    expect(again.notified).toBeGreaterThanOrEqual(1);
    expect((await reload(first.id)).contractEndNoticeDays).toBe(14);
  });

  it('the notice days of the Settings apply', async () => {
    await ctx.dataSource.getRepository(Settings).update({ id: 1 }, { contractEndNoticeDays: '30' });
    try {
      const { first } = await conventionWithCdds();
      ctx.clock.set(at('2026-12-16'));
      await run();
      expect((await reload(first.id)).contractEndNoticeDays).toBe(30);
    } finally {
      await ctx.dataSource.getRepository(Settings).update({ id: 1 }, { contractEndNoticeDays: '14,1' });
    }
  });
});
