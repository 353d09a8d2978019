// The search box of the top bar (issue 13 §4): one field for a partner (name or SIRET), a person
// (name or email: habilitations, access requests, responsables, and the suppressions of a found
// habilitation), a habilitation identifier, a convention number, a printed form reference
// (DA-/RH-/DS-…) or a register number. An exact reference names one record: it is opened directly.
// Anything else lists the matches grouped by kind, only the kinds the agent's role may see (the
// policy table). Every query reads a range of an index (issue 14: under 200 ms at national volume):
// « starts with » on the folded names (folded-columns.ts), the identifier, the number, the SIRET.
import { In, type EntityManager, type FindOptionsWhere, type ObjectLiteral } from 'typeorm';
import { AccessRequest } from '../../entities/access-request.entity.js';
import { Convention } from '../../entities/convention.entity.js';
import { HabilitationManager } from '../../entities/habilitation-manager.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { Partner } from '../../entities/partner.entity.js';
import { SuppressionRequest } from '../../entities/suppression-request.entity.js';
import { can, type ResourceId } from '../../policies/policy.js';
import type { StaffRole } from '../../policies/roles.js';
import { accessRequestStateLabels } from '../access-request/access-request.workflow.js';
import { conventionStateLabels } from '../convention/convention.workflow.js';
import { lookupReference, normalizeReference } from '../documents/form-references.js';
import { habilitationStateLabels } from '../habilitation/habilitation.workflow.js';
import { foldEmail, foldName } from '../shared/normalize.js';
import { suppressionRequestStateLabels } from '../suppression-request/suppression-request.workflow.js';
import { contains, startsWith } from './prefix-match.js';

export const SEARCH_KINDS = ['Partner', 'Convention', 'Habilitation', 'AccessRequest', 'SuppressionRequest', 'HabilitationManager'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  Partner: 'Partenaires', Convention: 'Conventions', Habilitation: 'Habilitations', AccessRequest: 'Demandes d’accès',
  SuppressionRequest: 'Demandes de suppression', HabilitationManager: 'Responsables habilitations',
};

export interface SearchHit { id: number; title: string; detail: string }
export interface SearchGroup { kind: SearchKind; label: string; hits: SearchHit[]; more: boolean }
/** An exact reference: the record to open. Otherwise the groups (empty when nothing matched). */
export type SearchOutcome =
  | { kind: 'record'; resource: ResourceId; recordId: number; message: string }
  | { kind: 'results'; query: string; groups: SearchGroup[] };

export const SEARCH_MESSAGES = {
  tooShort: 'Saisissez au moins deux caractères : un nom, un e-mail, un SIRET, un identifiant, un numéro de convention ou une référence (DA-2026-000123).',
  none: (query: string) => `Aucun résultat pour « ${query} ».`,
} as const;

/** Results shown per kind; « more » says there are others (a longer query narrows them). */
export const HITS_PER_KIND = 10;
const MIN_LENGTH = 2;

const HABILITATION_IDENTIFIER = /^[A-Z]{2}\d{2,3}-\d{3,}$/;
const CONVENTION_NUMBER = /^\d{2,3}\/\d{4}\/\d/;

/** A convention number without spaces, in capitals: « 78/2026/0004as – t2 » → « 78/2026/0004AS–T2 ». */
const compactNumber = (text: string) => text.replace(/\s+/g, '').toUpperCase();
/** What the number index is read with: the part before the profile (which the stored number spaces out). */
const numberHead = (text: string) => compactNumber(text).split('–')[0];

const person = (p: { lastName: string; firstName: string }) => `${p.lastName.toUpperCase()} ${p.firstName}`;

/**
 * The conditions on a person's folded names for a query: « dupont », « jean dupont » or « dupont jean »
 * (a last name of several words too), an email or its beginning. Each one starts with an indexed prefix.
 */
