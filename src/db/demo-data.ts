// Demo data: a realistic, internally consistent Caf des Yvelines back-office (partners, conventions in
// every state, responsables habilitations, access requests, habilitations, suppression requests), with
// one staff account per role. Loaded only into an empty database (no StaffUser and no Partner), in one
// transaction. Every date is computed from `today`, so the demo looks alive whatever the day.
//
// Sequence counters (src/entities/sequence-counter.entity.ts) are left in step with the rows inserted,
// so that the back-office continues after the demo data and never reuses a number:
//   'convention:{année}'  last sequence of the convention numbers of that year
//                         (e.g. 'convention:2026' = 3 after '78/2026/0003AS – T2');
//   'habilitation'        last sequence of the habilitation identifiers (CP78-000026 → 26).
//
// Rules followed (DOMAIN.md): a signed convention is effective on the Caf's signature date; a
// dénonciation ends it at an anniversary (convention.rules.ts terminationSchedule), a résiliation
// (art. 4) on the chosen date, and every habilitation under an ended convention is revoked that day;
// one current responsable habilitations per signed convention, superseded designations keep their
// history; an approved access request is linked to the habilitation it created. Habilitations granted
// more than a year ago have no access request: they were taken over from the former spreadsheets.
// Emails use the reserved « .example » domain (RFC 2606): the outbox can never reach a real mailbox.
import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../auth/password.js';
import { formatConventionNumber, terminationSchedule } from '../domain/convention/convention.rules.js';
import type { ContractType } from '../domain/access-request/access-request.checks.js';
import type { IncompleteReasonCode } from '../domain/access-request/access-request.workflow.js';
import type { ConventionState } from '../domain/convention/convention.workflow.js';
import { formatHabilitationIdentifier, type RevocationReasonCode } from '../domain/habilitation/habilitation.workflow.js';
import { addDays, addYears, compareDates, formatFrenchDate, isAfter, isBefore, isIsoDate, type IsoDate } from '../domain/shared/dates.js';
import { foldName } from '../domain/shared/normalize.js';
import { AccessProfile } from '../entities/access-profile.entity.js';
import { ReasonTemplate } from '../entities/reason-template.entity.js';
import { AccessRequest } from '../entities/access-request.entity.js';
import { Convention } from '../entities/convention.entity.js';
import { HabilitationManager } from '../entities/habilitation-manager.entity.js';
import { Habilitation } from '../entities/habilitation.entity.js';
import { Partner, type Civility, type PartnerType } from '../entities/partner.entity.js';
import { SequenceCounter } from '../entities/sequence-counter.entity.js';
import { Settings } from '../entities/settings.entity.js';
import { StaffUser } from '../entities/staff-user.entity.js';
import { SuppressionRequest } from '../entities/suppression-request.entity.js';
import type { StaffRole } from '../policies/roles.js';
import { ensureReferenceData } from './reference-data.js';

export interface DemoDataResult {
  loaded: boolean;
  logins: Array<{ role: StaffRole; email: string }>;
}

// --- Staff ------------------------------------------------------------------------------------

const STAFF: Array<{ role: StaffRole; email: string; name: string }> = [
  { role: 'administrateur', email: 'admin@demo.caf.fr', name: 'Claire Dumoulin' },
  // The service contact printed on the letters (Settings, seed 002) records the paper that arrives.
  { role: 'gestionnaire-conventions', email: 'conventions@demo.caf.fr', name: 'Laurence Descombes' },
  { role: 'gestionnaire-habilitations', email: 'habilitations@demo.caf.fr', name: 'François Lemaître' },
  { role: 'directeur', email: 'directeur@demo.caf.fr', name: 'Elodie Clair' },
  { role: 'consultation', email: 'consultation@demo.caf.fr', name: 'Gaëlle Rousseau' },
];

/** The demo login of each role (printed at start). */
export const DEMO_LOGINS = Object.fromEntries(STAFF.map((s) => [s.role, s.email])) as Record<StaffRole, string>;

// --- SIRET ------------------------------------------------------------------------------------

/** The digit that makes `body + digit` pass the Luhn check (the key of SIREN and SIRET numbers). */
function luhnKey(body: string): string {
  if (!/^\d+$/.test(body)) throw new RangeError(`Chiffres attendus : « ${body} ».`);
  let sum = 0;
  // Once the key is appended, the body's last digit is second from the right: it is doubled.
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return String((10 - (sum % 10)) % 10);
}

/** A fictitious SIRET: SIREN (8 digits + key) then NIC (4 digits + key), both Luhn-valid like real ones. */
function siret(sirenBody: string, nicBody: string): string {
  const siren = sirenBody + luhnKey(sirenBody);
  return siren + nicBody + luhnKey(siren + nicBody);
}

// --- Plan ---------------------------------------------------------------------------------------

interface Person {
  civility: Civility;
  firstName: string;
  lastName: string;
  position: string;
}

interface PartnerSeed {
  key: string;
  name: string;
  type: PartnerType;
  siret: string;
  addressLine1: string;
  addressLine2: string | null;
  postalCode: string;
  city: string;
  representative: { civility: Civility; name: string; title: string };
  phone: string;
  email: string;
  /** Mail domain of the partner's agents. */
  domain: string;
}

interface ConventionSeed {
  key: string;
  partner: string;
  profile: string;
  status: ConventionState;
  created: IsoDate;
  sent?: IsoDate;
  partnerSigned?: IsoDate;
  cafSigned?: IsoDate;
  notice?: { party: 'caf' | 'partenaire'; received: IsoDate; reason: string };
  resiliation?: { endDate: IsoDate; reason: string };
  cap?: number;
}

