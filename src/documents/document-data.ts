// Typed inputs of the PDF documents. Plain data only: no entity, no database, no AdminJS.
// The caller (a use case) maps its entities and the Settings to these shapes; the documents
// engine never looks anything up, so the same data always gives the same PDF.

/** Calendar date 'YYYY-MM-DD' (printed in French long form, « 23 novembre 2026 »). */
export type IsoDate = string;

export type Civility = 'Madame' | 'Monsieur';

/** Letterhead, signatory and contact of the Caf (from Settings). */
export interface CafLetterhead {
  /** « Caf des Yvelines » */
  cafName: string;
  /** « 2 avenue des Prés », « BP 17 », « 78184 Saint-Quentin-en-Yvelines Cedex » */
  addressLines: string[];
  /** « www.caf.fr » */
  website: string;
  /** Used to address the forms to the director (« Madame le Directeur général »). */
  directorCivility: Civility;
  /** « Elodie CLAIR » */
  directorName: string;
  /** « Directeur général » */
  directorTitle: string;
  /** When set, letters are signed by this person, « Par délégation ». */
  delegateSignatory?: { name: string; title: string };
  /** Printed on letters as « Votre contact ». */
  serviceContact: { name: string; phone: string; email: string };
  /** City printed in « Fait à … » and in the date line of letters. */
  city: string;
}

export interface PartnerRepresentative {
  civility: Civility;
  /** « Emmanuel LAMY » */
  fullName: string;
  /** « Maire », « Présidente », « Directeur général » */
  title: string;
  /**
   * How to address the representative in a letter when the automatic form
   * (« Madame le Maire », « Madame la Présidente ») is not the right one.
   */
  salutation?: string;
}

export interface PartnerData {
  /** Raison sociale: « Ville de Saint-Germain-en-Laye » */
  name: string;
  /** « Commune », « CCAS / CIAS », « Bailleur social »… */
  typeLabel: string;
  /** 14 digits; printed grouped « 214 005 514 00013 ». */
  siret: string;
  addressLines: string[];
  representative: PartnerRepresentative;
  phone: string;
  email: string;
}

export interface AccessProfileData {
  /** « T2 » */
  code: string;
  /** Short label of the category of partners. */
  label: string;
  /** Long text of the categories of data the profile opens (one item a line). */
  description: string;
  /** Profiles limited by an extra access code (code bailleur, numéro d'instructeur RSA…). */
  needsAccessCode: boolean;
  /** « Code bailleur » */
  accessCodeLabel?: string;
  /** The « partage des données dans le domaine social » annex applies (T1–T3). */
  dataSharingAnnex: boolean;
}

/** Cafpro service convention, or data-provision convention (notice of three months). */
export type ConventionKind = 'cafpro' | 'data-provision';

export interface ConventionData {
  /** « 78/2016/0042AS – T2 » */
  number: string;
  kind: ConventionKind;
  profile: AccessProfileData;
  sentOn?: IsoDate;
  signedOn?: IsoDate;
  effectiveOn?: IsoDate;
  nextAnniversary?: IsoDate;
  /** Last day a party may give notice before the next anniversary (cafpro art. 5, data provision art. 3). */
  lastNoticeDay?: IsoDate;
}

/** What every document carries. */
export interface DocumentBase {
  caf: CafLetterhead;
  /** Printed reference of the document, e.g. « DA-2026-000123 » (QR code on forms). */
  reference: string;
  /** Date of the document, printed « 23 novembre 2026 ». */
  date: IsoDate;
  /** Generation instant: the PDF CreationDate/ModDate, so the same data gives the same bytes. */
  generatedAt: string | Date;
}

/** Outgoing letters also carry the outgoing register number, printed « N/Réf. ». */
export interface LetterBase extends DocumentBase {
  registerNumber: string;
}

export interface CoverLetterData extends LetterBase {
  partner: PartnerData;
  convention: ConventionData;
}

export interface ConventionDocumentData extends DocumentBase {
  partner: PartnerData;
  convention: ConventionData;
  /** Number of copies printed for signature (default 2). */
  copies?: number;
}

export interface AccessRequestFormData extends DocumentBase {
  partner: PartnerData;
  convention: ConventionData;
  /** To extend a CDD (the « fin de CDD » notice): the holder of the habilitation that ends, printed in place of blanks. */
  extension?: ExtensionApplicant;
}

export interface ExtensionApplicant {
  civility?: Civility;
  firstName: string;
  lastName: string;
  email: string;
  function: string;
  identifier: string;
  endDate: IsoDate;
}

export interface ManagerDesignationFormData extends DocumentBase {
  partner: PartnerData;
  convention: ConventionData;
}

