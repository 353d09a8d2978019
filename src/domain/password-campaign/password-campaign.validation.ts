// Planning a campagne de changement de mot de passe (DOMAIN.md « PasswordCampaign »): the change
// date, the habilitations concerned (all active ones, or those of a partner, a convention, a profile)
// and the notice sent N days before. The service overview: the Caf changes the passwords regularly
// and « informs the users beforehand », so the change date must leave the notice time.
import type { CampaignScope, CampaignStatus } from '../../entities/password-campaign.entity.js';
import { CAMPAIGN_SCOPES } from '../../entities/password-campaign.entity.js';
import { addDays, diffInDays, formatFrenchDate, isAfter, type IsoDate } from '../shared/dates.js';
import { MAX_YEARS_AHEAD } from '../shared/validators.js';
import { choice, date, FormCheck, integer, reference, type FormInput, type FormResult } from '../shared/form.validation.js';

export const CAMPAIGN_SCOPE_LABELS: Record<CampaignScope, string> = {
  all: 'Toutes les habilitations actives',
  partner: "Les habilitations d'un partenaire",
  convention: "Les habilitations d'une convention",
  profile: "Les habilitations d'un profil d'accès",
};

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  planifiee: 'Planifiée',
  notifiee: 'Utilisateurs informés',
  appliquee: 'Appliquée',
};

/** The field holding the partner, convention or profile of each scope. */
export const SCOPE_FIELDS = {
  partner: 'scopePartnerId',
  convention: 'scopeConventionId',
  profile: 'scopeProfileId',
} as const satisfies Partial<Record<CampaignScope, string>>;
type ScopedField = (typeof SCOPE_FIELDS)[keyof typeof SCOPE_FIELDS];

export const PASSWORD_CAMPAIGN_MESSAGES = {
  changeDateFuture: "La date de changement doit être postérieure à aujourd'hui.",
  scope: 'Choisissez les habilitations concernées.',
  scopeTarget: {
    scopePartnerId: 'Choisissez le partenaire concerné.',
    scopeConventionId: 'Choisissez la convention concernée.',
    scopeProfileId: "Choisissez le profil d'accès concerné.",
  } satisfies Record<ScopedField, string>,
  scopeUnknown: "Cet enregistrement n'existe pas.",
  noticeDays: "Le délai d'information doit être un nombre entier de jours entre 1 et 365.",
  tooLate: (days: number, earliest: IsoDate) =>
    `Les utilisateurs doivent être informés ${days} jours avant le changement : choisissez une date à partir du ${formatFrenchDate(earliest)}.`,
} as const;

/** Notices are queued from the « planifiée » state: afterwards the campaign is history. */
export function isPasswordCampaignEditable(status: unknown): boolean {
  return status === ('planifiee' as CampaignStatus);
}

export interface PasswordCampaignLookups {
  exists(field: ScopedField, id: number): Promise<boolean>;
  /** Settings « password notice lead time », used when the form leaves the delay blank. */
  defaultNoticeDays: number;
}

export async function validatePasswordCampaign(
  input: FormInput, today: IsoDate, lookups: PasswordCampaignLookups, stored?: FormInput,
): Promise<FormResult> {
  const form = new FormCheck(input, stored);
  const timing = form.sendsAny('changeDate', 'noticeDays');
  const changeDate = form.check('changeDate', date({ required: true, ahead: { from: today, years: MAX_YEARS_AHEAD } }), timing);
  if (changeDate && !isAfter(changeDate, today)) form.error('changeDate', PASSWORD_CAMPAIGN_MESSAGES.changeDateFuture);
  let noticeDays = form.check('noticeDays', integer({ min: 1, max: 365, message: PASSWORD_CAMPAIGN_MESSAGES.noticeDays }), timing);
  if (noticeDays === null) {
    noticeDays = lookups.defaultNoticeDays;
    form.set('noticeDays', noticeDays);
  }
  if (changeDate && !form.hasError('changeDate') && typeof noticeDays === 'number' && diffInDays(today, changeDate) < noticeDays) {
    form.error('changeDate', PASSWORD_CAMPAIGN_MESSAGES.tooLate(noticeDays, addDays(today, noticeDays)));
  }

  // Exactly one target, the one of the scope; the others are cleared.
  const targets = Object.values(SCOPE_FIELDS);
  const scoping = form.sendsAny('scope', ...targets);
  const scope = form.check('scope', choice(CAMPAIGN_SCOPES, PASSWORD_CAMPAIGN_MESSAGES.scope), scoping);
  if (scope !== undefined) {
    const wanted = scope === 'all' ? null : SCOPE_FIELDS[scope];
    for (const field of targets) if (field !== wanted) form.set(field, null);
    if (wanted) {
      const id = form.check(wanted, reference(PASSWORD_CAMPAIGN_MESSAGES.scopeTarget[wanted]), true);
      if (id !== undefined && !(await lookups.exists(wanted, id))) form.error(wanted, PASSWORD_CAMPAIGN_MESSAGES.scopeUnknown);
    }
  }
  return form.result();
}