interface ManagerSeed {
  convention: string;
  person: Person;
  designated: IsoDate;
  superseded?: IsoDate;
  isSignatory?: boolean;
  address?: string;
  fax?: boolean;
}

interface RequestHistory {
  received: IsoDate;
  incomplete?: { reason: IncompleteReasonCode; details: string | null; since: IsoDate; complementReceived: IsoDate };
}

interface HabilitationSeed {
  key: string;
  convention: string;
  person: Person;
  granted: IsoDate;
  cddEnd?: IsoDate;
  /** The approved demande d'accès that created it (decided on the grant date). */
  request?: RequestHistory;
  suspended?: { on: IsoDate; details: string };
  revoked?: { on: IsoDate; reason: RevocationReasonCode; details?: string };
  accessCode?: string;
  /** Reissue after loss or theft: key of the revoked habilitation it replaces. */
  replaces?: string;
}

interface PendingRequestSeed {
  convention: string;
  person: Person;
  contract: ContractType;
  contractEnd: IsoDate | null;
  received: IsoDate;
  userSigned: boolean;
  employerSigned: boolean;
  status: 'recue' | 'incomplete' | 'refusee';
  incomplete?: { reason: IncompleteReasonCode; details: string | null; since: IsoDate };
  refusal?: { on: IsoDate; reason: string };
}

interface SuppressionSeed {
  habilitation: string;
  received: IsoDate;
  effective: IsoDate;
  employerSigned: boolean;
  status: 'recue' | 'traitee' | 'rejetee';
  decided?: IsoDate;
  rejection?: string;
}

interface DemoPlan {
  partners: PartnerSeed[];
  conventions: ConventionSeed[];
  managers: ManagerSeed[];
  habilitations: HabilitationSeed[];
  requests: PendingRequestSeed[];
  suppressions: SuppressionSeed[];
  /** Date of the last password change campaign. */
  lastPasswordChange: IsoDate;
}

const person = (civility: Civility, firstName: string, lastName: string, position: string): Person => ({ civility, firstName, lastName, position });

/** The usual dates of a convention signed on `effective`: drafted, sent, signed by the partner, signed by the Caf. */
function signedOn(effective: IsoDate): Pick<ConventionSeed, 'created' | 'sent' | 'partnerSigned' | 'cafSigned'> {
  return { created: addDays(effective, -40), sent: addDays(effective, -33), partnerSigned: addDays(effective, -12), cafSigned: effective };
}

