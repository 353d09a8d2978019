// Use cases of the yearly recertification (recertification.rules.ts says the states and the rules):
// freeze the list when a renewal notice is issued (in its transaction, one bulk insert), and record
// what the partner returned — from the one screen (a choice and a date per line) or from a list pasted
// from the partner's spreadsheet — applying it in one transaction: the ticked habilitations revoked now
// or scheduled (a processed demande de suppression with a future « à compter de », revoked by the
// daily job like any other), each line's result journaled, and the decision emailed to the responsable.
import { In, type EntityManager } from 'typeorm';
import type { Convention } from '../../entities/convention.entity.js';
import type { Document } from '../../entities/document.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { RecertificationLine } from '../../entities/recertification-line.entity.js';
import { Recertification } from '../../entities/recertification.entity.js';
import { SuppressionRequest } from '../../entities/suppression-request.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { publish } from '../events.js';
import { lockConvention, personName, revokeInTransaction, type WorkflowServices } from '../habilitation/habilitation.use-cases.js';
import { storeOptionalScan } from '../scans/scan-upload.js';
import { formatFrenchDate, todayInParis, type IsoDate } from '../shared/dates.js';
import { foldEmail } from '../shared/normalize.js';
import { forUpdate, refusable, RefusalError, type Outcome } from '../shared/transaction.js';
import { refusal, validateIsoDate, type FieldError } from '../shared/validators.js';
import {
  canRecordReturn, lineDecisions, lineEffectiveDate, lineOutcome, lineReport, parsePastedList, RECERTIFICATION_MESSAGES, revocationDetailsOf,
  type LineDecision, type LineOutcome, type LineResult, type RecertificationOrigin,
} from './recertification.rules.js';

const LIVE = ['active', 'suspendue'] as const;
const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

// --- Freezing the list ---------------------------------------------------------------------------------

/** Where a frozen list comes from (the yearly notice by default). */
export interface FrozenFrom {
  origin: RecertificationOrigin;
  /** The designation that opened it (a new responsable). */
  habilitationManagerId?: number | null;
  /** The reminder days the sending itself stands for (rules: reminderDaysCoveredBySending). */
  reminderDays?: number | null;
}

/**
 * The recertification of a renewal notice just issued, in its transaction: the live habilitations of
 * the convention now (those the notice prints) as one bulk insert. A notice issued again in place of a
 * lost one takes the recertification over (its list frozen again) unless the return was recorded.
 */
export async function freezeRecertification(
  manager: EntityManager, convention: Pick<Convention, 'id'>, anniversary: IsoDate, dueDate: IsoDate, document: Pick<Document, 'id' | 'reference'>,
  from: FrozenFrom = { origin: 'anniversaire' },
): Promise<Recertification> {
  const { origin, habilitationManagerId = null, reminderDays = null } = from;
  const existing = await manager.findOneBy(Recertification, { conventionId: convention.id, anniversary, origin });
  if (existing?.status === 'retournee') return existing;
  let id: number;
  if (existing) {
    await manager.update(Recertification, { id: existing.id }, {
      documentId: document.id, reference: document.reference, dueDate, ...(origin === 'anniversaire' ? {} : { habilitationManagerId, reminderDays }),
    });
    await manager.delete(RecertificationLine, { recertificationId: existing.id });
    id = existing.id;
  } else {
    const inserted = await manager.insert(Recertification, {
      conventionId: convention.id, anniversary, dueDate, documentId: document.id, reference: document.reference, status: 'envoyee',
      origin, habilitationManagerId, reminderDays,
    });
    id = Number(inserted.identifiers[0].id);
  }
  const live = await manager.find(Habilitation, {
    where: { conventionId: convention.id, status: In([...LIVE]) },
    select: { id: true, identifier: true, firstName: true, lastName: true, status: true }, order: { lastName: 'ASC', firstName: 'ASC', id: 'ASC' },
  });
  if (live.length) {
    await manager.insert(RecertificationLine, live.map((h) => ({
      recertificationId: id, habilitationId: h.id, identifier: h.identifier, name: personName(h).slice(0, 210), statusThen: h.status,
    })));
  }
  return manager.findOneByOrFail(Recertification, { id });
}

