// The habilitation's life, in one table (STYLE.md habit 1), checkable against DOMAIN.md « Habilitation »:
// `active → suspendue → active | révoquée` with a reason. Revocation is final: after a loss or theft
// of the identifiers (art. 3) the Caf issues a NEW habilitation to the same person.
import { isBefore, type IsoDate } from '../shared/dates.js';
import { collectErrors, refusal, validateIsoDate, validateRequiredText, type Refusal } from '../shared/validators.js';

export const habilitationStates = ['active', 'suspendue', 'revoquee'] as const;
export type HabilitationState = (typeof habilitationStates)[number];

export const habilitationStateLabels: Record<HabilitationState, string> = {
  active: 'Active',
  suspendue: 'Suspendue',
  revoquee: 'Révoquée',
};

export const habilitationEventNames = ['suspend', 'reactivate', 'revoke'] as const;
export type HabilitationEventName = (typeof habilitationEventNames)[number];

export const habilitationEventLabels: Record<HabilitationEventName, string> = {
  suspend: 'Suspendre',
  reactivate: 'Réactiver',
  revoke: 'Révoquer',
};

// DOMAIN.md « Habilitation »: « suppression demandée, fin de convention, fin de contrat, perte ou vol
// des identifiants, manquement ».
export const revocationReasonCodes = ['suppression-demandee', 'fin-de-convention', 'fin-de-contrat', 'perte-ou-vol', 'manquement'] as const;
export type RevocationReasonCode = (typeof revocationReasonCodes)[number];

export const revocationReasonLabels: Record<RevocationReasonCode, string> = {
  'suppression-demandee': 'Suppression demandée',
  'fin-de-convention': 'Fin de convention',
  'fin-de-contrat': 'Fin de contrat',
  'perte-ou-vol': 'Perte ou vol des identifiants',
  manquement: 'Manquement',
};

type Cell = { to: HabilitationState } | { refused: string };

const table: Record<HabilitationState, Record<HabilitationEventName, Cell>> = {
  active: {
    suspend: { to: 'suspendue' },
    reactivate: { refused: 'Cette habilitation est déjà active.' },
    revoke: { to: 'revoquee' },
  },
  suspendue: {
    suspend: { refused: 'Cette habilitation est déjà suspendue.' },
    reactivate: { to: 'active' },
    revoke: { to: 'revoquee' },
  },
  revoquee: {
    suspend: { refused: 'Une habilitation révoquée ne peut pas être suspendue.' },
    reactivate: { refused: 'Une habilitation révoquée ne peut pas être réactivée : délivrez une nouvelle habilitation.' },
    revoke: { refused: 'Cette habilitation est déjà révoquée.' },
  },
};

export function habilitationEventRefusal(state: HabilitationState, event: HabilitationEventName): string | null {
  const cell = table[state][event];
  return 'refused' in cell ? cell.refused : null;
}

export function allowedHabilitationEvents(state: HabilitationState): HabilitationEventName[] {
  return habilitationEventNames.filter((event) => 'to' in table[state][event]);
}

export interface HabilitationFacts {
  status: HabilitationState;
  grantedDate: IsoDate;
}

export type HabilitationEvent =
  | { type: 'suspend'; reason: string; date: string }
  | { type: 'reactivate'; date: string }
  | { type: 'revoke'; reasonCode: string; details?: string | null; date: string };

export type HabilitationEffects =
  | { type: 'suspend'; suspensionReason: string; suspendedOn: IsoDate }
  | { type: 'reactivate'; reactivatedOn: IsoDate }
  | {
      type: 'revoke';
      revocationReasonCode: RevocationReasonCode;
      revocationDetails: string | null;
      revokedOn: IsoDate;
      /** art. 3: « en cas de perte ou de vol des identifiants, … la Caf … délivre une nouvelle habilitation ». */
      reissue: boolean;
    };

export type HabilitationTransition =
  | { ok: true; from: HabilitationState; to: HabilitationState; effects: HabilitationEffects }
  | Refusal;

/**
 * Applies `event` on `event.date`, which may be neither in the future (a revocation to come is
 * scheduled by the demande de suppression and fired by a job on the day) nor before the grant.
 */
export function applyHabilitationEvent(habilitation: HabilitationFacts, event: HabilitationEvent, today: IsoDate): HabilitationTransition {
  const cell = table[habilitation.status][event.type];
  if ('refused' in cell) return refusal(cell.refused);
  const from = habilitation.status;
  const to = cell.to;
  const errors = collectErrors();

  const date = errors.take('date', validateIsoDate(event.date, { notAfter: today }));
  if (date && isBefore(date, habilitation.grantedDate)) errors.add('date', "Cette date ne peut pas précéder la délivrance de l'habilitation.");

  switch (event.type) {
    case 'suspend': {
      const reason = errors.take('reason', validateRequiredText(event.reason, 'Le motif de la suspension est obligatoire.'));
      return errors.toRefusal() ?? { ok: true, from, to, effects: { type: 'suspend', suspensionReason: reason!, suspendedOn: date! } };
    }

    case 'reactivate':
      return errors.toRefusal() ?? { ok: true, from, to, effects: { type: 'reactivate', reactivatedOn: date! } };

    case 'revoke': {
      const code = (revocationReasonCodes as readonly string[]).includes(event.reasonCode)
        ? (event.reasonCode as RevocationReasonCode)
        : undefined;
      if (!code) errors.add('reasonCode', 'Choisissez le motif de la révocation dans la liste.');
      // A breach must be explained: it is the basis of a possible art. 4 résiliation.
      const details = event.details?.trim() ? event.details.trim().replace(/\s+/g, ' ') : null;
      if (code === 'manquement' && details === null) errors.add('details', 'Décrivez le manquement constaté.');
      return (
        errors.toRefusal() ?? {
          ok: true,
          from,
          to,
          effects: { type: 'revoke', revocationReasonCode: code!, revocationDetails: details, revokedOn: date!, reissue: code === 'perte-ou-vol' },
        }
      );
    }
  }
}

// --- Identifier -----------------------------------------------------------------------------
//
// Format: « CP » + département code + « - » + sequence on at least 6 digits, e.g. 'CP78-000123',
// 'CP2A-000007', 'CP971-001234'. The sequence is per Caf (one counter per département), never reused;
// it grows beyond 999999 rather than wrapping. The identifier is unique and printed on the
// notification letter (DOMAIN.md doc. 7); it carries no personal data.

const DEPARTMENT = /^(\d{2,3}|2[AB])$/;
const IDENTIFIER = /^CP(\d{2,3}|2[AB])-(\d{6,})$/;

export function formatHabilitationIdentifier(department: string, sequence: number): string {
  if (!DEPARTMENT.test(department)) throw new RangeError(`Code département invalide : « ${department} ».`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`Numéro de séquence invalide : ${sequence}.`);
  return `CP${department}-${String(sequence).padStart(6, '0')}`;
}

export function parseHabilitationIdentifier(value: string): { department: string; sequence: number } | null {
  const match = IDENTIFIER.exec(value.trim().toUpperCase());
  if (!match) return null;
  const sequence = Number(match[2]);
  return sequence < 1 ? null : { department: match[1], sequence };
}
