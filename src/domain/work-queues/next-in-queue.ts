// « Suivant » after a decision taken from a filtered queue (issue 13 §5): the queue is the list page
// the agent came from, i.e. its filters and its sort. This module says what of a list's query string
// makes the queue (the page number, the page size and AdminJS's refresh key do not: the next record
// is looked for in the whole queue) and where « Suivant » and « Retour à la file » lead.

/** The parameters of a list that make its queue: the filters and the sort. */
export function queueParameters(search: string): Record<string, string> {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const kept: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key.startsWith('filters.') ? value !== '' : key === 'sortBy' || key === 'direction') kept[key] = value;
  }
  return kept;
}

/** Whether the list was filtered: an unfiltered list is no queue (« Suivant » would walk every record). */
export function isFilteredQueue(queue: Record<string, string>): boolean {
  return Object.keys(queue).some((key) => key.startsWith('filters.'));
}

/** The query string of the queue, in a stable order (the key AdminJS's list page is reopened with). */
export function queueSearch(queue: Record<string, string>): string {
  return new URLSearchParams(Object.entries(queue).sort(([a], [b]) => a.localeCompare(b))).toString();
}

/** The list page of the queue, with its filters. */
export const queueListUrl = (resourceId: string, queue: Record<string, string>) => `/admin/resources/${resourceId}?${queueSearch(queue)}`;

/** The page « Suivant » opens: the next record of the queue. */
export const nextRecordUrl = (resourceId: string, recordId: string) => `/admin/resources/${resourceId}/records/${encodeURIComponent(recordId)}/show`;
