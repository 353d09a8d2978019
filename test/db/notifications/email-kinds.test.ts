// One test per email kind (issue 6 « Tests »; DOMAIN.md « Emails »), named after it: the real use case
// publishes its domain event, the handler queues the email in the same transaction, the worker
// delivers it to a real SMTP server on loopback. Each test checks the recipients, the French subject
// and text, the attachment, and that no password is ever written.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { approveAccessRequest, markAccessRequestIncomplete, refuseAccessRequest } from '../../../src/domain/access-request/access-request.use-cases.js';
import { issueRenewalNotice } from '../../../src/domain/documents/renewal-notices.js';
import { terminateConvention } from '../../../src/domain/convention/convention.use-cases.js';
import { reportLoss } from '../../../src/domain/habilitation/habilitation.use-cases.js';
import { followUpIncompleteRequest } from '../../../src/domain/access-request/incomplete-follow-up.use-cases.js';
import { DEFAULT_FOLLOW_UP_DELAYS } from '../../../src/domain/access-request/incomplete-follow-up.js';
import { registerNotificationHandlers, renewalNoticesToPost } from '../../../src/domain/notifications/notification-handlers.js';
import { queueCampaignNotices } from '../../../src/domain/password-campaign/password-campaign.use-cases.js';
import { processSuppressionRequest, rejectSuppressionRequest } from '../../../src/domain/suppression-request/suppression-request.use-cases.js';
import { AccessRequest } from '../../../src/entities/access-request.entity.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { Document } from '../../../src/entities/document.entity.js';
import { OutboxEmail } from '../../../src/entities/outbox-email.entity.js';
import { PasswordCampaign } from '../../../src/entities/password-campaign.entity.js';
import { SuppressionRequest } from '../../../src/entities/suppression-request.entity.js';
import type { ReceivedMail } from '../../support/smtp.js';
import { pdfText } from '../../support/pdf-text.js';
import { accessRequestPayload } from '../../support/factories.js';
import { Convention } from '../../../src/entities/convention.entity.js';
import { notifyContractEnds } from '../../../src/domain/habilitation/contract-end-notices.use-cases.js';
import { makeActiveHabilitation, makeSignedConventionWithResponsable, openMailContext, type MailContext } from '../outbox/support.js';

const CAF_FOOTER = 'Laurence Descombes – 01 30 64 37 25 – cafpro.cafyvelines@caf.cnafmail.fr';

/** Never a password (DOMAIN.md « The back-office never stores, shows, prints or emails a password »). */
function expectNoPassword(mail: ReceivedMail) {
  for (const body of [mail.text, mail.html, mail.subject]) {
    expect(body).not.toMatch(/mot de passe\s*(provisoire|initial|temporaire)?\s*:/i);
    expect(body).not.toMatch(/password/i);
  }
}

