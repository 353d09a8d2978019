// A demande d'accès's page: its scan beside the fields, and what the same person already has — their
// other demandes and their habilitations, through any partner — so a duplicate or a transfer is seen.
import { In, type EntityManager } from 'typeorm';
import { AccessRequest } from '../../entities/access-request.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { Scan } from '../../entities/scan.entity.js';
import { accessRequestStateLabels } from '../access-request/access-request.workflow.js';
import { habilitationStateLabels } from '../habilitation/habilitation.workflow.js';
import { foldEmail, foldName } from '../shared/normalize.js';
import { formatFrenchDate } from '../shared/dates.js';
import { recordHref, scanHref } from './related-links.js';
import type { AccessRequestRelated, RelatedLine, ScanFile } from './related-records.types.js';
import type { Allowed } from './related-records.js';

/** How many of the person's records of each kind are listed at most (a person has a handful). */
const MAX_LINES = 50;

const withoutAccents = (value: string) => value.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const capitalized = (value: string) => value.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_m, sep: string, letter: string) => sep + letter.toUpperCase());

/**
 * The spellings of a last name the forms use (« Lefèvre », « LEFÈVRE », « LEFEVRE »…), to find the
 * candidates through the index on lastName; the comparison itself is foldName's (accents, case, spaces).
 * MariaDB's collation already ignores case and accents; SQLite's `=` needs the spellings.
 */
export function nameSpellings(lastName: string): string[] {
  const trimmed = lastName.trim().replace(/\s+/g, ' ');
  return [...new Set([trimmed, withoutAccents(trimmed)].flatMap((v) => [v, v.toUpperCase(), v.toLowerCase(), capitalized(v)]))];
}

function scanFile(scan: Pick<Scan, 'id' | 'mimeType' | 'originalName'>): ScanFile {
  const display = scan.mimeType === 'application/pdf' ? 'pdf' : scan.mimeType.startsWith('image/') ? 'image' : 'other';
  return { href: scanHref(scan.id), name: scan.originalName, display };
}

export async function accessRequestRelated(manager: EntityManager, allowed: Allowed, requestId: number): Promise<AccessRequestRelated | null> {
  const request = await manager.findOneBy(AccessRequest, { id: requestId });
  if (!request) return null;
  const related: AccessRequestRelated = { kind: 'AccessRequest' };
  const samePerson = (p: { lastName: string; firstName: string }) =>
    foldName(p.lastName) === foldName(request.lastName) && foldName(p.firstName) === foldName(request.firstName);
  const sameEmail = (p: { email: string }) => (foldEmail(p.email) === foldEmail(request.email) ? ['même adresse électronique'] : []);
  /**
   * The ids of the same person's rows, newest first: every row with one of the last name's spellings
   * (names only, through the index), compared with foldName; then only those are read in full. A
   * common name (« Martin ») matches thousands of rows nationally: a limit before the comparison could
   * leave the person's own rows out.
   */
  const samePersonIds = async (entity: typeof AccessRequest | typeof Habilitation, newest: 'receivedDate' | 'grantedDate') => {
    const rows: Array<{ id: number; lastName: string; firstName: string }> = await manager.createQueryBuilder(entity, 'r')
      .select(['r.id AS id', 'r.lastName AS lastName', 'r.firstName AS firstName'])
      .where('r.lastName IN (:...spellings)', { spellings: nameSpellings(request.lastName) })
      .orderBy(`r.${newest}`, 'DESC').addOrderBy('r.id', 'DESC')
      .getRawMany();
    return rows.filter(samePerson).map((r) => Number(r.id)).slice(0, MAX_LINES);
  };
  const parts: Array<Promise<unknown>> = [];
  if (allowed('Scan', 'show')) {
    parts.push((request.scanId ? manager.findOne(Scan, { where: { id: request.scanId }, select: { id: true, mimeType: true, originalName: true } }) : Promise.resolve(null))
      .then((scan) => { related.scan = scan ? scanFile(scan) : null; }));
  }
  if (allowed('AccessRequest', 'list')) {
    parts.push(samePersonIds(AccessRequest, 'receivedDate').then((ids) => ids.filter((id) => id !== request.id)).then((ids) => (ids.length ? manager.find(AccessRequest, {
      where: { id: In(ids) }, relations: { convention: { partner: true } }, order: { receivedDate: 'DESC', id: 'DESC' },
    }) : [])).then((rows) => {
      related.otherRequests = rows.map((r): RelatedLine => ({
        label: `Demande d'accès de ${r.firstName} ${r.lastName.toUpperCase()}`,
        href: recordHref('AccessRequest', r.id),
        details: [accessRequestStateLabels[r.status] ?? r.status, `reçue le ${formatFrenchDate(r.receivedDate)}`, r.convention.partner.name, `convention ${r.convention.number}`, ...sameEmail(r)],
      }));
    }));
  }
  if (allowed('Habilitation', 'list')) {
    parts.push(samePersonIds(Habilitation, 'grantedDate').then((ids) => (ids.length ? manager.find(Habilitation, {
      where: { id: In(ids) }, relations: { convention: { partner: true } }, order: { grantedDate: 'DESC', id: 'DESC' },
    }) : [])).then((rows) => {
      related.habilitations = rows.map((h): RelatedLine => ({
        label: `${h.identifier} — ${h.lastName.toUpperCase()} ${h.firstName}`,
        href: recordHref('Habilitation', h.id),
        details: [habilitationStateLabels[h.status] ?? h.status, h.convention.partner.name, `convention ${h.convention.number}`, ...(h.id === request.habilitationId ? ['délivrée sur cette demande'] : []), ...sameEmail(h)],
      }));
    }));
  }
  await Promise.all(parts);
  return related;
}