/** The frozen list, in print order. */
export function recertificationLines(manager: EntityManager, recertificationId: number): Promise<RecertificationLine[]> {
  return manager.find(RecertificationLine, { where: { recertificationId }, order: { id: 'ASC' } });
}

// --- Recording the return ------------------------------------------------------------------------------

/** What came back: one decision and date per frozen line (by line id), the people added by hand. */
export interface ReturnInput {
  returnedDate?: unknown;
  signatory?: unknown;
  scan?: unknown;
  /** Line id → « conserver » | « supprimer » (default: conserver). */
  decisions: Map<number, { decision: unknown; date: unknown }>;
  /** « nouvel utilisateur » lines written by the partner: not habilitations, a pointer to the access-request form. */
  newUsers?: unknown;
  /** Pasted lines that named nobody of the list (pasted list only). */
  unmatched?: string[];
}

export interface AppliedLine {
  lineId: number;
  habilitationId: number;
  identifier: string;
  name: string;
  decision: LineDecision;
  effectiveDate: IsoDate;
  outcome: LineOutcome;
  changed: string | null;
  report: string;
}

export interface ReturnResult {
  recertification: Recertification;
  lines: AppliedLine[];
  report: string[];
}

/** The screen's fields: `decision_<lineId>`, `date_<lineId>` (AdminJS keeps flat keys without dots). */
export function decisionsFromForm(payload: Record<string, unknown>): Map<number, { decision: unknown; date: unknown }> {
  const decisions = new Map<number, { decision: unknown; date: unknown }>();
  for (const [key, value] of Object.entries(payload)) {
    const match = /^(decision|date)_(\d+)$/.exec(key);
    if (!match) continue;
    const id = Number(match[2]);
    const entry = decisions.get(id) ?? { decision: '', date: '' };
    if (match[1] === 'decision') entry.decision = value;
    else entry.date = value;
    decisions.set(id, entry);
  }
  return decisions;
}

const newUserLines = (value: unknown): string[] => text(value).split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, 100).map((l) => l.slice(0, 200));

/**
 * Records the returned list and applies it, in one transaction: every ticked habilitation revoked
 * (« suppression demandée — recertification annuelle »), now when its date is today or past, else
 * scheduled on that date; every line's result reported (révoquée, programmée, déjà révoquée,
 * introuvable, conservée) with what changed since the list was frozen; journaled; the responsable told.
 */