describe('email kinds', () => {
  let ctx: MailContext;
  const services = () => ({ dataSource: ctx.dataSource, storage: ctx.storage, clock: ctx.clock });

  beforeAll(async () => {
    ctx = await openMailContext('2026-11-23T10:00:00Z');
    registerNotificationHandlers({ clock: ctx.clock });
  });
  afterAll(async () => {
    await ctx?.close();
  });
  beforeEach(() => {
    ctx.smtp.messages.length = 0;
  });

  /** Delivers what is queued and returns the one message received. */
  async function deliverOne(): Promise<ReceivedMail> {
    const counts = await ctx.deliver();
    expect(counts).toMatchObject({ sent: 1, failed: 0 });
    const [mail] = await ctx.smtp.waitFor(1);
    expect(ctx.smtp.messages).toHaveLength(1);
    expect(mail.text).toContain(CAF_FOOTER);
    expect(mail.html).toContain('<html lang="fr">');
    expectNoPassword(mail);
    return mail;
  }

  async function receivedRequest(conventionId: number, overrides: Partial<AccessRequest> = {}) {
    return ctx.dataSource.getRepository(AccessRequest).save({
      ...accessRequestPayload(conventionId), lastName: 'Benoît', firstName: 'Zoé', status: 'recue', ...overrides,
    } as Partial<AccessRequest>);
  }

  it('access-request-approved', async () => {
    const { convention, responsable } = await makeSignedConventionWithResponsable(ctx.dataSource);
    const request = await receivedRequest(convention.id, { contractType: 'CDD', contractEndDate: '2027-06-30' });
    const result = await approveAccessRequest(services(), ctx.actor, request.id);
    if (!result.ok) throw new Error(result.message);
    const mail = await deliverOne();

    expect(mail.to).toEqual([responsable!.email]);
    expect(mail.subject).toBe(`Habilitation Cafpro accordée – Zoé Benoît (identifiant ${result.habilitation.identifier})`);
    expect(mail.text).toMatch(/^Monsieur Gaëtan,\n/);
    expect(mail.html).toContain('<p>Monsieur Gaëtan,</p>');
    expect(mail.text).toContain(`La demande d’accès au service Cafpro de Madame Zoé Benoît (Agent d'accueil), reçue le 2 novembre 2026, a été approuvée le 23 novembre 2026 au titre de la convention n° ${convention.number}`);
    expect(mail.text).toContain(`- Identifiant : ${result.habilitation.identifier}`);
    expect(mail.text).toContain('- Profil d’accès : T2 – ');
    expect(mail.text).toContain('- Fin de l’habilitation (fin du CDD) : 30 juin 2027');
    expect(mail.text).toContain('Le mot de passe n’est jamais transmis par courriel');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].filename).toBe(`notification-habilitation-${result.letter!.reference}.pdf`);
    expect(mail.attachments[0].content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(await ctx.dataSource.getRepository(OutboxEmail).findOneByOrFail({ kind: 'access-request-approved' }))
      .toMatchObject({ relatedType: 'AccessRequest', relatedId: String(request.id), attachments: JSON.stringify([result.letter!.id]) });
  });

  it('access-request-refused', async () => {
    const { convention, responsable } = await makeSignedConventionWithResponsable(ctx.dataSource, { responsable: { civility: 'Madame', firstName: 'Agnès', lastName: 'Lœwy' } });
    const request = await receivedRequest(convention.id);
    const result = await refuseAccessRequest(services(), ctx.actor, request.id, { reason: 'Les missions de l’agent ne relèvent pas de la convention.' });
    if (!result.ok) throw new Error(result.message);
    const mail = await deliverOne();

    expect(mail.to).toEqual([responsable!.email]);
    expect(mail.subject).toBe('Demande d’accès Cafpro refusée – Zoé Benoît');
    expect(mail.text).toMatch(/^Madame Lœwy,\n/);
    expect(mail.text).toContain('a été refusée le 23 novembre 2026.');
    expect(mail.text).toContain('Motif : Les missions de l’agent ne relèvent pas de la convention.');
    expect(mail.attachments).toEqual([]);
  });

  it('access-request-incomplete', async () => {
    const { convention, responsable } = await makeSignedConventionWithResponsable(ctx.dataSource);
    const request = await receivedRequest(convention.id);
    const result = await markAccessRequestIncomplete(services(), ctx.actor, request.id, { reasonCode: 'signature-manquante', details: 'Signature de l’employeur absente' });
    if (!result.ok) throw new Error(result.message);
    const mail = await deliverOne();

    expect(mail.to).toEqual([responsable!.email]);
    expect(mail.subject).toBe('Demande d’accès Cafpro incomplète – Zoé Benoît');
    expect(mail.text).toContain('est incomplète et ne peut pas être instruite en l’état.');
    expect(mail.text).toContain('Motif : Signature manquante – Signature de l’employeur absente');
    expect(mail.attachments).toEqual([]);
  });

  /** A request returned incomplete 53 days (reminder) or 114 days (closure) before this file’s clock, 2026-11-23, followed up today. */
  async function followedUp(settle: 'reminded' | 'closed') {
    const { convention, responsable } = await makeSignedConventionWithResponsable(ctx.dataSource);
    const request = await receivedRequest(convention.id, {
      status: 'incomplete', incompleteReason: 'date-fin-cdd-manquante', incompleteSince: settle === 'closed' ? '2026-08-01' : '2026-10-01',
    });
    const outcome = await ctx.dataSource.transaction((manager) => followUpIncompleteRequest(manager, ctx.storage, ctx.actor, request.id, ctx.clock.now(), DEFAULT_FOLLOW_UP_DELAYS));
    expect(outcome).toBe(settle);
    const letter = await ctx.dataSource.getRepository(Document).findOneByOrFail({ subjectType: 'AccessRequest', subjectId: request.id });
    return { mail: await deliverOne(), responsable: responsable!, convention, letter };
  }

  it('access-request-reminder', async () => {
    const { mail, responsable, convention, letter } = await followedUp('reminded');
    expect(mail.to).toEqual([responsable.email]);
    expect(mail.subject).toBe('Relance – demande d’accès Cafpro incomplète – Zoé Benoît');
    expect(mail.text).toMatch(/^Monsieur Gaëtan,\n/);
    expect(mail.text).toContain(`au titre de la convention n° ${convention.number}`);
    expect(mail.text).toContain('vous a été retournée incomplète le 1er octobre 2026.');
    expect(mail.text).toContain('Motif : Date de fin de CDD manquante');
    expect(mail.text).toContain('Sans complément reçu avant le 30 décembre 2026, la demande sera classée sans suite');
    expect(mail.text).toContain('Le courrier de relance est joint à ce courriel.');
    expect(mail.attachments.map((a) => a.filename)).toEqual([`relance-demande-acces-${letter.reference}.pdf`]);
    expect((await pdfText(mail.attachments[0].content)).flat).toContain('Sans complément reçu avant le 30 décembre 2026, la demande sera classée sans suite');
  });

  it('access-request-closed', async () => {
    const { mail, responsable, letter } = await followedUp('closed');
    expect(mail.to).toEqual([responsable.email]);
    expect(mail.subject).toBe('Demande d’accès Cafpro classée sans suite – Zoé Benoît');
    expect(mail.text).toContain('vous a été retournée incomplète le 1er août 2026 et n’a pas été complétée dans les 90 jours qui ont suivi.');
    expect(mail.text).toContain('Elle est classée sans suite le 23 novembre 2026 : aucun accès n’a été ouvert.');
    expect(mail.text).toContain('Le courrier de classement sans suite est joint à ce courriel.');
    expect(mail.attachments.map((a) => a.filename)).toEqual([`classement-sans-suite-demande-acces-${letter.reference}.pdf`]);
    expect((await pdfText(mail.attachments[0].content)).flat).toContain('cette demande est classée sans suite le 23 novembre 2026');
  });

  it('suppression-request-processed', async () => {
    const { convention, responsable } = await makeSignedConventionWithResponsable(ctx.dataSource);
    const now = await makeActiveHabilitation(ctx.dataSource, convention.id, { lastName: 'Martin', firstName: 'Paul', civility: 'Monsieur' });
    const later = await makeActiveHabilitation(ctx.dataSource, convention.id, { lastName: 'Durand', firstName: 'Lise' });
    const request = (habilitationId: number, effectiveDate: string) => ctx.dataSource.getRepository(SuppressionRequest).save({
      habilitationId, position: 'Assistante sociale', effectiveDate, receivedDate: '2026-11-20', employerSigned: true, status: 'recue',
    } as Partial<SuppressionRequest>);
    const immediate = await request(now.id, '2026-11-20');
    const scheduled = await request(later.id, '2026-12-31');
    for (const id of [immediate.id, scheduled.id]) {
      const result = await processSuppressionRequest(services(), ctx.actor, id);
      if (!result.ok) throw new Error(result.message);
    }
    expect(await ctx.deliver()).toMatchObject({ sent: 2 });
    const mails = await ctx.smtp.waitFor(2);
    for (const mail of mails) {
      expect(mail.to).toEqual([responsable!.email]);
      expectNoPassword(mail);
    }
    const paul = mails.find((m) => m.subject.includes('Paul Martin'))!;
    expect(paul.subject).toBe(`Suppression d’accès Cafpro traitée – Paul Martin (identifiant ${now.identifier})`);
    expect(paul.text).toContain('L’habilitation est supprimée depuis le 23 novembre 2026');
    const lise = mails.find((m) => m.subject.includes('Lise Durand'))!;
    expect(lise.text).toContain('L’habilitation sera supprimée le 31 décembre 2026, comme demandé');
  });

  it('suppression-request-rejected', async () => {
    const { convention, responsable } = await makeSignedConventionWithResponsable(ctx.dataSource);
    const habilitation = await makeActiveHabilitation(ctx.dataSource, convention.id, { lastName: 'Morel', firstName: 'Inès' });
    const request = await ctx.dataSource.getRepository(SuppressionRequest).save({
      habilitationId: habilitation.id, position: 'Assistante sociale', effectiveDate: '2026-12-01', receivedDate: '2026-11-20', employerSigned: true, status: 'recue',
    } as Partial<SuppressionRequest>);
    const result = await rejectSuppressionRequest(services(), ctx.actor, request.id, { reason: 'La demande ne porte pas la signature de l’employeur.' });
    if (!result.ok) throw new Error(result.message);
    const mail = await deliverOne();

    expect(mail.to).toEqual([responsable!.email]);
    expect(mail.subject).toBe(`Demande de suppression d’accès Cafpro rejetée – Inès Morel (identifiant ${habilitation.identifier})`);
    expect(mail.text).toContain('Motif : La demande ne porte pas la signature de l’employeur.');
    expect(mail.text).toContain('L’habilitation reste active.');
  });

  it('habilitation-reissued', async () => {
    const { convention, responsable } = await makeSignedConventionWithResponsable(ctx.dataSource);
    const lost = await makeActiveHabilitation(ctx.dataSource, convention.id, { lastName: 'Roux', firstName: 'Jeanne' });
    const result = await reportLoss(services(), ctx.actor, lost.id, { details: 'Identifiants perdus' });
    if (!result.ok) throw new Error(result.message);
    const reissued = result.reissued!;
    const mail = await deliverOne();

    expect(mail.to).toEqual([responsable!.email]);
    expect(mail.subject).toBe(`Nouvelle habilitation Cafpro – Jeanne Roux (identifiant ${reissued.habilitation.identifier})`);
    expect(mail.text).toContain(`- Ancien identifiant (révoqué) : ${lost.identifier}`);
    expect(mail.text).toContain(`- Nouvel identifiant : ${reissued.habilitation.identifier}`);
    expect(mail.attachments.map((a) => a.filename)).toEqual([`notification-habilitation-${reissued.letter.reference}.pdf`]);
    expect(mail.attachments[0].content.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('convention-ended', async () => {
    const { convention, responsable } = await makeSignedConventionWithResponsable(ctx.dataSource, { responsable: { civility: 'Madame', firstName: 'Agnès', lastName: 'Lœwy' } });
    const a = await makeActiveHabilitation(ctx.dataSource, convention.id, { lastName: 'Martin', firstName: 'Paul', civility: 'Monsieur' });
    const b = await makeActiveHabilitation(ctx.dataSource, convention.id, { lastName: 'Durand', firstName: 'Lise' });
    const result = await terminateConvention(services(), ctx.actor, convention.id, { endDate: '2026-11-23', reason: 'Consultations sans lien avec la mission' });
    if (!result.ok) throw new Error(result.message);
    const mail = await deliverOne();

    expect(mail.to).toEqual([responsable!.email]);
    expect(mail.subject).toBe(`Fin de la convention Cafpro n° ${convention.number} : 2 habilitations révoquées`);
    expect(mail.text).toMatch(/^Madame Lœwy,\n/);
    expect(mail.text).toContain('a pris fin le 23 novembre 2026, à la suite de sa résiliation (article 4 de la convention).');
    // Sorted by name.
    expect(mail.text).toContain('Les 2 habilitations ci-dessous sont donc révoquées : ces identifiants ne permettent plus d’accéder au service Cafpro.\n\n'
      + `- Madame Lise Durand – identifiant ${b.identifier}\n- Monsieur Paul Martin – identifiant ${a.identifier}`);
    expect(mail.html).toContain(`<li>Madame Lise Durand – identifiant <strong>${b.identifier}</strong></li>`);
    expect(mail.attachments).toEqual([]);
  });

  it('contract-ending', async () => {
    // One person, under a convention denounced to end on 31 March 2027: the form is there, with its limit.
    const { convention, responsable } = await makeSignedConventionWithResponsable(ctx.dataSource, { responsable: { civility: 'Madame', firstName: 'Agnès', lastName: 'Lœwy' } });
    await ctx.dataSource.getRepository(Convention).update({ id: convention.id }, { status: 'denoncee', endDate: '2027-03-31' });
    const h = await makeActiveHabilitation(ctx.dataSource, convention.id, { lastName: 'Nguyễn', firstName: 'Thị Lan', endDate: '2026-12-07' });
    const outcome = await ctx.dataSource.transaction((m) => notifyContractEnds(m, ctx.storage, ctx.actor, convention.id, [h.id], [14, 1], ctx.clock.now()));
    expect(outcome).toEqual({ notified: 1, forms: 1 });
    const mail = await deliverOne();

    expect(mail.to).toEqual([responsable!.email]);
    expect(mail.subject).toBe(`Convention Cafpro n° ${convention.number} : 1 habilitation prend fin avec son CDD`);
    expect(mail.text).toMatch(/^Madame Lœwy,\n/);
    expect(mail.text).toContain('L’habilitation ci-dessous a été délivrée pour un contrat à durée déterminée : elle prendra fin automatiquement');
    expect(mail.text).toContain(`- Madame Thị Lan Nguyễn – identifiant ${h.identifier} – fin le 7 décembre 2026\n`);
    expect(mail.text).toContain('La convention prend fin le 31 mars 2027 : une prolongation ne peut pas aller au-delà.');
    expect(mail.html).toContain(`<li>Madame Thị Lan Nguyễn – identifiant <strong>${h.identifier}</strong> – fin le <strong>7 décembre 2026</strong></li>`);
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0].contentType).toBe('application/pdf');
  });

  it('renewal-notice', async () => {
    // Anniversary on 20 February 2027: the last day to terminate (2 months before) is still ahead.
    const { convention, partner, responsable } = await makeSignedConventionWithResponsable(ctx.dataSource, { effectiveDate: '2025-02-20' });
    await makeActiveHabilitation(ctx.dataSource, convention.id);
    await makeActiveHabilitation(ctx.dataSource, convention.id);
    await makeActiveHabilitation(ctx.dataSource, convention.id, { status: 'suspendue' });
    const issued = await ctx.dataSource.transaction((m) => issueRenewalNotice(m, ctx.storage, convention.id, '2027-02-20', ctx.actor, ctx.clock.now()));
    const mail = await deliverOne();

    expect(mail.to).toEqual([partner.email, responsable!.email]);
    expect(mail.subject).toBe(`Avis de reconduction de la convention Cafpro n° ${convention.number} au 20 février 2027`);
    expect(mail.text).toMatch(/^Madame, Monsieur,\n/);
    expect(mail.text).toContain('arrive à sa date anniversaire le 20 février 2027');
    expect(mail.text).toContain('le dernier jour pour la dénoncer par courrier est le 20 décembre 2026');
    expect(mail.text).toContain('Il comprend la liste des habilitations au titre de cette convention (2 actives, une suspendue) : merci de la vérifier');
    expect(mail.html).toContain('(2 actives, une suspendue)');
    expect(mail.attachments.map((a) => a.filename)).toEqual([`avis-de-reconduction-${issued.document.reference}.pdf`]);
    expect(mail.attachments[0].content.equals(issued.pdf)).toBe(true);

    // Anniversary on 10 January 2027: within the lead time, but the 2 months' notice ended on 10 November.
    ctx.smtp.messages.length = 0;
    const late = await makeSignedConventionWithResponsable(ctx.dataSource, { effectiveDate: '2025-01-10' });
    await ctx.dataSource.transaction((m) => issueRenewalNotice(m, ctx.storage, late.convention.id, '2027-01-10', ctx.actor, ctx.clock.now()));
    const lateMail = await deliverOne();
    expect(lateMail.text).toContain('Le délai pour la dénoncer à cette échéance a pris fin le 10 novembre 2026 : une dénonciation reçue désormais '
      + 'prendra effet à l’échéance suivante, le 10 janvier 2028, si elle nous parvient au plus tard le 10 novembre 2027.');
    expect(lateMail.text).not.toContain('le dernier jour pour la dénoncer');
    // No active habilitation on that convention: said so, without a « 0 habilitation(s) ».
    expect(lateMail.text).toContain('Il comprend la liste des habilitations au titre de cette convention (aucune active) : merci de la vérifier');
  });

  it('renewal-notice of a data-provision convention: article 3, three months by registered letter, no habilitation', async () => {
    // Anniversary on 20 May 2027: last day to terminate 20 February 2027 (three months).
    const { convention, partner } = await makeSignedConventionWithResponsable(ctx.dataSource, { effectiveDate: '2025-05-20', profileCode: 'MAD', responsable: null });
    const issued = await ctx.dataSource.transaction((m) => issueRenewalNotice(m, ctx.storage, convention.id, '2027-05-20', ctx.actor, ctx.clock.now()));
    const mail = await deliverOne();
    expect(mail.to).toEqual([partner.email]);
    expect(mail.subject).toBe(`Avis de reconduction de la convention de mise à disposition de données n° ${convention.number} au 20 mai 2027`);
    expect(mail.text).toContain(`La convention de mise à disposition de données n° ${convention.number} conclue entre ${partner.name} et la Caf des Yvelines arrive à sa date anniversaire le 20 mai 2027.`);
    expect(mail.text).toContain('le dernier jour pour la résilier par lettre recommandée avec avis de réception (préavis de trois mois) est le 20 février 2027');
    expect(mail.text).toContain('au minimum une fois par mois (article 4 de la convention)');
    for (const body of [mail.text, mail.html]) {
      expect(body).not.toMatch(/habilitation/i);
      expect(body).not.toMatch(/dénonc/i);
    }
    expect(mail.html).toContain('<strong>20 février 2027</strong>');
    expect(mail.attachments[0].content.equals(issued.pdf)).toBe(true);
  });

  it('renewal-notice without any address: no email, journalled, listed « avis à envoyer par courrier »', async () => {
    const { convention } = await makeSignedConventionWithResponsable(ctx.dataSource, { effectiveDate: '2025-01-12', partnerEmail: null, responsable: null });
    const issued = await ctx.dataSource.transaction((m) => issueRenewalNotice(m, ctx.storage, convention.id, '2027-01-12', ctx.actor, ctx.clock.now()));
    expect(await ctx.dataSource.getRepository(OutboxEmail).countBy({ relatedType: 'Document', relatedId: String(issued.document.id) })).toBe(0);
    expect(await ctx.dataSource.getRepository(AuditEvent).findOneBy({ action: 'email.no-recipient', entityId: String(issued.document.id) })).not.toBeNull();
    const toPost = await renewalNoticesToPost(ctx.dataSource.manager, new Date('2026-11-01T00:00:00Z'));
    expect(toPost.map((n) => n.documentId)).toContain(issued.document.id);
    // The notices that went by email are not in the list.
    const emailed = await ctx.dataSource.getRepository(Document).findBy({ kind: 'renewal-notice' });
    expect(toPost.map((n) => n.documentId)).toEqual([issued.document.id]);
    expect(emailed.length).toBeGreaterThan(1);
  });

  it('a decision without a current responsable goes to the partner’s address', async () => {
    const { convention, partner } = await makeSignedConventionWithResponsable(ctx.dataSource, { responsable: null });
    const request = await receivedRequest(convention.id);
    const result = await refuseAccessRequest(services(), ctx.actor, request.id, { reason: 'Doublon.' });
    if (!result.ok) throw new Error(result.message);
    const mail = await deliverOne();
    expect(mail.to).toEqual([partner.email]);
    expect(mail.text).toMatch(/^Madame, Monsieur,\n/);
  });

  describe('password campaign', () => {
    it('password-change-notice', async () => {
      const { convention, responsable } = await makeSignedConventionWithResponsable(ctx.dataSource);
      const user = await makeActiveHabilitation(ctx.dataSource, convention.id, { lastName: 'Petit', firstName: 'Noé' });
      const campaign = await ctx.dataSource.getRepository(PasswordCampaign).save({
        changeDate: '2026-12-08', scope: 'convention', scopeConventionId: convention.id, noticeDays: 15, status: 'planifiee',
      } as Partial<PasswordCampaign>);
      await queueCampaignNotices(services(), campaign.id, ctx.actor);
      await ctx.deliver();
      const mails = await ctx.smtp.waitFor(2);
      const mail = mails.find((m) => m.to.includes(user.email))!;
      expectNoPassword(mail);
      expect(mail.to).toEqual([user.email]);
      expect(mail.subject).toBe('Cafpro – changement de votre mot de passe le 8 décembre 2026');
      expect(mail.text).toMatch(/^Madame Petit,\n/);
      expect(mail.text).toContain(`Le mot de passe associé à votre identifiant ${user.identifier} (convention n° ${convention.number}`);
      expect(mail.text).toContain('sera changé le 8 décembre 2026.');
      expect(mail.text).toContain('jamais par courriel');
      expect(mail.text).toContain(`adressez-vous à votre responsable habilitations (Monsieur François Gaëtan)`);
      expect(mail.attachments).toEqual([]);
      // The responsable's copy for a single user: singular throughout.
      const copy = mails.find((m) => m.to.includes(responsable!.email))!;
      expect(copy.subject).toBe('Cafpro – changement des mots de passe le 8 décembre 2026 : 1 utilisateur informé');
      expect(copy.text).toContain('Le mot de passe de l’utilisateur ci-dessous, dont vous êtes le responsable habilitations, sera changé le 8 décembre 2026. L’utilisateur en est informé par courriel.');
    });

    it('password-change-notice-copy', async () => {
      const { convention, responsable } = await makeSignedConventionWithResponsable(ctx.dataSource);
      const a = await makeActiveHabilitation(ctx.dataSource, convention.id, { lastName: 'Bernard', firstName: 'Alice' });
      const b = await makeActiveHabilitation(ctx.dataSource, convention.id, { lastName: 'Adam', firstName: 'Basile' });
      const campaign = await ctx.dataSource.getRepository(PasswordCampaign).save({
        changeDate: '2026-12-09', scope: 'convention', scopeConventionId: convention.id, noticeDays: 15, status: 'planifiee',
      } as Partial<PasswordCampaign>);
      await queueCampaignNotices(services(), campaign.id, ctx.actor);
      await ctx.deliver();
      const mails = await ctx.smtp.waitFor(3);
      const copy = mails.find((m) => m.to.includes(responsable!.email))!;
      expectNoPassword(copy);
      expect(copy.to).toEqual([responsable!.email]);
      expect(copy.subject).toBe('Cafpro – changement des mots de passe le 9 décembre 2026 : 2 utilisateurs informés');
      expect(copy.text).toMatch(/^Monsieur Gaëtan,\n/);
      expect(copy.text).toContain('Les mots de passe des 2 utilisateurs ci-dessous, dont vous êtes le responsable habilitations, seront changés le 9 décembre 2026. Chacun d’eux en est informé par courriel.');
      // Sorted by name.
      expect(copy.text).toContain([
        `- Adam Basile – identifiant ${b.identifier} – convention n° ${convention.number}`,
        `- Bernard Alice – identifiant ${a.identifier} – convention n° ${convention.number}`,
      ].join('\n'));
      expect(copy.html).toContain(`<td>${a.identifier}</td>`);
    });
  });
});
