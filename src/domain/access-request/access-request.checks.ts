// What must hold before a demande d'accès is approved (DOMAIN.md « AccessRequest »: « Checks: the
// convention is active, the cap is not exceeded, the person has no active habilitation on that
// convention »), plus what the paper form itself requires (« lu et approuvé » of the user and of the
// employer, contract CDD or CDI). Plain data in, every failure out, so the instructor sees them all.
import { formatFrenchDate, isAfter, isBefore, type IsoDate } from '../shared/dates.js';
import { samePerson, type PersonIdentity } from '../shared/normalize.js';
import { conventionKindRules } from '../convention/convention.rules.js';
import { isActiveOn, type ConventionFacts } from '../convention/convention.workflow.js';

export const contractTypes = ['CDI', 'CDD'] as const;
export type ContractType = (typeof contractTypes)[number];

export interface ApprovalFacts {
  /** The day of the decision (Paris). */
  decisionDate: IsoDate;
  convention: Pick<ConventionFacts, 'status' | 'kind' | 'effectiveDate' | 'endDate'>;
  /** Optional cap on the number of habilitations of the convention (null: no cap). */
  cap: number | null;
  /** Habilitations of the convention that count against the cap. */
  activeCount: number;
  applicant: PersonIdentity;
  /** Habilitations of this convention that are not revoked (status 'active' or 'suspendue'), with their CDD end. */
  liveHabilitations: Array<PersonIdentity & { status: 'active' | 'suspendue'; endDate?: IsoDate | null }>;
  userSignaturePresent: boolean;
  employerSignaturePresent: boolean;
  contract: ContractType | null;
  contractEndDate: IsoDate | null;
  receivedDate: IsoDate;
}

export const approvalFailureCodes = [
  'convention-sans-acces-cafpro',
  'convention-inactive',
  'plafond-atteint',
  'habilitation-active-existante',
  'habilitation-suspendue-existante',
  'signature-utilisateur-absente',
  'signature-employeur-absente',
  'contrat-non-precise',
  'date-fin-cdd-absente',
  'date-fin-cdd-avant-reception',
  'cdd-termine',
  'cdd-apres-fin-convention',
] as const;
export type ApprovalFailureCode = (typeof approvalFailureCodes)[number];

export interface ApprovalFailure {
  code: ApprovalFailureCode;
  message: string;
}

/**
 * The habilitation this request extends, or null: the same person holds an active CDD habilitation on the
 * convention and the request brings a later CDD end, or a CDI (the « fin de CDD » notice sends a form
 * for that, contract-end-notices.ts). Approving it then moves the end date of that habilitation: the
 * person keeps the identifier they use, and no second habilitation is opened.
 */
export function extendedHabilitation<H extends ApprovalFacts['liveHabilitations'][number]>(
  facts: Pick<ApprovalFacts, 'applicant' | 'contract' | 'contractEndDate'> & { liveHabilitations: H[] },
): H | null {
  const existing = facts.liveHabilitations.filter((h) => samePerson(h, facts.applicant));
  if (existing.length !== 1) return null;
  const [held] = existing;
  if (held.status !== 'active' || !held.endDate) return null;
  if (facts.contract === 'CDI') return held;
  return facts.contract === 'CDD' && facts.contractEndDate && isAfter(facts.contractEndDate, held.endDate) ? held : null;
}

/** Every reason the request cannot be approved on `decisionDate`; an empty list means it may be approved. */
export function approvalFailures(facts: ApprovalFacts): ApprovalFailure[] {
  const failures: ApprovalFailure[] = [];
  const fail = (code: ApprovalFailureCode, message: string) => failures.push({ code, message });

  // A data-provision convention gives no Cafpro access (data-provision-convention.txt art. 1): a
  // request recorded before its draft changed profile is never approved under it.
  if (!conventionKindRules[facts.convention.kind].cafproAccess) {
    fail('convention-sans-acces-cafpro', 'Cette convention de mise à disposition de données ne donne aucun accès à Cafpro : aucune habilitation ne peut être délivrée à son titre.');
  }
  if (!isActiveOn(facts.convention, facts.decisionDate)) {
    fail('convention-inactive', "La convention n'est pas active à la date de la décision.");
  }

  const extension = extendedHabilitation(facts) !== null;
  // art. 2: « le partenaire s'engage à limiter le nombre de demandes d'habilitations » (an extension adds none).
  if (!extension && facts.cap !== null && facts.activeCount >= facts.cap) {
    fail('plafond-atteint', `Le nombre maximal d'habilitations de la convention est atteint (${facts.activeCount} sur ${facts.cap}).`);
  }

  const existing = facts.liveHabilitations.filter((h) => samePerson(h, facts.applicant));
  if (extension) {
    // Not a second habilitation: the end date of the one held moves (extendedHabilitation).
  } else if (existing.some((h) => h.status === 'active')) {
    fail('habilitation-active-existante', 'Cette personne a déjà une habilitation active sur cette convention.');
  } else if (existing.some((h) => h.status === 'suspendue')) {
    // A second habilitation would bypass the suspension.
    fail(
      'habilitation-suspendue-existante',
      "Cette personne a une habilitation suspendue sur cette convention : réactivez-la plutôt que d'en créer une nouvelle.",
    );
  }

  if (!facts.userSignaturePresent) {
    fail('signature-utilisateur-absente', "La signature de l'utilisateur précédée de « lu et approuvé » est absente.");
  }
  if (!facts.employerSignaturePresent) {
    fail('signature-employeur-absente', "Le cachet et la signature de l'employeur précédés de « lu et approuvé » sont absents.");
  }

  if (facts.contract === null) {
    fail('contrat-non-precise', "Le type de contrat (CDI ou CDD) n'est pas précisé.");
  } else if (facts.contract === 'CDD') {
    // DOMAIN.md « Habilitation »: end date = CDD end; without it the access would never end.
    if (facts.contractEndDate === null) {
      fail('date-fin-cdd-absente', 'La date de fin du CDD est obligatoire.');
    } else if (!isAfter(facts.contractEndDate, facts.receivedDate)) {
      fail('date-fin-cdd-avant-reception', 'La date de fin du CDD doit être postérieure à la date de réception de la demande.');
    } else if (isBefore(facts.contractEndDate, facts.decisionDate)) {
      fail('cdd-termine', 'Le CDD est terminé à la date de la décision.');
    } else if (facts.convention.endDate && isAfter(facts.contractEndDate, facts.convention.endDate)) {
      // Every habilitation ends with the convention (DOMAIN.md « Convention »): an end after it would be untrue.
      fail('cdd-apres-fin-convention', `La fin du CDD (${formatFrenchDate(facts.contractEndDate)}) dépasse la fin de la convention, le ${formatFrenchDate(facts.convention.endDate)} : l’habilitation ne peut pas aller au-delà.`);
    }
  }

  return failures;
}
