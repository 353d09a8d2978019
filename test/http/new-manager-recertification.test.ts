// A new responsable habilitations designated through the real server (issue 15 §3): they receive, by an
// email the real SMTP server on loopback gets, the list of the habilitations they take over to confirm —
// a recertification outside the anniversary with the yearly one's frozen list, reference and QR code,
// return screen and reminders (none the day it goes out, the last one J-7 before its 30-day due date), its letter and
// emails saying it comes from the new designation. The same person designated again gets nothing.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createMailer, type Mailer } from '../../src/adapters/mailer.js';
import { services } from '../../src/admin/services.js';
import { regenerateDocument } from '../../src/domain/documents/document-regeneration.js';
import { deliverOutbox } from '../../src/domain/outbox/outbox.worker.js';
import { addDays, formatFrenchDate, todayInParis } from '../../src/domain/shared/dates.js';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { Document } from '../../src/entities/document.entity.js';
import { HabilitationManager } from '../../src/entities/habilitation-manager.entity.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { Recertification } from '../../src/entities/recertification.entity.js';
import { runRecertificationReminderJob } from '../../src/jobs/recertification-reminder.job.js';
import type { StaffRole } from '../../src/policies/roles.js';
import { makeActiveHabilitation, makeSignedConventionWithResponsable } from '../db/outbox/support.js';
import { actionsApi, type ActionBody } from '../support/actions-api.js';
import { loginAllRoles, ORIGIN, startTestServer, type Agent, type TestServer } from '../support/http.js';
import { pdfText } from '../support/pdf-text.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