function demoPlan(today: IsoDate): DemoPlan {
  const day = (n: number) => addDays(today, n);
  const yearsAgo = (years: number, days = 0) => addDays(addYears(today, -years), days);

  // Effective dates, chosen so that the renewal notices of Saint-Germain-en-Laye, of the crèche
  // « Les Lutins », of Trappes and of the data provision are due with the 90-day lead time (Settings:
  // days before the last day to denounce; past already for some, as after a first start).
  const eff = {
    sgl: yearsAgo(3, 45),
    ccasv: yearsAgo(1, -120),
    cd78: yearsAgo(2, -200),
    cd78mad: day(-300),
    bailleur: yearsAgo(1, -60),
    trappes: yearsAgo(4, 100),
    poissy: yearsAgo(2, -150),
    sqy: day(-75),
    lutins: yearsAgo(2, 30),
  };

  const partners: PartnerSeed[] = [
    {
      key: 'sgl', name: 'Ville de Saint-Germain-en-Laye', type: 'commune', siret: siret('21789121', '0001'),
      addressLine1: 'Hôtel de Ville', addressLine2: '16 rue de Pontoise', postalCode: '78100', city: 'Saint-Germain-en-Laye',
      representative: { civility: 'Madame', name: 'Françoise LECŒUR', title: 'Maire' },
      phone: '01 39 73 52 10', email: 'mairie@saint-germain-en-laye.example', domain: 'saint-germain-en-laye.example',
    },
    {
      key: 'ccasv', name: 'CCAS de Versailles', type: 'ccas-cias', siret: siret('26780931', '0001'),
      addressLine1: '6 impasse des Gendarmes', addressLine2: null, postalCode: '78000', city: 'Versailles',
      representative: { civility: 'Madame', name: 'Marie-Hélène BESNARD', title: 'Vice-présidente du CCAS' },
      phone: '01 39 24 88 40', email: 'ccas@versailles.example', domain: 'versailles.example',
    },
    {
      key: 'cd78', name: 'Conseil départemental des Yvelines', type: 'conseil-departemental', siret: siret('22789073', '0001'),
      addressLine1: 'Hôtel du Département', addressLine2: '2 place André-Mignot', postalCode: '78000', city: 'Versailles',
      representative: { civility: 'Monsieur', name: 'Jean-Baptiste MERCIER', title: 'Président du Conseil départemental' },
      phone: '01 39 07 74 52', email: 'solidarites@yvelines.example', domain: 'yvelines.example',
    },
    {
      key: 'bailleur', name: 'Les Résidences Seine-et-Yvelines', type: 'bailleur-social', siret: siret('57214863', '0002'),
      addressLine1: '8 rue de Lorraine', addressLine2: null, postalCode: '78200', city: 'Mantes-la-Jolie',
      representative: { civility: 'Madame', name: 'Nathalie BERTHIER', title: 'Directrice générale' },
      phone: '01 39 29 61 15', email: 'gestion-locative@residences-seine-yvelines.example', domain: 'residences-seine-yvelines.example',
    },
    {
      key: 'asso', name: 'Association Entraide Familles du Mantois', type: 'association', siret: siret('41938276', '0003'),
      addressLine1: '12 rue Maurice-Braunstein', addressLine2: null, postalCode: '78200', city: 'Mantes-la-Jolie',
      representative: { civility: 'Monsieur', name: 'Benoît GARNIER', title: 'Président' },
      phone: '01 39 94 27 63', email: 'contact@entraide-familles-mantois.example', domain: 'entraide-familles-mantois.example',
    },
    {
      key: 'mousses', name: 'Multi-accueil « Les Petits Mousses »', type: 'etablissement-accueil', siret: siret('79482315', '0001'),
      addressLine1: '3 rue Gambetta', addressLine2: null, postalCode: '78120', city: 'Rambouillet',
      representative: { civility: 'Madame', name: 'Cécile PRÉVOST', title: 'Directrice' },
      phone: '01 39 41 08 72', email: 'direction@petits-mousses-rambouillet.example', domain: 'petits-mousses-rambouillet.example',
    },
    {
      key: 'trappes', name: 'Ville de Trappes', type: 'commune', siret: siret('21789342', '0001'),
      addressLine1: 'Hôtel de Ville', addressLine2: '1 place de la République', postalCode: '78190', city: 'Trappes',
      representative: { civility: 'Monsieur', name: 'Karim BENSALEM', title: 'Maire' },
      phone: '01 39 69 11 40', email: 'mairie@ville-trappes.example', domain: 'ville-trappes.example',
    },
    {
      key: 'poissy', name: 'CCAS de Poissy', type: 'ccas-cias', siret: siret('26781442', '0001'),
      addressLine1: '9 boulevard Devaux', addressLine2: null, postalCode: '78300', city: 'Poissy',
      representative: { civility: 'Madame', name: 'Sylvie MOREL', title: 'Vice-présidente du CCAS' },
      phone: '01 39 22 54 30', email: 'ccas@ville-poissy.example', domain: 'ville-poissy.example',
    },
    {
      key: 'sqy', name: "Communauté d'agglomération de Saint-Quentin-en-Yvelines", type: 'autre', siret: siret('20009871', '0001'),
      addressLine1: '1 rue Eugène-Hénaff', addressLine2: 'BP 10118', postalCode: '78192', city: 'Trappes Cedex',
      representative: { civility: 'Monsieur', name: 'Olivier LACROIX', title: 'Président' },
      phone: '01 39 44 80 80', email: 'petite-enfance@sqy.example', domain: 'sqy.example',
    },
    {
      key: 'lutins', name: 'Crèche parentale « Les Lutins »', type: 'etablissement-accueil', siret: siret('81264037', '0001'),
      addressLine1: '27 avenue Jean-Jaurès', addressLine2: null, postalCode: '78500', city: 'Sartrouville',
      representative: { civility: 'Madame', name: 'Gaëlle TESSIER', title: "Présidente de l'association gestionnaire" },
      phone: '01 39 15 62 48', email: 'bureau@creche-les-lutins.example', domain: 'creche-les-lutins.example',
    },
  ];

  const conventions: ConventionSeed[] = [
    { key: 'sgl', partner: 'sgl', profile: 'T2', status: 'signee', ...signedOn(eff.sgl) },
    { key: 'ccasv', partner: 'ccasv', profile: 'T3', status: 'signee', ...signedOn(eff.ccasv), cap: 6 },
    { key: 'cd78', partner: 'cd78', profile: 'T1', status: 'signee', ...signedOn(eff.cd78) },
    { key: 'cd78mad', partner: 'cd78', profile: 'MAD', status: 'signee', ...signedOn(eff.cd78mad) },
    { key: 'bailleur', partner: 'bailleur', profile: 'T5', status: 'signee', ...signedOn(eff.bailleur), cap: 10 },
    { key: 'asso', partner: 'asso', profile: 'T3', status: 'envoyee', created: day(-30), sent: day(-21) },
    { key: 'mousses', partner: 'mousses', profile: 'T2', status: 'brouillon', created: day(-5) },
    {
      key: 'trappes', partner: 'trappes', profile: 'T2', status: 'denoncee', ...signedOn(eff.trappes),
      notice: {
        party: 'partenaire',
        received: day(-20),
        reason: "Transfert de la compétence petite enfance à la Communauté d'agglomération de Saint-Quentin-en-Yvelines : la facturation des familles n'est plus assurée par la Ville.",
      },
    },
    {
      key: 'poissy', partner: 'poissy', profile: 'T1', status: 'resiliee', ...signedOn(eff.poissy),
      resiliation: {
        endDate: day(-45),
        reason: "Article 4 : non-respect des obligations de la convention. Le contrôle des traces de connexion a révélé des consultations de dossiers sans lien avec l'accompagnement social, malgré le rappel adressé au partenaire.",
      },
    },
    { key: 'sqy', partner: 'sqy', profile: 'T2', status: 'signee', ...signedOn(eff.sqy) },
    { key: 'lutins', partner: 'lutins', profile: 'T2', status: 'signee', ...signedOn(eff.lutins) },
  ];

  // The designation form comes back with the signed convention: dated the partner's signature.
  const designatedWith = (key: keyof typeof eff) => addDays(eff[key], -12);
  const managers: ManagerSeed[] = [
    { convention: 'sgl', person: person('Madame', 'Catherine', 'Fournier', 'Directrice de la famille et de la petite enfance'), designated: designatedWith('sgl'), superseded: day(-200) },
    { convention: 'sgl', person: person('Monsieur', 'François', 'Perrin', 'Directeur de la famille et de la petite enfance'), designated: day(-200), fax: true },
    { convention: 'ccasv', person: person('Madame', 'Agnès', 'Vidal', 'Responsable du service action sociale'), designated: designatedWith('ccasv') },
    { convention: 'cd78', person: person('Madame', 'Valérie', 'Dupuis', "Cheffe du service des systèmes d'information sociaux"), designated: designatedWith('cd78'), superseded: addDays(eff.cd78, 300) },
    {
      convention: 'cd78', person: person('Monsieur', 'Stéphane', 'Renaud', "Chef du service des systèmes d'information sociaux"), designated: addDays(eff.cd78, 300),
      address: 'Immeuble Le Verdier, 19 avenue de Saint-Cloud, 78000 Versailles',
    },
    // cd78mad: a data-provision convention has no responsable habilitations (nobody consults Cafpro under it).
    { convention: 'bailleur', person: person('Monsieur', 'Rémi', 'Charpentier', 'Responsable du service gestion locative'), designated: designatedWith('bailleur'), fax: true },
    { convention: 'trappes', person: person('Madame', 'Nadège', 'Colin', "Directrice de l'enfance"), designated: designatedWith('trappes') },
    { convention: 'poissy', person: person('Monsieur', 'Frédéric', 'Aubert', 'Directeur du CCAS'), designated: designatedWith('poissy') },
    { convention: 'sqy', person: person('Madame', 'Pauline', 'Lemoine', 'Directrice de la petite enfance'), designated: designatedWith('sqy') },
    { convention: 'lutins', person: person('Madame', 'Gaëlle', 'Tessier', "Présidente de l'association gestionnaire"), designated: designatedWith('lutins'), isSignatory: true },
  ];

  const BAILLEUR_CODE = '078412';
  const habilitations: HabilitationSeed[] = [
    // Saint-Germain-en-Laye (T2): the régie famille computes the participations of the families.
    { key: 'garcon', convention: 'sgl', person: person('Madame', 'Hélène', 'Garçon', "Agent d'accueil – guichet famille"), granted: addDays(eff.sgl, 21) },
    { key: 'noel', convention: 'sgl', person: person('Monsieur', 'Jérôme', 'Noël', 'Responsable du pôle famille'), granted: addDays(eff.sgl, 21) },
    {
      key: 'lefevre', convention: 'sgl', person: person('Madame', 'Anaïs', 'Lefèvre', 'Gestionnaire régie périscolaire'), granted: addDays(eff.sgl, 190),
      revoked: { on: day(-59), reason: 'suppression-demandee' },
    },
    {
      key: 'dubois', convention: 'sgl', person: person('Monsieur', 'Maël', 'Dubois', "Agent d'accueil – guichet famille"), granted: day(-104),
      cddEnd: day(80), request: { received: day(-110) },
    },
    {
      key: 'legoff', convention: 'sgl', person: person('Madame', 'Zoé', 'Le Goff', 'Gestionnaire régie périscolaire'), granted: day(-57),
      request: { received: day(-64) },
    },
    // CCAS de Versailles (T3, plafond 6).
    { key: 'marchand', convention: 'ccasv', person: person('Madame', 'Sophie', 'Marchand', 'Conseillère en économie sociale et familiale'), granted: addDays(eff.ccasv, 14) },
    { key: 'lambert', convention: 'ccasv', person: person('Monsieur', 'Thierry', 'Lambert', 'Travailleur social'), granted: addDays(eff.ccasv, 14) },
    {
      key: 'roussel', convention: 'ccasv', person: person('Madame', 'Léa', 'Roussel', 'Instructrice des aides facultatives'), granted: addDays(eff.ccasv, 90),
      suspended: {
        on: day(-25),
        details: `Suspendue le ${formatFrenchDate(day(-25))} à la demande du responsable habilitations : absence prolongée de l'agent, réactivation à son retour.`,
      },
    },
    {
      key: 'haddad', convention: 'ccasv', person: person('Madame', 'Inès', 'Haddad', 'Travailleuse sociale'), granted: day(-35),
      request: { received: day(-40) },
    },
    // Conseil départemental (T1): travailleurs sociaux des territoires d'action départementale.
    { key: 'chevalier', convention: 'cd78', person: person('Madame', 'Marion', 'Chevalier', "Travailleuse sociale – Territoire d'action départementale Seine Aval"), granted: addDays(eff.cd78, 30) },
    {
      key: 'fabre', convention: 'cd78', person: person('Monsieur', 'Grégory', 'Fabre', 'Assistant social – TAD Grand Versailles'), granted: addDays(eff.cd78, 30),
      revoked: { on: day(-150), reason: 'perte-ou-vol', details: "Vol de l'ordinateur portable et du carnet contenant les identifiants, signalé par le responsable habilitations." },
    },
    { key: 'fabre2', convention: 'cd78', person: person('Monsieur', 'Grégory', 'Fabre', 'Assistant social – TAD Grand Versailles'), granted: day(-150), replaces: 'fabre' },
    { key: 'royer', convention: 'cd78', person: person('Madame', 'Clémence', 'Royer', 'Puéricultrice – PMI Boucles de Seine'), granted: addDays(eff.cd78, 400) },
    {
      key: 'bonnet', convention: 'cd78', person: person('Madame', 'Aurélie', 'Bonnet', "Conseillère en insertion – TAD Terres d'Yvelines"), granted: day(-255),
      cddEnd: day(-30), request: { received: day(-262) }, revoked: { on: day(-30), reason: 'fin-de-contrat' },
    },
    {
      key: 'girard', convention: 'cd78', person: person('Monsieur', 'Noé', 'Girard', "Éducateur spécialisé – Aide sociale à l'enfance"), granted: day(-14),
      request: { received: day(-20) },
    },
    // Les Résidences Seine-et-Yvelines (T5): every agent carries the code bailleur.
    { key: 'perret', convention: 'bailleur', person: person('Madame', 'Julie', 'Perret', 'Chargée de clientèle – gestion locative'), granted: addDays(eff.bailleur, 20), accessCode: BAILLEUR_CODE },
    { key: 'riviere', convention: 'bailleur', person: person('Monsieur', 'Mathieu', 'Rivière', 'Conseiller social'), granted: addDays(eff.bailleur, 20), accessCode: BAILLEUR_CODE },
    {
      key: 'brunet', convention: 'bailleur', person: person('Madame', 'Océane', 'Brunet', 'Chargée de recouvrement'), granted: day(-66),
      cddEnd: day(110), accessCode: BAILLEUR_CODE,
      request: {
        received: day(-75),
        incomplete: { reason: 'date-fin-cdd-manquante', details: 'Le contrat est un CDD mais sa date de fin n\'est pas indiquée.', since: day(-73), complementReceived: day(-68) },
      },
    },
    // Ville de Trappes (T2, dénoncée): the accesses run until the end of the convention.
    { key: 'benali', convention: 'trappes', person: person('Madame', 'Samia', 'Benali', "Agent d'accueil – régie centrale"), granted: addDays(eff.trappes, 30) },
    { key: 'guerin', convention: 'trappes', person: person('Monsieur', 'Loïc', 'Guérin', 'Responsable de la régie centrale'), granted: addDays(eff.trappes, 500) },
    // CCAS de Poissy (T1, résilié): all revoked, the last ones on the day the convention ended.
    {
      key: 'leroy', convention: 'poissy', person: person('Monsieur', 'Damien', 'Leroy', 'Travailleur social'), granted: addDays(eff.poissy, 20),
      revoked: { on: day(-60), reason: 'manquement', details: "Consultations répétées de dossiers sans lien avec l'accompagnement social, relevées lors du contrôle des traces de connexion." },
    },
    {
      key: 'bouvier', convention: 'poissy', person: person('Madame', 'Estelle', 'Bouvier', 'Conseillère en économie sociale et familiale'), granted: addDays(eff.poissy, 20),
      revoked: { on: day(-45), reason: 'fin-de-convention' },
    },
    {
      key: 'cherif', convention: 'poissy', person: person('Madame', 'Yasmine', 'Chérif', "Agent d'accueil social"), granted: addDays(eff.poissy, 320),
      revoked: { on: day(-45), reason: 'fin-de-convention' },
    },
    // Saint-Quentin-en-Yvelines (T2, first year).
    {
      key: 'moulin', convention: 'sqy', person: person('Madame', 'Amélie', 'Moulin', 'Coordinatrice petite enfance'), granted: day(-62),
      request: { received: day(-68) },
    },
    {
      key: 'roger', convention: 'sqy', person: person('Monsieur', 'Étienne', 'Roger', 'Gestionnaire facturation petite enfance'), granted: day(-50),
      request: {
        received: day(-60),
        incomplete: { reason: 'coordonnees-incompletes', details: 'Adresse électronique professionnelle illisible.', since: day(-58), complementReceived: day(-52) },
      },
    },
    // Crèche parentale « Les Lutins » (T2).
    { key: 'delaunay', convention: 'lutins', person: person('Madame', 'Manon', 'Delaunay', 'Directrice – éducatrice de jeunes enfants'), granted: addDays(eff.lutins, 15) },
  ];

  const requests: PendingRequestSeed[] = [
    {
      convention: 'sqy', person: person('Madame', 'Laëtitia', 'Huet', "Agent d'accueil petite enfance"), contract: 'CDI', contractEnd: null,
      received: day(-3), userSigned: true, employerSigned: true, status: 'recue',
    },
    {
      convention: 'ccasv', person: person('Monsieur', 'Benoît', 'Caron', "Agent d'accueil social"), contract: 'CDD', contractEnd: day(180),
      received: day(-1), userSigned: true, employerSigned: true, status: 'recue',
    },
    {
      convention: 'cd78', person: person('Madame', 'Chloé', 'Antoine', 'Assistante sociale – TAD Seine Aval'), contract: 'CDI', contractEnd: null,
      received: day(-15), userSigned: true, employerSigned: false, status: 'incomplete',
      incomplete: { reason: 'signature-manquante', details: "Le cachet et la signature de l'employeur précédés de la mention « lu et approuvé » sont absents.", since: day(-13) },
    },
    {
      convention: 'sqy', person: person('Monsieur', 'Kévin', 'Marie', 'Agent administratif – facturation'), contract: 'CDD', contractEnd: null,
      received: day(-8), userSigned: true, employerSigned: true, status: 'incomplete',
      incomplete: { reason: 'date-fin-cdd-manquante', details: null, since: day(-7) },
    },
    {
      convention: 'cd78', person: person('Monsieur', 'Hugo', 'Mallet', 'Stagiaire assistant de service social'), contract: 'CDD', contractEnd: day(60),
      received: day(-45), userSigned: true, employerSigned: true, status: 'refusee',
      refusal: {
        on: day(-42),
        reason: "Le demandeur est stagiaire et n'est pas lié au Département par un contrat de travail : l'accès Cafpro est réservé aux agents nommément désignés par le partenaire (convention, art. 2).",
      },
    },
  ];

  const suppressions: SuppressionSeed[] = [
    // « À compter de » two days before the form arrived (already past): processed the next day, revoked that day.
    { habilitation: 'lefevre', received: day(-60), effective: day(-62), employerSigned: true, status: 'traitee', decided: day(-59) },
    // Retirement in twelve days: to be processed (the revocation will be scheduled on the effective date).
    { habilitation: 'lambert', received: day(-2), effective: day(12), employerSigned: true, status: 'recue' },
    // Left three days ago, form received yesterday: « Suppressions dues », to be processed today.
    { habilitation: 'riviere', received: day(-1), effective: day(-3), employerSigned: true, status: 'recue' },
    {
      habilitation: 'perret', received: day(-20), effective: day(-20), employerSigned: false, status: 'rejetee', decided: day(-18),
      rejection: "Le cachet et la signature de l'employeur sont absents : la demande ne peut pas être traitée. Merci de nous retourner le formulaire signé.",
    },
  ];

  return { partners, conventions, managers, habilitations, requests, suppressions, lastPasswordChange: day(-40) };
}

