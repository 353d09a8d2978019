// An incomplete request that never gets its complement, day after day as the daily job sees it: the
// reminder on day 30 (one email, to the responsable, with the closure date), nothing more until day 90,
// then « classée sans suite » with its email; each with its letter (a Document of the request, attached
// to the email, read as text); journaled, once only — the job run twice, and by two
// instances at once, sends nothing twice. Emails are received by a real SMTP server on loopback.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { regenerateDocument } from '../../../src/domain/documents/document-regeneration.js';
import { completeAccessRequest, markAccessRequestIncomplete } from '../../../src/domain/access-request/access-request.use-cases.js';
import { registerNotificationHandlers } from '../../../src/domain/notifications/notification-handlers.js';
import { AccessRequest } from '../../../src/entities/access-request.entity.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { Document } from '../../../src/entities/document.entity.js';
import { Settings } from '../../../src/entities/settings.entity.js';
import { runAccessRequestFollowUpJob } from '../../../src/jobs/access-request-follow-up.job.js';
import { accessRequestPayload } from '../../support/factories.js';
import { pdfText } from '../../support/pdf-text.js';
import { makeSignedConventionWithResponsable, openMailContext, secondDataSource, type MailContext } from '../outbox/support.js';
import type { DataSource } from 'typeorm';

const RETURNED = '2026-10-01T08:00:00Z';
const day = (n: number) => new Date(new Date(RETURNED).getTime() + n * 86_400_000).toISOString();

