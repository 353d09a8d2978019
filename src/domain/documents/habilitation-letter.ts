// What the « notification d'habilitation » (document 7) prints besides its stamp, from the
// habilitation and its convention as they are now: used when the letter is written
// (habilitation.use-cases.ts) and when a lost file is regenerated (document-regeneration.ts).
import type { EntityManager } from 'typeorm';
import { AccessProfile } from '../../entities/access-profile.entity.js';
import { Convention } from '../../entities/convention.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { Partner } from '../../entities/partner.entity.js';
import type { Regenerate } from '../files/stored-files.js';
import { getSettings } from '../settings/settings.js';
import type { IsoDate } from '../shared/dates.js';
import { renderStamped, stampOf, type DocumentContent } from './document-archive.js';
import { conventionData, letterhead, partnerData } from './document-mapping.js';

export async function habilitationLetterContent(
  manager: EntityManager, habilitation: Habilitation, date: IsoDate,
): Promise<DocumentContent<'habilitation-letter'>> {
  const settings = await getSettings(manager);
  const convention = await manager.findOneByOrFail(Convention, { id: habilitation.conventionId });
  const [partner, profile] = await Promise.all([
    manager.findOneByOrFail(Partner, { id: convention.partnerId }),
    manager.findOneByOrFail(AccessProfile, { id: convention.profileId }),
  ]);
  return {
    caf: letterhead(settings),
    partner: partnerData(partner),
    convention: conventionData(convention, profile, date),
    user: { civility: habilitation.civility, firstName: habilitation.firstName, lastName: habilitation.lastName, function: habilitation.position },
    // Never a password: the letter has no field for one (DOMAIN.md « Habilitation »).
    habilitation: {
      identifier: habilitation.identifier,
      grantedOn: habilitation.grantedDate,
      contract: habilitation.endDate ? 'CDD' : 'CDI',
      endsOn: habilitation.endDate ?? undefined,
      accessCode: habilitation.accessCode ?? undefined,
    },
  };
}

/** The letter's PDF again from its record, or null when its habilitation is gone. */
export const regenerateHabilitationLetter: Regenerate = async (manager, document) => {
  const habilitation = document.subjectType === 'Habilitation' ? await manager.findOneBy(Habilitation, { id: document.subjectId }) : null;
  if (!habilitation) return null;
  const stamp = stampOf(document);
  return renderStamped('habilitation-letter', await habilitationLetterContent(manager, habilitation, stamp.date), stamp);
};