// --- Loading ----------------------------------------------------------------------------------

/** A recorded instant on a given day (UTC, within Paris working hours). */
const at = (date: IsoDate, time = '09:30') => new Date(`${date}T${time}:00.000Z`);

/** « Hélène » « Le Goff » → « helene.le-goff » (mailbox of an agent). */
const mailbox = (p: Pick<Person, 'firstName' | 'lastName'>) =>
  `${foldName(p.firstName)}.${foldName(p.lastName)}`.replace(/[\s']+/g, '-');

/** Phone numbers of a partner's agents: the partner's switchboard with another extension. */
const extension = (phone: string, n: number) => `${phone.slice(0, -2)}${String(10 + (n % 90)).padStart(2, '0')}`;

function mustGet<K, V>(map: Map<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`Données de démonstration incohérentes : « ${String(key)} » inconnu.`);
  return value;
}

/** The modèles de motif of the demo: placeholders are filled for each request (reason-template.rules.ts). */
export const DEMO_REASON_TEMPLATES: Array<Pick<ReasonTemplate, 'decision' | 'label' | 'incompleteReason' | 'text'>> = [
  {
    decision: 'incomplete', label: 'Signature de l’employeur absente', incompleteReason: 'signature-manquante',
    text: 'Le formulaire de {nom} ne porte pas le cachet et la signature de {partenaire} précédés de la mention « lu et approuvé ». '
      + 'Merci de nous le retourner signé (convention n° {convention}).',
  },
  {
    decision: 'incomplete', label: 'Date de fin du CDD non renseignée', incompleteReason: 'date-fin-cdd-manquante',
    text: 'Le contrat de {nom} est un CDD mais sa date de fin n’est pas indiquée sur le formulaire reçu le {date_reception}. '
      + 'Merci de la compléter : l’habilitation prendra fin à cette date.',
  },
  {
    decision: 'incomplete', label: 'Coordonnées professionnelles incomplètes', incompleteReason: 'coordonnees-incompletes',
    text: 'L’adresse professionnelle ou le téléphone de {nom} ({fonction}) manque sur le formulaire. Merci de compléter ses coordonnées chez {partenaire}.',
  },
  {
    decision: 'refuse', label: 'Fonction sans lien avec la finalité de la convention', incompleteReason: null,
    text: 'La fonction de {nom} ({fonction}) ne relève pas de la finalité pour laquelle la convention n° {convention} donne accès au service Cafpro : '
      + 'aucune habilitation ne peut lui être délivrée à ce titre.',
  },
  {
    decision: 'refuse', label: 'Demande en double', incompleteReason: null,
    text: 'Une demande d’accès pour {nom} au titre de la convention n° {convention} est déjà en cours d’instruction : '
      + 'celle reçue le {date_reception} n’est pas retenue.',
  },
];

async function isEmpty(manager: EntityManager): Promise<boolean> {
  return (await manager.count(StaffUser)) === 0 && (await manager.count(Partner)) === 0;
}

/**
 * Loads the demo data when the database is empty (no StaffUser and no Partner), in one transaction;
 * otherwise does nothing and returns loaded: false. The reference data (profiles, Settings) is
 * ensured too. Every staff account gets `options.password`.
 */
export async function loadDemoData(dataSource: DataSource, options: { password: string; today: string }): Promise<DemoDataResult> {
  const { today } = options;
  if (!isIsoDate(today)) throw new RangeError(`Date du jour invalide : « ${today} » (format attendu AAAA-MM-JJ).`);
  if (!(await isEmpty(dataSource.manager))) return { loaded: false, logins: [] };
  // argon2 is deliberately slow: hash once, outside the transaction, for the five accounts.
  const passwordHash = await hashPassword(options.password);

  return dataSource.transaction(async (manager) => {
    // Checked again inside the transaction: another instance may have loaded meanwhile.
    if (!(await isEmpty(manager))) return { loaded: false, logins: [] };
    await ensureReferenceData(manager);
    await insertDemoData(manager, demoPlan(today), passwordHash, today);
    return { loaded: true, logins: STAFF.map(({ role, email }) => ({ role, email })) };
  });
}

async function insertDemoData(manager: EntityManager, plan: DemoPlan, passwordHash: string, today: IsoDate): Promise<void> {
  const settings = await manager.findOneOrFail(Settings, { where: {}, order: { id: 'ASC' } });
  const profiles = new Map((await manager.find(AccessProfile)).map((p) => [p.code, p]));

  // Staff
  const staff = new Map<StaffRole, StaffUser>();
  for (const s of STAFF) {
    staff.set(s.role, await manager.save(StaffUser, { email: s.email, name: s.name, role: s.role, active: true, passwordHash, passwordChangedAt: new Date() }));
  }
  const recorder = mustGet(staff, 'gestionnaire-conventions').id;
  const decider = mustGet(staff, 'gestionnaire-habilitations').id;

  // Partners, recorded the day before their first convention was drafted.
  const partners = new Map<string, { entity: Partner; seed: PartnerSeed }>();
  for (const p of plan.partners) {
    const firstDraft = plan.conventions.filter((c) => c.partner === p.key).map((c) => c.created).sort(compareDates)[0];
    if (!firstDraft) throw new Error(`Partenaire « ${p.key} » sans convention.`);
    const created = at(addDays(firstDraft, -1), '15:30');
    const entity = await manager.save(Partner, {
      name: p.name, type: p.type, siret: p.siret, addressLine1: p.addressLine1, addressLine2: p.addressLine2, postalCode: p.postalCode, city: p.city,
      representativeCivility: p.representative.civility, representativeName: p.representative.name, representativeTitle: p.representative.title,
      phone: p.phone, email: p.email, createdAt: created, updatedAt: created,
    });
    partners.set(p.key, { entity, seed: p });
  }
  /** The partner (and its seed: domain, switchboard) of a convention of the plan. */
  const partnerOf = (conventionKey: string) => {
    const convention = plan.conventions.find((c) => c.key === conventionKey);
    if (!convention) throw new Error(`Convention « ${conventionKey} » inconnue.`);
    return mustGet(partners, convention.partner);
  };

  // Conventions, numbered per year of drafting in drafting order (convention:{année}).
  const sequences = new Map<number, number>();
  const conventions = new Map<string, Convention>();
  for (const c of [...plan.conventions].sort((a, b) => compareDates(a.created, b.created))) {
    const partner = mustGet(partners, c.partner).entity;
    const profile = mustGet(profiles, c.profile);
    const year = Number(c.created.slice(0, 4));
    const sequence = (sequences.get(year) ?? 0) + 1;
    sequences.set(year, sequence);
    const effectiveDate = c.cafSigned ?? null;
    let noticeParty: string | null = null;
    let noticeReceivedDate: IsoDate | null = null;
    let endDate: IsoDate | null = null;
    let endReason: string | null = null;
    if (c.notice) {
      if (!effectiveDate) throw new Error(`Convention « ${c.key} » dénoncée sans date d'effet.`);
      noticeParty = c.notice.party;
      noticeReceivedDate = c.notice.received;
      endDate = terminationSchedule(effectiveDate, c.notice.received, profile.conventionKind).endDate;
      endReason = c.notice.reason;
    }
    if (c.resiliation) {
      endDate = c.resiliation.endDate;
      endReason = c.resiliation.reason;
    }
    const lastEvent = noticeReceivedDate ?? (c.resiliation ? c.resiliation.endDate : null) ?? c.cafSigned ?? c.sent ?? c.created;
    conventions.set(
      c.key,
      await manager.save(Convention, {
        number: formatConventionNumber({ department: settings.departmentCode, year, sequence, suffix: settings.numberSuffix, profileCode: profile.code }),
        year, sequence, partnerId: partner.id, profileId: profile.id, kind: profile.conventionKind, status: c.status,
        signatoryCivility: partner.representativeCivility, signatoryName: partner.representativeName, signatoryTitle: partner.representativeTitle,
        sentDate: c.sent ?? null, partnerSignedDate: c.partnerSigned ?? null, cafSignedDate: c.cafSigned ?? null, effectiveDate,
        noticeParty, noticeReceivedDate, endDate, endReason, habilitationCap: c.cap ?? null, signedScanId: null, createdById: recorder,
        createdAt: at(c.created), updatedAt: at(lastEvent, '14:00'),
      }),
    );
  }

  // Responsables habilitations: one current designation per signed convention (currentFor).
  for (const [i, m] of plan.managers.entries()) {
    const convention = mustGet(conventions, m.convention);
    const { seed } = partnerOf(m.convention);
    await manager.save(HabilitationManager, {
      conventionId: convention.id, civility: m.person.civility, lastName: m.person.lastName, firstName: m.person.firstName,
      address: m.address ?? null, phone: extension(seed.phone, 50 + i), fax: m.fax ? extension(seed.phone, 99) : null,
      email: `${mailbox(m.person)}@${seed.domain}`, designationDate: m.designated, endDate: m.superseded ?? null,
      currentFor: m.superseded ? null : convention.id, isSignatory: m.isSignatory ?? false, scanId: null, recordedById: recorder,
      createdAt: at(m.designated, '11:00'),
    });
  }

  // Habilitations, identified in the order they were granted (counter 'habilitation').
  const period = settings.passwordPeriodDays;
  const lastChangeOn = (date: IsoDate, granted: IsoDate): IsoDate => {
    let change = plan.lastPasswordChange;
    while (isAfter(change, date)) change = addDays(change, -period);
    return isBefore(change, granted) ? granted : change;
  };
  const ordered = plan.habilitations.map((h, index) => ({ h, index })).sort((a, b) => compareDates(a.h.granted, b.h.granted) || a.index - b.index);
  const habilitations = new Map<string, Habilitation>();
  for (const [i, { h }] of ordered.entries()) {
    const convention = mustGet(conventions, h.convention);
    const { seed } = partnerOf(h.convention);
    const sequence = i + 1;
    const status = h.revoked ? 'revoquee' : h.suspended ? 'suspendue' : 'active';
    const lastChange = h.revoked ? h.revoked.on : today;
    const saved = await manager.save(Habilitation, {
      identifier: formatHabilitationIdentifier(settings.departmentCode, sequence), conventionId: convention.id, accessRequestId: null,
      civility: h.person.civility, lastName: h.person.lastName, firstName: h.person.firstName, email: `${mailbox(h.person)}@${seed.domain}`,
      position: h.person.position, accessCode: h.accessCode ?? null, grantedDate: h.granted, endDate: h.cddEnd ?? null, status,
      // The suspension's reason is free text (habilitation.workflow.ts), kept in statusDetails.
      statusReason: h.revoked?.reason ?? null, statusDetails: h.revoked?.details ?? h.suspended?.details ?? null, revokedDate: h.revoked?.on ?? null,
      replacesId: h.replaces ? mustGet(habilitations, h.replaces).id : null,
      passwordChangedDate: lastChangeOn(lastChange, h.granted), nextPasswordChangeDate: h.revoked ? null : addDays(plan.lastPasswordChange, period),
      createdAt: at(h.granted, '10:15'), updatedAt: at(h.revoked?.on ?? h.suspended?.on ?? h.granted, '10:15'),
    });
    habilitations.set(h.key, saved);
  }

  // Access requests: the approved ones that created a habilitation, then those still open or refused.
  let phoneIndex = 0;
  const applicant = (conventionKey: string, p: Person) => {
    const { seed } = partnerOf(conventionKey);
    const address = [seed.addressLine1, seed.addressLine2, `${seed.postalCode} ${seed.city}`].filter(Boolean).join(', ');
    return {
      conventionId: mustGet(conventions, conventionKey).id, civility: p.civility, lastName: p.lastName, firstName: p.firstName,
      professionalAddress: address, phone: extension(seed.phone, 20 + phoneIndex++), fax: null,
      email: `${mailbox(p)}@${seed.domain}`, position: p.position, formReference: null, scanId: null, recordedById: recorder,
    };
  };
  for (const h of plan.habilitations) {
    if (!h.request) continue;
    const habilitation = mustGet(habilitations, h.key);
    const request = await manager.save(AccessRequest, {
      ...applicant(h.convention, h.person),
      contractType: h.cddEnd ? 'CDD' : 'CDI', contractEndDate: h.cddEnd ?? null, receivedDate: h.request.received,
      userSigned: true, employerSigned: true, status: 'approuvee',
      // Kept for the history of a request that was returned, then completed.
      incompleteReason: h.request.incomplete?.reason ?? null, incompleteDetails: h.request.incomplete?.details ?? null,
      incompleteSince: h.request.incomplete?.since ?? null, complementReceivedDate: h.request.incomplete?.complementReceived ?? null,
      refusalReason: null, decidedAt: at(h.granted, '10:15'), decidedById: decider, habilitationId: habilitation.id,
      createdAt: at(h.request.received), updatedAt: at(h.granted, '10:15'),
    });
    await manager.update(Habilitation, habilitation.id, { accessRequestId: request.id, updatedAt: habilitation.updatedAt });
  }
  for (const r of plan.requests) {
    await manager.save(AccessRequest, {
      ...applicant(r.convention, r.person),
      contractType: r.contract, contractEndDate: r.contractEnd, receivedDate: r.received, userSigned: r.userSigned, employerSigned: r.employerSigned,
      status: r.status, incompleteReason: r.incomplete?.reason ?? null, incompleteDetails: r.incomplete?.details ?? null,
      incompleteSince: r.incomplete?.since ?? null, complementReceivedDate: null, refusalReason: r.refusal?.reason ?? null,
      decidedAt: r.refusal ? at(r.refusal.on, '15:00') : null, decidedById: r.refusal ? decider : null, habilitationId: null,
      createdAt: at(r.received), updatedAt: at(r.refusal?.on ?? r.incomplete?.since ?? r.received, '15:00'),
    });
  }

  // Suppression requests, one per state.
  for (const s of plan.suppressions) {
    const habilitation = mustGet(habilitations, s.habilitation);
    await manager.save(SuppressionRequest, {
      formReference: null, habilitationId: habilitation.id, position: habilitation.position, effectiveDate: s.effective, receivedDate: s.received,
      employerSigned: s.employerSigned, scanId: null, status: s.status, rejectionReason: s.rejection ?? null,
      revokedDate: s.status === 'traitee' ? habilitation.revokedDate : null,
      decidedAt: s.decided ? at(s.decided, '10:15') : null, decidedById: s.decided ? decider : null, recordedById: recorder,
      createdAt: at(s.received), updatedAt: at(s.decided ?? s.received, '10:15'),
    });
  }

  // Modèles de motif of « incomplète » and « refusée » (issue 13 §5), as an Administrateur would write them.
  for (const t of DEMO_REASON_TEMPLATES) await manager.save(ReasonTemplate, { ...t, active: true });

  // Counters: the next convention of a year and the next habilitation continue after the demo data.
  const counters: Array<[string, number]> = [...sequences].map(([year, last]) => [`convention:${year}`, last]);
  counters.push(['habilitation', ordered.length]);
  for (const [name, value] of counters) {
    const existing = await manager.findOneBy(SequenceCounter, { name });
    await manager.save(SequenceCounter, { name, value: Math.max(value, existing?.value ?? 0) });
  }
}
