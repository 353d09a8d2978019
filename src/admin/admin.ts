// The AdminJS instance: French locale, menu groups, resources, no AdminJS branding.
import AdminJS from 'adminjs';
import { Database } from '@adminjs/typeorm';
import { mergeLocales } from './locale/fr/index.js';
import { RESOURCE_DEFINITIONS, RESOURCE_LOCALES } from './resources.js';
import { COMPONENTS, componentLoader, discardStaleBundle } from './components/index.js';
import { dashboardHandler } from './dashboard.js';
import { ExactFilterResource } from '../../resources/adapter.js';

// Resources given as a bare entity get the exact filters too (equality on ids and enumerated values).
AdminJS.registerAdapter({ Database, Resource: ExactFilterResource });

export const ADMIN_ROOT = '/admin';

/**
 * AdminJS's colours where its text was too pale to read (WCAG AA asks 4.5:1 for body text): the grey
 * of labels, help texts and placeholders (#898A9A, 3.4:1 on white) is darkened to 6.1:1.
 */
const READABLE_COLOURS = { grey60: '#5f6170' };

export function buildAdmin(): AdminJS {
  if (process.env.NODE_ENV !== 'production') discardStaleBundle();
  return new AdminJS({
    rootPath: ADMIN_ROOT,
    loginPath: `${ADMIN_ROOT}/login`,
    logoutPath: `${ADMIN_ROOT}/logout`,
    resources: RESOURCE_DEFINITIONS,
    componentLoader,
    dashboard: { component: COMPONENTS.Dashboard, handler: dashboardHandler },
    branding: {
      companyName: 'Cafpro — back-office de la Caf',
      withMadeWithLove: false,
      logo: false,
      theme: { colors: READABLE_COLOURS },
    },
    locale: {
      language: 'fr',
      availableLanguages: ['fr'],
      translations: { fr: mergeLocales(...RESOURCE_LOCALES) },
    },
  });
}