describe('a new responsable habilitations confirms the habilitations they take over', () => {
  let server: TestServer;
  let agents: Record<StaffRole, Agent>;
  let smtp: TestSmtp;
  let mailer: Mailer;
  const { act, resourceAct, offered } = actionsApi(() => agents);
  const deliver = () => deliverOutbox({ dataSource: server.dataSource, mailer, storage: services().storage, clock: { now: () => new Date() } });
  beforeAll(async () => {
    server = await startTestServer();
    agents = await loginAllRoles(server.app);
    smtp = await startTestSmtp();
    mailer = createMailer({ smtpUrl: smtp.url, from: 'Cafpro <ne-pas-repondre@caf.fr>', dataDir: mkdtempSync(path.join(os.tmpdir(), 'cafpro-mail-')), connectionTimeoutMs: 2000 });
  });
  afterAll(async () => {
    mailer?.close();
    await smtp?.close();
    await server?.close();
  });

  const designate = (currentId: number, person: { civility: string; lastName: string; firstName: string; email: string }, designationDate: string) =>
    agents['gestionnaire-conventions'].post(`/admin/api/resources/HabilitationManager/records/${currentId}/designate`).set('Origin', ORIGIN)
      .send({ ...person, phone: '01 30 87 20 12', designationDate, isSignatory: 'false' });

  it('the list to confirm reaches the new responsable; returned on the same screen, applied; reminded at J-7 only', async () => {
    const today = todayInParis(new Date());
    const due = addDays(today, 30);
    const { convention, responsable, partner } = await makeSignedConventionWithResponsable(server.dataSource);
    const leaving = await makeActiveHabilitation(server.dataSource, convention.id, { lastName: 'Départ', firstName: 'Noël' });
    const staying = await makeActiveHabilitation(server.dataSource, convention.id, { lastName: 'Reste', firstName: 'Zoé', status: 'suspendue' });

    const res = await designate(responsable!.id, { civility: 'Madame', lastName: 'Pérez-Œhler', firstName: 'Anaïs', email: 'anais.perez@montigny.example' }, today);
    const notice = (res.body as ActionBody).notice!;
    expect(notice.type).toBe('success');
    const designation = await server.dataSource.getRepository(HabilitationManager).findOneByOrFail({ currentFor: convention.id });
    const recertification = await server.dataSource.getRepository(Recertification).findOneByOrFail({ conventionId: convention.id, origin: 'nouveau-responsable' });
    const document = await server.dataSource.getRepository(Document).findOneByOrFail({ id: recertification.documentId });
    expect(notice.message).toContain(`La liste des habilitations à confirmer (réf. ${document.reference}) lui est adressée, à retourner au plus tard le ${formatFrenchDate(due)}.`);
    // Our decision: 30 days to answer (recertification.rules.ts NEW_MANAGER_RECERTIFICATION_DAYS); the J-30 reminder is the sending itself.
    expect(recertification).toMatchObject({
      status: 'envoyee', anniversary: today, dueDate: due, habilitationManagerId: designation.id, reference: document.reference, reminderDays: 30,
    });
    expect(document).toMatchObject({ kind: 'new-manager-recertification', subjectType: 'HabilitationManager', subjectId: designation.id });
    const [opened] = await server.dataSource.getRepository(AuditEvent).findBy({ action: 'recertification.open', entityId: String(recertification.id) });
    expect(JSON.parse(opened!.details!)).toMatchObject({ origin: 'nouveau-responsable', supersededId: responsable!.id, lines: 2, dueDate: due });

    // The email the new responsable receives, the list attached.
    await deliver();
    const mail = (await smtp.waitFor(1)).find((m) => m.to.includes('anais.perez@montigny.example'))!;
    expect(mail.to).toEqual(['anais.perez@montigny.example']);
    expect(mail.subject).toBe(`Convention Cafpro n° ${convention.number} : nouveau responsable habilitations, liste des habilitations à confirmer avant le ${formatFrenchDate(due)}`);
    expect(mail.text).toContain('Madame Pérez-Œhler,');
    expect(mail.text).toContain(`à compter du ${formatFrenchDate(today)} a été enregistrée ; vous succédez à ${responsable!.civility} ${responsable!.firstName} ${responsable!.lastName}.`);
    expect(mail.text).toContain('Cette nouvelle désignation vous confie le suivi des accès au service Cafpro de votre organisme');
    expect(mail.text).toContain('2 habilitations sont à confirmer');
    expect(mail.attachments).toHaveLength(1);
    const pdf = await pdfText(mail.attachments[0]!.content);
    expect(pdf.pages).toHaveLength(2);
    expect(pdf.flat).toContain('Madame Anaïs Pérez-Œhler Responsable habilitations');
    expect(pdf.flat).toContain(`Vous avez été désignée responsable habilitations de la convention de service Cafpro n° ${convention.number}`);
    expect(pdf.flat).toContain(`Liste à retourner au plus tard le ${formatFrenchDate(due)}`);
    expect(pdf.flat).toContain(`Réf. formulaire : ${document.reference}`);
    expect(pdf.flat).toContain(`Habilitations à confirmer (nouveau responsable) – convention n° ${convention.number}`);
    expect(pdf.pages[1]).toContain(leaving.identifier);
    expect(pdf.pages[1]).toContain(staying.identifier);
    expect(pdf.flat).not.toContain('tacite reconduction');
    // A lost file is made again from its record, byte for byte.
    const again = await regenerateDocument(server.dataSource.manager, document);
    expect(createHash('sha256').update(again!).digest('hex')).toBe(document.sha256);

    // The printed reference opens its recertification: the same screen as the yearly one.
    const found = (await resourceAct('gestionnaire-habilitations', 'Convention', 'lookupReference', { reference: document.reference! })).body as ActionBody;
    expect(found.redirectUrl).toBe(`/admin/resources/Recertification/records/${recertification.id}/show`);
    const show = await agents['gestionnaire-habilitations'].get(`/admin/api/resources/Recertification/records/${recertification.id}/show`);
    expect(show.body.record.params).toMatchObject({ origin: 'nouveau-responsable', habilitationManagerId: designation.id });
    expect(show.body.record.populated.habilitationManagerId.title).toBe('Pérez-Œhler');
    expect(show.body.record.params.frozenList).toContain(`${leaving.identifier} Noël DÉPART (active sur l’avis)`);
    expect(show.body.record.params.frozenList).toContain(`${staying.identifier} Zoé RESTE (suspendue sur l’avis)`);
    expect(await offered('gestionnaire-habilitations', 'Recertification', recertification.id)).toContain('recordReturn');

    // No reminder the day it goes out nor the next; J-7 before the due date, to the new responsable, saying where the list came from.
    smtp.messages.length = 0;
    const at = (day: string) => ({ now: () => new Date(`${day}T09:00:00Z`) });
    expect(await runRecertificationReminderJob(server.dataSource, at(addDays(today, 1)))).toMatchObject({ reminded: 0 });
    expect(await runRecertificationReminderJob(server.dataSource, at(addDays(due, -7)))).toMatchObject({ reminded: 1 });
    await deliver();
    const reminder = (await smtp.waitFor(1))[0]!;
    // The last reminder: also to the partner (recertification-reminders.use-cases.ts), as for the yearly list.
    expect(reminder.to).toEqual(['anais.perez@montigny.example', partner.email]);
    expect(reminder.text).toContain('C’est notre dernière relance');
    expect(reminder.text).toContain(`la liste des habilitations adressée à votre désignation comme responsable habilitations de la convention n° ${convention.number}`);
    expect(reminder.text).toContain('La liste est jointe à ce message.');

    // The return, on the same screen: « à supprimer » revokes with the reason of this recertification.
    smtp.messages.length = 0;
    const fields = JSON.parse(show.body.record.params.lineFields) as Array<{ name: string; label: string; defaultValue: string }>;
    const lineId = (h: Habilitation) => fields.find((f) => f.label.startsWith(h.identifier) && f.name.startsWith('decision_'))!.name.split('_')[1];
    expect(fields.filter((f) => f.name.startsWith('date_')).map((f) => f.defaultValue)).toEqual([today, today]);
    const applied = (await act('gestionnaire-habilitations', 'Recertification', recertification.id, 'recordReturn', {
      [`decision_${lineId(leaving)}`]: 'supprimer', [`decision_${lineId(staying)}`]: 'conserver', signatory: 'Anaïs Pérez-Œhler',
    })).body as ActionBody;
    expect(applied.notice?.type).toBe('success');
    expect(applied.notice?.message).toContain(`${leaving.identifier} Noël DÉPART : révoquée le ${formatFrenchDate(today)}`);
    expect((await server.dataSource.getRepository(Habilitation).findOneByOrFail({ id: leaving.id })).status).toBe('revoquee');
    const journal = await server.dataSource.getRepository(AuditEvent).findBy({ entityType: 'Habilitation', entityId: String(leaving.id) });
    expect(journal.map((e) => `${e.action} ${e.reason ?? ''} ${e.details ?? ''}`).join('\n')).toContain('recertification à la désignation d’un nouveau responsable');
    await deliver();
    const returned = (await smtp.waitFor(1))[0]!;
    expect(returned.to).toEqual(['anais.perez@montigny.example']);
    expect(returned.subject).toBe(`Convention Cafpro n° ${convention.number} : liste du nouveau responsable habilitations enregistrée`);
    expect(returned.text).toContain('(motif : suppression demandée — recertification à la désignation d’un nouveau responsable)');
  });

  it('the responsable in office designated again (a form signed anew) receives no list', async () => {
    const today = todayInParis(new Date());
    const { convention, responsable } = await makeSignedConventionWithResponsable(server.dataSource);
    await makeActiveHabilitation(server.dataSource, convention.id);
    const res = await designate(responsable!.id, { civility: responsable!.civility, lastName: responsable!.lastName, firstName: responsable!.firstName, email: responsable!.email }, today);
    expect((res.body as ActionBody).notice?.type).toBe('success');
    expect((res.body as ActionBody).notice?.message).not.toContain('liste des habilitations à confirmer');
    expect(await server.dataSource.getRepository(Recertification).countBy({ conventionId: convention.id })).toBe(0);
  });
});
