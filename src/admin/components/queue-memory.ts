// The queue the agent works in (issue 13 §5 « Suivant »): AdminJS's list opens a record without its
// query string, so the list page remembers its filters and sort for the tab (sessionStorage, per
// resource), and a decision sends them to the server (workflow-action.tsx), which finds the next
// record of that list. A tab forgets them when it closes; another tab keeps its own queue.
const key = (resourceId: string) => `cafpro.queue.${resourceId}`;

/** Called by the list page (action-header.tsx) with its query string. */
export function rememberQueue(resourceId: string, search: string): void {
  try {
    window.sessionStorage.setItem(key(resourceId), search);
  } catch { /* storage refused (private mode): no « Suivant » */ }
}

/** The query string of the last list of the resource seen in this tab ('' when none). */
export function rememberedQueue(resourceId: string): string {
  try {
    return window.sessionStorage.getItem(key(resourceId)) ?? '';
  } catch {
    return '';
  }
}
