// Recording the paper « Demande de suppression d'accès » (DOMAIN.md « SuppressionRequest »): the
// habilitation (the person), the fonction, the date « à compter de » which the access ends, the date
// the form was received and the employer's signature. Processing it is the workflow's job.
import { conventionKindRules, noCafproAccess, type ConventionKind } from '../convention/convention.rules.js';
import { isBefore, type IsoDate } from '../shared/dates.js';
import { bool, date, FormCheck, formReference, reference, requiredText, type FormInput, type FormResult } from '../shared/form.validation.js';
import type { DateBounds } from '../shared/validators.js';
import type { HabilitationState } from '../habilitation/habilitation.workflow.js';
import type { SuppressionRequestState } from './suppression-request.workflow.js';

export const SUPPRESSION_REQUEST_MESSAGES = {
  habilitation: "Choisissez l'habilitation à supprimer.",
  habilitationUnknown: "Cette habilitation n'existe pas.",
  habilitationRevoked: "Cette habilitation est déjà révoquée : il n'y a plus d'accès à supprimer.",
  noCafproAccess: (number: string) => `${noCafproAccess(number)} : aucune demande de suppression d’accès ne peut être enregistrée à son titre (une habilitation qui y figurerait par erreur se révoque depuis sa fiche).`,
  pending: (id: number) => `Une demande de suppression est déjà en cours pour cette habilitation (demande n° ${id}).`,
  effectiveBeforeGrant: "La date d'effet ne peut pas précéder la délivrance de l'habilitation.",
  referenceKeyed: (reference: string, id: number) => `Le formulaire ${reference} est déjà enregistré (demande de suppression n° ${id}).`,
} as const;

/** How far ahead a suppression may take effect (« à compter de »), from today. */
export const SUPPRESSION_YEARS_AHEAD = 1;

export const suppressionEffectiveWindow = (today: IsoDate): DateBounds => ({ ahead: { from: today, years: SUPPRESSION_YEARS_AHEAD } });

/** Once processed or rejected, the request is what the revocation (or the rejection) was based on. */
export function isSuppressionRequestEditable(status: unknown): boolean {
  return status === ('recue' as SuppressionRequestState);
}

export interface SuppressionRequestLookups {
  /** The habilitation and its convention's number and kind, or null when it does not exist. */
  habilitation(id: number): Promise<{ status: HabilitationState; grantedDate: IsoDate; convention: { number: string; kind: ConventionKind } } | null>;
  /** A request still « reçue » for that habilitation, other than the one being edited. */
  pendingRequest(habilitationId: number, exceptId?: number): Promise<{ id: number } | null>;
  /** The request already recorded with this printed reference (one paper is recorded once). */
  keyedWith(reference: string): Promise<number | null>;
}

export async function validateSuppressionRequest(
  input: FormInput, today: IsoDate, lookups: SuppressionRequestLookups, stored?: FormInput,
): Promise<FormResult> {
  const form = new FormCheck(input, stored);
  const rules = form.sendsAny('habilitationId', 'effectiveDate');
  const habilitationId = form.check('habilitationId', reference(SUPPRESSION_REQUEST_MESSAGES.habilitation), rules);
  const habilitation = habilitationId !== undefined ? await lookups.habilitation(habilitationId) : null;
  if (habilitationId !== undefined && form.changes('habilitationId')) {
    const pending = habilitation ? await lookups.pendingRequest(habilitationId, stored ? Number(stored.id) : undefined) : null;
    if (!habilitation) form.error('habilitationId', SUPPRESSION_REQUEST_MESSAGES.habilitationUnknown);
    else if (!conventionKindRules[habilitation.convention.kind].cafproAccess) {
      form.error('habilitationId', SUPPRESSION_REQUEST_MESSAGES.noCafproAccess(habilitation.convention.number));
    } else if (habilitation.status === 'revoquee') form.error('habilitationId', SUPPRESSION_REQUEST_MESSAGES.habilitationRevoked);
    else if (pending) form.error('habilitationId', SUPPRESSION_REQUEST_MESSAGES.pending(pending.id));
  }
  const printedReference = form.check('formReference', formReference('DS'));
  if (printedReference && form.changes('formReference')) {
    const keyed = await lookups.keyedWith(printedReference);
    if (keyed) form.error('formReference', SUPPRESSION_REQUEST_MESSAGES.referenceKeyed(printedReference, keyed));
  }
  form.check('position', requiredText(120));
  // « à compter de »: may be past (the agent has already left) or future (the revocation is
  // scheduled), within a year: an employer announces a departure months ahead, not years.
  const effectiveDate = form.check('effectiveDate', date({ required: true, ...suppressionEffectiveWindow(today) }), rules);
  if (effectiveDate && habilitation && isBefore(effectiveDate, habilitation.grantedDate)) {
    form.error('effectiveDate', SUPPRESSION_REQUEST_MESSAGES.effectiveBeforeGrant);
  }
  form.check('receivedDate', date({ required: true, notAfter: today }));
  form.check('employerSigned', bool);
  return form.result();
}
