// The demande d'accès, in one table (STYLE.md habit 1), checkable against DOMAIN.md « AccessRequest »:
// `reçue → incomplète (returned with a reason) → reçue … → approuvée | refusée (reason required)`,
// and `incomplète → classée sans suite` when no complement came back in time (the daily follow-up job,
// incomplete-follow-up.ts: never an agent's event, so it is not in the table of events below).
// The business checks before approval are in access-request.checks.ts; the habilitation is created
// by the use case in the same transaction.
import { diffInDays, isBefore, type IsoDate } from '../shared/dates.js';
import { collectErrors, refusal, validateIsoDate, validateRequiredText, type Refusal } from '../shared/validators.js';

export const accessRequestStates = ['recue', 'incomplete', 'approuvee', 'refusee', 'classee'] as const;
export type AccessRequestState = (typeof accessRequestStates)[number];

export const accessRequestStateLabels: Record<AccessRequestState, string> = {
  recue: 'Reçue',
  incomplete: 'Incomplète',
  approuvee: 'Approuvée',
  refusee: 'Refusée',
  classee: 'Classée sans suite',
};

export const accessRequestEventNames = ['markIncomplete', 'complete', 'approve', 'refuse'] as const;
export type AccessRequestEventName = (typeof accessRequestEventNames)[number];

export const accessRequestEventLabels: Record<AccessRequestEventName, string> = {
  markIncomplete: 'Retourner comme incomplète',
  complete: 'Enregistrer le complément',
  approve: 'Approuver',
  refuse: 'Refuser',
};

// Why a paper form goes back to the partner: what the form asks for (cafpro-convention-and-forms.txt,
// « Demande d'accès »: contrat CDD ou CDI, signatures « lu et approuvé », coordonnées professionnelles).
export const incompleteReasonCodes = [
  'signature-manquante',
  'contrat-non-precise',
  'date-fin-cdd-manquante',
  'coordonnees-incompletes',
  'autre',
] as const;
export type IncompleteReasonCode = (typeof incompleteReasonCodes)[number];

export const incompleteReasonLabels: Record<IncompleteReasonCode, string> = {
  'signature-manquante': 'Signature manquante',
  'contrat-non-precise': 'Contrat non précisé',
  'date-fin-cdd-manquante': 'Date de fin de CDD manquante',
  'coordonnees-incompletes': 'Coordonnées incomplètes',
  autre: 'Autre motif',
};

type Cell = { to: AccessRequestState } | { refused: string };

const table: Record<AccessRequestState, Record<AccessRequestEventName, Cell>> = {
  recue: {
    markIncomplete: { to: 'incomplete' },
    complete: { refused: "Cette demande n'a pas été déclarée incomplète : il n'y a pas de complément à enregistrer." },
    approve: { to: 'approuvee' },
    refuse: { to: 'refusee' },
  },
  incomplete: {
    markIncomplete: { refused: 'Cette demande est déjà déclarée incomplète.' },
    complete: { to: 'recue' },
    approve: { refused: "Une demande incomplète ne peut pas être approuvée : enregistrez d'abord le complément reçu." },
    refuse: { refused: "Une demande incomplète ne peut pas être refusée : enregistrez d'abord le complément reçu." },
  },
  approuvee: {
    markIncomplete: { refused: 'Une demande approuvée ne peut plus être déclarée incomplète.' },
    complete: { refused: 'Une demande approuvée ne peut plus être complétée.' },
    approve: { refused: 'Cette demande est déjà approuvée.' },
    refuse: { refused: "Une demande approuvée ne peut plus être refusée : révoquez l'habilitation si nécessaire." },
  },
  refusee: {
    markIncomplete: { refused: 'Une demande refusée ne peut plus être déclarée incomplète.' },
    complete: { refused: 'Une demande refusée ne peut plus être complétée : le partenaire doit envoyer une nouvelle demande.' },
    approve: { refused: 'Une demande refusée ne peut plus être approuvée : le partenaire doit envoyer une nouvelle demande.' },
    refuse: { refused: 'Cette demande est déjà refusée.' },
  },
  classee: {
    markIncomplete: { refused: 'Une demande classée sans suite ne peut plus être déclarée incomplète.' },
    complete: { refused: 'Cette demande a été classée sans suite faute de complément : le partenaire doit envoyer une nouvelle demande.' },
    approve: { refused: 'Une demande classée sans suite ne peut plus être approuvée : le partenaire doit envoyer une nouvelle demande.' },
    refuse: { refused: 'Cette demande est déjà classée sans suite.' },
  },
};

