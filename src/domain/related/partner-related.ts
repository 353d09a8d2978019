// A partner's page: its conventions (state, profile, anniversary) and « Créer une convention » for it.
import type { EntityManager } from 'typeorm';
import { Convention } from '../../entities/convention.entity.js';
import { Partner } from '../../entities/partner.entity.js';
import { conventionStateLabels } from '../convention/convention.workflow.js';
import { formatFrenchDate, type IsoDate } from '../shared/dates.js';
import { conventionCalendar } from './convention-calendar.js';
import { listHref, newHref, recordHref } from './related-links.js';
import type { PartnerRelated } from './related-records.types.js';
import type { Allowed } from './related-records.js';

export async function partnerRelated(manager: EntityManager, allowed: Allowed, partnerId: number, today: IsoDate): Promise<PartnerRelated> {
  const related: PartnerRelated = { kind: 'Partner' };
  if (allowed('Convention', 'list')) {
    const conventions = await manager.find(Convention, { where: { partnerId }, relations: { profile: true }, order: { year: 'DESC', sequence: 'DESC' } });
    related.conventions = {
      total: conventions.length,
      href: listHref('Convention', { partnerId }),
      lines: conventions.map((c) => {
        const next = conventionCalendar(c, today).anniversary;
        return {
          label: `Convention ${c.number}`,
          href: recordHref('Convention', c.id),
          details: [
            conventionStateLabels[c.status] ?? c.status,
            c.profile ? `${c.profile.code} – ${c.profile.label}` : '',
            next ? `anniversaire le ${formatFrenchDate(next)}` : c.endDate ? `fin le ${formatFrenchDate(c.endDate)}` : '',
          ].filter(Boolean),
        };
      }),
    };
  }
  if (allowed('Convention', 'new')) {
    const partner = await manager.findOne(Partner, {
      where: { id: partnerId }, select: { id: true, representativeCivility: true, representativeName: true, representativeTitle: true },
    });
    if (partner) {
      related.createConvention = {
        label: 'Créer une convention',
        href: newHref('Convention', {
          partnerId, signatoryCivility: partner.representativeCivility, signatoryName: partner.representativeName, signatoryTitle: partner.representativeTitle,
        }),
      };
    }
  }
  return related;
}
