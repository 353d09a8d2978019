// The request-body parser in front of AdminJS. AdminJS's own (express-formidable 1.x) calls next(err)
// twice when a limit is exceeded — the second call throws ERR_HTTP_HEADERS_SENT outside any handler
// and the process exits — and leaves its temporary files, world-readable, in the system temp folder.
// This parser runs first (express-formidable then sees `express_formidable.parsed` and steps aside):
// one French answer per refused body, temporary files in a private folder, all removed when the
// response ends, whatever the outcome.
import { chmodSync, mkdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { RequestHandler, Response } from 'express';
import formidable from 'formidable';
import { escapeHtml } from '../domain/notifications/email-templates.js';
import { accountPageHtml } from './account-layout.js';

export interface UploadLimits {
  /** Private folder of the temporary files (created 0700). */
  tempDir: string;
  /** Total bytes of the files of one request (the announced limit). */
  maxFileBytes: number;
  /** Total bytes of the text fields of one request. */
  maxFieldsBytes: number;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const MEGABYTE = 1024 * 1024;
// A file just above the limit still reaches the handler, whose refusal names the form and the file;
// beyond this slack the body is refused here, before it fills the disk.
const SLACK_BYTES = MEGABYTE;

/** Creates (or tightens) the private temporary folder of uploads. */
export function privateTempDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  return dir;
}

function refuse(res: Response, isApi: boolean, status: number, message: string) {
  // The rest of the body is not wanted: close the connection once the answer is sent.
  res.set('Connection', 'close');
  if (isApi) res.status(status).json({ notice: { message, type: 'error' } });
  else {
    res.status(status).type('html').send(accountPageHtml('Envoi refusé', `<p class="erreur">${escapeHtml(message)}</p><p><a href="/admin">Retour au back-office</a></p>`, { accountNav: false }));
  }
}

export function uploadParser(limits: UploadLimits): RequestHandler {
  const tempDir = privateTempDir(limits.tempDir);
  return (req, res, next) => {
    if (!BODY_METHODS.has(req.method)) return next();
    const isApi = req.originalUrl.includes('/api/');
    const form = new formidable.IncomingForm({ uploadDir: tempDir, maxFileSize: limits.maxFileBytes + SLACK_BYTES, maxFieldsSize: limits.maxFieldsBytes, maxFields: 1000 });
    const written: string[] = [];
    form.on('fileBegin', (_name: string, file: { path: string }) => { written.push(file.path); });
    // Every temporary file goes when the exchange ends (answered, refused or cut off).
    res.on('close', () => { for (const file of written) void rm(file, { force: true }); });
    let answered = false;
    form.parse(req, (error, fields, files) => {
      if (answered) return;
      answered = true;
      if (!error) {
        Object.assign(req, { fields, files, express_formidable: { parsed: true } });
        return next();
      }
      const message = error.message ?? '';
      if (message.startsWith('maxFileSize')) {
        return refuse(res, isApi, 413, `Fichier trop volumineux : ${Math.floor(limits.maxFileBytes / MEGABYTE)} Mo au plus.`);
      }
      if (message.startsWith('maxFieldsSize') || message.startsWith('maxFields')) {
        return refuse(res, isApi, 413, 'Formulaire trop volumineux : raccourcissez les textes saisis.');
      }
      if (message === 'Request aborted') return undefined;
      return refuse(res, isApi, 400, 'Envoi illisible : le formulaire reçu est incomplet ou mal formé.');
    });
  };
}
