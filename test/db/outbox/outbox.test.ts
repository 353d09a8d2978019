// The outbox (issue 6 « Outbox and delivery »): an email is a row first, then the worker sends it to
// a real SMTP server on loopback. Nothing is lost when SMTP is down, when the process dies between
// claim and send, or when two workers run at once; an email that keeps failing ends in « échec » and
// an allowed role can resend it.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createMailer } from '../../../src/adapters/mailer.js';
import { enqueueEmail, type OutboxMessage } from '../../../src/domain/outbox/outbox.js';
import { OUTBOX_MESSAGES, resendOutboxEmail } from '../../../src/domain/outbox/outbox.use-cases.js';
import { claimOutboxEmails, deliverOutbox } from '../../../src/domain/outbox/outbox.worker.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { Document } from '../../../src/entities/document.entity.js';
import { OutboxEmail } from '../../../src/entities/outbox-email.entity.js';
import { MAIL_FROM, openMailContext, secondDataSource, type MailContext } from './support.js';

const message = (overrides: Partial<OutboxMessage> = {}): OutboxMessage => ({
  kind: 'essai', to: ['Agent.Essai@Partenaire.example'], subject: 'Courriel d’essai – été', html: '<p>Bonjour, voici un essai.</p>',
  text: 'Bonjour, voici un essai.', relatedType: 'Convention', relatedId: 1, ...overrides,
});

