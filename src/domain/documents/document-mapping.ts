// From entities to the typed data of the documents (src/documents/document-data.ts): the one place
// where a Partner, a Convention or the Settings become what a letter or a form prints.
import type { AccessProfile } from '../../entities/access-profile.entity.js';
import type { Convention } from '../../entities/convention.entity.js';
import type { Partner } from '../../entities/partner.entity.js';
import type { Settings } from '../../entities/settings.entity.js';
import type { AccessProfileData, CafLetterhead, ConventionData, PartnerData } from '../../documents/document-data.js';
import { nextAnniversary, noticeDeadline } from '../convention/convention.rules.js';
import { PARTNER_TYPE_LABELS } from '../partner/partner.validation.js';

const lines = (...parts: Array<string | null | undefined>) => parts.map((p) => p?.trim()).filter((p): p is string => Boolean(p));

export function letterhead(settings: Settings): CafLetterhead {
  return {
    cafName: settings.cafName,
    addressLines: lines(settings.addressLine1, settings.addressLine2, `${settings.postalCode} ${settings.city}`),
    website: settings.website ?? 'www.caf.fr',
    directorCivility: settings.directorCivility,
    directorName: settings.directorName,
    directorTitle: settings.directorTitle,
    delegateSignatory: settings.delegateName ? { name: settings.delegateName, title: settings.delegateTitle ?? '' } : undefined,
    serviceContact: { name: settings.contactName, phone: settings.contactPhone, email: settings.contactEmail },
    // « Fait à … »: the town of the Caf's address, without « Cedex ».
    city: settings.city.replace(/\s+cedex.*$/i, ''),
  };
}

export function partnerData(partner: Partner): PartnerData {
  return {
    name: partner.name,
    typeLabel: PARTNER_TYPE_LABELS[partner.type],
    siret: partner.siret,
    addressLines: lines(partner.addressLine1, partner.addressLine2, `${partner.postalCode} ${partner.city}`),
    representative: { civility: partner.representativeCivility, fullName: partner.representativeName, title: partner.representativeTitle },
    phone: partner.phone ?? '',
    email: partner.email ?? '',
  };
}

export function profileData(profile: AccessProfile): AccessProfileData {
  return {
    code: profile.code,
    label: profile.label,
    description: profile.dataCategories,
    needsAccessCode: profile.needsAccessCode,
    accessCodeLabel: profile.accessCodeLabel ?? undefined,
    dataSharingAnnex: profile.dataSharingAnnex,
  };
}

/** The convention as printed; anniversaries are computed on `today` (never typed, art. 5). */
export function conventionData(convention: Convention, profile: AccessProfile, today: string): ConventionData {
  const anniversary = convention.effectiveDate ? nextAnniversary(convention.effectiveDate, today) : undefined;
  return {
    number: convention.number,
    kind: convention.kind,
    profile: profileData(profile),
    sentOn: convention.sentDate ?? undefined,
    signedOn: convention.cafSignedDate ?? undefined,
    effectiveOn: convention.effectiveDate ?? undefined,
    nextAnniversary: anniversary,
    lastNoticeDay: anniversary ? noticeDeadline(anniversary, convention.kind) : undefined,
  };
}

/**
 * The partner as printed on a convention's documents: the convention's own signatory (DOMAIN.md
 * « signatory of the partner », usually its legal representative) signs the convention and receives
 * its letters, rather than whoever represents the partner today.
 */
export function partnerDataForConvention(partner: Partner, convention: Convention): PartnerData {
  return {
    ...partnerData(partner),
    representative: { civility: convention.signatoryCivility, fullName: convention.signatoryName, title: convention.signatoryTitle },
  };
}
