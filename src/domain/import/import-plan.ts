// The dry run of an import (issue 12 §2): every row of every sheet checked with the product's own
// rules (validators, field limits, workflow states), matched with what exists (partners by SIRET,
// conventions by number, habilitations by identifier, designations and requests by person and date),
// and reported « créé », « mis à jour » (before → after), « inchangé » or « erreur » with its reason.
// The plan it returns is what applying writes (import-apply.ts), computed again inside that
// transaction: a dry run shows exactly what applying does.
import type { EntityManager } from 'typeorm';
import { AccessProfile } from '../../entities/access-profile.entity.js';
import { AccessRequest } from '../../entities/access-request.entity.js';
import { Convention } from '../../entities/convention.entity.js';
import { HabilitationManager } from '../../entities/habilitation-manager.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { CIVILITIES, Partner, type Civility } from '../../entities/partner.entity.js';
import { validateAccessRequest } from '../access-request/access-request.validation.js';
import { contractTypes } from '../access-request/access-request.checks.js';
import { conventionCounterName } from '../convention/convention-number.js';
import type { ConventionKind } from '../convention/convention.rules.js';
import { conventionStateLabels, denouncingPartyLabels, isActiveOn, type ConventionState } from '../convention/convention.workflow.js';
import { validateHabilitation } from '../habilitation/habilitation.validation.js';
import { HABILITATION_COUNTER } from '../habilitation/habilitation.use-cases.js';
import {
  formatHabilitationIdentifier, habilitationStateLabels, parseHabilitationIdentifier, revocationReasonLabels,
  type HabilitationState, type RevocationReasonCode,
} from '../habilitation/habilitation.workflow.js';
import { PARTNER_TYPE_LABELS, validatePartner } from '../partner/partner.validation.js';
import { getSettings } from '../settings/settings.js';
import { formatFrenchDate, isAfter, isBefore, isIsoDate, type IsoDate } from '../shared/dates.js';
import { textLimitErrors, textLimitsOf, type TextLimit } from '../shared/field-limits.js';
import { foldEmail, personKey } from '../shared/normalize.js';
import { validateEmail, validatePhone, validateRequiredText, validateSiret, type Checked, type FieldError } from '../shared/validators.js';
import { IMPORT_COLUMNS, type ImportKind } from './import-columns.js';
import type { ImportFile, ImportRow, ImportSheet } from './import-sheets.js';
import {
  cellText, choiceParser, orNull, parseImportConventionNumber, parseImportDate, parseImportInteger, type CellValue,
} from './import-values.js';

export const IMPORT_OUTCOMES = ['créé', 'mis à jour', 'inchangé', 'erreur'] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

export interface ImportReportLine {
  sheet: string;
  line: number;
  /** What the row is about: a SIRET, a convention number, an identifier, a person. */
  subject: string;
  outcome: ImportOutcome;
  /** The changes (« Ville : A → B ») or the reasons of the error, one per item. */
  details: string[];
}

type Values = Record<string, unknown>;
interface Update { id: number; values: Values }

export interface ImportPlan {
  fileName: string;
  sha256: string;
  lines: ImportReportLine[];
  counts: Record<ImportOutcome, number>;
  partners: { create: Values[]; update: Update[] };
  /** `siret` stands for the partner (created ones get their id when applying). */
  conventions: { create: Array<Values & { siret: string }>; update: Array<Update & { siret?: string }> };
  /** `conventionNumber` stands for the convention. */
  managers: { create: Array<Values & { conventionNumber: string }>; update: Update[]; supersede: Array<{ id: number; endDate: IsoDate }> };
  habilitations: { create: Array<Values & { conventionNumber: string }>; update: Array<Update & { conventionNumber?: string }> };
  requests: { create: Array<Values & { conventionNumber: string }>; update: Update[] };
  /** Named counters to move past the imported numbers: name → highest imported value. */
  counters: Record<string, number>;
}

export interface PlanOptions {
  today: IsoDate;
  /** Called every few hundred rows (the page shows it). */
  onProgress?: (done: number, total: number) => void;
}

// --- Values as typed ------------------------------------------------------------------------------