export function personConditions<T extends ObjectLiteral>(manager: EntityManager, query: string): Array<FindOptionsWhere<T>> {
  if (query.includes('@')) return [{ emailFolded: startsWith(manager, foldEmail(query)) } as unknown as FindOptionsWhere<T>];
  const folded = foldName(query);
  if (!folded) return [];
  const where: Array<Record<string, unknown>> = [{ lastNameFolded: startsWith(manager, folded) }];
  const words = folded.split(' ');
  for (let cut = 1; cut < words.length; cut++) {
    const [before, after] = [words.slice(0, cut).join(' '), words.slice(cut).join(' ')];
    where.push({ lastNameFolded: startsWith(manager, after), firstNameFolded: startsWith(manager, before) });
    where.push({ lastNameFolded: startsWith(manager, before), firstNameFolded: startsWith(manager, after) });
  }
  return where as unknown as Array<FindOptionsWhere<T>>;
}

/** The rows of each condition (one indexed query each, in the name order), without duplicates. */
async function rowsOf<T extends ObjectLiteral & { id: number }>(
  manager: EntityManager, entity: new () => T, conditions: Array<FindOptionsWhere<T>>, order: Record<string, 'ASC'>, relations?: Record<string, unknown>,
): Promise<{ rows: T[]; more: boolean }> {
  const seen = new Map<number, T>();
  let more = false;
  for (const where of conditions) {
    const rows = await manager.find(entity, { where, order: order as never, take: HITS_PER_KIND + 1, relations: relations as never });
    if (rows.length > HITS_PER_KIND) more = true;
    for (const row of rows.slice(0, HITS_PER_KIND)) if (!seen.has(row.id)) seen.set(row.id, row);
  }
  const rows = [...seen.values()];
  return { rows: rows.slice(0, HITS_PER_KIND), more: more || rows.length > HITS_PER_KIND };
}

const PERSON_ORDER = { lastNameFolded: 'ASC', firstNameFolded: 'ASC' } as const;

type Finder = (manager: EntityManager, query: string) => Promise<{ hits: SearchHit[]; more: boolean }>;

const FINDERS: Record<SearchKind, Finder> = {
  async Partner(manager, query) {
    const digits = query.replace(/\s/g, '');
    const conditions: Array<FindOptionsWhere<Partner>> = /^\d{3,14}$/.test(digits)
      ? [{ siret: startsWith(manager, digits) }]
      : [{ nameFolded: contains(foldName(query)) }];
    const { rows, more } = await rowsOf(manager, Partner, conditions, { nameFolded: 'ASC' });
    return { more, hits: rows.map((p) => ({ id: p.id, title: p.name, detail: `SIRET ${p.siret} · ${p.postalCode} ${p.city}` })) };
  },
  async Convention(manager, query) {
    if (!CONVENTION_NUMBER.test(compactNumber(query))) return { hits: [], more: false };
    const found = await rowsOf(manager, Convention, [{ number: startsWith(manager, numberHead(query)) }], { number: 'ASC' } as never, { partner: true });
    const rows = found.rows.filter((c) => compactNumber(c.number).startsWith(compactNumber(query)));
    return { more: found.more, hits: rows.map((c) => ({ id: c.id, title: `Convention ${c.number}`, detail: `${c.partner?.name ?? ''} · ${conventionStateLabels[c.status] ?? c.status}` })) };
  },
  async Habilitation(manager, query) {
    const identifier = query.replace(/\s+/g, '').toUpperCase();
    const conditions: Array<FindOptionsWhere<Habilitation>> = /^[A-Z]{2}\d/.test(identifier) && /\d-?\d*$/.test(identifier) && !query.includes('@')
      ? [{ identifier: startsWith(manager, identifier) }]
      : personConditions<Habilitation>(manager, query);
    const { rows, more } = await rowsOf(manager, Habilitation, conditions, PERSON_ORDER, { convention: { partner: true } });
    return { more, hits: rows.map((h) => ({
      id: h.id, title: `${h.identifier} — ${person(h)}`, detail: `${h.email} · ${h.convention?.partner?.name ?? ''} · ${habilitationStateLabels[h.status] ?? h.status}`,
    })) };
  },
  async AccessRequest(manager, query) {
    const { rows, more } = await rowsOf(manager, AccessRequest, personConditions<AccessRequest>(manager, query), PERSON_ORDER, { convention: { partner: true } });
    return { more, hits: rows.map((r) => ({
      id: r.id, title: `Demande d’accès de ${person(r)}${r.formReference ? ` (${r.formReference})` : ''}`,
      detail: `${r.email} · ${r.convention?.partner?.name ?? ''} · ${accessRequestStateLabels[r.status] ?? r.status}`,
    })) };
  },
  async SuppressionRequest(manager, query) {
    // A suppression names the person through its habilitation: those of the habilitations found.
    const holders = await FINDERS.Habilitation(manager, query);
    if (!holders.hits.length) return { hits: [], more: false };
    const rows = await manager.find(SuppressionRequest, {
      where: { habilitationId: In(holders.hits.map((h) => h.id)) }, relations: { habilitation: true }, order: { receivedDate: 'DESC' }, take: HITS_PER_KIND + 1,
    });
    return { more: rows.length > HITS_PER_KIND, hits: rows.slice(0, HITS_PER_KIND).map((s) => ({
      id: s.id, title: `Demande de suppression pour ${s.habilitation.identifier} — ${person(s.habilitation)}${s.formReference ? ` (${s.formReference})` : ''}`,
      detail: `Reçue le ${s.receivedDate.split('-').reverse().join('/')} · ${suppressionRequestStateLabels[s.status] ?? s.status}`,
    })) };
  },
  async HabilitationManager(manager, query) {
    const { rows, more } = await rowsOf(manager, HabilitationManager, personConditions<HabilitationManager>(manager, query), PERSON_ORDER, { convention: true });
    return { more, hits: rows.map((m) => ({
      id: m.id, title: `${person(m)}${m.formReference ? ` (${m.formReference})` : ''}`,
      detail: `${m.email} · convention ${m.convention?.number ?? ''} · ${m.endDate ? 'remplacé' : 'en fonction'}`,
    })) };
  },
};

