// Realistic French data for the document tests, one call per document kind; overrides replace
// whole top-level properties (`{ partner: { ...aPartner(), name: '…' } }`).
import type {
  AccessProfileData,
  AccessRequestFormData,
  CafLetterhead,
  ConventionData,
  ConventionDocumentData,
  CoverLetterData,
  HabilitationLetterData,
  IncompleteFollowUpLetterData,
  ManagerDesignationFormData,
  PartnerData,
  RenewalHabilitationRow,
  RenewalNoticeData,
  SuppressionRequestFormData,
  TerminationLetterData,
} from '../../../src/documents/document-data.js';
import type { DocumentDataByKind, DocumentKind } from '../../../src/documents/index.js';

export function aCaf(overrides: Partial<CafLetterhead> = {}): CafLetterhead {
  return {
    cafName: 'Caf des Yvelines',
    addressLines: ['2 avenue des Prés', 'BP 17', '78184 Saint-Quentin-en-Yvelines Cedex'],
    website: 'www.caf.fr',
    directorCivility: 'Madame',
    directorName: 'Elodie CLAIR',
    directorTitle: 'Directeur général',
    serviceContact: { name: 'François Lefèvre', phone: '01 30 64 37 25', email: 'cafpro.cafyvelines@caf.cnafmail.fr' },
    city: 'Saint-Quentin-en-Yvelines',
    ...overrides,
  };
}

export const T2_DESCRIPTION = [
  'Catégories d’informations accessibles par les prestataires de services sociaux bénéficiaires de crédits d’action sociale Caf, pour le calcul des participations des familles',
  '- Numéro d’allocataire',
  '- Nom et prénom de l’allocataire / du conjoint, indication du responsable du dossier',
  '- Rubrique « QF Cnaf » : montant du quotient familial national (historique de 24 mois), date de calcul, nombre de parts',
  '- Régime de protection sociale (général ou particulier)',
  '- Ressources annuelles à prendre en compte pour la prestation de service unique « petite enfance »',
  '- Nombre d’enfants à charge au sens des prestations familiales',
  '- Rubrique « Enfants et autres personnes » : enfants / autres personnes à charge au sens des prestations familiales, du logement, du Rmi/Rsa : nom, prénom, date naissance',
  '- Rubrique « Adresse » : adresse postale du dossier',
  '- Rubrique « Dialogue »',
].join('\n');

export function aT2Profile(overrides: Partial<AccessProfileData> = {}): AccessProfileData {
  return {
    code: 'T2',
    label: 'Prestataires de services sociaux – calcul des participations des familles',
    description: T2_DESCRIPTION,
    needsAccessCode: false,
    dataSharingAnnex: true,
    ...overrides,
  };
}

/** A social landlord profile: extra access code, no « partage des données » annex. */
export function aT5Profile(overrides: Partial<AccessProfileData> = {}): AccessProfileData {
  return {
    code: 'T5',
    label: 'Bailleurs sociaux – tiers payant de l’aide au logement',
    description: [
      'Catégories d’informations accessibles par les bailleurs sociaux pour les allocataires occupant un logement de leur parc',
      '- Numéro d’allocataire',
      '- Nom et prénom de l’allocataire',
      '- Rubrique « Logement » : montant de l’aide au logement versée en tiers payant',
    ].join('\n'),
    needsAccessCode: true,
    accessCodeLabel: 'Code bailleur',
    dataSharingAnnex: false,
    ...overrides,
  };
}

/** The profile of a data-provision convention, as seeded (src/db/reference-data.ts « MAD »). */
export function aMadProfile(overrides: Partial<AccessProfileData> = {}): AccessProfileData {
  return {
    code: 'MAD',
    label: 'Mise à disposition de données – assistants maternels agréés (mon-enfant.fr)',
    description: [
      'Données mises à disposition de la Caf par le fournisseur de données, concernant les assistant(e)s maternel(le)s agréé(e)s (site « mon-enfant.fr ») :',
      '- le nom',
      '- le prénom',
      '- l’adresse physique',
      '- le numéro de téléphone',
      'Mise à jour au minimum une fois par mois, par remplacement du fichier précédent (art. 4).',
    ].join('\n'),
    needsAccessCode: false,
    dataSharingAnnex: false,
    ...overrides,
  };
}

