// The sheets of an import (issue 12 §2) and their columns: the French header of the template, the
// other ways a Caf's spreadsheet names it, and the entity field it fills. Headers are compared by
// `headerKey` (case, accents, « N° », « de/du » and spacing folded), so « N° SIRET », « siret » and
// « Numéro Siret » are one column.
import { foldLabel } from './import-values.js';

export const IMPORT_KINDS = ['partners', 'conventions', 'managers', 'habilitations', 'requests'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The sheet (or CSV file) names of the templates, in the order they are imported. */
export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  partners: 'Partenaires',
  conventions: 'Conventions',
  managers: 'Responsables habilitations',
  habilitations: 'Habilitations',
  requests: 'Demandes en cours',
};

export interface ImportColumn {
  field: string;
  header: string;
  aliases?: string[];
  required?: boolean;
  /** The template's example value. */
  example: string | number | Date;
}

const NOISE = new Set(['n', 'no', 'num', 'numero', 'de', 'du', 'des', 'la', 'le', 'les', 'l', 'd', 'a']);

/** The key a header is recognised by: its words folded, without « N° », « de », « du »… */
export function headerKey(header: string): string {
  const folded = foldLabel(header);
  const words = folded.split(' ').filter((w) => w && !NOISE.has(w));
  return words.length ? words.join(' ') : folded;
}

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const CONVENTION_NUMBER: ImportColumn = {
  field: 'conventionNumber', header: 'N° de convention', aliases: ['Numéro', 'Convention', 'N°'], required: true, example: '78/2016/0042AS – T2',
};
const person = (): ImportColumn[] => [
  { field: 'civility', header: 'Civilité', required: true, example: 'Madame' },
  { field: 'lastName', header: 'Nom', aliases: ['Nom de famille'], required: true, example: 'DUPONT' },
  { field: 'firstName', header: 'Prénom', required: true, example: 'Hélène' },
];

