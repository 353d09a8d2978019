// Responsables habilitations (DOMAIN.md « HabilitationManager »; form « Désignation d'un responsable
// habilitations »: « le changement de responsable habilitations doit faire l'objet d'une nouvelle
// désignation »). A designation is never edited into another person: a new one supersedes the
// current one (end date set, currentFor emptied) and the history is kept. The unique index on
// currentFor guarantees ONE current designation per convention, even when two agents record one at
// the same instant: the loser's transaction fails on the index (or finds the current row changed),
// is run once more against the new current designation, and only then gives up with a French message.
// The paper form's printed reference (RH-…) is stored, unique: typed again, it opens this designation
// instead of a blank one, and a second recording of the same paper is refused (it would supersede the
// responsable just recorded with a duplicate). A new person designated receives the list of the
// habilitations they take over, to confirm (new-manager-recertification.ts).
import type { EntityManager } from 'typeorm';
import { Convention } from '../../entities/convention.entity.js';
import { Document } from '../../entities/document.entity.js';
import { HabilitationManager } from '../../entities/habilitation-manager.entity.js';
import type { Recertification } from '../../entities/recertification.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { type ConventionServices } from '../convention/convention.use-cases.js';
import { isUniqueViolation, refusable, RefusalError, type Outcome } from '../shared/transaction.js';
import { isUploadedFile, storeScan } from '../scans/scan-upload.js';
import { compareDates, formatFrenchDate, isBefore, todayInParis } from '../shared/dates.js';
import type { FormInput } from '../shared/form.validation.js';
import { refusal, type FieldError } from '../shared/validators.js';
import { HABILITATION_MANAGER_MESSAGES, validateHabilitationManager, type HabilitationManagerLookups } from './habilitation-manager.validation.js';
import { conventionNumberAndKind } from '../convention/convention-kind-lookup.js';
import { openNewManagerRecertification } from './new-manager-recertification.js';

export const DESIGNATION_MESSAGES = {
  invalidForm: 'Le formulaire contient des erreurs : corrigez les champs signalés.',
  conventionEnded: (number: string, end: string) =>
    `La convention n° ${number} a pris fin le ${end} : on ne peut plus y désigner de responsable habilitations.`,
  beforeCurrent: (name: string, since: string) =>
    `La date de désignation ne peut pas précéder celle du responsable en fonction (${name}, désignation du ${since}).`,
  concurrent: 'Une autre désignation vient d’être enregistrée pour cette convention au même moment : '
    + 'rechargez la page, vérifiez le responsable en fonction et recommencez si nécessaire.',
  referenceUnknown: (reference: string) =>
    `Aucun formulaire de désignation imprimé ne porte la référence ${reference} : vérifiez la saisie ou choisissez la convention.`,
  referenceOtherConvention: (reference: string, number: string) =>
    `Le formulaire ${reference} a été imprimé pour la convention n° ${number}, pas pour celle de cette désignation.`,
} as const;

/** What the form's validation looks up in the database (recording here, correcting in the back-office). */
export const habilitationManagerLookups = (manager: EntityManager): HabilitationManagerLookups => ({
  convention: conventionNumberAndKind(manager),
  keyedWith: async (reference) => (await manager.findOne(HabilitationManager, { where: { formReference: reference }, select: { id: true } }))?.id ?? null,
});

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

/** The current row changed under us (another designation committed first): run the transaction again. */
class SupersededMeanwhile extends Error {}

const fullName = (m: Pick<HabilitationManager, 'civility' | 'firstName' | 'lastName'>) => `${m.civility} ${m.firstName} ${m.lastName}`;
const feminine = (m: Pick<HabilitationManager, 'civility'>, word: string) => (m.civility === 'Madame' ? `${word}e` : word);

/** The responsable in office for the convention, or null. */
export function currentDesignation(manager: EntityManager, conventionId: number): Promise<HabilitationManager | null> {
  return manager.findOneBy(HabilitationManager, { currentFor: conventionId });
}

