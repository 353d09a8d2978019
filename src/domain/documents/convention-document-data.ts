// What every document of a convention is made from: the convention, its partner and profile and the
// Caf's Settings, loaded once, then shaped by document-mapping.ts. Shared by convention-documents.ts
// and renewal-notices.ts (the renewal run loads them in bulk, see loadConventionSources).
import { In, type EntityManager } from 'typeorm';
import { AccessProfile } from '../../entities/access-profile.entity.js';
import { Convention } from '../../entities/convention.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { Partner } from '../../entities/partner.entity.js';
import type { Settings } from '../../entities/settings.entity.js';
import type { CafLetterhead, ConventionData, PartnerData } from '../../documents/document-data.js';
import { getSettings } from '../settings/settings.js';
import { conventionData, letterhead, partnerDataForConvention } from './document-mapping.js';

export interface ConventionSources {
  convention: Convention;
  partner: Partner;
  profile: AccessProfile;
}

export interface ConventionDocumentBase {
  caf: CafLetterhead;
  partner: PartnerData;
  convention: ConventionData;
}

/** The convention with its partner and profile, or null when it does not exist. */
export async function loadConventionSources(manager: EntityManager, conventionId: number): Promise<ConventionSources | null> {
  const convention = Number.isInteger(conventionId) && conventionId > 0 ? await manager.findOneBy(Convention, { id: conventionId }) : null;
  if (!convention) return null;
  const [partner, profile] = await Promise.all([
    manager.findOneByOrFail(Partner, { id: convention.partnerId }),
    manager.findOneByOrFail(AccessProfile, { id: convention.profileId }),
  ]);
  return { convention, partner, profile };
}

/** Partners and profiles of many conventions at once (renewal run), by id. */
export async function loadPartnersAndProfiles(manager: EntityManager, conventions: Convention[]) {
  const partnerIds = [...new Set(conventions.map((c) => c.partnerId))];
  const profileIds = [...new Set(conventions.map((c) => c.profileId))];
  const partners = new Map<number, Partner>();
  for (let i = 0; i < partnerIds.length; i += 500) {
    for (const p of await manager.findBy(Partner, { id: In(partnerIds.slice(i, i + 500)) })) partners.set(p.id, p);
  }
  const profiles = new Map((await manager.findBy(AccessProfile, { id: In(profileIds.length ? profileIds : [0]) })).map((p) => [p.id, p]));
  return { partners, profiles };
}

/** The letterhead, partner and convention blocks printed by every document of the convention. */
export function documentBase(settings: Settings, sources: ConventionSources, today: string): ConventionDocumentBase {
  return {
    caf: letterhead(settings),
    partner: partnerDataForConvention(sources.partner, sources.convention),
    convention: conventionData(sources.convention, sources.profile, today),
  };
}

export async function loadDocumentBase(manager: EntityManager, sources: ConventionSources, today: string): Promise<ConventionDocumentBase> {
  return documentBase(await getSettings(manager), sources, today);
}

const french = new Intl.Collator('fr');

/**
 * Habilitations under the convention in the given states, in print order: name, then first name, in
 * French alphabetical order (« Château » before « Chevalier »), which neither SQLite nor every MySQL
 * collation gives.
 */
export async function habilitationsOf(manager: EntityManager, conventionId: number, states: Array<Habilitation['status']>): Promise<Habilitation[]> {
  const found = await manager.find(Habilitation, { where: { conventionId, status: In(states) }, order: { id: 'ASC' } });
  return found.sort((a, b) => french.compare(a.lastName, b.lastName) || french.compare(a.firstName, b.firstName) || a.id - b.id);
}
