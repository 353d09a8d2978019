// The demande de suppression d'accès, in one table (STYLE.md habit 1), checkable against DOMAIN.md
// « SuppressionRequest »: `reçue → traitée | rejetée`; « Processing revokes the habilitation on the
// effective date (now, or scheduled when the date is in the future) ».
import { compareDates, type IsoDate } from '../shared/dates.js';
import { collectErrors, refusal, validateRequiredText, type Refusal } from '../shared/validators.js';
import type { HabilitationState, RevocationReasonCode } from '../habilitation/habilitation.workflow.js';

export const suppressionRequestStates = ['recue', 'traitee', 'rejetee'] as const;
export type SuppressionRequestState = (typeof suppressionRequestStates)[number];

export const suppressionRequestStateLabels: Record<SuppressionRequestState, string> = {
  recue: 'Reçue',
  traitee: 'Traitée',
  rejetee: 'Rejetée',
};

export const suppressionRequestEventNames = ['process', 'reject'] as const;
export type SuppressionRequestEventName = (typeof suppressionRequestEventNames)[number];

export const suppressionRequestEventLabels: Record<SuppressionRequestEventName, string> = {
  process: 'Traiter',
  reject: 'Rejeter',
};

type Cell = { to: SuppressionRequestState } | { refused: string };

const table: Record<SuppressionRequestState, Record<SuppressionRequestEventName, Cell>> = {
  recue: {
    process: { to: 'traitee' },
    reject: { to: 'rejetee' },
  },
  traitee: {
    process: { refused: 'Cette demande de suppression est déjà traitée.' },
    reject: { refused: 'Une demande de suppression traitée ne peut plus être rejetée.' },
  },
  rejetee: {
    process: { refused: 'Une demande de suppression rejetée ne peut plus être traitée : le partenaire doit envoyer une nouvelle demande.' },
    reject: { refused: 'Cette demande de suppression est déjà rejetée.' },
  },
};

export function suppressionRequestEventRefusal(state: SuppressionRequestState, event: SuppressionRequestEventName): string | null {
  const cell = table[state][event];
  return 'refused' in cell ? cell.refused : null;
}

export function allowedSuppressionRequestEvents(state: SuppressionRequestState): SuppressionRequestEventName[] {
  return suppressionRequestEventNames.filter((event) => 'to' in table[state][event]);
}

export interface SuppressionRequestFacts {
  status: SuppressionRequestState;
  /** « Je demande la suppression … à compter de » (the form). */
  effectiveDate: IsoDate;
  /** The form is signed by the employer (« Cachet et signature »). */
  employerSignaturePresent: boolean;
  /** Current status of the habilitation named on the form. */
  habilitationStatus: HabilitationState;
}

export type SuppressionRequestEvent = { type: 'process' } | { type: 'reject'; reason: string };

/** What processing does to the habilitation. */
export type PlannedRevocation =
  /** Effective date reached: revoke in the same transaction, dated today (the day access really stops). */
  | { when: 'now'; revokedOn: IsoDate; reasonCode: RevocationReasonCode }
  /** Effective date in the future: the scheduled-revocations job revokes on that day. */
  | { when: 'scheduled'; revokeOn: IsoDate; reasonCode: RevocationReasonCode }
  /** The habilitation is already revoked (e.g. end of convention): nothing left to do. */
  | { when: 'none' };

export type SuppressionRequestEffects =
  | { type: 'process'; processedOn: IsoDate; revocation: PlannedRevocation }
  | { type: 'reject'; rejectedOn: IsoDate; rejectionReason: string };

export type SuppressionRequestTransition =
  | { ok: true; from: SuppressionRequestState; to: SuppressionRequestState; effects: SuppressionRequestEffects }
  | Refusal;

export function applySuppressionRequestEvent(request: SuppressionRequestFacts, event: SuppressionRequestEvent, today: IsoDate): SuppressionRequestTransition {
  const cell = table[request.status][event.type];
  if ('refused' in cell) return refusal(cell.refused);
  const from = request.status;
  const to = cell.to;

  switch (event.type) {
    case 'process': {
      // Only the employer may ask to withdraw its agent's access: an unsigned form is rejected, not processed.
      if (!request.employerSignaturePresent) {
        return refusal("Le cachet et la signature de l'employeur sont absents : la demande ne peut pas être traitée.");
      }
      const reasonCode: RevocationReasonCode = 'suppression-demandee';
      const revocation: PlannedRevocation =
        request.habilitationStatus === 'revoquee'
          ? { when: 'none' }
          : compareDates(request.effectiveDate, today) <= 0
            ? { when: 'now', revokedOn: today, reasonCode }
            : { when: 'scheduled', revokeOn: request.effectiveDate, reasonCode };
      return { ok: true, from, to, effects: { type: 'process', processedOn: today, revocation } };
    }

    case 'reject': {
      const errors = collectErrors();
      const reason = errors.take('reason', validateRequiredText(event.reason, 'Le motif du rejet est obligatoire.'));
      return errors.toRefusal() ?? { ok: true, from, to, effects: { type: 'reject', rejectedOn: today, rejectionReason: reason! } };
    }
  }
}
