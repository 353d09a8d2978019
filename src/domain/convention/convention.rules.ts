// Pure rules of the convention: its number, its anniversaries and the notice to end it.
// Sources: cafpro-convention-and-forms.txt art. 4 (résiliation) and art. 5 (durée);
// data-provision-convention.txt art. 3 (préavis de trois mois); DOMAIN.md « Convention ».
import { addDays, addMonths, addYears, compareDates, diffInDays, isAfter, isBefore, type IsoDate } from '../shared/dates.js';

// --- Kinds ------------------------------------------------------------------------------------

export const conventionKinds = ['cafpro', 'data-provision'] as const;
export type ConventionKind = (typeof conventionKinds)[number];

export const conventionKindLabels: Record<ConventionKind, string> = {
  cafpro: 'Convention de service Cafpro',
  'data-provision': 'Convention de mise à disposition de données',
};

/**
 * What differs between the two kinds, in one table: the renewal job, the emails, the forms and the
 * validations read it rather than testing the kind (the documents' wording: template « @kind »
 * sections, e.g. the article on duration, 5 for cafpro, 3 for data provision).
 */
export interface ConventionKindRules {
  /**
   * Months of notice before an anniversary to stop the tacit renewal.
   * cafpro, art. 5: « dénoncée … deux mois avant l'échéance annuelle ».
   * data-provision, art. 3: « délai de préavis de trois mois précédant la date d'échéance annuelle ».
   */
  noticeMonths: number;
  /**
   * The partner's agents consult Cafpro under it: habilitations, access requests, responsables
   * habilitations, suppressions. A data-provision partner consults nothing: it supplies data to the
   * Caf (data-provision-convention.txt, art. 1).
   */
  cafproAccess: boolean;
}

export const conventionKindRules: Record<ConventionKind, ConventionKindRules> = {
  cafpro: { noticeMonths: 2, cafproAccess: true },
  'data-provision': { noticeMonths: 3, cafproAccess: false },
};

/** Start of the French refusal of any Cafpro paperwork under a data-provision convention (forms, requests, designations). */
export function noCafproAccess(number: string): string {
  return `La convention n° ${number} est une convention de mise à disposition de données : elle ne donne aucun accès à Cafpro`;
}

// --- Number -----------------------------------------------------------------------------------

export interface ConventionNumberParts {
  /** Département code: '78', '2A', '971'. */
  department: string;
  year: number;
  /** Positive integer, unique per département and year, never reused (DOMAIN.md). */
  sequence: number;
  /** Letters of the Caf's numbering (Settings), e.g. 'AS'; may be empty. */
  suffix: string;
  /** Access profile code, e.g. 'T2'. */
  profileCode: string;
}

const EN_DASH = '\u2013';
const DEPARTMENT = /^(\d{2,3}|2[AB])$/;
const SUFFIX = /^[A-Z]*$/;
const PROFILE_CODE = /^[A-Z0-9]+$/;

/**
 * DOMAIN.md: `{département}/{année}/{séquence}{suffixe} – {profil}`, as printed on the 2016 Yvelines
 * convention « 78/2016/XXXAS – T2 »: '78/2016/0042AS – T2'. The sequence has at least 4 digits and
 * grows beyond 9999 rather than wrapping (numbers are never reused). The separator is an en dash
 * (U+2013) between spaces.
 */
