// A new responsable habilitations designated (issue 15 §3) receives the list of the partner's
// habilitations to confirm: a recertification outside the anniversary (origin « nouveau-responsable »),
// with the same frozen list, reference and QR code, return screen and reminders as the yearly one, its
// list printed after a letter that says it comes from the designation. Runs inside the designation's
// transaction (habilitation-manager.use-cases.ts): the designation, the list, its journal entry and its
// email are committed together or not at all.
import type { EntityManager } from 'typeorm';
import type { FileStorage } from '../../adapters/storage.js';
import type { RenewalHabilitationRow } from '../../documents/document-data.js';
import { DOCUMENT_KIND_LABELS } from '../../documents/index.js';
import type { Document } from '../../entities/document.entity.js';
import { HabilitationManager } from '../../entities/habilitation-manager.entity.js';
import { Recertification } from '../../entities/recertification.entity.js';
import type { Settings } from '../../entities/settings.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { conventionKindRules, nextAnniversary, renewalDeadlines } from '../convention/convention.rules.js';
import { documentBase, habilitationsOf, loadConventionSources, type ConventionSources } from '../documents/convention-document-data.js';
import { generateDocument, renderStamped, stampOf, type DocumentContent } from '../documents/document-archive.js';
import { publish } from '../events.js';
import type { Regenerate } from '../files/stored-files.js';
import { newManagerDueDate, newManagerRecertificationDue, parseReminderDays, reminderDaysCoveredBySending } from '../recertification/recertification.rules.js';
import { freezeRecertification } from '../recertification/recertification.use-cases.js';
import { getSettings } from '../settings/settings.js';
import type { IsoDate } from '../shared/dates.js';

const KIND = 'new-manager-recertification';

async function listContent(
  manager: EntityManager, settings: Settings, sources: ConventionSources, designation: HabilitationManager, date: IsoDate, dueDate: IsoDate,
): Promise<DocumentContent<typeof KIND>> {
  const base = documentBase(settings, sources, date);
  const { convention } = sources;
  // The notice's dates are required by its data type; the new responsable's letter does not print them.
  const deadlines = renewalDeadlines(convention.effectiveDate!, nextAnniversary(convention.effectiveDate!, date), convention.kind);
  const rows: RenewalHabilitationRow[] = (await habilitationsOf(manager, convention.id, ['active', 'suspendue'])).map((h) => ({
    lastName: h.lastName, firstName: h.firstName, function: h.position, identifier: h.identifier, grantedOn: h.grantedDate, suspended: h.status === 'suspendue',
  }));
  return {
    ...base,
    convention: { ...base.convention, nextAnniversary: deadlines.anniversary, lastNoticeDay: deadlines.lastNoticeDay },
    following: deadlines.following,
    habilitations: rows,
    newManager: {
      responsable: { civility: designation.civility, firstName: designation.firstName, lastName: designation.lastName },
      designatedOn: designation.designationDate, dueDate,
    },
  };
}

export interface NewManagerRecertification {
  recertification: Recertification;
  document: Document;
}

/**
 * The list to confirm for the responsable just designated, when the designation calls for one
 * (recertification.rules.ts newManagerRecertificationDue): produced today, due in 30 days, the reminders
 * the sending already stands for stamped (no reminder the day it goes out), journaled and emailed to
 * them with the list attached. Null when none is due.
 */
export async function openNewManagerRecertification(
  manager: EntityManager, storage: FileStorage, actor: Actor, designation: HabilitationManager, superseded: HabilitationManager | null,
  today: IsoDate, now: Date,
): Promise<NewManagerRecertification | null> {
  const sources = await loadConventionSources(manager, designation.conventionId);
  if (!sources || !conventionKindRules[sources.convention.kind].cafproAccess || !sources.convention.effectiveDate) return null;
  const live = await habilitationsOf(manager, sources.convention.id, ['active', 'suspendue']);
  if (!newManagerRecertificationDue(designation, superseded, live.length)) return null;
  // A list confirmed earlier today (a designation superseded the same day) is not sent again.
  const confirmedToday = await manager.findOneBy(Recertification, {
    conventionId: sources.convention.id, anniversary: today, origin: 'nouveau-responsable', status: 'retournee',
  });
  if (confirmedToday) return null;

  const settings = await getSettings(manager);
  const dueDate = newManagerDueDate(today);
  const { document } = await generateDocument(manager, storage, {
    kind: KIND, subjectType: 'HabilitationManager', subjectId: designation.id,
    title: `${DOCUMENT_KIND_LABELS[KIND]} – ${designation.firstName} ${designation.lastName} – convention n° ${sources.convention.number}`,
    date: today, generatedById: actor.staffUserId,
    build: (stamp) => listContent(manager, settings, sources, designation, stamp.date, dueDate),
  }, now);
  const reminders = parseReminderDays(settings.recertificationReminderDays);
  const recertification = await freezeRecertification(manager, sources.convention, today, dueDate, document, {
    origin: 'nouveau-responsable', habilitationManagerId: designation.id,
    reminderDays: reminderDaysCoveredBySending(dueDate, today, reminders.ok ? reminders.value : [30, 7]),
  });
  await recordAudit(manager, actor, {
    action: 'document.generate', entityType: 'Document', entityId: document.id,
    details: { kind: KIND, subjectType: 'HabilitationManager', subjectId: designation.id, reference: document.reference },
  }, now);
  await recordAudit(manager, actor, {
    action: 'recertification.open', entityType: 'Recertification', entityId: recertification.id, toState: 'envoyee',
    details: {
      origin: 'nouveau-responsable', conventionId: sources.convention.id, habilitationManagerId: designation.id, supersededId: superseded?.id ?? null,
      dueDate, lines: live.length, reference: document.reference,
    },
  }, now);
  await publish(manager, { type: 'recertification.new-manager', recertificationId: recertification.id }, actor);
  return { recertification, document };
}

/** The list's PDF again from its record: the designation and the convention's habilitations as they are now. */
export const regenerateNewManagerList: Regenerate = async (manager, document) => {
  const designation = document.subjectType === 'HabilitationManager' ? await manager.findOneBy(HabilitationManager, { id: document.subjectId }) : null;
  const sources = designation ? await loadConventionSources(manager, designation.conventionId) : null;
  const recertification = await manager.findOneBy(Recertification, { documentId: document.id });
  if (!designation || !sources || !recertification) return null;
  const stamp = stampOf(document);
  return renderStamped(KIND, await listContent(manager, await getSettings(manager), sources, designation, stamp.date, recertification.dueDate), stamp);
};
