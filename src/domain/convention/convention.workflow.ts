// The convention's life, in one table (STYLE.md habit 1), checkable against DOMAIN.md « Convention »:
// `brouillon → envoyée → signée (active) → dénoncée (ends at an anniversary) | résiliée (art. 4, immediate)`.
// Who may fire an event is decided by the policies (src/policies), not here.
import { compareDates, isBefore, type IsoDate } from '../shared/dates.js';
import { collectErrors, MAX_YEARS_AHEAD, refusal, validateIsoDate, validateRequiredText, type Refusal } from '../shared/validators.js';
import { checkResiliationEndDate, terminationSchedule, type ConventionKind } from './convention.rules.js';

export const conventionStates = ['brouillon', 'envoyee', 'signee', 'denoncee', 'resiliee'] as const;
export type ConventionState = (typeof conventionStates)[number];

export const conventionStateLabels: Record<ConventionState, string> = {
  brouillon: 'Brouillon',
  envoyee: 'Envoyée',
  signee: 'Signée (active)',
  denoncee: 'Dénoncée',
  resiliee: 'Résiliée',
};

export const conventionEventNames = ['send', 'sign', 'denounce', 'terminate'] as const;
export type ConventionEventName = (typeof conventionEventNames)[number];

export const conventionEventLabels: Record<ConventionEventName, string> = {
  send: 'Envoyer au partenaire',
  sign: 'Enregistrer la signature',
  denounce: 'Dénoncer',
  terminate: 'Résilier',
};

export const denouncingParties = ['caf', 'partenaire'] as const;
export type DenouncingParty = (typeof denouncingParties)[number];

export const denouncingPartyLabels: Record<DenouncingParty, string> = {
  caf: 'La Caf',
  partenaire: 'Le partenaire',
};

type Cell = { to: ConventionState } | { refused: string };

// Every state × every event: where it leads, or why it is refused.
const table: Record<ConventionState, Record<ConventionEventName, Cell>> = {
  brouillon: {
    send: { to: 'envoyee' },
    sign: { refused: "Une convention en brouillon doit d'abord être envoyée au partenaire avant d'être signée." },
    denounce: { refused: "Une convention en brouillon n'est pas signée : elle ne peut pas être dénoncée." },
    terminate: { refused: "Une convention en brouillon n'est pas signée : elle ne peut pas être résiliée." },
  },
  envoyee: {
    send: { refused: 'Une convention envoyée ne peut pas être envoyée à nouveau.' },
    sign: { to: 'signee' },
    denounce: { refused: "Une convention envoyée n'est pas encore signée : elle ne peut pas être dénoncée." },
    terminate: { refused: "Une convention envoyée n'est pas encore signée : elle ne peut pas être résiliée." },
  },
  signee: {
    send: { refused: 'Une convention signée ne peut pas être envoyée à nouveau.' },
    sign: { refused: 'Cette convention est déjà signée.' },
    denounce: { to: 'denoncee' },
    terminate: { to: 'resiliee' },
  },
  denoncee: {
    send: { refused: 'Une convention dénoncée ne peut pas être envoyée à nouveau.' },
    sign: { refused: 'Une convention dénoncée ne peut pas être signée à nouveau.' },
    denounce: { refused: 'Cette convention est déjà dénoncée.' },
    // art. 4 may still cut short a convention that runs until its anniversary.
    terminate: { to: 'resiliee' },
  },
  resiliee: {
    send: { refused: 'Une convention résiliée ne peut pas être envoyée à nouveau.' },
    sign: { refused: 'Une convention résiliée ne peut pas être signée à nouveau.' },
    denounce: { refused: 'Une convention résiliée ne peut pas être dénoncée.' },
    terminate: { refused: 'Cette convention est déjà résiliée.' },
  },
};

/** Why `event` is impossible from `state` (French, for the UI), or null when it is allowed. */
export function conventionEventRefusal(state: ConventionState, event: ConventionEventName): string | null {
  const cell = table[state][event];
  return 'refused' in cell ? cell.refused : null;
}

/** The events the UI may offer from `state` (before the role policy filters them). */
export function allowedConventionEvents(state: ConventionState): ConventionEventName[] {
  return conventionEventNames.filter((event) => 'to' in table[state][event]);
}

/** What the workflow needs to know about a convention. */
export interface ConventionFacts {
  status: ConventionState;
  kind: ConventionKind;
  sentDate: IsoDate | null;
  /** Caf's signature date (art. 5: the convention takes effect at the signature). */
  effectiveDate: IsoDate | null;
  /** Exclusive end date, set by a dénonciation or a résiliation. */
  endDate: IsoDate | null;
}

export type ConventionEvent =
  | { type: 'send'; sentDate: string }
  | { type: 'sign'; partnerSignedDate: string; cafSignedDate: string; signedScanId: string }
  | { type: 'denounce'; party: string; receivedDate: string; reason: string }
  | { type: 'terminate'; endDate: string; reason: string };

/** The fields to write on the convention, per event. */
export type ConventionEffects =
  | { type: 'send'; sentDate: IsoDate }
  | { type: 'sign'; partnerSignedDate: IsoDate; cafSignedDate: IsoDate; effectiveDate: IsoDate; signedScanId: string }
  | {
      type: 'denounce';
      denouncedBy: DenouncingParty;
      denunciationReceivedDate: IsoDate;
      denunciationReason: string;
      /** The notice deadline that applied (printed on the termination letter). */
      noticeDeadline: IsoDate;
      /** True when the notice came after the deadline of the next anniversary: one more year. */
      late: boolean;
      endDate: IsoDate;
    }
  | { type: 'terminate'; endDate: IsoDate; terminationReason: string };

