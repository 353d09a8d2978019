// A Document whose file is missing is made again from its record: each kind that can be is rebuilt
// from its subject's records as they are now, with the stamp of its row (numbers, date, generatedAt)
// and its parameters, by the same code that made it (the documents engine gives the same bytes for
// the same data). The combined PDFs (renewal run, notices to post) are not: the list of their parts
// is not recorded (running the renewal run again puts its combined PDF back).
import type { DataSource } from 'typeorm';
import type { FileStorage } from '../../adapters/storage.js';
import type { Document } from '../../entities/document.entity.js';
import type { Actor } from '../audit/audit.js';
import { openDocumentFile as openChecked, type FileOutcome, type Regenerate } from '../files/stored-files.js';
import { regenerateFollowUpLetter } from '../access-request/incomplete-follow-up-letters.js';
import { regenerateConventionDocument } from './convention-documents.js';
import { regenerateHabilitationLetter } from './habilitation-letter.js';
import { regenerateRenewalNotice } from './renewal-notices.js';

const REGENERATORS = new Map<string, Regenerate>([
  ['cover-letter', regenerateConventionDocument],
  ['convention', regenerateConventionDocument],
  ['access-request-form', regenerateConventionDocument],
  ['manager-designation-form', regenerateConventionDocument],
  ['suppression-request-form', regenerateConventionDocument],
  ['termination-letter', regenerateConventionDocument],
  ['renewal-notice', regenerateRenewalNotice],
  ['habilitation-letter', regenerateHabilitationLetter],
  ['incomplete-reminder-letter', regenerateFollowUpLetter],
  ['incomplete-closure-letter', regenerateFollowUpLetter],
]);

/** The PDF of `document` made again from its record, or null when its kind cannot be. */
export const regenerateDocument: Regenerate = (manager, document) => REGENERATORS.get(document.kind)?.(manager, document) ?? Promise.resolve(null);

/** The checked file of `document` for a download or an email: a missing one regenerated when it can be (stored-files.ts). */
export function openDocumentFile(dataSource: DataSource, storage: FileStorage, actor: Actor, document: Document, now = new Date()): Promise<FileOutcome> {
  return openChecked(dataSource, storage, actor, document, regenerateDocument, now);
}
