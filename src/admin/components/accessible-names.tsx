// Names for the controls AdminJS renders without one, which a screen reader announces as « zone
// d'édition » or « bouton » only (axe: label, button-name):
// - its labels point (for="conventionId", for="filter-lastName") at an id no field has: its text
//   filters have no id and its drop-downs (react-select) get a generated one; each such field gets the
//   label's id, or the label points at the id the field has;
// - the « … » button of each list row (its record's actions), the pagination arrows and the filter
//   panel's close button have only an icon.
// AdminJS offers no option for either, and overriding every filter and edit component for one
// attribute would copy them whole; the names are given on the page as AdminJS draws it, here.
// This module has no screen of its own: it is bundled (components/index.ts) for this side effect.
import React from 'react';

/** Icon-only buttons of AdminJS, by where they are, and the name each is given. */
const ICON_BUTTONS: Array<[selector: string, name: string]> = [
  ['[data-testid="actions-dropdown"]', 'Actions sur cet enregistrement'],
  ['button[data-testid="first"]', 'Première page'],
  ['button[data-testid="previous"]', 'Page précédente'],
  ['button[data-testid="next"]', 'Page suivante'],
  ['button[data-testid="last"]', 'Dernière page'],
  ['[data-css$="filter-drawer-content"] h3 + button', 'Fermer les filtres'],
];

function nameControls(root: ParentNode): void {
  for (const label of Array.from(root.querySelectorAll<HTMLLabelElement>('label[for]'))) {
    const target = label.htmlFor;
    if (!target || document.getElementById(target)) continue; // tied already
    const control = label.parentElement?.querySelector('input:not([type="hidden"]), select, textarea') as HTMLElement | null | undefined;
    if (!control) continue;
    // A field without an id takes the label's; a drop-down keeps the id react-select gave it (its
    // menu refers to it) and the label points at it instead.
    if (!control.id) control.id = target;
    else label.htmlFor = control.id;
  }
  for (const [selector, name] of ICON_BUTTONS) {
    for (const button of Array.from(root.querySelectorAll<HTMLElement>(`${selector}:not([aria-label])`))) {
      // The row's « … » is a link without an address: a button to assistive technologies.
      if (button.tagName === 'A' && !button.hasAttribute('href')) button.setAttribute('role', 'button');
      button.setAttribute('aria-label', name);
    }
  }
}

if (typeof window !== 'undefined' && typeof MutationObserver !== 'undefined') {
  let timer: number | undefined;
  // Once React has drawn a batch of changes (a short pause), not on every one of them.
  const observer = new MutationObserver(() => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => nameControls(document), 50);
  });
  const start = () => { nameControls(document); observer.observe(document.body, { childList: true, subtree: true }); };
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);
}

const AccessibleNames: React.FC = () => null;

export default AccessibleNames;