/** The habilitated person, when a suppression form is generated from a habilitation. */
export interface SuppressionPerson {
  civility?: Civility;
  firstName: string;
  lastName: string;
  identifier: string;
  function?: string;
  professionalAddress?: string[];
}

export interface SuppressionRequestFormData extends DocumentBase {
  partner: PartnerData;
  convention: ConventionData;
  person?: SuppressionPerson;
  /** « à compter de » — left blank when not known. */
  effectiveFrom?: IsoDate;
}

export interface RenewalHabilitationRow {
  lastName: string;
  firstName: string;
  function?: string;
  identifier: string;
  grantedOn: IsoDate;
  /** A suspended habilitation is listed too, marked « suspendue » (it can be reactivated at any time). */
  suspended?: boolean;
}

export interface RenewalNoticeData extends LetterBase {
  partner: PartnerData;
  /** nextAnniversary and lastNoticeDay are required here. */
  convention: ConventionData & { nextAnniversary: IsoDate; lastNoticeDay: IsoDate };
  /**
   * The anniversary after nextAnniversary and its own last day to give notice: printed instead of a
   * past lastNoticeDay when the notice is dated after it (a late run, a first start).
   */
  following: { anniversary: IsoDate; lastNoticeDay: IsoDate };
  /**
   * Habilitations under the convention (active and suspended), in the order to print; absent for a
   * convention that gives no Cafpro access (data provision: the reminder of the data updates instead).
   */
  habilitations?: RenewalHabilitationRow[];
}

export type ContractKind = 'CDI' | 'CDD';

export interface HabilitationLetterData extends LetterBase {
  partner: PartnerData;
  convention: ConventionData;
  user: {
    civility: Civility;
    firstName: string;
    lastName: string;
    function?: string;
  };
  habilitation: {
    identifier: string;
    grantedOn: IsoDate;
    contract?: ContractKind;
    /** End of the CDD; the habilitation ends that day. */
    endsOn?: IsoDate;
    /** Value of the extra access code when the profile needs one. */
    accessCode?: string;
  };
}

/**
 * dénonciation: ends at an anniversary after the notice period (cafpro art. 5; data provision art. 3,
 * which calls it « résiliation »); résiliation: the Caf ends it on a chosen date for a breach
 * (cafpro art. 4; data provision: the obligations of art. 2).
 */
export type TerminationKind = 'denonciation' | 'resiliation';

export interface TerminationLetterData extends LetterBase {
  partner: PartnerData;
  convention: ConventionData;
  termination: {
    kind: TerminationKind;
    /** Who terminates (a résiliation is always decided by the Caf, art. 4). */
    initiatedBy: 'caf' | 'partner';
    /** Date the notice was received (dénonciation by the partner) or sent (by the Caf). */
    noticeOn?: IsoDate;
    /** Last day of the convention: the anniversary (dénonciation) or the chosen date (résiliation). */
    endsOn: IsoDate;
    reason: string;
    /** The notice came after the last day: it takes effect at the following anniversary (art. 5). */
    deferredToNextAnniversary?: boolean;
  };
  /** Habilitations that will be revoked on the end date (printed when given; none under a data-provision convention). */
  activeHabilitationCount?: number;
}

/** One line of the « Registre des destinataires »: a convention in force and its partner. */
export interface RecipientRegisterRow {
  partnerName: string;
  siret: string;
  partnerType: string;
  conventionNumber: string;
  /** « T2 – Travailleurs sociaux » */
  profile: string;
  effectiveDate: IsoDate | null;
  /** The end already known (dénoncée, résiliée), or null. */
  endDate: IsoDate | null;
  activeHabilitations: number;
}

export interface RecipientRegisterData extends DocumentBase {
  rows: RecipientRegisterRow[];
}

/**
 * Follow-up of an access request returned incomplete and never completed: the reminder (after the
 * Settings' reminder delay) or the closure « classée sans suite » (after the closure delay).
 */
export type IncompleteFollowUpStep = 'reminder' | 'closure';

export interface IncompleteFollowUpLetterData extends LetterBase {
  step: IncompleteFollowUpStep;
  partner: PartnerData;
  convention: ConventionData;
  /** The responsable habilitations the letter is addressed to; absent: the partner's legal representative. */
  responsable?: { civility: Civility; firstName: string; lastName: string };
  /** The person the request was for. */
  applicant: { civility: Civility; firstName: string; lastName: string; position: string };
  /** Printed reference of the paper form, when it came from a pre-filled one. */
  formReference?: string;
  receivedOn: IsoDate;
  incompleteSince: IsoDate;
  /** « Signature manquante – Signature de l'employeur absente » */
  reason: string;
  /** Reminder: the day it will be closed without a complement; closure: the day it was closed. */
  closureOn: IsoDate;
}