export function aPartner(overrides: Partial<PartnerData> = {}): PartnerData {
  return {
    name: 'Ville de Saint-Germain-en-Laye',
    typeLabel: 'Commune',
    siret: '21780551100013',
    addressLines: ['Hôtel de Ville', '16 rue du Sacré-Cœur', '78100 Saint-Germain-en-Laye'],
    representative: { civility: 'Madame', fullName: 'Françoise LECŒUR', title: 'Maire' },
    phone: '01 30 87 20 00',
    email: 'accueil@saintgermainenlaye.fr',
    ...overrides,
  };
}

export function aConvention(overrides: Partial<ConventionData> = {}): ConventionData {
  return {
    number: '78/2016/0042AS – T2',
    kind: 'cafpro',
    profile: aT2Profile(),
    sentOn: '2016-03-01',
    signedOn: '2016-03-21',
    effectiveOn: '2016-03-21',
    nextAnniversary: '2027-03-21',
    lastNoticeDay: '2027-01-21',
    ...overrides,
  };
}

/** The département, « fournisseur de données » of a data-provision convention. */
export function aDataProvider(overrides: Partial<PartnerData> = {}): PartnerData {
  return aPartner({
    name: 'Conseil départemental des Yvelines',
    typeLabel: 'Conseil départemental',
    siret: '22780001900016',
    addressLines: ['2 place André Mignot', '78012 Versailles Cedex'],
    representative: { civility: 'Monsieur', fullName: 'Pierre BÉDIER', title: 'Président' },
    phone: '01 39 07 78 78',
    email: 'pmi@yvelines.fr',
    ...overrides,
  });
}

/** A data-provision convention (three months’ notice, art. 3): anniversary 21 March 2027, last day 21 December 2026. */
export function aDataProvisionConvention(overrides: Partial<ConventionData> = {}): ConventionData {
  return aConvention({ number: '78/2026/0003AS – MAD', kind: 'data-provision', profile: aMadProfile(), lastNoticeDay: '2026-12-21', ...overrides });
}

const base = {
  date: '2026-11-23',
  generatedAt: '2026-11-23T09:15:00.000Z',
};

export function aCoverLetter(overrides: Partial<CoverLetterData> = {}): CoverLetterData {
  return {
    ...base,
    caf: aCaf(),
    reference: 'CE-2026-000017',
    registerNumber: '2026-000045',
    partner: aPartner(),
    convention: aConvention(),
    ...overrides,
  };
}

export function aConventionDocument(overrides: Partial<ConventionDocumentData> = {}): ConventionDocumentData {
  return {
    ...base,
    caf: aCaf(),
    reference: 'CV-2026-000042',
    partner: aPartner(),
    convention: aConvention(),
    ...overrides,
  };
}

export function anAccessRequestForm(overrides: Partial<AccessRequestFormData> = {}): AccessRequestFormData {
  return {
    ...base,
    caf: aCaf(),
    reference: 'DA-2026-000123',
    partner: aPartner(),
    convention: aConvention(),
    ...overrides,
  };
}

export function aManagerDesignationForm(overrides: Partial<ManagerDesignationFormData> = {}): ManagerDesignationFormData {
  return {
    ...base,
    caf: aCaf(),
    reference: 'RH-2026-000031',
    partner: aPartner(),
    convention: aConvention(),
    ...overrides,
  };
}

export function aSuppressionRequestForm(overrides: Partial<SuppressionRequestFormData> = {}): SuppressionRequestFormData {
  return {
    ...base,
    caf: aCaf(),
    reference: 'DS-2026-000007',
    partner: aPartner(),
    convention: aConvention(),
    ...overrides,
  };
}

const LAST_NAMES = ['MARTIN', 'BERNARD', 'THOMAS', 'PETIT', 'ROBERT', 'RICHARD', 'DURAND', 'DUBOIS', 'MOREAU', 'LAURENT', 'LEFÈVRE', 'GARÇON', 'NOËL', 'D’ALMEIDA'];
const FIRST_NAMES = ['Hélène', 'Jérôme', 'Cécile', 'François', 'Zoé', 'Maël', 'Anaïs', 'Gaëlle', 'Benoît', 'Léa'];
const FUNCTIONS = ['Agent d’accueil', 'Instructrice RSA', 'Travailleur social', 'Responsable du pôle famille', 'Gestionnaire régie périscolaire'];