export type ConventionTransition =
  | { ok: true; from: ConventionState; to: ConventionState; effects: ConventionEffects }
  | Refusal;

/**
 * Applies `event` to the convention, or explains (in French, per field) why it cannot.
 * `today` (Paris) refuses dates of paper received « tomorrow ». Nothing is written here:
 * the use case stores `to` and `effects`, then writes the audit event.
 */
export function applyConventionEvent(convention: ConventionFacts, event: ConventionEvent, today: IsoDate): ConventionTransition {
  const cell = table[convention.status][event.type];
  if ('refused' in cell) return refusal(cell.refused);
  const from = convention.status;
  const to = cell.to;
  const errors = collectErrors();

  switch (event.type) {
    case 'send': {
      const sentDate = errors.take('sentDate', validateIsoDate(event.sentDate, { notAfter: today }));
      return errors.toRefusal() ?? { ok: true, from, to, effects: { type: 'send', sentDate: sentDate! } };
    }

    case 'sign': {
      const partnerSignedDate = errors.take('partnerSignedDate', validateIsoDate(event.partnerSignedDate, { notAfter: today }));
      const cafSignedDate = errors.take('cafSignedDate', validateIsoDate(event.cafSignedDate, { notAfter: today }));
      const signedScanId = errors.take('signedScanId', validateRequiredText(event.signedScanId, 'La copie signée numérisée est obligatoire.'));
      if (partnerSignedDate && convention.sentDate && isBefore(partnerSignedDate, convention.sentDate)) {
        errors.add('partnerSignedDate', "La date de signature du partenaire ne peut pas précéder la date d'envoi de la convention.");
      }
      // The Caf signs the copies the partner returned signed: its date is the last one, and the effective date.
      if (cafSignedDate && partnerSignedDate && isBefore(cafSignedDate, partnerSignedDate)) {
        errors.add('cafSignedDate', 'La date de signature de la Caf ne peut pas précéder celle du partenaire.');
      }
      return (
        errors.toRefusal() ?? {
          ok: true,
          from,
          to,
          effects: { type: 'sign', partnerSignedDate: partnerSignedDate!, cafSignedDate: cafSignedDate!, effectiveDate: cafSignedDate!, signedScanId: signedScanId! },
        }
      );
    }

    case 'denounce': {
      const effectiveDate = requireEffectiveDate(convention);
      if (typeof effectiveDate !== 'string') return effectiveDate;
      const party = (denouncingParties as readonly string[]).includes(event.party) ? (event.party as DenouncingParty) : undefined;
      if (!party) errors.add('party', 'Indiquez la partie qui dénonce la convention (la Caf ou le partenaire).');
      const receivedDate = errors.take('receivedDate', validateIsoDate(event.receivedDate, { notAfter: today }));
      const reason = errors.take('reason', validateRequiredText(event.reason, 'Le motif de la dénonciation est obligatoire.'));
      if (receivedDate && isBefore(receivedDate, effectiveDate)) {
        errors.add('receivedDate', "La date de réception de la dénonciation ne peut pas précéder la date d'effet de la convention.");
      }
      const failed = errors.toRefusal();
      if (failed) return failed;
      // art. 5 (cafpro) / art. 3 (data provision): ends at an anniversary, given the notice period.
      const schedule = terminationSchedule(effectiveDate, receivedDate!, convention.kind);
      return {
        ok: true,
        from,
        to,
        effects: {
          type: 'denounce',
          denouncedBy: party!,
          denunciationReceivedDate: receivedDate!,
          denunciationReason: reason!,
          noticeDeadline: schedule.noticeDeadline,
          late: schedule.late,
          endDate: schedule.endDate,
        },
      };
    }

    case 'terminate': {
      const effectiveDate = requireEffectiveDate(convention);
      if (typeof effectiveDate !== 'string') return effectiveDate;
      // Ahead, an end is bounded like any contract end (5 years), and by the denunciation's end.
      const endDate = errors.take('endDate', validateIsoDate(event.endDate, { ahead: { from: today, years: MAX_YEARS_AHEAD } }));
      const reason = errors.take('reason', validateRequiredText(event.reason, 'Le motif de la résiliation est obligatoire.'));
      if (endDate) {
        const problem = checkResiliationEndDate(effectiveDate, endDate, convention.status === 'denoncee' ? convention.endDate : null);
        if (problem) errors.add('endDate', problem);
      }
      return errors.toRefusal() ?? { ok: true, from, to, effects: { type: 'terminate', endDate: endDate!, terminationReason: reason! } };
    }
  }
}

// A signed convention always has an effective date; a missing one is corrupt data, refused rather than guessed.
function requireEffectiveDate(convention: ConventionFacts): IsoDate | Refusal {
  return convention.effectiveDate ?? refusal("La date d'effet de la convention est inconnue : enregistrez d'abord sa signature.");
}

/**
 * Whether partner agents may use the convention on `date` (access requests, campaigns, renewal
 * notices): it has been signed (signée, and still running when dénoncée or résiliée with a later
 * end date), it took effect on or before `date`, and `date` is before its exclusive end date.
 */
export function isActiveOn(
  convention: Pick<ConventionFacts, 'status' | 'effectiveDate' | 'endDate'>,
  date: IsoDate,
): boolean {
  if (convention.status === 'brouillon' || convention.status === 'envoyee') return false;
  if (convention.effectiveDate === null || compareDates(convention.effectiveDate, date) > 0) return false;
  return convention.endDate === null || compareDates(date, convention.endDate) < 0;
}
