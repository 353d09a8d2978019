// A real SMTP server on 127.0.0.1 (the npm `smtp-server` package, no TLS, no auth) that keeps every
// message it accepts, for the tests of the outbox and of each email kind. It can be stopped and
// started again on the same port (« SMTP down, then back »). `mailparser` is not installed: the
// messages are decoded here (headers with RFC 2047 words, multipart, quoted-printable and base64),
// enough for what nodemailer produces.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  headers: Record<string, string>;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  messageId: string;
  text: string;
  html: string;
  attachments: ReceivedAttachment[];
  raw: string;
}

export interface TestSmtp {
  port: number;
  url: string;
  messages: ReceivedMail[];
  /** Stops accepting connections (the port stays reserved for `start`). */
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
  /** Resolves when `count` messages have been received (or rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
}

function createServer(messages: ReceivedMail[]): SMTPServer {
  return new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 30 * 1024 * 1024,
    // « SMTP down »: close the pooled client connections at once instead of after 30 s.
    closeTimeout: 100,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        messages.push(parseMail(raw, envelope));
        callback();
      });
    },
  });
}

function listen(server: SMTPServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port));
  });
}

const closeServer = (server: SMTPServer) => new Promise<void>((resolve) => server.close(() => resolve()));

export async function startTestSmtp(): Promise<TestSmtp> {
  const messages: ReceivedMail[] = [];
  let server: SMTPServer | null = createServer(messages);
  const port = await listen(server, 0);
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    async stop() {
      if (server) await closeServer(server);
      server = null;
    },
    async start() {
      if (server) return;
      server = createServer(messages);
      await listen(server, port);
    },
    async close() {
      if (server) await closeServer(server);
      server = null;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (messages.length < count) {
        if (Date.now() > until) throw new Error(`SMTP de test : ${messages.length} message(s) reçu(s), ${count} attendu(s)`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return messages;
    },
  };
}

// --- A small MIME reader ------------------------------------------------------------------------------

function splitHead(source: string): { head: string; body: string } {
  const at = source.search(/\r?\n\r?\n/);
  if (at < 0) return { head: source, body: '' };
  const sep = /\r?\n\r?\n/.exec(source.slice(at))![0];
  return { head: source.slice(0, at), body: source.slice(at + sep.length) };
}

function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers[name] = headers[name] === undefined ? line.slice(colon + 1).trim() : `${headers[name]}, ${line.slice(colon + 1).trim()}`;
  }
  return headers;
}

function decodeQuotedPrintable(value: string, header = false): Buffer {
  const text = header ? value.replace(/_/g, ' ') : value.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=); adjacent words are joined. */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[QqBb]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, encoding: string, text: string) =>
      (encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQuotedPrintable(text, true)).toString('utf8'));
}

function param(header: string | undefined, name: string): string | null {
  if (!header) return null;
  const extended = new RegExp(`${name}\\*=(?:utf-8|UTF-8)''([^;]+)`).exec(header);
  if (extended) return decodeURIComponent(extended[1].trim());
  const continued = [...header.matchAll(new RegExp(`${name}\\*(\\d+)\\*?=("?)([^";]*)\\2`, 'g'))];
  if (continued.length) {
    const joined = continued.sort((a, b) => Number(a[1]) - Number(b[1])).map((m) => m[3]).join('');
    return /^utf-8''/i.test(joined) ? decodeURIComponent(joined.replace(/^utf-8''/i, '')) : decodeWords(joined);
  }
  const plain = new RegExp(`${name}=("([^"]*)"|[^;\\s]+)`).exec(header);
  return plain ? decodeWords(plain[2] ?? plain[1]) : null;
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
  const e = (encoding ?? '7bit').toLowerCase();
  if (e === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64');
  if (e === 'quoted-printable') return decodeQuotedPrintable(body);
  return Buffer.from(body, 'utf8');
}

interface Part {
  headers: Record<string, string>;
  content: Buffer;
}

function leaves(source: string): Part[] {
  const { head, body } = splitHead(source);
  const headers = parseHeaders(head);
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /^multipart\//i.test(type) ? param(type, 'boundary') : null;
  if (!boundary) return [{ headers, content: decodeBody(body, headers['content-transfer-encoding']) }];
  const pieces = body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?\\n?`));
  return pieces.slice(1).filter((p) => p.trim() !== '').flatMap(leaves);
}

const addresses = (value: string | undefined) =>
  value ? [...decodeWords(value).matchAll(/<?([^\s<>,"]+@[^\s<>,"]+)>?/g)].map((m) => m[1].toLowerCase()) : [];

export function parseMail(raw: string, envelope: { from: string; to: string[] } = { from: '', to: [] }): ReceivedMail {
  const { head } = splitHead(raw);
  const headers = parseHeaders(head);
  let text = '';
  let html = '';
  const attachments: ReceivedAttachment[] = [];
  for (const part of leaves(raw)) {
    const type = (part.headers['content-type'] ?? 'text/plain').split(';')[0].trim().toLowerCase();
    const disposition = part.headers['content-disposition'] ?? '';
    const filename = param(disposition, 'filename') ?? param(part.headers['content-type'], 'name');
    if (/^attachment/i.test(disposition) || (filename && !type.startsWith('text/'))) {
      attachments.push({ filename: filename ?? '', contentType: type, content: part.content });
    } else if (type === 'text/html') html += part.content.toString('utf8');
    else if (type === 'text/plain') text += part.content.toString('utf8');
  }
  return {
    envelope,
    headers,
    from: decodeWords(headers.from ?? ''),
    to: addresses(headers.to),
    cc: addresses(headers.cc),
    subject: decodeWords(headers.subject ?? ''),
    messageId: headers['message-id'] ?? '',
    text: text.replace(/\r\n/g, '\n'),
    html: html.replace(/\r\n/g, '\n'),
    attachments,
    raw,
  };
}