const civility = choiceParser<Civility>(
  Object.fromEntries(CIVILITIES.map((c) => [c, c])) as Record<Civility, string>, 'Civilité inconnue : « Madame » ou « Monsieur »',
  { Mme: 'Madame', 'Mme.': 'Madame', Mlle: 'Madame', Mademoiselle: 'Madame', M: 'Monsieur', 'M.': 'Monsieur', Mr: 'Monsieur' },
);
const partnerType = choiceParser(PARTNER_TYPE_LABELS, 'Type de partenaire inconnu', {
  CCAS: 'ccas-cias', CIAS: 'ccas-cias', Mairie: 'commune', Département: 'conseil-departemental', 'Conseil général': 'conseil-departemental', Bailleur: 'bailleur-social',
});
const conventionState = choiceParser(conventionStateLabels, 'Statut de convention inconnu', { Active: 'signee', 'En cours': 'signee', Envoyée: 'envoyee' });
const noticeParty = choiceParser(denouncingPartyLabels, 'Auteur de la dénonciation inconnu (« Caf » ou « Partenaire »)', { Caf: 'caf', Partenaire: 'partenaire' });
const habilitationState = choiceParser(habilitationStateLabels, "Statut d'habilitation inconnu", { Actif: 'active', Suspendu: 'suspendue', Révoqué: 'revoquee', Supprimée: 'revoquee' });
const revocationReason = choiceParser(revocationReasonLabels, 'Motif de révocation inconnu', { 'Perte': 'perte-ou-vol', 'Vol': 'perte-ou-vol', 'Fin du contrat': 'fin-de-contrat' });
const contractType = choiceParser(Object.fromEntries(contractTypes.map((c) => [c, c])) as Record<(typeof contractTypes)[number], string>, 'Contrat inconnu (« CDI » ou « CDD »)');
const yesNo = choiceParser({ true: 'Oui', false: 'Non' }, 'Réponse attendue : « Oui » ou « Non »', { O: 'true', N: 'false', X: 'true', '1': 'true', '0': 'false' });
/** Oui / Non (empty: non). */
function yesNoFlag(value: CellValue): Checked<boolean> {
  if (cellText(value) === '') return { ok: true, value: false };
  const answer = yesNo(value);
  return answer.ok ? { ok: true, value: answer.value === 'true' } : answer;
}

export const IMPORT_PLAN_MESSAGES = {
  duplicate: (what: string, line: number) => `Doublon dans le fichier : ${what} figure déjà ligne ${line}.`,
  partnerUnknown: (siret: string) => `Partenaire inconnu : aucun partenaire de SIRET ${siret} dans le fichier ni dans le back-office.`,
  partnerInError: (siret: string) => `Le partenaire de SIRET ${siret} est en erreur dans le fichier.`,
  conventionUnknown: (number: string) => `Convention inconnue : ${number} n’est ni dans le fichier ni dans le back-office.`,
  conventionInError: (number: string) => `La convention ${number} est en erreur dans le fichier.`,
  profileUnknown: (code: string) => `Profil d’accès inconnu : « ${code} ».`,
  profileMismatch: (code: string, number: string) => `Le profil « ${code} » ne correspond pas à celui du numéro ${number}.`,
  sequenceTaken: (number: string, other: string) => `Numéro déjà attribué : la séquence de ${number} est celle de la convention ${other}.`,
  signedWithoutDate: 'Une convention signée doit avoir une date d’effet (ou une date de signature de la Caf).',
  endedWithoutDate: 'Une convention dénoncée ou résiliée doit avoir une date de fin.',
  endBeforeEffect: 'La date de fin précède la date d’effet.',
  identifier: (typed: string) => `Identifiant illisible : « ${typed} » (attendu par exemple CP78-000123).`,
  liveUnderInactive: (number: string, why: string) => `Une habilitation active ou suspendue ne peut pas relever de la convention ${number} : ${why}.`,
  conventionEnded: (end: IsoDate) => `elle a pris fin le ${formatFrenchDate(end)}`,
  conventionNotSigned: 'elle n’est pas signée',
  conventionNotYet: (start: IsoDate) => `elle ne prend effet que le ${formatFrenchDate(start)}`,
  contractEnded: (end: IsoDate) => `Le contrat a pris fin le ${formatFrenchDate(end)} : l’habilitation ne peut pas être active.`,
  cddEnd: 'Un CDD doit avoir sa date de fin de contrat.',
  revokedWithout: 'Une habilitation révoquée doit avoir sa date et son motif de révocation.',
  suspendedWithout: 'Une habilitation suspendue doit avoir sa date et son motif de suspension.',
  samePerson: (number: string, identifier: string) => `Cette personne a déjà une habilitation active ou suspendue sur la convention ${number} (${identifier}).`,
  cap: (number: string, cap: number) => `Plafond d’habilitations dépassé sur la convention ${number} (${cap} au plus, habilitations actives et suspendues).`,
  dataProvision: (number: string) => `La convention ${number} est une mise à disposition de données : elle n’ouvre pas d’accès Cafpro.`,
} as const;

/** The errors of one row, each prefixed by its column's header. */
class RowCheck {
  readonly errors: string[] = [];
  readonly values: Values = {};
  constructor(private readonly kind: ImportKind, readonly row: ImportRow, private readonly fields: Set<string>) {}

