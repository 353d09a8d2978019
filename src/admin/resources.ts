// The resources shown in the back-office, in menu order, with their French locale fragments.
import type { ResourceWithOptions } from 'adminjs';
import type { LocaleFragment } from './locale/fr/index.js';
import { partnerResource } from '../../resources/partner.resource.js';
import { conventionResource } from '../../resources/convention.resource.js';
import { habilitationManagerResource } from '../../resources/habilitation-manager.resource.js';
import { accessProfileResource } from '../../resources/access-profile.resource.js';
import { accessRequestResource } from '../../resources/access-request.resource.js';
import { habilitationResource } from '../../resources/habilitation.resource.js';
import { suppressionRequestResource } from '../../resources/suppression-request.resource.js';
import { passwordCampaignResource } from '../../resources/password-campaign.resource.js';
import { passwordCampaignRecipientResource } from '../../resources/password-campaign-recipient.resource.js';
import { documentResource } from '../../resources/document.resource.js';
import { outboxEmailResource } from '../../resources/outbox-email.resource.js';
import { auditEventResource } from '../../resources/audit-event.resource.js';
import { settingsResource } from '../../resources/settings.resource.js';
import { staffUserResource } from '../../resources/staff-user.resource.js';
import { jobRunResource } from '../../resources/job-run.resource.js';
import { recertificationResource } from '../../resources/recertification.resource.js';
import { reasonTemplateResource } from '../../resources/reason-template.resource.js';
import partnerFr from './locale/fr/partner.json' with { type: 'json' };
import conventionFr from './locale/fr/convention.json' with { type: 'json' };
import habilitationManagerFr from './locale/fr/habilitation-manager.json' with { type: 'json' };
import accessProfileFr from './locale/fr/access-profile.json' with { type: 'json' };
import accessRequestFr from './locale/fr/access-request.json' with { type: 'json' };
import habilitationFr from './locale/fr/habilitation.json' with { type: 'json' };
import suppressionRequestFr from './locale/fr/suppression-request.json' with { type: 'json' };
import passwordCampaignFr from './locale/fr/password-campaign.json' with { type: 'json' };
import passwordCampaignRecipientFr from './locale/fr/password-campaign-recipient.json' with { type: 'json' };
import documentFr from './locale/fr/document.json' with { type: 'json' };
import outboxEmailFr from './locale/fr/outbox-email.json' with { type: 'json' };
import auditEventFr from './locale/fr/audit-event.json' with { type: 'json' };
import settingsFr from './locale/fr/settings.json' with { type: 'json' };
import staffUserFr from './locale/fr/staff-user.json' with { type: 'json' };
import conventionActionsFr from './locale/fr/actions-convention.json' with { type: 'json' };
import habilitationActionsFr from './locale/fr/actions-habilitation.json' with { type: 'json' };
import jobRunFr from './locale/fr/job-run.json' with { type: 'json' };
import recertificationFr from './locale/fr/recertification.json' with { type: 'json' };
import reasonTemplateFr from './locale/fr/reason-template.json' with { type: 'json' };

export const RESOURCE_DEFINITIONS: ResourceWithOptions[] = [
  // Partenaires et conventions
  partnerResource, conventionResource, habilitationManagerResource, accessProfileResource,
  // Habilitations
  accessRequestResource, habilitationResource, suppressionRequestResource, passwordCampaignResource, passwordCampaignRecipientResource,
  // Courriers et courriels
  documentResource, outboxEmailResource,
  // Administration
  auditEventResource, jobRunResource, settingsResource, staffUserResource,
  // Habilitations (issue 15): the yearly recertification
  recertificationResource,
  // Administration (issue 13 §5): the wordings of « incomplète » and « refusée »
  reasonTemplateResource,
];

/**
 * AdminJS shows the value of a select field (availableValues) by looking its label up as a
 * translation key, `resources.<Resource>.labels.<property>.<label>`, and falls back to lodash's
 * startCase of the label (« Signée (active) » would read « Signée Active »); it does the same with
 * the menu groups (`labels.<name>`: « Partenaires Et Conventions »). The labels of the domain
 * (conventionStateLabels…) and of navigation.ts are the translations: this fragment maps each label
 * to itself. Labels holding « . » or « : » (i18next's separators) cannot be keys and keep the fallback.
 */
export function valueLabels(definitions: ResourceWithOptions[]): LocaleFragment {
  const resources: Record<string, { labels: Record<string, Record<string, string>> }> = {};
  const menu: Record<string, string> = {};
  const usable = (label: string | null | undefined): label is string => typeof label === 'string' && label !== '' && !/[.:]/.test(label);
  for (const { options } of definitions) {
    const group = typeof options.navigation === 'object' ? options.navigation?.name : undefined;
    if (usable(group)) menu[group] = group;
    const labels: Record<string, Record<string, string>> = {};
    for (const [property, propertyOptions] of Object.entries(options.properties ?? {})) {
      const values = propertyOptions.availableValues ?? [];
      const entries = values.filter((v) => usable(v.label)).map((v) => [v.label, v.label]);
      if (entries.length) labels[property] = Object.fromEntries(entries);
    }
    if (options.id && Object.keys(labels).length) resources[options.id] = { labels };
  }
  return { labels: menu, resources } as LocaleFragment;
}

export const RESOURCE_LOCALES: LocaleFragment[] = [
  partnerFr, conventionFr, habilitationManagerFr, accessProfileFr,
  accessRequestFr, habilitationFr, suppressionRequestFr, passwordCampaignFr, passwordCampaignRecipientFr,
  documentFr, outboxEmailFr,
  auditEventFr, jobRunFr, settingsFr, staffUserFr,
  conventionActionsFr,
  habilitationActionsFr,
  recertificationFr,
  reasonTemplateFr,
  valueLabels(RESOURCE_DEFINITIONS),
];