export function habilitationRows(count: number): RenewalHabilitationRow[] {
  return Array.from({ length: count }, (_, i) => ({
    lastName: `${LAST_NAMES[i % LAST_NAMES.length]}${i >= LAST_NAMES.length ? `-${Math.floor(i / LAST_NAMES.length)}` : ''}`,
    firstName: FIRST_NAMES[i % FIRST_NAMES.length]!,
    function: FUNCTIONS[i % FUNCTIONS.length]!,
    identifier: `CP78${String(1000 + i).padStart(6, '0')}`,
    grantedOn: `20${String(17 + (i % 9)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
  }));
}

export function aRenewalNotice(count = 3, overrides: Partial<RenewalNoticeData> = {}): RenewalNoticeData {
  return {
    ...base,
    caf: aCaf(),
    reference: 'AR-2026-000211',
    registerNumber: '2026-000046',
    partner: aPartner(),
    convention: { ...aConvention(), nextAnniversary: '2027-03-21', lastNoticeDay: '2027-01-21' },
    following: { anniversary: '2028-03-21', lastNoticeDay: '2028-01-21' },
    habilitations: habilitationRows(count),
    ...overrides,
  };
}

export function aHabilitationLetter(overrides: Partial<HabilitationLetterData> = {}): HabilitationLetterData {
  return {
    ...base,
    caf: aCaf(),
    reference: 'NH-2026-000098',
    registerNumber: '2026-000047',
    partner: aPartner(),
    convention: aConvention(),
    user: { civility: 'Madame', firstName: 'Hélène', lastName: 'GARÇON', function: 'Agent d’accueil' },
    habilitation: { identifier: 'CP78000451', grantedOn: '2026-11-20', contract: 'CDI' },
    ...overrides,
  };
}

export function aTerminationLetter(overrides: Partial<TerminationLetterData> = {}): TerminationLetterData {
  return {
    ...base,
    caf: aCaf(),
    reference: 'FC-2026-000004',
    registerNumber: '2026-000048',
    partner: aPartner(),
    convention: aConvention(),
    termination: {
      kind: 'denonciation',
      initiatedBy: 'partner',
      noticeOn: '2026-11-12',
      endsOn: '2027-03-21',
      reason: 'Réorganisation des services : l’accueil des familles est transféré au CCAS.',
    },
    activeHabilitationCount: 7,
    ...overrides,
  };
}

export function anIncompleteFollowUpLetter<S extends IncompleteFollowUpLetterData['step']>(
  step: S, overrides: Partial<IncompleteFollowUpLetterData> = {},
): IncompleteFollowUpLetterData & { step: S } {
  return {
    ...base,
    caf: aCaf(),
    reference: '2026-000051',
    registerNumber: '2026-000051',
    step,
    partner: aPartner(),
    convention: aConvention(),
    responsable: { civility: 'Monsieur', firstName: 'Gaëtan', lastName: 'LŒUVRE' },
    applicant: { civility: 'Madame', firstName: 'Thị Lan', lastName: 'Nguyễn', position: 'Conseillère en économie sociale et familiale' },
    formReference: 'DA-2026-000123',
    receivedOn: '2026-09-28',
    incompleteSince: '2026-10-01',
    reason: 'Signature manquante – Signature de l’employeur absente',
    closureOn: '2026-12-30',
    ...overrides,
  } as IncompleteFollowUpLetterData & { step: S };
}

/** One sample of each kind of document. */
export const SAMPLES: { [K in DocumentKind]: () => DocumentDataByKind[K] } = {
  'cover-letter': () => aCoverLetter(),
  convention: () => aConventionDocument(),
  'access-request-form': () => anAccessRequestForm(),
  'manager-designation-form': () => aManagerDesignationForm(),
  'suppression-request-form': () => aSuppressionRequestForm(),
  'renewal-notice': () => aRenewalNotice(3),
  'habilitation-letter': () => aHabilitationLetter(),
  'termination-letter': () => aTerminationLetter(),
  'incomplete-reminder-letter': () => anIncompleteFollowUpLetter('reminder'),
  'incomplete-closure-letter': () => anIncompleteFollowUpLetter('closure', { reference: '2026-000090', registerNumber: '2026-000090' }),
};