export function accessRequestEventRefusal(state: AccessRequestState, event: AccessRequestEventName): string | null {
  const cell = table[state][event];
  return 'refused' in cell ? cell.refused : null;
}

export function allowedAccessRequestEvents(state: AccessRequestState): AccessRequestEventName[] {
  return accessRequestEventNames.filter((event) => 'to' in table[state][event]);
}

export interface AccessRequestFacts {
  status: AccessRequestState;
  /** Date the paper form was first received. */
  receivedDate: IsoDate;
}

export type AccessRequestEvent =
  | { type: 'markIncomplete'; reasonCode: string; details?: string | null }
  | { type: 'complete'; complementReceivedDate: string }
  | { type: 'approve' }
  | { type: 'refuse'; reason: string };

export type AccessRequestEffects =
  | { type: 'markIncomplete'; incompleteReasonCode: IncompleteReasonCode; incompleteDetails: string | null }
  | { type: 'complete'; complementReceivedDate: IsoDate }
  | { type: 'approve' }
  | { type: 'refuse'; refusalReason: string };

export type AccessRequestTransition =
  | { ok: true; from: AccessRequestState; to: AccessRequestState; effects: AccessRequestEffects }
  | Refusal;

/** Applies `event` (state rules and payload only; run approvalFailures() before 'approve'). */
export function applyAccessRequestEvent(request: AccessRequestFacts, event: AccessRequestEvent, today: IsoDate): AccessRequestTransition {
  const cell = table[request.status][event.type];
  if ('refused' in cell) return refusal(cell.refused);
  const from = request.status;
  const to = cell.to;
  const errors = collectErrors();

  switch (event.type) {
    case 'markIncomplete': {
      const code = (incompleteReasonCodes as readonly string[]).includes(event.reasonCode)
        ? (event.reasonCode as IncompleteReasonCode)
        : undefined;
      if (!code) errors.add('reasonCode', "Choisissez le motif d'incomplétude dans la liste.");
      const details = event.details?.trim() ? event.details.trim().replace(/\s+/g, ' ') : null;
      // « Autre » says nothing to the partner by itself.
      if (code === 'autre' && details === null) errors.add('details', 'Précisez le motif lorsque « Autre motif » est choisi.');
      return errors.toRefusal() ?? { ok: true, from, to, effects: { type: 'markIncomplete', incompleteReasonCode: code!, incompleteDetails: details } };
    }

    case 'complete': {
      const date = errors.take('complementReceivedDate', validateIsoDate(event.complementReceivedDate, { notAfter: today }));
      if (date && isBefore(date, request.receivedDate)) {
        errors.add('complementReceivedDate', 'Le complément ne peut pas avoir été reçu avant la demande.');
      }
      return errors.toRefusal() ?? { ok: true, from, to, effects: { type: 'complete', complementReceivedDate: date! } };
    }

    case 'approve':
      return { ok: true, from, to, effects: { type: 'approve' } };

    case 'refuse': {
      const reason = errors.take('reason', validateRequiredText(event.reason, 'Le motif du refus est obligatoire.'));
      return errors.toRefusal() ?? { ok: true, from, to, effects: { type: 'refuse', refusalReason: reason! } };
    }
  }
}

/** « Jours d'attente »: days since an incomplete request went back to the partner; none otherwise. */
export function daysWaiting(request: { status: unknown; incompleteSince: unknown }, today: IsoDate): number | null {
  const since = request.incompleteSince;
  return request.status === 'incomplete' && typeof since === 'string' && since ? diffInDays(since.slice(0, 10), today) : null;
}