export const IMPORT_COLUMNS: Record<ImportKind, ImportColumn[]> = {
  partners: [
    { field: 'name', header: 'Raison sociale', aliases: ['Nom du partenaire', 'Partenaire', 'Nom'], required: true, example: 'Ville de Saint-Germain-en-Laye' },
    { field: 'type', header: 'Type', aliases: ['Type de partenaire'], required: true, example: 'Commune' },
    { field: 'siret', header: 'N° SIRET', aliases: ['SIRET'], required: true, example: '217 805 514 00019' },
    { field: 'addressLine1', header: 'Adresse', aliases: ['Adresse ligne 1'], required: true, example: '16 rue de Pontoise' },
    { field: 'addressLine2', header: "Complément d'adresse", aliases: ['Adresse ligne 2'], example: 'Hôtel de Ville' },
    { field: 'postalCode', header: 'Code postal', aliases: ['CP'], required: true, example: '78100' },
    { field: 'city', header: 'Ville', aliases: ['Commune'], required: true, example: 'Saint-Germain-en-Laye' },
    { field: 'representativeCivility', header: 'Civilité du représentant', aliases: ['Civilité'], required: true, example: 'Monsieur' },
    { field: 'representativeName', header: 'Nom du représentant', aliases: ['Représentant', 'Représentant légal'], required: true, example: 'Arnaud PÉRICARD' },
    { field: 'representativeTitle', header: 'Qualité du représentant', aliases: ['Fonction du représentant', 'Qualité'], required: true, example: 'Maire' },
    { field: 'phone', header: 'Téléphone', aliases: ['Tél', 'Tel'], example: '01 30 87 20 00' },
    { field: 'email', header: 'Courriel', aliases: ['E-mail', 'Email', 'Mail', 'Adresse électronique'], example: 'mairie@saintgermainenlaye.fr' },
  ],
  conventions: [
    { ...CONVENTION_NUMBER, field: 'number' },
    { field: 'siret', header: 'SIRET du partenaire', aliases: ['SIRET', 'N° SIRET'], required: true, example: '21780551400019' },
    { field: 'profile', header: 'Profil', aliases: ["Profil d'accès", 'Code profil'], example: 'T2' },
    { field: 'status', header: 'Statut', aliases: ['État', 'Etat'], required: true, example: 'Signée' },
    { field: 'signatoryCivility', header: 'Civilité du signataire', required: true, example: 'Monsieur' },
    { field: 'signatoryName', header: 'Nom du signataire', aliases: ['Signataire'], required: true, example: 'Arnaud PÉRICARD' },
    { field: 'signatoryTitle', header: 'Qualité du signataire', aliases: ['Fonction du signataire'], required: true, example: 'Maire' },
    { field: 'sentDate', header: "Date d'envoi", example: d('2016-02-01') },
    { field: 'partnerSignedDate', header: 'Date de signature du partenaire', example: d('2016-02-20') },
    { field: 'cafSignedDate', header: 'Date de signature de la Caf', example: d('2016-03-15') },
    { field: 'effectiveDate', header: "Date d'effet", aliases: ["Date de prise d'effet"], example: d('2016-03-15') },
    { field: 'noticeParty', header: 'Dénoncée par', example: '' },
    { field: 'noticeReceivedDate', header: 'Date de réception du préavis', example: '' },
    { field: 'endDate', header: 'Date de fin', example: '' },
    { field: 'endReason', header: 'Motif de fin', example: '' },
    { field: 'habilitationCap', header: "Plafond d'habilitations", aliases: ['Plafond'], example: 10 },
  ],
  managers: [
    CONVENTION_NUMBER,
    ...person(),
    { field: 'address', header: 'Adresse (si différente)', aliases: ['Adresse'], example: '' },
    { field: 'phone', header: 'Téléphone professionnel', aliases: ['Téléphone', 'Tél'], required: true, example: '01 30 87 20 10' },
    { field: 'fax', header: 'Fax', aliases: ['Télécopie'], example: '' },
    { field: 'email', header: 'Courriel', aliases: ['E-mail', 'Email', 'Mail', 'Adresse électronique'], required: true, example: 'h.dupont@saintgermainenlaye.fr' },
    { field: 'designationDate', header: 'Date de désignation', required: true, example: d('2016-03-20') },
    { field: 'isSignatory', header: 'Le signataire est le responsable', aliases: ['Signataire responsable'], example: 'Non' },
  ],
  habilitations: [
    { field: 'identifier', header: 'Identifiant', aliases: ['Identifiant Cafpro', 'Login'], required: true, example: 'CP78-000123' },
    CONVENTION_NUMBER,
    ...person(),
    { field: 'email', header: 'Courriel', aliases: ['E-mail', 'Email', 'Mail', 'Adresse électronique'], required: true, example: 'h.dupont@saintgermainenlaye.fr' },
    { field: 'position', header: 'Fonction', required: true, example: "Agent d'accueil" },
    { field: 'accessCode', header: "Code d'accès", aliases: ['Code bailleur', "Numéro d'instructeur"], example: '' },
    { field: 'contractType', header: 'Contrat', aliases: ['Type de contrat'], example: 'CDI' },
    { field: 'grantedDate', header: "Date d'octroi", aliases: ['Date de délivrance', "Date d'habilitation"], required: true, example: d('2016-04-01') },
    { field: 'endDate', header: 'Fin de contrat', aliases: ['Date de fin', 'Fin du CDD'], example: '' },
    { field: 'status', header: 'Statut', aliases: ['État', 'Etat'], required: true, example: 'Active' },
    { field: 'statusReason', header: 'Motif', aliases: ['Motif de révocation', 'Motif de suspension'], example: '' },
    { field: 'suspendedDate', header: 'Date de suspension', example: '' },
    { field: 'revokedDate', header: 'Date de révocation', example: '' },
    { field: 'passwordChangedDate', header: 'Dernier changement de mot de passe', example: d('2026-01-15') },
    { field: 'nextPasswordChangeDate', header: 'Prochain changement de mot de passe', example: d('2026-07-15') },
  ],
  requests: [
    CONVENTION_NUMBER,
    ...person(),
    { field: 'professionalAddress', header: 'Adresse professionnelle', aliases: ['Adresse'], required: true, example: '16 rue de Pontoise, 78100 Saint-Germain-en-Laye' },
    { field: 'phone', header: 'Téléphone', aliases: ['Téléphone professionnel', 'Tél'], required: true, example: '01 30 87 20 11' },
    { field: 'fax', header: 'Fax', aliases: ['Télécopie'], example: '' },
    { field: 'email', header: 'Courriel', aliases: ['E-mail', 'Email', 'Mail', 'Adresse électronique'], required: true, example: 'p.martin@saintgermainenlaye.fr' },
    { field: 'position', header: 'Fonction', required: true, example: 'Travailleur social' },
    { field: 'contractType', header: 'Contrat', aliases: ['Type de contrat'], required: true, example: 'CDD' },
    { field: 'contractEndDate', header: 'Fin de contrat', aliases: ['Date de fin', 'Fin du CDD'], example: d('2027-06-30') },
    { field: 'receivedDate', header: 'Date de réception', aliases: ['Reçue le'], required: true, example: d('2026-11-20') },
    { field: 'userSigned', header: "Signature de l'utilisateur", example: 'Oui' },
    { field: 'employerSigned', header: "Signature de l'employeur", example: 'Oui' },
  ],
};

/** The column a header names in a sheet of `kind` (its own header first, then the aliases), or null. */
export function columnOf(kind: ImportKind, header: string): ImportColumn | null {
  const key = headerKey(header);
  if (!key) return null;
  const columns = IMPORT_COLUMNS[kind];
  return columns.find((c) => headerKey(c.header) === key)
    ?? columns.find((c) => (c.aliases ?? []).some((a) => headerKey(a) === key)) ?? null;
}

/** The kind a sheet or file name designates (« Habilitations », « partenaires.csv »), or null. */
export function kindOfName(name: string): ImportKind | null {
  const folded = foldLabel(name);
  if (/responsable/.test(folded)) return 'managers';
  if (/demande/.test(folded)) return 'requests';
  if (/habilitation/.test(folded)) return 'habilitations';
  if (/convention/.test(folded)) return 'conventions';
  if (/partenaire/.test(folded)) return 'partners';
  return null;
}

/** The kind whose columns the headers fit best (a CSV named « export.csv »; `only`: that kind or none), or null when none fits. */
export function kindOfHeaders(headers: string[], only?: ImportKind | null): ImportKind | null {
  let best: { kind: ImportKind; score: number } | null = null;
  for (const kind of only ? [only] : IMPORT_KINDS) {
    const fields = new Set(headers.map((h) => columnOf(kind, h)?.field).filter(Boolean));
    const required = IMPORT_COLUMNS[kind].filter((c) => c.required);
    const missing = required.filter((c) => !fields.has(c.field)).length;
    const score = fields.size - 3 * missing;
    if (missing === 0 && (!best || score > best.score)) best = { kind, score };
  }
  return best?.kind ?? null;
}