/** Every designation of the convention, the most recent first (the current one, then those it superseded). */
export function designationHistory(manager: EntityManager, conventionId: number): Promise<HabilitationManager[]> {
  return manager.find(HabilitationManager, { where: { conventionId }, order: { designationDate: 'DESC', id: 'DESC' } });
}

export interface DesignationResult {
  designation: HabilitationManager;
  /** The designation it replaced, when there was one. */
  superseded: HabilitationManager | null;
  /** The list of habilitations sent to the new responsable to confirm (new-manager-recertification.ts), when one was due. */
  recertification: Recertification | null;
}

/**
 * Records a new designation for `input.conventionId` (fields of the paper form, its printed reference
 * `formReference` — which names the convention — and an optional scan of the signed form in
 * `input.scan`): supersedes the current designation (its end date is the new designation date) and
 * makes the new one current, in one transaction, with the audit trail.
 */
export async function recordDesignation(
  services: ConventionServices, actor: Actor, input: FormInput & { scan?: unknown },
): Promise<Outcome<DesignationResult>> {
  const { dataSource, clock, storage } = services;
  const now = clock.now();
  const today = todayInParis(now);
  const { scan, ...form } = input;
  const extra: FieldError[] = [];

  // The printed reference names the convention it was printed for (form-references.ts).
  const reference = text(form.formReference).replace(/\s/g, '').toUpperCase() || null;
  if (reference) {
    const printed = await dataSource.manager.findOneBy(Document, { reference, kind: 'manager-designation-form' });
    const chosen = text(form.conventionId).trim();
    if (printed && !chosen) form.conventionId = String(printed.subjectId);
    else if (printed && chosen !== String(printed.subjectId)) {
      const number = (await dataSource.manager.findOneBy(Convention, { id: printed.subjectId }))?.number ?? String(printed.subjectId);
      extra.push({ field: 'formReference', message: DESIGNATION_MESSAGES.referenceOtherConvention(reference, number) });
    } else if (!printed && !chosen && /^RH-\d{4}-\d{6,}$/.test(reference)) {
      extra.push({ field: 'formReference', message: DESIGNATION_MESSAGES.referenceUnknown(reference) });
    }
  }
  const checked = await validateHabilitationManager(form, today, habilitationManagerLookups(dataSource.manager));
  const errors = [...(Array.isArray(checked) ? checked : []), ...extra];
  // An unknown reference already says « choose the convention »: no second message on the convention.
  const shown = extra.length ? errors.filter((e) => e.field !== 'conventionId' || text(form.conventionId).trim()) : errors;
  if (shown.length || Array.isArray(checked)) return refusal(DESIGNATION_MESSAGES.invalidForm, shown);
  const conventionId = Number(checked.conventionId);
  const designationDate = String(checked.designationDate);
  const formReference = (checked.formReference as string | null | undefined) ?? null;
  const file = isUploadedFile(scan) ? scan : null;

  const attempt = () => refusable<DesignationResult>(dataSource, async (manager) => {
    // Checked again inside the transaction: on the retry after a collision, the paper another agent
    // just recorded is found here and refused in French instead of superseding its designation.
    const keyed = formReference ? await habilitationManagerLookups(manager).keyedWith(formReference) : null;
    if (keyed) {
      const message = HABILITATION_MANAGER_MESSAGES.referenceKeyed(formReference!, keyed);
      return refusal(DESIGNATION_MESSAGES.invalidForm, [{ field: 'formReference', message }]);
    }
    const convention = await manager.findOneByOrFail(Convention, { id: conventionId });
    if (convention.endDate && compareDates(convention.endDate, today) <= 0) {
      return refusal(DESIGNATION_MESSAGES.conventionEnded(convention.number, formatFrenchDate(convention.endDate)));
    }
    const current = await currentDesignation(manager, conventionId);
    if (current && isBefore(designationDate, current.designationDate)) {
      return refusal(DESIGNATION_MESSAGES.beforeCurrent(fullName(current), formatFrenchDate(current.designationDate)),
        [{ field: 'designationDate', message: DESIGNATION_MESSAGES.beforeCurrent(fullName(current), formatFrenchDate(current.designationDate)) }]);
    }
    if (current) {
      // Conditional: if another designation superseded it since we read it, nobody is overwritten.
      const result = await manager.createQueryBuilder().update(HabilitationManager)
        .set({ currentFor: null, endDate: designationDate })
        .where('id = :id AND currentFor = :conventionId', { id: current.id, conventionId })
        .execute();
      if (result.affected !== 1) throw new SupersededMeanwhile();
      await recordAudit(manager, actor, {
        action: 'habilitation-manager.supersede', entityType: 'HabilitationManager', entityId: current.id,
        fromState: 'en-fonction', toState: 'remplace', details: { conventionId, endDate: designationDate },
      }, now);
    }
    let scanId: number | null = null;
    if (file) {
      const stored = await storeScan(manager, storage, file, actor.staffUserId);
      if (!stored.ok) throw new RefusalError(refusal(stored.message, [{ field: 'scan', message: stored.message }]));
      scanId = stored.value.id;
    }
    const inserted = await manager.insert(HabilitationManager, {
      formReference,
      conventionId,
      civility: checked.civility as HabilitationManager['civility'],
      lastName: String(checked.lastName),
      firstName: String(checked.firstName),
      address: (checked.address as string | null | undefined) ?? null,
      phone: String(checked.phone),
      fax: (checked.fax as string | null | undefined) ?? null,
      email: String(checked.email),
      designationDate,
      endDate: null,
      currentFor: conventionId,
      isSignatory: checked.isSignatory === true,
      scanId,
      recordedById: actor.staffUserId,
    });
    const id = Number(inserted.identifiers[0].id);
    await recordAudit(manager, actor, {
      action: 'habilitation-manager.designate', entityType: 'HabilitationManager', entityId: id, toState: 'en-fonction',
      details: { conventionId, designationDate, supersededId: current?.id ?? null, formReference, scanId },
    }, now);
    const designation = await manager.findOneByOrFail(HabilitationManager, { id });
    const superseded = current ? await manager.findOneByOrFail(HabilitationManager, { id: current.id }) : null;
    // A new person takes the habilitations over: they confirm them (issue 15 §3), in this transaction.
    const opened = await openNewManagerRecertification(manager, storage, actor, designation, superseded, today, now);
    const replaced = superseded
      ? ` ${designation.civility === 'Madame' ? 'Elle' : 'Il'} remplace ${fullName(superseded)}, dont la désignation prend fin le ${formatFrenchDate(designationDate)}.`
      : '';
    const list = opened
      ? ` La liste des habilitations à confirmer (réf. ${opened.document.reference}) lui est adressée, à retourner au plus tard le ${formatFrenchDate(opened.recertification.dueDate)}.`
      : '';
    return {
      ok: true, designation, superseded, recertification: opened?.recertification ?? null,
      message: `${fullName(designation)} est ${feminine(designation, 'désigné')} responsable habilitations de la convention n° ${convention.number} `
        + `à compter du ${formatFrenchDate(designationDate)}.${replaced}${list}`,
    };
  });

  const conflict = (error: unknown) => error instanceof SupersededMeanwhile || isUniqueViolation(error);
  try {
    return await attempt();
  } catch (error) {
    if (!conflict(error)) throw error;
  }
  // Once more, against the designation that won (retry once, DOMAIN.md « exactly one current »).
  try {
    return await attempt();
  } catch (error) {
    if (!conflict(error)) throw error;
    return refusal(DESIGNATION_MESSAGES.concurrent);
  }
}