describe('outbox', () => {
  let ctx: MailContext;
  beforeAll(async () => {
    ctx = await openMailContext();
  });
  afterAll(async () => {
    await ctx?.close();
  });
  beforeEach(async () => {
    await ctx.smtp.start();
    ctx.smtp.messages.length = 0;
    await ctx.dataSource.getRepository(OutboxEmail).clear();
    ctx.clock.set('2026-11-23T10:00:00Z');
  });

  const enqueue = (m: OutboxMessage = message()) => ctx.dataSource.transaction((manager) => enqueueEmail(manager, m, ctx.clock.now()));
  const row = (id: number) => ctx.dataSource.getRepository(OutboxEmail).findOneByOrFail({ id });

  it('queues a row in the transaction and sends it: recipients, subject, text, HTML and the attached Document', async () => {
    const stored = await ctx.storage.store('documents/2026', 'pdf', Buffer.from('%PDF-1.4 avis de reconduction'));
    const document = await ctx.dataSource.getRepository(Document).save({
      kind: 'renewal-notice', subjectType: 'Convention', subjectId: 1, title: 'Avis', reference: '2026-000042', storagePath: stored.path,
      sha256: stored.sha256, size: 29, generatedAt: new Date(),
    } as Partial<Document>);
    const id = await enqueue(message({ cc: ['copie@partenaire.example', 'agent.essai@partenaire.example'], attachments: [document.id] }));
    // A rolled-back transaction leaves no email.
    await expect(ctx.dataSource.transaction(async (manager) => {
      await enqueueEmail(manager, message({ subject: 'jamais' }), ctx.clock.now());
      throw new Error('rollback');
    })).rejects.toThrow('rollback');
    expect(await ctx.dataSource.getRepository(OutboxEmail).count()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'en-attente', to: 'agent.essai@partenaire.example', cc: 'copie@partenaire.example', attempts: 0 });

    expect(await ctx.deliver()).toEqual({ recovered: 0, claimed: 1, sent: 1, retried: 0, failed: 0, released: 0 });
    const [mail] = await ctx.smtp.waitFor(1);
    expect(mail.envelope).toEqual({ from: 'ne-pas-repondre@caf.fr', to: ['agent.essai@partenaire.example', 'copie@partenaire.example'] });
    expect(mail.from).toBe(MAIL_FROM);
    expect(mail.cc).toEqual(['copie@partenaire.example']);
    expect(mail.subject).toBe('Courriel d’essai – été');
    expect(mail.text).toContain('Bonjour, voici un essai.');
    expect(mail.html).toContain('<p>Bonjour, voici un essai.</p>');
    expect(mail.headers['reply-to']).toBe('cafpro.cafyvelines@caf.cnafmail.fr');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({ filename: 'avis-de-reconduction-2026-000042.pdf', contentType: 'application/pdf' });
    expect(mail.attachments[0].content.toString()).toBe('%PDF-1.4 avis de reconduction');
    expect(await row(id)).toMatchObject({ status: 'envoye', attempts: 1, claimedBy: null, sentAt: ctx.clock.now() });
    // Sent means sent: the next pass sends nothing again.
    expect((await ctx.deliver()).claimed).toBe(0);
    expect(ctx.smtp.messages).toHaveLength(1);
  });

  it('an attachment changed on disk is never sent: the email waits (French error), the Administrateur is alerted', async () => {
    const stored = await ctx.storage.store('documents/2026', 'pdf', Buffer.from('%PDF-1.4 avis de reconduction'));
    const document = await ctx.dataSource.getRepository(Document).save({
      kind: 'renewal-notice', subjectType: 'Convention', subjectId: 1, title: 'Avis', reference: '2026-000043', storagePath: stored.path,
      sha256: stored.sha256, size: 29, generatedAt: new Date(),
    } as Partial<Document>);
    writeFileSync(path.join(ctx.storage.root, stored.path), '%PDF-1.4 avis falsifié');
    const id = await enqueue(message({ attachments: [document.id] }));
    expect(await ctx.deliver()).toMatchObject({ claimed: 1, sent: 0, retried: 1 });
    expect(ctx.smtp.messages).toHaveLength(0);
    expect((await row(id)).lastError).toContain("Pièce jointe « Avis » (document n° " + document.id + ") : Le fichier a été modifié depuis son enregistrement : il n'est pas servi.");
    expect(await ctx.dataSource.getRepository(AuditEvent).findOneBy({ action: 'file.integrity-failure', entityType: 'Document', entityId: String(document.id) }))
      .toMatchObject({ actorEmail: 'système', reason: 'fichier-modifie' });
  });

  it('SMTP down: retried with a delay, delivered when it is back, nothing lost nor sent twice', async () => {
    const ids = [await enqueue(message({ subject: 'un' })), await enqueue(message({ subject: 'deux' })), await enqueue(message({ subject: 'trois' }))];
    await ctx.smtp.stop();
    const down = await ctx.deliver({ concurrency: 1 });
    // One attempt tells the server is unreachable; the others are given back untried.
    expect(down).toMatchObject({ claimed: 3, sent: 0, retried: 1, released: 2 });
    const rows = await Promise.all(ids.map(row));
    expect(rows.map((r) => r.status)).toEqual(['en-attente', 'en-attente', 'en-attente']);
    expect(rows.map((r) => r.attempts)).toEqual([1, 0, 0]);
    expect(rows[0].lastError).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
    expect(rows[0].nextAttemptAt).toEqual(new Date('2026-11-23T10:01:00Z'));

    await ctx.smtp.start();
    expect((await ctx.deliver()).claimed).toBe(0); // not due yet
    ctx.clock.advanceMinutes(1);
    expect(await ctx.deliver()).toMatchObject({ claimed: 3, sent: 3 });
    await ctx.smtp.waitFor(3);
    expect(ctx.smtp.messages.map((m) => m.subject).sort()).toEqual(['deux', 'trois', 'un']);
    expect((await Promise.all(ids.map(row))).map((r) => r.status)).toEqual(['envoye', 'envoye', 'envoye']);
  });

  it('retries with growing delays up to the limit, then « échec » with the error; an allowed role resends it', async () => {
    const id = await enqueue();
    await ctx.smtp.stop();
    const options = { maxAttempts: 3, retryDelaysMinutes: [1, 5] };
    expect(await ctx.deliver(options)).toMatchObject({ retried: 1 });
    expect((await row(id)).nextAttemptAt).toEqual(new Date('2026-11-23T10:01:00Z'));
    ctx.clock.advanceMinutes(1);
    expect(await ctx.deliver(options)).toMatchObject({ retried: 1 });
    expect((await row(id)).nextAttemptAt).toEqual(new Date('2026-11-23T10:06:00Z'));
    ctx.clock.advanceMinutes(5);
    expect(await ctx.deliver(options)).toMatchObject({ failed: 1 });
    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'echec', attempts: 3 });
    expect(failed.lastError).toBeTruthy();
    ctx.clock.advanceMinutes(60);
    expect((await ctx.deliver(options)).claimed).toBe(0);

    const reader = await ctx.actorFor('consultation');
    expect(await resendOutboxEmail(ctx, id, reader)).toMatchObject({ ok: false, message: OUTBOX_MESSAGES.forbidden });
    const staff = await ctx.actorFor('gestionnaire-habilitations');
    expect(await resendOutboxEmail(ctx, id, staff)).toMatchObject({ ok: true, outboxEmailId: id });
    expect(await resendOutboxEmail(ctx, id, staff)).toMatchObject({ ok: false, message: OUTBOX_MESSAGES.notFailed });
    expect(await ctx.dataSource.getRepository(AuditEvent).findOneBy({ action: 'outbox.resend', entityId: String(id) })).toMatchObject({ actorId: staff.staffUserId });
    await ctx.smtp.start();
    expect(await ctx.deliver(options)).toMatchObject({ sent: 1 });
    expect(await row(id)).toMatchObject({ status: 'envoye', attempts: 1 });
    expect(ctx.smtp.messages).toHaveLength(1);
  });

  it('a process killed between claim and send: the stale claim is taken back and the email sent once', async () => {
    const id = await enqueue();
    // The « dead » process claimed it and never sent it.
    expect((await claimOutboxEmails(ctx.dataSource, ctx.clock.now(), 'mort:4242:abcd', 10)).map((r) => r.id)).toEqual([id]);
    expect(await row(id)).toMatchObject({ status: 'envoi', claimedBy: 'mort:4242:abcd' });
    // Restarted worker, before the stale timeout: the claim is respected.
    ctx.clock.advanceMinutes(5);
    expect(await ctx.deliver()).toMatchObject({ recovered: 0, claimed: 0 });
    ctx.clock.advanceMinutes(6);
    expect(await ctx.deliver()).toMatchObject({ recovered: 1, claimed: 1, sent: 1 });
    expect(await ctx.deliver()).toMatchObject({ recovered: 0, claimed: 0 });
    await ctx.smtp.waitFor(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(ctx.smtp.messages).toHaveLength(1);
    expect(await row(id)).toMatchObject({ status: 'envoye', claimedBy: null });
  });

  it('two workers on one database at the same time: each email exactly once', async () => {
    const other: DataSource = await secondDataSource(ctx.config);
    try {
      const total = 120;
      await ctx.dataSource.transaction(async (manager) => {
        for (let i = 0; i < total; i++) await enqueueEmail(manager, message({ subject: `n° ${i}`, relatedId: i }), ctx.clock.now());
      });
      const deps = (ds: DataSource) => ({ dataSource: ds, mailer: ctx.mailer, storage: ctx.storage, clock: ctx.clock });
      const [a, b] = await Promise.all([
        deliverOutbox(deps(ctx.dataSource), { instanceId: 'instance-a', batchSize: 10 }),
        deliverOutbox(deps(other), { instanceId: 'instance-b', batchSize: 10 }),
      ]);
      expect(a.sent + b.sent).toBe(total);
      // Both really worked side by side (a lost race means « look again », not « stop »).
      expect(Math.min(a.sent, b.sent)).toBeGreaterThan(0);
      expect(a.claimed + b.claimed).toBe(total);
      await ctx.smtp.waitFor(total);
      await new Promise((r) => setTimeout(r, 200));
      const subjects = ctx.smtp.messages.map((m) => m.subject);
      expect(subjects).toHaveLength(total);
      expect(new Set(subjects).size).toBe(total);
      expect(await ctx.dataSource.getRepository(OutboxEmail).countBy({ status: 'envoye' })).toBe(total);
    } finally {
      await other.destroy();
    }
  });

  it('without SMTP_URL, the email is written as an .eml file under DATA_DIR/mail and marked sent', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cafpro-eml-'));
    const mailer = createMailer({ from: MAIL_FROM, dataDir });
    try {
      const id = await enqueue(message({ subject: 'Avis à ouvrir dans un logiciel de messagerie' }));
      expect(await deliverOutbox({ dataSource: ctx.dataSource, mailer, storage: ctx.storage, clock: ctx.clock })).toMatchObject({ sent: 1 });
      const folder = path.join(dataDir, 'mail');
      expect(existsSync(folder)).toBe(true);
      const files = readdirSync(folder);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      const eml = readFileSync(path.join(folder, files[0]), 'utf8');
      expect(eml).toMatch(/^From: Cafpro <ne-pas-repondre@caf\.fr>/m);
      expect(eml).toMatch(/^To: agent\.essai@partenaire\.example/m);
      expect(await row(id)).toMatchObject({ status: 'envoye' });
    } finally {
      mailer.close();
    }
  });
});