export function recordRecertificationReturn(
  services: WorkflowServices, actor: Actor, recertificationId: number, input: ReturnInput,
): Promise<Outcome<ReturnResult>> {
  const now = services.clock.now();
  const today = todayInParis(now);
  return refusable(services.dataSource, async (manager) => {
    const peek = Number.isInteger(recertificationId) && recertificationId > 0 ? await manager.findOneBy(Recertification, { id: recertificationId }) : null;
    if (!peek) return refusal(RECERTIFICATION_MESSAGES.unknown);
    // Lock order of every change of a habilitation: the convention first (habilitation.use-cases.ts).
    await lockConvention(manager, peek.conventionId);
    const recertification = await manager.findOneOrFail(Recertification, { where: { id: recertificationId }, ...forUpdate(manager) });
    if (!canRecordReturn(recertification.status)) {
      return refusal(RECERTIFICATION_MESSAGES.alreadyReturned(recertification.returnedDate ? formatFrenchDate(recertification.returnedDate) : '—'));
    }

    const errors: FieldError[] = [];
    const returned = validateIsoDate(text(input.returnedDate).trim() || today, { notAfter: today });
    if (!returned.ok) errors.push({ field: 'returnedDate', message: RECERTIFICATION_MESSAGES.returnedDate });
    const frozen = await recertificationLines(manager, recertification.id);
    const chosen = frozen.map((line) => {
      const given = input.decisions.get(line.id);
      const decisionText = text(given?.decision).trim() || 'conserver';
      const decision = (lineDecisions as readonly string[]).includes(decisionText) ? decisionText as LineDecision : null;
      if (!decision) errors.push({ field: `decision_${line.id}`, message: RECERTIFICATION_MESSAGES.decision });
      const effectiveDate = lineEffectiveDate(given?.date, recertification.anniversary);
      if (!effectiveDate) errors.push({ field: `date_${line.id}`, message: RECERTIFICATION_MESSAGES.effectiveDate });
      return { line, decision: decision ?? 'conserver' as LineDecision, effectiveDate: effectiveDate ?? recertification.anniversary };
    });
    if (errors.length) return refusal(RECERTIFICATION_MESSAGES.invalidForm, errors);

    const stored = await storeOptionalScan(manager, services.storage, input.scan, actor.staffUserId);
    if (!stored.ok) return refusal(stored.message, [{ field: 'scan', message: stored.message }]);

    const current = frozen.length
      ? await manager.find(Habilitation, { where: { id: In(frozen.map((l) => l.habilitationId)) }, ...forUpdate(manager) })
      : [];
    const byId = new Map(current.map((h) => [h.id, h]));
    const applied: AppliedLine[] = [];
    for (const { line, decision, effectiveDate } of chosen) {
      const habilitation = byId.get(line.habilitationId) ?? null;
      const result: LineResult = lineOutcome(line, habilitation, decision, effectiveDate, today);
      let revokedOn: IsoDate | null = null;
      if (result.outcome === 'revoquee') {
        const revoked = await revokeInTransaction(manager, actor, habilitation!, {
          reasonCode: 'suppression-demandee', details: `${revocationDetailsOf(recertification.origin)} (avis réf. ${recertification.reference ?? recertification.id}).`, date: today,
        }, now, { recertificationId: recertification.id });
        if (!revoked) throw new RefusalError(refusal(RECERTIFICATION_MESSAGES.concurrent));
        revokedOn = today;
      } else if (result.outcome === 'programmee') {
        // Scheduled as a processed demande de suppression « à compter de » that date (habilitation-expiry.job.ts).
        await manager.insert(SuppressionRequest, {
          habilitationId: habilitation!.id, position: habilitation!.position, effectiveDate, receivedDate: returned.ok ? returned.value : today,
          employerSigned: true, scanId: stored.value, status: 'traitee', decidedAt: now, decidedById: actor.staffUserId, recordedById: actor.staffUserId, revokedDate: null,
        });
      }
      await manager.update(RecertificationLine, { id: line.id }, { decision, effectiveDate, outcome: result.outcome });
      applied.push({
        lineId: line.id, habilitationId: line.habilitationId, identifier: line.identifier, name: line.name, decision, effectiveDate,
        outcome: result.outcome, changed: result.changed, report: lineReport(line, result, effectiveDate, revokedOn),
      });
    }

    const newUsers = newUserLines(input.newUsers);
    const lineReports = [...applied.map((l) => l.report), ...(input.unmatched ?? []).map((l) => `« ${l} » : introuvable dans la liste de l’avis`)];
    const report = [
      ...lineReports,
      ...newUsers.map((u) => `Nouvel utilisateur « ${u} » : pas une habilitation — une demande d’accès (formulaire) est à adresser`),
    ];
    const updated = await manager.createQueryBuilder().update(Recertification)
      .set({ status: 'retournee', returnedDate: returned.ok ? returned.value : today, signatory: text(input.signatory).trim().slice(0, 160) || null,
        scanId: stored.value, appliedAt: now, appliedById: actor.staffUserId, report: report.join('\n') })
      .where('id = :id AND status = :from', { id: recertification.id, from: recertification.status })
      .execute();
    if (updated.affected !== 1) throw new RefusalError(refusal(RECERTIFICATION_MESSAGES.concurrent));
    await recordAudit(manager, actor, {
      action: 'recertification.return', entityType: 'Recertification', entityId: recertification.id, fromState: recertification.status, toState: 'retournee',
      details: {
        conventionId: recertification.conventionId, anniversary: recertification.anniversary, reference: recertification.reference, scanId: stored.value,
        lines: applied.map((l) => ({ habilitationId: l.habilitationId, identifier: l.identifier, decision: l.decision, effectiveDate: l.effectiveDate, outcome: l.outcome, changed: l.changed })),
        unmatched: input.unmatched ?? [], newUsers,
      },
    }, now);
    await publish(manager, { type: 'recertification.returned', recertificationId: recertification.id, report: lineReports, newUsers }, actor);

    const count = (o: LineOutcome) => applied.filter((l) => l.outcome === o).length;
    const changed = applied.filter((l) => l.changed).length;
    return {
      ok: true, lines: applied, report,
      recertification: await manager.findOneByOrFail(Recertification, { id: recertification.id }),
      message: `Retour enregistré : ${count('revoquee')} révoquée(s), ${count('programmee')} programmée(s), ${count('deja-revoquee')} déjà révoquée(s), `
        + `${count('introuvable') + (input.unmatched?.length ?? 0)} introuvable(s), ${count('conservee')} conservée(s)`
        + `${changed ? ` ; ${changed} habilitation(s) ont changé depuis l’avis` : ''}${newUsers.length ? ` ; ${newUsers.length} nouvel(s) utilisateur(s) : demande d’accès à adresser` : ''}.\n`
        + report.join('\n'),
    };
  });
}

