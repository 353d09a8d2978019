// Reference data the back-office needs in every database, production included: the access profiles
// (DOMAIN.md « AccessProfile ») and the one Settings row (DOMAIN.md « Settings »: « Settings are
// data », STYLE.md habit 8). Idempotent: a profile is inserted only when its code is missing and the
// Settings row only when the table is empty, so what the Administrateur edited is never overwritten.
import type { BaseEntity, EntityManager } from 'typeorm';
import { AccessProfile } from '../entities/access-profile.entity.js';
import { Settings } from '../entities/settings.entity.js';

type ProfileSeed = Pick<
  AccessProfile,
  'code' | 'label' | 'dataCategories' | 'needsAccessCode' | 'accessCodeLabel' | 'dataSharingAnnex' | 'conventionKind' | 'active'
>;

// Format of dataCategories (read by src/documents/convention.pdf.ts): a plain line is a paragraph,
// a line starting with « - » is a list item.

/** « Profil T2 », verbatim from the Yvelines convention annex (cafpro-convention-and-forms.txt). */
const T2_CATEGORIES = [
  "Catégories d'informations accessibles par les prestataires de services sociaux bénéficiaires de crédits d'action sociale Caf, pour le calcul des participations des familles",
  "- Numéro d'allocataire",
  "- Nom et prénom de l'allocataire / du conjoint, indication du responsable du dossier",
  '- Rubrique « QF Cnaf »',
  '- Montant du quotient familial national (historique de 24 mois), date de calcul, nombre de parts',
  '- Régime de protection sociale (général ou particulier)',
  '- Ressources annuelles à prendre en compte pour la prestation de service unique « petite enfance »',
  "- Nombre d'enfants à charge au sens des prestations familiales",
  '- Rubrique « Enfants et autres personnes »',
  '- Enfants / autres personnes à charge au sens des prestations familiales, du logement, du Rmi/Rsa : nom, prénom, date naissance',
  '- Rubrique « Adresse » : adresse postale du dossier',
  '- Rubrique « Dialogue »',
].join('\n');

// TO BE CHECKED against the Cnaf regulatory act n° 519628 (articles 2 and 3), which fixes the
// categories of each profile: the T1 and T3 texts below are plausible drafts written after the T2
// annex, not the regulatory wording. Until checked, the Administrateur may correct them in the
// back-office (this file never overwrites an existing profile).
const T1_CATEGORIES = [
  "Catégories d'informations accessibles par les travailleurs sociaux des collectivités territoriales et des organismes chargés de l'accompagnement social des familles",
  "- Numéro d'allocataire",
  "- Nom, prénom et date de naissance de l'allocataire / du conjoint, indication du responsable du dossier",
  '- Rubrique « Adresse » : adresse postale du dossier',
  '- Rubrique « Enfants et autres personnes » : enfants / autres personnes à charge au sens des prestations familiales, du logement, du Rsa : nom, prénom, date naissance',
  '- Rubrique « Situation » : situation familiale et professionnelle déclarée',
  '- Rubrique « Ressources » : ressources prises en compte pour le calcul des droits',
  '- Rubrique « Paiements » : nature, montant et période des prestations versées, bénéficiaire du paiement',
  '- Rubrique « QF Cnaf » : montant du quotient familial national, date de calcul, nombre de parts',
  '- Rubrique « Créances » : indus et retenues en cours',
  '- Rubrique « Dialogue »',
].join('\n');

// TO BE CHECKED against the Cnaf regulatory act n° 519628 (see T1).
const T3_CATEGORIES = [
  "Catégories d'informations accessibles par les services sociaux instruisant les aides sociales facultatives (CCAS, CIAS, associations agréées)",
  "- Numéro d'allocataire",
  "- Nom et prénom de l'allocataire / du conjoint, indication du responsable du dossier",
  '- Rubrique « Adresse » : adresse postale du dossier',
  '- Rubrique « Enfants et autres personnes » : nom, prénom, date naissance',
  '- Rubrique « Droits » : prestations ouvertes et montants versés sur les douze derniers mois',
  '- Rubrique « QF Cnaf » : montant du quotient familial national, date de calcul',
  '- Rubrique « Dialogue »',
].join('\n');

// Social landlords: the extra « code bailleur » limits the consultation to the tenants of their own
// housing stock (cafpro-service-overview.txt: « un bailleur social accède uniquement aux données des
// allocataires occupant les logements de son parc »). Code T5 as in the document tests
// (test/unit/documents/document-factory.ts); TO BE CHECKED against the regulatory act n° 519628.
const T5_CATEGORIES = [
  "Catégories d'informations accessibles par les bailleurs sociaux, pour les allocataires occupant un logement de leur parc",
  "- Numéro d'allocataire",
  "- Nom et prénom de l'allocataire / du conjoint",
  '- Rubrique « Logement » : adresse du logement, montant de l\'aide au logement versée en tiers payant, période de droit',
  "- Rubrique « Enfants et autres personnes » : nombre de personnes à charge au sens du logement",
  '- Rubrique « Dialogue »',
].join('\n');