  header(field: string): string {
    return IMPORT_COLUMNS[this.kind].find((c) => c.field === field)?.header ?? field;
  }
  has(field: string): boolean {
    return this.fields.has(field);
  }
  cell(field: string): CellValue {
    return this.row.cells[field] ?? null;
  }
  error(message: string, field?: string): void {
    this.errors.push(field ? `${this.header(field)} : ${message}` : message);
  }
  fieldErrors(errors: FieldError[]): void {
    for (const e of errors) this.error(e.message, e.field);
  }
  /** Checks the cell of `field` (when the sheet has the column) and stores the value under `field`. */
  take<T>(field: string, parse: (v: CellValue) => Checked<T>, required = false): T | undefined {
    if (!this.has(field)) return undefined;
    const value = this.cell(field);
    if (required && cellText(value) === '') {
      this.error('Ce champ est obligatoire.', field);
      return undefined;
    }
    const checked = parse(value);
    if (!checked.ok) {
      this.error(checked.message, field);
      return undefined;
    }
    this.values[field] = checked.value;
    return checked.value;
  }
  text(field: string, required = false): string | null | undefined {
    return this.take(field, orNull((v) => validateRequiredText(cellText(v))), required);
  }
}

const date = (v: CellValue) => parseImportDate(v);
const asText = (validator: (s: string) => Checked<string>) => orNull((v) => validator(cellText(v)));

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(vide)';
  if (typeof value === 'string' && isIsoDate(value)) return formatFrenchDate(value);
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  return String(value);
}

/** The fields of `values` that differ from `stored`, as « Header : before → after ». */
function changesOf(check: RowCheck, stored: Record<string, unknown>, values: Values, shown: Record<string, (v: unknown) => string> = {}): { changed: Values; details: string[] } {
  const changed: Values = {};
  const details: string[] = [];
  for (const [field, value] of Object.entries(values)) {
    const before = stored[field] ?? null;
    const after = value ?? null;
    if (before === after || (typeof before === 'number' && Number(after) === before)) continue;
    changed[field] = after;
    const format = shown[field] ?? show;
    details.push(`${check.header(field)} : ${format(before)} → ${format(after)}`);
  }
  return { changed, details };
}

function limitErrors(check: RowCheck, limits: Record<string, TextLimit>, values: Values): void {
  check.fieldErrors(textLimitErrors(limits, (f) => check.header(f), values));
}

function append<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A designation or a request: one person on one convention on one date (the file gives no other key). */
function personOnDate(number: string, p: { lastName: string; firstName: string; email: string }, date: string): string {
  return `${number}|${personKey({ nom: p.lastName, prenom: p.firstName, email: p.email })}|${date}`;
}

interface ConventionFacts {
  id: number | null;
  number: string;
  status: ConventionState;
  effectiveDate: IsoDate | null;
  endDate: IsoDate | null;
  habilitationCap: number | null;
  profile: AccessProfile;
  kind: ConventionKind;
}

// --- The dry run ----------------------------------------------------------------------------------