/**
 * The return from a list pasted from the partner's spreadsheet (« liste des départs »): each line names
 * a habilitation of the frozen list by its identifier or its holder's email, the action and date given
 * for the whole list (a date on the line wins); lines that name nobody of the list are reported.
 */
export async function recordPastedReturn(
  services: WorkflowServices, actor: Actor, recertificationId: number,
  input: { pasted?: unknown; action?: unknown; date?: unknown; returnedDate?: unknown; signatory?: unknown; scan?: unknown },
): Promise<Outcome<ReturnResult>> {
  const pasted = parsePastedList(text(input.pasted));
  if (!pasted.length) return refusal(RECERTIFICATION_MESSAGES.pastedEmpty, [{ field: 'pasted', message: RECERTIFICATION_MESSAGES.pastedEmpty }]);
  if (pasted.length > 500) return refusal(RECERTIFICATION_MESSAGES.pastedTooMany, [{ field: 'pasted', message: RECERTIFICATION_MESSAGES.pastedTooMany }]);
  const manager = services.dataSource.manager;
  const lines = await recertificationLines(manager, recertificationId);
  const holders = lines.length
    ? await manager.find(Habilitation, { where: { id: In(lines.map((l) => l.habilitationId)) }, select: { id: true, email: true } })
    : [];
  const emailOf = new Map(holders.map((h) => [h.id, foldEmail(h.email)]));
  const decisions = new Map<number, { decision: unknown; date: unknown }>();
  const unmatched: string[] = [];
  for (const item of pasted) {
    const line = lines.find((l) => (item.identifier && l.identifier === item.identifier) || (item.email && emailOf.get(l.habilitationId) === foldEmail(item.email)));
    if (!line) unmatched.push(item.text);
    else decisions.set(line.id, { decision: text(input.action).trim() || 'supprimer', date: item.date ?? input.date });
  }
  return recordRecertificationReturn(services, actor, recertificationId, {
    returnedDate: input.returnedDate, signatory: input.signatory, scan: input.scan, decisions, unmatched,
  });
}