// Data provision (data-provision-convention.txt, art. 1): here the partner supplies the data to the
// Caf (assistants maternels agréés published on « mon-enfant.fr »); no consultation of allocataires'
// files, hence no « partage des données » annex, and three months' notice (art. 3).
const MAD_CATEGORIES = [
  'Données mises à disposition de la Caf par le fournisseur de données, concernant les assistant(e)s maternel(le)s agréé(e)s ayant suivi les formations obligatoires et donné leur accord (site « mon-enfant.fr ») :',
  '- le nom',
  '- le prénom',
  "- l'adresse physique",
  '- le numéro de téléphone',
  'Mise à jour au minimum une fois par mois, par remplacement du fichier précédent (art. 4).',
].join('\n');

const PROFILES: ProfileSeed[] = [
  {
    code: 'T1',
    label: 'Travailleurs sociaux – accompagnement social des familles',
    dataCategories: T1_CATEGORIES,
    needsAccessCode: false,
    accessCodeLabel: null,
    dataSharingAnnex: true,
    conventionKind: 'cafpro',
    active: true,
  },
  {
    code: 'T2',
    label: 'Prestataires de services sociaux – calcul des participations des familles',
    dataCategories: T2_CATEGORIES,
    needsAccessCode: false,
    accessCodeLabel: null,
    dataSharingAnnex: true,
    conventionKind: 'cafpro',
    active: true,
  },
  {
    code: 'T3',
    label: 'Services sociaux – instruction des aides facultatives',
    dataCategories: T3_CATEGORIES,
    needsAccessCode: false,
    accessCodeLabel: null,
    dataSharingAnnex: true,
    conventionKind: 'cafpro',
    active: true,
  },
  {
    code: 'T5',
    label: "Bailleurs sociaux – tiers payant de l'aide au logement",
    dataCategories: T5_CATEGORIES,
    needsAccessCode: true,
    accessCodeLabel: 'Code bailleur',
    dataSharingAnnex: false,
    conventionKind: 'cafpro',
    active: true,
  },
  {
    code: 'MAD',
    label: 'Mise à disposition de données – assistants maternels agréés (mon-enfant.fr)',
    dataCategories: MAD_CATEGORIES,
    needsAccessCode: false,
    accessCodeLabel: null,
    dataSharingAnnex: false,
    conventionKind: 'data-provision',
    active: true,
  },
];

/** « seed 002 »: the Caf des Yvelines, as printed on its Cafpro convention and cover letter. */
const SETTINGS: Omit<Settings, 'id' | 'updatedAt' | keyof BaseEntity> = {
  cafName: 'Caf des Yvelines',
  addressLine1: '2 avenue des Prés',
  addressLine2: 'BP 17',
  postalCode: '78184',
  city: 'Saint-Quentin-en-Yvelines Cedex',
  website: 'www.caf.fr',
  directorCivility: 'Madame',
  directorName: 'Elodie CLAIR',
  directorTitle: 'Directeur général',
  delegateName: null,
  delegateTitle: null,
  contactName: 'Laurence Descombes',
  contactPhone: '01 30 64 37 25',
  contactEmail: 'cafpro.cafyvelines@caf.cnafmail.fr',
  departmentCode: '78',
  numberSuffix: 'AS',
  renewalLeadDays: 90,
  passwordPeriodDays: 90,
  traceRetentionMonths: 6,
  passwordNoticeDays: 15,
  incompleteReminderDays: 30,
  incompleteClosureDays: 90,
  contractEndNoticeDays: '14,1',
  recertificationReminderDays: '30,7',
  doubleCheck: false,
  sentEmailRetentionMonths: 12,
  decisionRetentionYears: 5,
};

/**
 * Inserts the missing access profiles (by code) and the Settings row when there is none.
 * Safe when two instances start together: the profile insert ignores a code inserted meanwhile
 * (unique index), and the Settings row is inserted with id 1, so a second insert is ignored too.
 */
export async function ensureReferenceData(manager: EntityManager): Promise<void> {
  const existing = new Set((await manager.find(AccessProfile, { select: { code: true } })).map((p) => p.code));
  for (const profile of PROFILES) {
    if (existing.has(profile.code)) continue;
    await manager.createQueryBuilder().insert().into(AccessProfile).values(profile).orIgnore().execute();
  }
  if ((await manager.count(Settings)) === 0) {
    await manager.createQueryBuilder().insert().into(Settings).values({ id: 1, ...SETTINGS }).orIgnore().execute();
  }
}
