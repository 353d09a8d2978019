// Custom React components of the back-office, bundled by AdminJS (on first request in development,
// ahead of time by `npm run build` for production).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ComponentLoader } from 'adminjs';

const here = path.dirname(fileURLToPath(import.meta.url));
// In the compiled build this file runs from dist/; the .tsx sources stay in src/.
const sourceDir = here.includes(`${path.sep}dist${path.sep}`) ? here.replace(`${path.sep}dist${path.sep}`, path.sep) : here;

export const componentLoader = new ComponentLoader();
export const COMPONENTS = {
  Dashboard: componentLoader.add('Dashboard', path.join(sourceDir, 'dashboard')),
  DateInput: componentLoader.add('DateInput', path.join(sourceDir, 'date-input')),
  MultiSelectFilter: componentLoader.add('MultiSelectFilter', path.join(sourceDir, 'multi-select-filter')),
  WorkflowAction: componentLoader.add('WorkflowAction', path.join(sourceDir, 'workflow-action')),
};
