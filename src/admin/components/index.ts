// Custom React components of the back-office, bundled by AdminJS (on first request in development,
// ahead of time by `npm run build` for production).
import { readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ComponentLoader } from 'adminjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// In the compiled build this file runs from dist/; the .tsx sources stay in src/.
const sourceDir = here.includes(`${path.sep}dist${path.sep}`) ? here.replace(`${path.sep}dist${path.sep}`, path.sep) : here;

export const componentLoader = new ComponentLoader();
// AdminJS's own date display and date filter, replaced everywhere (French format, Paris time,
// native date inputs).
componentLoader.override('DefaultDatetimeListProperty', path.join(sourceDir, 'date-value'));
componentLoader.override('DefaultDatetimeShowProperty', path.join(sourceDir, 'date-value'));
componentLoader.override('DefaultDatetimeFilterProperty', path.join(sourceDir, 'date-range-filter'));
// The user menu, with the « Mon compte » pages.
componentLoader.override('LoggedIn', path.join(sourceDir, 'logged-in'));
// The top bar, with the one search box of the back-office (issue 13 §4).
componentLoader.override('TopBar', path.join(sourceDir, 'top-bar'));

// French texts of every drop-down (side effect of the module; no screen).
componentLoader.add('FrenchSelects', path.join(sourceDir, 'french-selects'));
// Values in lists and on record pages: state badges coloured by meaning, list cells on one line.
componentLoader.override('DefaultPropertyValue', path.join(sourceDir, 'property-value'));
componentLoader.override('DefaultReferenceValue', path.join(sourceDir, 'reference-value'));
// A <main> landmark around the content of every page.
for (const wrapper of ['RouteWrapper', 'ResourceRoute', 'DashboardRoute', 'PageRoute', 'Login'] as const) {
  componentLoader.override(wrapper, path.join(sourceDir, 'main-landmark'));
}
// Names for the fields and buttons AdminJS leaves unnamed (side effect of the module; no screen).
componentLoader.add('AccessibleNames', path.join(sourceDir, 'accessible-names'));

export const COMPONENTS = {
  Dashboard: componentLoader.add('Dashboard', path.join(sourceDir, 'dashboard')),
  DateInput: componentLoader.add('DateInput', path.join(sourceDir, 'date-input')),
  MultiSelectFilter: componentLoader.add('MultiSelectFilter', path.join(sourceDir, 'multi-select-filter')),
  ScanLink: componentLoader.add('ScanLink', path.join(sourceDir, 'scan-link')),
  ScanInput: componentLoader.add('ScanInput', path.join(sourceDir, 'scan-input')),
  WorkflowAction: componentLoader.add('WorkflowAction', path.join(sourceDir, 'workflow-action')),
  ListExport: componentLoader.add('ListExport', path.join(sourceDir, 'list-export')),
  RecipientRegister: componentLoader.add('RecipientRegister', path.join(sourceDir, 'recipient-register')),
  RecertificationCampaign: componentLoader.add('RecertificationCampaign', path.join(sourceDir, 'recertification-campaign')),
  // The page of a partner, convention, habilitation or demande d'accès, with its related records.
  RecordWithRelated: componentLoader.add('RecordWithRelated', path.join(sourceDir, 'record-with-related')),
};

/**
 * Outside production AdminJS bundles the components on the first request for them, but serves an
 * existing .adminjs/bundle.js as it is, however old: after a change of a component (or a `git pull`)
 * the browser would get the previous components (« Component … has not been bundled »). A bundle
 * older than one of the sources is removed at start-up, so the first request builds it again.
 * Production serves the bundle of `npm run build`.
 */
export function discardStaleBundle(): void {
  const bundle = path.resolve(process.env.ADMIN_JS_TMP_DIR ?? '.adminjs', 'bundle.js');
  let built: number;
  try {
    built = statSync(bundle).mtimeMs;
  } catch {
    return; // not built yet
  }
  const newest = Math.max(...readdirSync(sourceDir).filter((f) => /\.tsx?$/.test(f)).map((f) => statSync(path.join(sourceDir, f)).mtimeMs));
  if (newest > built) rmSync(bundle, { force: true });
}
// The action header, followed by the result of the action that led to the page (workflow-action.tsx).
componentLoader.override('ActionHeader', path.join(sourceDir, 'action-header'));