/** The record an exact reference names, if the role may see it. */
async function exactRecord(manager: EntityManager, role: StaffRole, query: string): Promise<Extract<SearchOutcome, { kind: 'record' }> | null> {
  const compact = query.replace(/\s+/g, '').toUpperCase();
  const open = (resource: ResourceId, recordId: number, message: string) =>
    (can(role, resource, 'show') ? { kind: 'record' as const, resource, recordId, message } : null);
  if (normalizeReference(query)) {
    const found = await lookupReference(manager, query);
    if (!found.ok) return null;
    // A form printed but not keyed yet: its Document (the « Saisir une référence » action creates the record).
    if (found.target.kind === 'new') return open('Document', found.document.id, `${found.document.title} (réf. ${found.reference}) : formulaire imprimé, pas encore enregistré.`);
    return open(found.target.resource, found.target.recordId, found.message);
  }
  if (HABILITATION_IDENTIFIER.test(compact)) {
    const habilitation = await manager.findOne(Habilitation, { where: { identifier: compact }, select: { id: true, identifier: true } });
    if (habilitation) return open('Habilitation', habilitation.id, `Habilitation ${habilitation.identifier}.`);
  }
  if (/^\d{14}$/.test(compact)) {
    const partner = await manager.findOne(Partner, { where: { siret: compact }, select: { id: true, name: true } });
    if (partner) return open('Partner', partner.id, `${partner.name}.`);
  }
  if (CONVENTION_NUMBER.test(compact)) {
    // The number as printed (« 78/2026/0004AS – T2 ») or without its profile (« 78/2026/0004AS »), when it names one.
    const conventions = (await manager.find(Convention, { where: { number: startsWith(manager, numberHead(query)) }, select: { id: true, number: true }, take: 20 }))
      .filter((c) => compactNumber(c.number) === compact || numberHead(c.number) === compact);
    if (conventions.length === 1) return open('Convention', conventions[0].id, `Convention ${conventions[0].number}.`);
  }
  return null;
}

export async function globalSearch(manager: EntityManager, role: StaffRole, text: string): Promise<SearchOutcome | { kind: 'refused'; message: string }> {
  const query = String(text ?? '').normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, 100);
  if (query.length < MIN_LENGTH) return { kind: 'refused', message: SEARCH_MESSAGES.tooShort };
  const exact = await exactRecord(manager, role, query);
  if (exact) return exact;
  const groups: SearchGroup[] = [];
  for (const kind of SEARCH_KINDS) {
    if (!can(role, kind, 'list') || !can(role, kind, 'show')) continue;
    const { hits, more } = await FINDERS[kind](manager, query);
    if (hits.length) groups.push({ kind, label: SEARCH_KIND_LABELS[kind], hits, more });
  }
  return { kind: 'results', query, groups };
}
