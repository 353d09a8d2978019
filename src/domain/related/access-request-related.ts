// A demande d'accès's page: its scan beside the fields, and what the same person already has — their
// other demandes and their habilitations, through any partner — so a duplicate or a transfer is seen.
import { Not, type EntityManager } from 'typeorm';
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

/** How the scan shows inline (also on the decision screen, decision-preview.ts). */
export function scanFile(scan: Pick<Scan, 'id' | 'mimeType' | 'originalName'>): ScanFile {
  const display = scan.mimeType === 'application/pdf' ? 'pdf' : scan.mimeType.startsWith('image/') ? 'image' : 'other';
  return { href: scanHref(scan.id), name: scan.originalName, display };
}

export async function accessRequestRelated(manager: EntityManager, allowed: Allowed, requestId: number): Promise<AccessRequestRelated | null> {
  const request = await manager.findOneBy(AccessRequest, { id: requestId });
  if (!request) return null;
  const related: AccessRequestRelated = { kind: 'AccessRequest' };
  // The same nom and prénom, accents, case and spaces aside: the folded columns kept for the search
  // (src/domain/search/folded-columns.ts, foldName), read through their index.
  const samePerson = { lastNameFolded: foldName(request.lastName), firstNameFolded: foldName(request.firstName) };
  const sameEmail = (p: { email: string }) => (foldEmail(p.email) === foldEmail(request.email) ? ['même adresse électronique'] : []);
  const parts: Array<Promise<unknown>> = [];
  if (allowed('Scan', 'show')) {
    parts.push((request.scanId ? manager.findOne(Scan, { where: { id: request.scanId }, select: { id: true, mimeType: true, originalName: true } }) : Promise.resolve(null))
      .then((scan) => { related.scan = scan ? scanFile(scan) : null; }));
  }
  if (allowed('AccessRequest', 'list')) {
    parts.push(manager.find(AccessRequest, {
      where: { ...samePerson, id: Not(request.id) }, relations: { convention: { partner: true } }, order: { receivedDate: 'DESC', id: 'DESC' }, take: MAX_LINES,
    }).then((rows) => {
      related.otherRequests = rows.map((r): RelatedLine => ({
        label: `Demande d'accès de ${r.firstName} ${r.lastName.toUpperCase()}`,
        href: recordHref('AccessRequest', r.id),
        details: [accessRequestStateLabels[r.status] ?? r.status, `reçue le ${formatFrenchDate(r.receivedDate)}`, r.convention.partner.name, `convention ${r.convention.number}`, ...sameEmail(r)],
      }));
    }));
  }
  if (allowed('Habilitation', 'list')) {
    parts.push(manager.find(Habilitation, {
      where: samePerson, relations: { convention: { partner: true } }, order: { grantedDate: 'DESC', id: 'DESC' }, take: MAX_LINES,
    }).then((rows) => {
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
