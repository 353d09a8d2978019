// A demande d'accès's page: its scan beside the fields, and what the same person already has — their
// other demandes and their habilitations, through any partner — so a duplicate or a transfer is seen.
import { In, Not, type EntityManager } from 'typeorm';
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

/** How many of the person's other records are listed at most (a person has a handful). */
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

/** How the scan shows inline (also on the decision screen, decision-preview.ts). */
export function scanFile(scan: Pick<Scan, 'id' | 'mimeType' | 'originalName'>): ScanFile {
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
  const lastName = In(nameSpellings(request.lastName));
  const parts: Array<Promise<unknown>> = [];
  if (allowed('Scan', 'show')) {
    parts.push((request.scanId ? manager.findOne(Scan, { where: { id: request.scanId }, select: { id: true, mimeType: true, originalName: true } }) : Promise.resolve(null))
      .then((scan) => { related.scan = scan ? scanFile(scan) : null; }));
  }
  if (allowed('AccessRequest', 'list')) {
    parts.push(manager.find(AccessRequest, {
      where: { lastName, id: Not(request.id) }, relations: { convention: { partner: true } }, order: { receivedDate: 'DESC', id: 'DESC' }, take: MAX_LINES * 4,
    }).then((rows) => {
      related.otherRequests = rows.filter(samePerson).slice(0, MAX_LINES).map((r): RelatedLine => ({
        label: `Demande d'accès de ${r.firstName} ${r.lastName.toUpperCase()}`,
        href: recordHref('AccessRequest', r.id),
        details: [accessRequestStateLabels[r.status] ?? r.status, `reçue le ${formatFrenchDate(r.receivedDate)}`, r.convention.partner.name, `convention ${r.convention.number}`, ...sameEmail(r)],
      }));
    }));
  }
  if (allowed('Habilitation', 'list')) {
    parts.push(manager.find(Habilitation, {
      where: { lastName }, relations: { convention: { partner: true } }, order: { grantedDate: 'DESC', id: 'DESC' }, take: MAX_LINES * 4,
    }).then((rows) => {
      related.habilitations = rows.filter(samePerson).slice(0, MAX_LINES).map((h): RelatedLine => ({
        label: `${h.identifier} — ${h.lastName.toUpperCase()} ${h.firstName}`,
        href: recordHref('Habilitation', h.id),
        details: [habilitationStateLabels[h.status] ?? h.status, h.convention.partner.name, `convention ${h.convention.number}`, ...(h.id === request.habilitationId ? ['délivrée sur cette demande'] : []), ...sameEmail(h)],
      }));
    }));
  }
  await Promise.all(parts);
  return related;
}