export function formatConventionNumber(parts: ConventionNumberParts): string {
  const { department, year, sequence, suffix, profileCode } = parts;
  if (!DEPARTMENT.test(department)) throw new RangeError(`Code département invalide : « ${department} ».`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Année invalide : ${year}.`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`Numéro de séquence invalide : ${sequence}.`);
  if (!SUFFIX.test(suffix)) throw new RangeError(`Suffixe invalide : « ${suffix} » (lettres majuscules).`);
  if (!PROFILE_CODE.test(profileCode)) throw new RangeError(`Code profil invalide : « ${profileCode} ».`);
  return `${department}/${year}/${String(sequence).padStart(4, '0')}${suffix} ${EN_DASH} ${profileCode}`;
}

// Also accepts a hyphen or an em dash and loose spacing around it: numbers are typed back by staff
// from paper letters, where the dash is not always the same.
const NUMBER_PATTERN = /^(\d{2,3}|2[AB])\/(\d{4})\/(\d{4,})([A-Z]*)\s*[-\u2013\u2014]\s*([A-Z0-9]+)$/;

/** The parts of a convention number, or null when it does not follow the format. */
export function parseConventionNumber(value: string): ConventionNumberParts | null {
  const match = NUMBER_PATTERN.exec(value.trim());
  if (!match) return null;
  const sequence = Number(match[3]);
  if (sequence < 1) return null;
  return { department: match[1], year: Number(match[2]), sequence, suffix: match[4], profileCode: match[5] };
}

// --- Anniversaries and notice ---------------------------------------------------------------
//
// Vocabulary used below (art. 5: « prend effet pour une durée d'un an à compter de la signature »,
// « renouvelée par tacite reconduction par période d'un an »):
// - effective date: the Caf's signature date (the last signature), first day of the first year;
// - anniversary n: effective date + n years, first day of year n + 1; it is also the « échéance
//   annuelle » and the exclusive end date of a convention that is not renewed: a convention
//   effective 2024-03-15 and denounced in time ends on 2025-03-15, meaning its last active day is
//   2025-03-14 (isActiveOn: date < endDate);
// - anniversaries are always computed from the effective date, not from the previous anniversary,
//   so a convention signed on 29 February has its anniversary on 28 February in common years and
//   back on 29 February in leap years.

/** The n-th anniversary (n ≥ 1) of the effective date. */
export function anniversary(effectiveDate: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`Rang d'anniversaire invalide : ${n}.`);
  return addYears(effectiveDate, n);
}

/** Rank of the first anniversary strictly after onDate (1 when onDate is before the first anniversary). */
function nextAnniversaryRank(effectiveDate: IsoDate, onDate: IsoDate): number {
  let n = Math.max(1, Number(onDate.slice(0, 4)) - Number(effectiveDate.slice(0, 4)) - 1);
  while (compareDates(anniversary(effectiveDate, n), onDate) <= 0) n++;
  return n;
}

/** The first anniversary strictly after onDate: on the anniversary day itself, the next one is a year later. */
export function nextAnniversary(effectiveDate: IsoDate, onDate: IsoDate): IsoDate {
  return anniversary(effectiveDate, nextAnniversaryRank(effectiveDate, onDate));
}

/**
 * The last day on which a notice (dénonciation) may be received to stop the renewal at `anniversaryDate`:
 * the anniversary minus 2 months (cafpro, art. 5) or 3 months (data-provision, art. 3), with end-of-month
 * clamping (anniversary 30 April → deadline 28/29 February for cafpro).
 * The deadline day itself is still in time: « deux mois avant l'échéance » is read as « at the latest
 * two months before », and a notice received on 2025-01-15 for an anniversary on 2025-03-15 leaves
 * exactly two months. Only a notice received after the deadline (2025-01-16) is late.
 */
export function noticeDeadline(anniversaryDate: IsoDate, kind: ConventionKind): IsoDate {
  return addMonths(anniversaryDate, -conventionKindRules[kind].noticeMonths);
}

/** True when a notice received on `receivedDate` stops the renewal at `anniversaryDate` (deadline day included). */
export function isNoticeInTime(anniversaryDate: IsoDate, receivedDate: IsoDate, kind: ConventionKind): boolean {
  return compareDates(receivedDate, noticeDeadline(anniversaryDate, kind)) <= 0;
}

export interface TerminationSchedule {
  /** The anniversary on which the convention ends (exclusive end date). */
  endDate: IsoDate;
  /** The notice deadline that was met for that anniversary. */
  noticeDeadline: IsoDate;
  /** True when the notice missed the deadline of the next anniversary, so the convention runs one more year (printed on the termination letter). */
  late: boolean;
}

/**
 * When a dénonciation received on `noticeReceivedDate` ends the convention: the next anniversary
 * if its deadline is not past, otherwise the following one (DOMAIN.md: « a notice received later
 * takes effect at the following anniversary »).
 */
export function terminationSchedule(effectiveDate: IsoDate, noticeReceivedDate: IsoDate, kind: ConventionKind): TerminationSchedule {
  const n = nextAnniversaryRank(effectiveDate, noticeReceivedDate);
  const next = anniversary(effectiveDate, n);
  if (isNoticeInTime(next, noticeReceivedDate, kind)) {
    return { endDate: next, noticeDeadline: noticeDeadline(next, kind), late: false };
  }
  const following = anniversary(effectiveDate, n + 1);
  return { endDate: following, noticeDeadline: noticeDeadline(following, kind), late: true };
}

export function terminationEndDate(effectiveDate: IsoDate, noticeReceivedDate: IsoDate, kind: ConventionKind): IsoDate {
  return terminationSchedule(effectiveDate, noticeReceivedDate, kind).endDate;
}

export interface RenewalNotice {
  /** The coming anniversary (tacit renewal date). */
  anniversary: IsoDate;
  /** Last day to denounce before that anniversary (printed on the avis de reconduction, DOMAIN.md doc. 6). */
  noticeDeadline: IsoDate;
  /** Days left until the anniversary. */
  daysLeft: number;
}

/**
 * The first day the renewal notice of `anniversaryDate` is due: `leadDays` (Settings « renewal notice
 * lead time ») before the last day to denounce, so that the partner always has at least the lead
 * time to decide, whatever its notice period (two months for cafpro, three for data provision).
 * Counted from the anniversary instead, a 90-day lead left a data-provision partner no time at all
 * (anniversary 2027-02-05: due 2026-11-07, two days after its deadline 2026-11-05).
 */
export function renewalNoticeDueOn(anniversaryDate: IsoDate, kind: ConventionKind, leadDays: number): IsoDate {
  return addDays(noticeDeadline(anniversaryDate, kind), -leadDays);
}

/**
 * The renewal notice due on `today`, or null: due from renewalNoticeDueOn() until the eve of the
 * next anniversary, so a job that missed a day (or a first start) catches up; the notice then says
 * that the deadline has passed. The job records which anniversary it already notified.
 */
export function renewalDue(effectiveDate: IsoDate, today: IsoDate, leadDays: number, kind: ConventionKind): RenewalNotice | null {
  if (!Number.isInteger(leadDays) || leadDays < 0) throw new RangeError(`Délai de préavis invalide : ${leadDays}.`);
  const next = nextAnniversary(effectiveDate, today);
  if (isBefore(today, renewalNoticeDueOn(next, kind, leadDays))) return null;
  return { anniversary: next, noticeDeadline: noticeDeadline(next, kind), daysLeft: diffInDays(today, next) };
}

export interface RenewalDeadlines {
  anniversary: IsoDate;
  /** Last day to denounce before `anniversary`. */
  lastNoticeDay: IsoDate;
  /** The anniversary after, and its own last day: a notice received after lastNoticeDay ends the convention there. */
  following: { anniversary: IsoDate; lastNoticeDay: IsoDate };
}

/** The dates an avis de reconduction (letter and email) prints for `anniversaryDate`. */
export function renewalDeadlines(effectiveDate: IsoDate, anniversaryDate: IsoDate, kind: ConventionKind): RenewalDeadlines {
  const following = nextAnniversary(effectiveDate, anniversaryDate);
  return {
    anniversary: anniversaryDate,
    lastNoticeDay: noticeDeadline(anniversaryDate, kind),
    following: { anniversary: following, lastNoticeDay: noticeDeadline(following, kind) },
  };
}

// --- Résiliation (art. 4) ------------------------------------------------------------------

/**
 * art. 4: « en cas de non respect des obligations, la Caf se réserve la faculté de mettre un terme
 * à la présente convention »: no notice period, the convention ends on the chosen date (exclusive),
 * which cannot be before the effective date. When a dénonciation already fixed an end, a résiliation
 * may only bring it forward. Returns a French refusal, or null when the date is acceptable.
 */
export function checkResiliationEndDate(effectiveDate: IsoDate, endDate: IsoDate, currentEndDate: IsoDate | null = null): string | null {
  if (isBefore(endDate, effectiveDate)) {
    return "La date de fin de la résiliation ne peut pas précéder la date d'effet de la convention.";
  }
  if (currentEndDate !== null && isAfter(endDate, currentEndDate)) {
    return 'La date de fin de la résiliation ne peut pas être postérieure à la fin déjà fixée par la dénonciation.';
  }
  return null;
}

/** The last day a convention ending on `endDate` (exclusive) is active, for letters (« jusqu'au … inclus »). */
export function lastActiveDay(endDate: IsoDate): IsoDate {
  return addDays(endDate, -1);
}
