// The « Registre des destinataires » (issue 12 §3): who receives the Caf's data on a given day —
// every convention in force (signed; or dénoncée / résiliée but not yet at its end, DOMAIN.md: the
// habilitations are revoked on the end day), its partner, its access profile and its number of active
// habilitations. Read-only; the XLSX and the PDF (src/documents/recipient-register.pdf.ts) are built from the same rows.
import { In, type EntityManager } from 'typeorm';
import { Convention } from '../../entities/convention.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import type { RecipientRegisterData, RecipientRegisterRow } from '../../documents/document-data.js';
import { formatSiret } from '../../documents/format.js';
import { endsBy } from '../convention/convention-end.js';
import { letterhead } from '../documents/document-mapping.js';
import { PARTNER_TYPE_LABELS } from '../partner/partner.validation.js';
import { getSettings } from '../settings/settings.js';
import type { IsoDate } from '../shared/dates.js';

/** States in which a convention may still be in force (a dénoncée or résiliée one until its end date). */
const MAY_BE_IN_FORCE = ['signee', 'denoncee', 'resiliee'] as const;

export async function recipientRegisterRows(manager: EntityManager, today: IsoDate): Promise<RecipientRegisterRow[]> {
  const conventions = (await manager.find(Convention, { where: { status: In([...MAY_BE_IN_FORCE]) }, relations: { partner: true, profile: true } }))
    .filter((c) => (c.status === 'signee' && !c.endDate) || (c.endDate !== null && !endsBy(c.endDate, today)));
  const counts = new Map<number, number>();
  if (conventions.length) {
    const raw = await manager.createQueryBuilder(Habilitation, 'h').select('h.conventionId', 'conventionId').addSelect('COUNT(*)', 'active')
      .where('h.status = :status', { status: 'active' }).andWhere('h.conventionId IN (:...ids)', { ids: conventions.map((c) => c.id) })
      .groupBy('h.conventionId').getRawMany<{ conventionId: number | string; active: number | string }>();
    for (const row of raw) counts.set(Number(row.conventionId), Number(row.active));
  }
  return conventions
    .map((c) => ({
      partnerName: c.partner.name, siret: formatSiret(c.partner.siret), partnerType: PARTNER_TYPE_LABELS[c.partner.type] ?? c.partner.type,
      conventionNumber: c.number, profile: `${c.profile.code} – ${c.profile.label}`, effectiveDate: c.effectiveDate, endDate: c.endDate,
      activeHabilitations: counts.get(c.id) ?? 0,
    }))
    .sort((a, b) => a.partnerName.localeCompare(b.partnerName, 'fr') || a.conventionNumber.localeCompare(b.conventionNumber, 'fr'));
}

/** The register's data for the PDF: the rows and the Caf's letterhead and signatory from the Settings. */
export async function recipientRegisterData(manager: EntityManager, today: IsoDate, now: Date): Promise<RecipientRegisterData> {
  const settings = await getSettings(manager);
  return {
    caf: letterhead(settings), reference: `RD-${today}`, date: today, generatedAt: now, rows: await recipientRegisterRows(manager, today),
  };
}