export async function planImport(manager: EntityManager, file: ImportFile, options: PlanOptions): Promise<ImportPlan> {
  const { today } = options;
  const settings = await getSettings(manager);
  const plan: ImportPlan = {
    fileName: file.fileName, sha256: file.sha256, lines: [], counts: { 'créé': 0, 'mis à jour': 0, 'inchangé': 0, 'erreur': 0 },
    partners: { create: [], update: [] }, conventions: { create: [], update: [] }, managers: { create: [], update: [], supersede: [] },
    habilitations: { create: [], update: [] }, requests: { create: [], update: [] }, counters: {},
  };
  const sheetOf = (kind: ImportKind): ImportSheet | undefined => file.sheets.find((s) => s.kind === kind);
  const total = file.sheets.reduce((n, s) => n + s.rows.length, 0);
  let done = 0;
  // Every 500 rows: the progress, and a turn of the event loop (the page's polls are answered meanwhile).
  const progress = async () => {
    done++;
    if (done % 500 === 0 || done === total) {
      options.onProgress?.(done, total);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const report = (sheet: ImportSheet, check: RowCheck, subject: string, outcome: ImportOutcome, details: string[] = []) => {
    plan.lines.push({ sheet: sheet.name, line: check.row.line, subject, outcome: check.errors.length ? 'erreur' : outcome, details: check.errors.length ? check.errors : details });
  };
  const bump = (name: string, value: number) => { plan.counters[name] = Math.max(plan.counters[name] ?? 0, value); };

  const profiles = await manager.find(AccessProfile);
  const profileByCode = new Map(profiles.map((p) => [p.code.toUpperCase(), p]));
  const profileById = new Map(profiles.map((p) => [p.id, p]));

  // Partners -------------------------------------------------------------------------------------
  const partners = await manager.find(Partner);
  const partnerBySiret = new Map(partners.map((p) => [p.siret, p]));
  /** SIRET → whether the file's row is usable (false: in error). */
  const filePartners = new Map<string, { line: number; ok: boolean }>();
  const partnerLimits = textLimitsOf(manager.connection.getMetadata(Partner));
  const partnerSheet = sheetOf('partners');
  for (const row of partnerSheet?.rows ?? []) {
    const check = new RowCheck('partners', row, partnerSheet!.fields);
    const siret = check.take('siret', (v) => validateSiret(cellText(v)), true);
    const input: Values = {};
    for (const field of partnerSheet!.fields) input[field] = cellText(check.cell(field));
    if (partnerSheet!.fields.has('type')) input.type = check.take('type', partnerType, true) ?? '';
    if (partnerSheet!.fields.has('representativeCivility')) input.representativeCivility = check.take('representativeCivility', civility, true) ?? '';
    const existing = siret ? partnerBySiret.get(siret) : undefined;
    const first = siret ? filePartners.get(siret) : undefined;
    if (first) check.error(IMPORT_PLAN_MESSAGES.duplicate(`le SIRET ${siret}`, first.line));
    const validated = await validatePartner(input, async () => null, existing?.id);
    if (Array.isArray(validated)) check.fieldErrors(validated.filter((e) => !['siret', 'type', 'representativeCivility'].includes(e.field)));
    else {
      if (!partnerSheet!.fields.has('addressLine2')) delete validated.addressLine2;
      limitErrors(check, partnerLimits, validated);
    }
    const values = Array.isArray(validated) ? {} : validated;
    if (siret && !first) filePartners.set(siret, { line: row.line, ok: check.errors.length === 0 });
    const subject = `SIRET ${siret ?? cellText(check.cell('siret'))}`;
    if (check.errors.length) report(partnerSheet!, check, subject, 'erreur');
    else if (!existing) {
      plan.partners.create.push(values);
      report(partnerSheet!, check, subject, 'créé');
    } else {
      const { changed, details } = changesOf(check, existing as unknown as Values, values, { type: (v) => PARTNER_TYPE_LABELS[v as keyof typeof PARTNER_TYPE_LABELS] ?? show(v) });
      if (details.length) plan.partners.update.push({ id: existing.id, values: changed });
      report(partnerSheet!, check, subject, details.length ? 'mis à jour' : 'inchangé', details);
    }
    await progress();
  }
  /** The partner a convention names by SIRET: an error message when it cannot be used. */
  const partnerRef = (siret: string): string | null => {
    const inFile = filePartners.get(siret);
    if (inFile) return inFile.ok ? null : IMPORT_PLAN_MESSAGES.partnerInError(siret);
    return partnerBySiret.has(siret) ? null : IMPORT_PLAN_MESSAGES.partnerUnknown(siret);
  };

  // Conventions ----------------------------------------------------------------------------------
  const conventions = await manager.find(Convention);
  const conventionByNumber = new Map(conventions.map((c) => [c.number, c]));
  const numberBySequence = new Map(conventions.map((c) => [`${c.year}/${c.sequence}`, c.number]));
  const partnerById = new Map(partners.map((p) => [p.id, p]));
  const conventionNumberById = new Map(conventions.map((c) => [c.id, c.number]));
  /** The conventions habilitations may refer to: those of the file (null when in error) and those stored. */
  const fileConventions = new Map<string, { line: number; facts: ConventionFacts | null }>();
  const conventionLimits = textLimitsOf(manager.connection.getMetadata(Convention));
  const conventionSheet = sheetOf('conventions');
  for (const row of conventionSheet?.rows ?? []) {
    const check = new RowCheck('conventions', row, conventionSheet!.fields);
    const parsed = check.take('number', parseImportConventionNumber, true);
    delete check.values.number;
    const number = parsed?.number;
    const first = number ? fileConventions.get(number) : undefined;
    if (first) check.error(IMPORT_PLAN_MESSAGES.duplicate(`la convention ${number}`, first.line));
    const existing = number ? conventionByNumber.get(number) : undefined;
    if (parsed && !existing) {
      const other = numberBySequence.get(`${parsed.year}/${parsed.sequence}`);
      if (other && other !== number) check.error(IMPORT_PLAN_MESSAGES.sequenceTaken(number!, other));
    }
    const siret = check.take('siret', (v) => validateSiret(cellText(v)), true);
    delete check.values.siret;
    if (siret) {
      const refused = partnerRef(siret);
      if (refused) check.error(refused);
    }
    let profile: AccessProfile | undefined;
    const profileCode = check.has('profile') && cellText(check.cell('profile')) ? cellText(check.cell('profile')).toUpperCase() : parsed?.profileCode;
    if (profileCode) {
      profile = profileByCode.get(profileCode);
      if (!profile) check.error(IMPORT_PLAN_MESSAGES.profileUnknown(profileCode));
      else if (parsed && parsed.profileCode !== profile.code) check.error(IMPORT_PLAN_MESSAGES.profileMismatch(profile.code, number!));
    }
    const status = check.take('status', conventionState, true);
    check.take('signatoryCivility', civility, true);
    check.text('signatoryName', true);
    check.text('signatoryTitle', true);
    for (const field of ['sentDate', 'partnerSignedDate', 'cafSignedDate', 'effectiveDate', 'noticeReceivedDate', 'endDate']) check.take(field, date);
    check.take('noticeParty', orNull(noticeParty));
    check.text('endReason');
    check.take('habilitationCap', (v) => parseImportInteger(v, 1, 100_000));
    const values = check.values;
    // art. 5: effective on the Caf's signature date when the sheet does not say.
    if (!values.effectiveDate && values.cafSignedDate) values.effectiveDate = values.cafSignedDate;
    if (status && status !== 'brouillon' && status !== 'envoyee' && !(values.effectiveDate ?? existing?.effectiveDate)) check.error(IMPORT_PLAN_MESSAGES.signedWithoutDate);
    const endDate = (check.has('endDate') ? values.endDate : existing?.endDate) as IsoDate | null | undefined;
    const effective = (values.effectiveDate ?? existing?.effectiveDate) as IsoDate | null | undefined;
    if ((status === 'denoncee' || status === 'resiliee') && !endDate) check.error(IMPORT_PLAN_MESSAGES.endedWithoutDate);
    if (endDate && effective && isBefore(endDate, effective)) check.error(IMPORT_PLAN_MESSAGES.endBeforeEffect);
    if (profile) { values.profileId = profile.id; values.kind = profile.conventionKind; }
    limitErrors(check, conventionLimits, values);
    const subject = `Convention ${number ?? cellText(check.cell('number'))}`;
    if (number && !first) {
      fileConventions.set(number, {
        line: row.line,
        facts: check.errors.length || !profile ? null : {
          id: existing?.id ?? null, number, status: status!, effectiveDate: effective ?? null, endDate: endDate ?? null, profile, kind: profile.conventionKind,
          habilitationCap: (check.has('habilitationCap') ? values.habilitationCap : existing?.habilitationCap ?? null) as number | null,
        },
      });
    }
    if (parsed) { numberBySequence.set(`${parsed.year}/${parsed.sequence}`, number!); }
    if (check.errors.length) report(conventionSheet!, check, subject, 'erreur');
    else if (!existing) {
      bump(conventionCounterName(parsed!.year), parsed!.sequence);
      plan.conventions.create.push({ ...values, number: number!, year: parsed!.year, sequence: parsed!.sequence, siret: siret! });
      report(conventionSheet!, check, subject, 'créé');
    } else {
      const stored = { ...existing, siret: partnerById.get(existing.partnerId)?.siret } as unknown as Values;
      const { changed, details } = changesOf(check, stored, { ...values, siret }, {
        status: (v) => conventionStateLabels[v as ConventionState] ?? show(v), profileId: (v) => profileById.get(Number(v))?.code ?? show(v),
      });
      delete changed.siret;
      if (details.length) plan.conventions.update.push({ id: existing.id, values: changed, siret: siret! });
      report(conventionSheet!, check, subject, details.length ? 'mis à jour' : 'inchangé', details);
    }
    await progress();
  }
  /** The convention a row names: its facts, or an error message. */
  const conventionRef = (number: string): ConventionFacts | string => {
    const inFile = fileConventions.get(number);
    if (inFile) return inFile.facts ?? IMPORT_PLAN_MESSAGES.conventionInError(number);
    const stored = conventionByNumber.get(number);
    if (!stored) return IMPORT_PLAN_MESSAGES.conventionUnknown(number);
    return { ...stored, profile: profileById.get(stored.profileId)! };
  };
  const takeConvention = (check: RowCheck): ConventionFacts | null => {
    const parsed = check.take('conventionNumber', parseImportConventionNumber, true);
    delete check.values.conventionNumber;
    if (!parsed) return null;
    const facts = conventionRef(parsed.number);
    if (typeof facts === 'string') { check.error(facts); return null; }
    return facts;
  };

  // Responsables habilitations --------------------------------------------------------------------
  const managerSheet = sheetOf('managers');
  if (managerSheet) {
    const stored = await manager.find(HabilitationManager);
    const key = personOnDate;
    const storedByKey = new Map(stored.map((m) => [key(conventionNumberById.get(m.conventionId) ?? '', m, m.designationDate), m]));
    const seen = new Map<string, number>();
    const limits = textLimitsOf(manager.connection.getMetadata(HabilitationManager));
    /** Per convention: the designations after the import (stored and created), to find the current one. */
    const designations = new Map<string, Array<{ date: IsoDate; line: number; stored?: HabilitationManager; created?: Values }>>();
    for (const m of stored) {
      const number = conventionNumberById.get(m.conventionId);
      if (number) append(designations, number, { date: m.designationDate, line: 0, stored: m });
    }
    for (const row of managerSheet.rows) {
      const check = new RowCheck('managers', row, managerSheet.fields);
      const convention = takeConvention(check);
      check.take('civility', civility, true);
      check.text('lastName', true);
      check.text('firstName', true);
      check.text('address');
      check.take('phone', asText(validatePhone), true);
      check.take('fax', asText(validatePhone));
      check.take('email', asText(validateEmail), true);
      const designationDate = check.take('designationDate', date, true);
      if (designationDate && isAfter(designationDate, today)) check.error('Cette date ne peut pas être dans le futur.', 'designationDate');
      check.take('isSignatory', yesNoFlag);
      const values = check.values;
      limitErrors(check, limits, values);
      const subject = `${show(values.firstName)} ${show(values.lastName)} (${convention?.number ?? cellText(check.cell('conventionNumber'))})`;
      const k = convention && designationDate && values.lastName ? key(convention.number, values as never, designationDate) : null;
      if (k && seen.has(k)) check.error(IMPORT_PLAN_MESSAGES.duplicate('cette désignation', seen.get(k)!));
      if (k && !seen.has(k)) seen.set(k, row.line);
      const existing = k ? storedByKey.get(k) : undefined;
      if (check.errors.length) report(managerSheet, check, subject, 'erreur');
      else if (!existing) {
        const created = { ...values, conventionNumber: convention!.number, endDate: null, currentFor: null as number | null };
        plan.managers.create.push(created);
        append(designations, convention!.number, { date: designationDate!, line: row.line, created });
        report(managerSheet, check, subject, 'créé');
      } else {
        const { changed, details } = changesOf(check, existing as unknown as Values, values);
        if (details.length) plan.managers.update.push({ id: existing.id, values: changed });
        report(managerSheet, check, subject, details.length ? 'mis à jour' : 'inchangé', details);
      }
      await progress();
    }
    // A newer designation supersedes the previous one (DOMAIN.md « HabilitationManager »): the latest is current.
    for (const list of designations.values()) {
      if (!list.some((d) => d.created)) continue;
      list.sort((a, b) => (a.date === b.date ? a.line - b.line : a.date < b.date ? -1 : 1));
      list.forEach((d, i) => {
        const next = list[i + 1];
        if (d.created) {
          d.created.endDate = next ? next.date : null;
          d.created.current = !next;
        } else if (d.stored && next && d.stored.endDate === null) {
          plan.managers.supersede.push({ id: d.stored.id, endDate: next.date });
        }
      });
    }
  }

  // Habilitations ----------------------------------------------------------------------------------
  const habilitationSheet = sheetOf('habilitations');
  if (habilitationSheet) {
    const stored = await manager.find(Habilitation, {
      select: ['id', 'identifier', 'conventionId', 'civility', 'lastName', 'firstName', 'email', 'position', 'accessCode', 'grantedDate', 'endDate', 'status', 'statusReason', 'statusDetails', 'suspendedDate', 'revokedDate', 'passwordChangedDate', 'nextPasswordChangeDate'],
    });
    const storedByIdentifier = new Map(stored.map((h) => [h.identifier, h]));
    const limits = textLimitsOf(manager.connection.getMetadata(Habilitation));
    const seen = new Map<string, number>();
    /** Live (active or suspended) habilitations per convention number, by person: stored ones first. */
    const live = new Map<string, Map<string, string>>();
    const liveOf = (number: string) => live.get(number) ?? live.set(number, new Map()).get(number)!;
    const identifiersInFile = new Set<string>();
    for (const row of habilitationSheet.rows) {
      const parsed = parseHabilitationIdentifier(cellText(row.cells.identifier ?? null).replace(/\s+/g, ''));
      if (parsed) identifiersInFile.add(formatHabilitationIdentifier(parsed.department, parsed.sequence));
    }
    for (const h of stored) {
      if ((h.status === 'active' || h.status === 'suspendue') && !identifiersInFile.has(h.identifier)) {
        liveOf(conventionNumberById.get(h.conventionId) ?? '').set(personKey({ nom: h.lastName, prenom: h.firstName, email: h.email }), h.identifier);
      }
    }
    const capRows = new Map<string, Array<{ lineIndex: number; create?: Values; update?: Update }>>();
    for (const row of habilitationSheet.rows) {
      const check = new RowCheck('habilitations', row, habilitationSheet.fields);
      const identifier = check.take('identifier', (v) => {
        const p = parseHabilitationIdentifier(cellText(v).replace(/\s+/g, ''));
        return p ? { ok: true, value: formatHabilitationIdentifier(p.department, p.sequence) } : { ok: false, message: IMPORT_PLAN_MESSAGES.identifier(cellText(v)) };
      }, true);
      const convention = takeConvention(check);
      const existing = identifier ? storedByIdentifier.get(identifier) : undefined;
      if (identifier && seen.has(identifier)) check.error(IMPORT_PLAN_MESSAGES.duplicate(`l’identifiant ${identifier}`, seen.get(identifier)!));
      if (identifier && !seen.has(identifier)) seen.set(identifier, row.line);
      if (convention && convention.kind === 'data-provision') check.error(IMPORT_PLAN_MESSAGES.dataProvision(convention.number));
      // The holder: the product's own form checks (civilité, names, email, fonction, access code).
      const input: Values = {};
      for (const field of ['civility', 'lastName', 'firstName', 'email', 'position', 'accessCode']) if (habilitationSheet.fields.has(field)) input[field] = cellText(check.cell(field));
      if (habilitationSheet.fields.has('civility')) {
        const c = civility(check.cell('civility'));
        input.civility = c.ok ? c.value : '';
      }
      const holder = convention
        ? validateHabilitation(input, { needsAccessCode: convention.profile.needsAccessCode, accessCodeLabel: convention.profile.accessCodeLabel }, existing as unknown as Values)
        : [];
      if (Array.isArray(holder)) check.fieldErrors(holder);
      else Object.assign(check.values, holder);
      const contract = check.take('contractType', orNull(contractType));
      delete check.values.contractType;
      const grantedDate = check.take('grantedDate', date, true);
      const endDate = check.take('endDate', date);
      if (contract === 'CDD' && !endDate) check.error(IMPORT_PLAN_MESSAGES.cddEnd, 'endDate');
      if (contract === 'CDI' && endDate) check.values.endDate = null;
      const status = check.take('status', habilitationState, true);
      const suspendedDate = check.take('suspendedDate', date);
      const revokedDate = check.take('revokedDate', date);
      check.take('passwordChangedDate', date);
      check.take('nextPasswordChangeDate', date);
      const reasonText = check.has('statusReason') ? cellText(check.cell('statusReason')) : '';
      delete check.values.statusReason;
      if (status === 'revoquee') {
        const reason = reasonText ? revocationReason(reasonText) : null;
        if (reason && !reason.ok) check.error(reason.message, 'statusReason');
        else if (!revokedDate || !reason) check.error(IMPORT_PLAN_MESSAGES.revokedWithout);
        else Object.assign(check.values, { statusReason: reason.value, statusDetails: null, suspendedDate: null });
      } else if (status === 'suspendue') {
        if (!suspendedDate || !reasonText) check.error(IMPORT_PLAN_MESSAGES.suspendedWithout);
        else Object.assign(check.values, { statusReason: null, statusDetails: reasonText, revokedDate: null });
      } else if (status === 'active') {
        Object.assign(check.values, { statusReason: null, statusDetails: null, suspendedDate: null, revokedDate: null });
      }
      // Business rules on imported data: a live habilitation needs a convention in force and a running contract.
      const isLive = status === 'active' || status === 'suspendue';
      if (isLive && convention) {
        const why = convention.status === 'brouillon' || convention.status === 'envoyee' ? IMPORT_PLAN_MESSAGES.conventionNotSigned
          : convention.endDate && !isBefore(today, convention.endDate) ? IMPORT_PLAN_MESSAGES.conventionEnded(convention.endDate)
            : !isActiveOn(convention, today) && convention.effectiveDate ? IMPORT_PLAN_MESSAGES.conventionNotYet(convention.effectiveDate) : null;
        if (why) check.error(IMPORT_PLAN_MESSAGES.liveUnderInactive(convention.number, why));
      }
      const contractEnd = (check.has('endDate') ? check.values.endDate : existing?.endDate) as IsoDate | null | undefined;
      if (isLive && contractEnd && !isBefore(today, contractEnd)) check.error(IMPORT_PLAN_MESSAGES.contractEnded(contractEnd));
      if (grantedDate && isAfter(grantedDate, today)) check.error('Cette date ne peut pas être dans le futur.', 'grantedDate');
      const values = check.values;
      if (isLive && convention && values.lastName && values.email) {
        const person = personKey({ nom: String(values.lastName), prenom: String(values.firstName), email: foldEmail(String(values.email)) });
        const holder = liveOf(convention.number).get(person);
        if (holder && holder !== identifier) check.error(IMPORT_PLAN_MESSAGES.samePerson(convention.number, holder));
        else if (!check.errors.length) liveOf(convention.number).set(person, identifier!);
      }
      if (values.email) values.email = foldEmail(String(values.email));
      limitErrors(check, limits, values);
      const subject = identifier ?? cellText(check.cell('identifier'));
      if (check.errors.length) report(habilitationSheet, check, subject, 'erreur');
      else {
        const parsed = parseHabilitationIdentifier(identifier!)!;
        if (parsed.department === settings.departmentCode) bump(HABILITATION_COUNTER, parsed.sequence);
        let entry: { create?: Values; update?: Update } = {};
        if (!existing) {
          const created = { ...values, identifier: identifier!, conventionNumber: convention!.number };
          plan.habilitations.create.push(created);
          entry = { create: created };
          report(habilitationSheet, check, subject, 'créé');
        } else {
          const storedNumber = conventionNumberById.get(existing.conventionId);
          const { changed, details } = changesOf(check, { ...existing, conventionNumber: storedNumber } as unknown as Values, { ...values, conventionNumber: convention!.number }, {
            status: (v) => habilitationStateLabels[v as HabilitationState] ?? show(v), statusReason: (v) => revocationReasonLabels[v as RevocationReasonCode] ?? show(v),
          });
          if (details.length) {
            const update = { id: existing.id, values: changed, conventionNumber: changed.conventionNumber as string | undefined };
            delete update.values.conventionNumber;
            plan.habilitations.update.push(update);
            entry = { update };
          }
          report(habilitationSheet, check, subject, details.length ? 'mis à jour' : 'inchangé', details);
        }
        if (isLive && convention!.habilitationCap !== null) {
          append(capRows, convention!.number, { lineIndex: plan.lines.length - 1, ...entry });
        }
      }
      await progress();
    }
    // art. 2 cap: stored live habilitations not in the file, plus the file's live ones.
    for (const [number, rows] of capRows) {
      const convention = conventionRef(number) as ConventionFacts;
      const cap = convention.habilitationCap!;
      const others = [...liveOf(number).values()].filter((id) => !identifiersInFile.has(id)).length;
      rows.slice(Math.max(0, cap - others)).forEach((r) => {
        const line = plan.lines[r.lineIndex];
        line.outcome = 'erreur';
        line.details = [IMPORT_PLAN_MESSAGES.cap(number, cap)];
      });
    }
  }

  // Demandes en cours ------------------------------------------------------------------------------
  const requestSheet = sheetOf('requests');
  if (requestSheet) {
    const stored = await manager.find(AccessRequest);
    const key = personOnDate;
    const storedByKey = new Map(stored.map((r) => [key(conventionNumberById.get(r.conventionId) ?? '', r, r.receivedDate), r]));
    const seen = new Map<string, number>();
    const limits = textLimitsOf(manager.connection.getMetadata(AccessRequest));
    for (const row of requestSheet.rows) {
      const check = new RowCheck('requests', row, requestSheet.fields);
      const convention = takeConvention(check);
      const input: Values = {};
      for (const field of requestSheet.fields) if (field !== 'conventionNumber') input[field] = cellText(check.cell(field));
      const c = civility(check.cell('civility'));
      input.civility = c.ok ? c.value : '';
      const contract = contractType(check.cell('contractType'));
      input.contractType = contract.ok ? contract.value : cellText(check.cell('contractType'));
      for (const field of ['receivedDate', 'contractEndDate']) {
        if (!requestSheet.fields.has(field)) continue;
        const parsed = date(check.cell(field));
        if (!parsed.ok) { check.error(parsed.message, field); input[field] = ''; } else input[field] = parsed.value ?? '';
      }
      for (const field of ['userSigned', 'employerSigned']) {
        if (!requestSheet.fields.has(field)) continue;
        const yes = yesNoFlag(check.cell(field));
        if (!yes.ok) check.error(yes.message, field);
        input[field] = String(yes.ok && yes.value);
      }
      const id = convention?.id ?? 0;
      const validated = convention ? await validateAccessRequest({ ...input, conventionId: String(id || 1) }, today, {
        convention: async () => ({ number: convention.number, kind: convention.kind }), keyedWith: async () => null,
      }) : [];
      if (Array.isArray(validated)) check.fieldErrors(validated);
      else { delete validated.conventionId; Object.assign(check.values, validated); }
      const values = check.values;
      limitErrors(check, limits, values);
      const subject = `${show(values.firstName ?? cellText(check.cell('firstName')))} ${show(values.lastName ?? cellText(check.cell('lastName')))}`;
      const k = convention && values.receivedDate ? key(convention.number, values as never, String(values.receivedDate)) : null;
      if (k && seen.has(k)) check.error(IMPORT_PLAN_MESSAGES.duplicate('cette demande', seen.get(k)!));
      if (k && !seen.has(k)) seen.set(k, row.line);
      const existing = k ? storedByKey.get(k) : undefined;
      if (check.errors.length) report(requestSheet, check, subject, 'erreur');
      else if (!existing) {
        plan.requests.create.push({ ...values, conventionNumber: convention!.number });
        report(requestSheet, check, subject, 'créé');
      } else {
        const { changed, details } = changesOf(check, existing as unknown as Values, values);
        if (details.length) plan.requests.update.push({ id: existing.id, values: changed });
        report(requestSheet, check, subject, details.length ? 'mis à jour' : 'inchangé', details);
      }
      await progress();
    }
  }

  for (const line of plan.lines) plan.counts[line.outcome]++;
  return plan;
}
