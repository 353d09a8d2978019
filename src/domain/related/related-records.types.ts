// What the record pages show besides the record's own fields (issue 13 §3): plain data, labels in
// French, dates already written as the screens write them, every link ready to follow. A part the
// agent's role may not see is absent (undefined), never empty.

export interface RecordLink {
  label: string;
  href: string;
}

/** One line of a list of related records: its link and what is said of it (« Active », « Ville de … »). */
export interface RelatedLine extends RecordLink {
  details: string[];
  /** A second link on the line: the record a scan or a document belongs to. */
  record?: RecordLink;
}

/** The records of one state: how many, and the list showing exactly them. */
export interface StateCount {
  state: string;
  label: string;
  count: number;
  href: string;
}

/** A count by state, with the list of all of them. */
export interface CountsByState {
  total: number;
  href: string;
  byState: StateCount[];
}

/** The latest few of a longer list, with the list of all of them. */
export interface LatestOf {
  total: number;
  /** The list of all of them (absent where there is no list page, e.g. scans). */
  href?: string;
  latest: RelatedLine[];
}

export interface PartnerRelated {
  kind: 'Partner';
  conventions?: { total: number; href: string; lines: RelatedLine[] };
  /** « Créer une convention » for this partner, its signatory pre-filled from the legal representative. */
  createConvention?: RecordLink;
}

export interface ConventionRelated {
  kind: 'Convention';
  /** The responsable habilitations in office (null: none designated). */
  responsable?: RelatedLine | null;
  /** Anniversary, last day to denounce, or the end already fixed: label → value, in display order. */
  calendar: Array<{ label: string; value: string }>;
  accessRequests?: CountsByState;
  habilitations?: CountsByState;
  documents?: LatestOf;
  scans?: LatestOf;
  history?: LatestOf;
}

export interface HabilitationRelated {
  kind: 'Habilitation';
  /** The demande d'accès it was granted on (null: none recorded, e.g. imported). */
  origin?: RelatedLine | null;
  /** What will revoke it, and the record that will (null: nothing planned). */
  plannedRevocation?: RelatedLine | null;
  /** Reissue after a loss or theft: the habilitation it replaces, and the ones that replaced it. */
  replaces?: RelatedLine | null;
  replacedBy?: RelatedLine[];
}

export interface ScanFile {
  href: string;
  name: string;
  /** Shown inline: a PDF in a frame, an image as such. */
  display: 'pdf' | 'image' | 'other';
}

export interface AccessRequestRelated {
  kind: 'AccessRequest';
  /** The signed form (null: not scanned). */
  scan?: ScanFile | null;
  /** Same nom and prénom (accents and case aside), whatever the partner. */
  otherRequests?: RelatedLine[];
  habilitations?: RelatedLine[];
}

export type RelatedRecords = PartnerRelated | ConventionRelated | HabilitationRelated | AccessRequestRelated;
