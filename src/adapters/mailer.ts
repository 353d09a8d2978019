// The outside world of emails (STYLE.md habit 5): nodemailer over SMTP when SMTP_URL is set;
// otherwise (the embedded default) each email is built by nodemailer's stream transport and written as
// an .eml file under DATA_DIR/mail/, counted as sent, so a new user can open it in a mail client.
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType?: string;
}

export interface MailMessage {
  to: string[];
  cc?: string[];
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  attachments?: MailAttachment[];
  /** Left part of a stable Message-ID (e.g. per outbox row), so a receiver can spot a resend; the
   *  sender's domain is added. */
  messageId?: string;
}

export interface SentMail {
  messageId: string;
  /** The .eml file written (no SMTP_URL). */
  file?: string;
}

export interface Mailer {
  /** 'smtp' when SMTP_URL is set, 'eml' when emails are written to files. */
  readonly kind: 'smtp' | 'eml';
  send(message: MailMessage): Promise<SentMail>;
  close(): void;
}

export interface MailerOptions {
  smtpUrl?: string;
  from: string;
  /** DATA_DIR: .eml files go to DATA_DIR/mail. */
  dataDir: string;
  /** Parallel SMTP connections (pool). */
  maxConnections?: number;
  /** Milliseconds to give up connecting (an SMTP server that is down must not block the worker). */
  connectionTimeoutMs?: number;
}

/** 'Cafpro <ne-pas-repondre@caf.fr>' → 'caf.fr'. */
export function senderDomain(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'localhost';
}

function mailOptions(from: string, message: MailMessage): SendMailOptions {
  if (message.to.length === 0) throw new Error('Courriel sans destinataire');
  return {
    from,
    to: message.to,
    cc: message.cc?.length ? message.cc : undefined,
    replyTo: message.replyTo,
    subject: message.subject,
    text: message.text,
    html: message.html,
    attachments: message.attachments?.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
    messageId: message.messageId ? `<${message.messageId}@${senderDomain(from)}>` : undefined,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

const safeName = (value: string) => value.replace(/[^\w.-]+/g, '_').slice(0, 80);

function emlMailer(from: string, dataDir: string): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const folder = path.join(dataDir, 'mail');
  return {
    kind: 'eml',
    async send(message) {
      const info = await transport.sendMail(mailOptions(from, message));
      await mkdir(folder, { recursive: true });
      const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
      const file = path.join(folder, `${stamp}-${safeName(message.messageId ?? randomUUID())}-${randomUUID().slice(0, 8)}.eml`);
      await writeFile(file, info.message as Buffer, { flag: 'wx' });
      return { messageId: info.messageId, file };
    },
    close: () => transport.close(),
  };
}

function smtpMailer(url: string, from: string, options: MailerOptions): Mailer {
  const timeout = options.connectionTimeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections: options.maxConnections ?? 4,
    maxMessages: 500,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: 60_000,
  });
  return {
    kind: 'smtp',
    async send(message) {
      const info = await transport.sendMail(mailOptions(from, message));
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl ? smtpMailer(options.smtpUrl, options.from, options) : emlMailer(options.from, options.dataDir);
}