describe('incomplete access requests without complement', () => {
  let ctx: MailContext;
  let other: DataSource;
  const services = () => ({ dataSource: ctx.dataSource, storage: ctx.storage, clock: ctx.clock });
  const reload = (id: number) => ctx.dataSource.getRepository(AccessRequest).findOneByOrFail({ id });
  const letters = (id: number) => ctx.dataSource.getRepository(Document).find({ where: { subjectType: 'AccessRequest', subjectId: id }, order: { id: 'ASC' } });
  const journal = (id: number, action: string) => ctx.dataSource.getRepository(AuditEvent).findBy({ entityType: 'AccessRequest', entityId: String(id), action });

  beforeAll(async () => {
    ctx = await openMailContext(RETURNED);
    other = await secondDataSource(ctx.config);
    registerNotificationHandlers({ clock: ctx.clock });
  });
  afterAll(async () => {
    await other?.destroy();
    await ctx?.close();
  });
  beforeEach(() => { ctx.smtp.messages.length = 0; });

  async function returnedRequest() {
    const { convention, responsable } = await makeSignedConventionWithResponsable(ctx.dataSource);
    const request = await ctx.dataSource.getRepository(AccessRequest).save({
      ...accessRequestPayload(convention.id), lastName: 'Nguyễn', firstName: 'Thị Lan', receivedDate: '2026-09-28', status: 'recue',
    } as Partial<AccessRequest>);
    ctx.clock.set(RETURNED);
    const returned = await markAccessRequestIncomplete(services(), ctx.actor, request.id, { reasonCode: 'signature-manquante', details: 'Signature de l’employeur absente' });
    if (!returned.ok) throw new Error(returned.message);
    await ctx.deliver();
    ctx.smtp.messages.length = 0;
    return { convention, responsable: responsable!, request };
  }

  it('reminded once on day 30, closed « sans suite » on day 90, each with its email and journal entry', async () => {
    const { convention, responsable, request } = await returnedRequest();

    ctx.clock.set(day(29));
    expect(await runAccessRequestFollowUpJob(ctx.dataSource, ctx.clock, ctx.storage)).toMatchObject({ reminded: 0, closed: 0 });

    ctx.clock.set(day(30));
    // Two instances run the day's job at the same moment: one reminder.
    const [a, b] = await Promise.all([runAccessRequestFollowUpJob(ctx.dataSource, ctx.clock, ctx.storage), runAccessRequestFollowUpJob(other, ctx.clock, ctx.storage)]);
    expect(a.reminded + b.reminded).toBe(1);
    expect(await runAccessRequestFollowUpJob(ctx.dataSource, ctx.clock, ctx.storage)).toMatchObject({ reminded: 0 });
    expect(await reload(request.id)).toMatchObject({ status: 'incomplete', incompleteReminderSentOn: '2026-10-31' });
    expect(await journal(request.id, 'access-request.reminder')).toHaveLength(1);
    expect(await ctx.deliver()).toMatchObject({ sent: 1 });
    const [reminder] = await ctx.smtp.waitFor(1);
    expect(reminder.to).toEqual([responsable.email]);
    // The reminder letter: one Document of the request, attached, addressed to the responsable.
    const [reminderLetter, ...noOther] = await letters(request.id);
    expect(noOther).toEqual([]);
    expect(reminderLetter).toMatchObject({ kind: 'incomplete-reminder-letter', registerYear: 2026 });
    expect(reminder.attachments.map((a) => a.filename)).toEqual([`relance-demande-acces-${reminderLetter!.reference}.pdf`]);
    const reminderPdf = (await pdfText(reminder.attachments[0]!.content)).flat;
    expect(reminderPdf).toContain(`N/Réf. : ${reminderLetter!.reference}`);
    expect(reminderPdf).toContain(`${responsable.civility} ${responsable.firstName} ${responsable.lastName} Responsable habilitations`);
    expect(reminderPdf).toContain('La demande d’accès au service Cafpro de Madame Thị Lan Nguyễn, reçue le 28 septembre 2026');
    expect(reminderPdf).toContain('vous a été retournée incomplète le 1er octobre 2026.');
    expect(reminderPdf).toContain('Motif Signature manquante – Signature de l’employeur absente');
    expect(reminderPdf).toContain('Sans complément reçu avant le 30 décembre 2026, la demande sera classée sans suite');
    expect(reminderPdf).toContain('Saint-Quentin-en-Yvelines, le 31 octobre 2026');
    expect(reminder.subject).toBe('Relance – demande d’accès Cafpro incomplète – Thị Lan Nguyễn');
    expect(reminder.text).toContain(`reçue le 28 septembre 2026 au titre de la convention n° ${convention.number}`);
    expect(reminder.text).toContain('vous a été retournée incomplète le 1er octobre 2026. Nous n’avons pas reçu de complément à ce jour.');
    expect(reminder.text).toContain('Motif : Signature manquante – Signature de l’employeur absente');
    expect(reminder.text).toContain('Sans complément reçu avant le 30 décembre 2026, la demande sera classée sans suite');

    ctx.smtp.messages.length = 0;
    ctx.clock.set(day(89));
    expect(await runAccessRequestFollowUpJob(ctx.dataSource, ctx.clock, ctx.storage)).toMatchObject({ reminded: 0, closed: 0 });
    expect(await ctx.deliver()).toMatchObject({ sent: 0 });

    ctx.clock.set(day(90));
    const [c, d] = await Promise.all([runAccessRequestFollowUpJob(ctx.dataSource, ctx.clock, ctx.storage), runAccessRequestFollowUpJob(other, ctx.clock, ctx.storage)]);
    expect(c.closed + d.closed).toBe(1);
    expect(await reload(request.id)).toMatchObject({ status: 'classee', closedOn: '2026-12-30' });
    const [closure] = await journal(request.id, 'access-request.close');
    expect(closure).toMatchObject({ fromState: 'incomplete', toState: 'classee', reason: 'Aucun complément reçu 90 jours après le retour au partenaire' });
    expect(await ctx.deliver()).toMatchObject({ sent: 1 });
    const [closed] = await ctx.smtp.waitFor(1);
    expect(closed.subject).toBe('Demande d’accès Cafpro classée sans suite – Thị Lan Nguyễn');
    const all = await letters(request.id);
    expect(all.map((d) => d.kind)).toEqual(['incomplete-reminder-letter', 'incomplete-closure-letter']);
    expect(closed.attachments.map((a) => a.filename)).toEqual([`classement-sans-suite-demande-acces-${all[1]!.reference}.pdf`]);
    const closurePdf = (await pdfText(closed.attachments[0]!.content)).flat;
    expect(closurePdf).toContain('Objet : Classement sans suite d’une demande d’accès au service Cafpro');
    expect(closurePdf).toContain('cette demande est classée sans suite le 30 décembre 2026 : aucun accès au service Cafpro n’a été ouvert à ce titre.');
    expect(closurePdf).toContain('Saint-Quentin-en-Yvelines, le 30 décembre 2026');
    // A lost file is made again from its record, byte for byte.
    for (const letter of all) {
      const again = await regenerateDocument(ctx.dataSource.manager, letter);
      expect(createHash('sha256').update(again!).digest('hex')).toBe(letter.sha256);
    }
    // Run again that day: nothing more printed or sent.
    expect(await runAccessRequestFollowUpJob(ctx.dataSource, ctx.clock, ctx.storage)).toMatchObject({ reminded: 0, closed: 0 });
    expect(await letters(request.id)).toHaveLength(2);
    expect(await ctx.deliver()).toMatchObject({ sent: 0 });
    expect(closed.text).toContain('n’a pas été complétée dans les 90 jours qui ont suivi. Elle est classée sans suite le 30 décembre 2026 : aucun accès n’a été ouvert.');
    expect(closed.text).toContain('merci de nous adresser une nouvelle demande d’accès');

    // The complement that arrives afterwards is refused in French: a new form is a new request.
    const late = await completeAccessRequest(services(), ctx.actor, request.id, { complementReceivedDate: '2026-12-30' });
    expect(late).toMatchObject({ ok: false, message: 'Cette demande a été classée sans suite faute de complément : le partenaire doit envoyer une nouvelle demande.' });
    expect(await runAccessRequestFollowUpJob(ctx.dataSource, ctx.clock, ctx.storage)).toMatchObject({ waiting: 0 });
  });

  it('a complement received in time stops the follow-up; returned again, the delays start from the new return', async () => {
    const { request } = await returnedRequest();
    ctx.clock.set(day(30));
    await runAccessRequestFollowUpJob(ctx.dataSource, ctx.clock, ctx.storage);
    ctx.clock.set(day(40));
    const completed = await completeAccessRequest(services(), ctx.actor, request.id, { complementReceivedDate: '2026-11-10' });
    if (!completed.ok) throw new Error(completed.message);
    ctx.clock.set(day(95));
    expect((await reload(request.id)).status).toBe('recue');
    expect(await runAccessRequestFollowUpJob(ctx.dataSource, ctx.clock, ctx.storage)).toMatchObject({ reminded: 0, closed: 0 });

    // Returned again on day 95: reminded again 30 days later, not closed on day 90 of the first return.
    const again = await markAccessRequestIncomplete(services(), ctx.actor, request.id, { reasonCode: 'coordonnees-incompletes' });
    if (!again.ok) throw new Error(again.message);
    ctx.clock.set(day(124));
    expect(await runAccessRequestFollowUpJob(ctx.dataSource, ctx.clock, ctx.storage)).toMatchObject({ reminded: 0, closed: 0 });
    ctx.clock.set(day(125));
    expect(await runAccessRequestFollowUpJob(ctx.dataSource, ctx.clock, ctx.storage)).toMatchObject({ reminded: 1, closed: 0 });
    expect(await journal(request.id, 'access-request.reminder')).toHaveLength(2);
    // A reminder letter per return.
    expect((await letters(request.id)).map((d) => d.kind)).toEqual(['incomplete-reminder-letter', 'incomplete-reminder-letter']);
  });

  it('the delays of the Settings apply', async () => {
    await ctx.dataSource.getRepository(Settings).update({ id: 1 }, { incompleteReminderDays: 10, incompleteClosureDays: 20 });
    try {
      const { request } = await returnedRequest();
      ctx.clock.set(day(10));
      expect(await runAccessRequestFollowUpJob(ctx.dataSource, ctx.clock, ctx.storage)).toMatchObject({ reminded: 1 });
      ctx.clock.set(day(20));
      expect(await runAccessRequestFollowUpJob(ctx.dataSource, ctx.clock, ctx.storage)).toMatchObject({ closed: 1 });
      expect((await reload(request.id)).closedOn).toBe('2026-10-21');
    } finally {
      await ctx.dataSource.getRepository(Settings).update({ id: 1 }, { incompleteReminderDays: 30, incompleteClosureDays: 90 });
    }
  });
});
