// How many rows a list counts (resources/adapter.ts) and how its header says it (action-header.tsx):
// shared by the server and the bundled components, so it imports nothing.

/** Beyond this many rows a list says « plus de 10 000 » instead of counting them all. */
export const LIST_COUNT_LIMIT = 10_000;

/** The count next to a list's title: the number, or « plus de 10 000 » when the count stopped. */
export const listCountLabel = (total: number): string =>
  total > LIST_COUNT_LIMIT ? `plus de ${LIST_COUNT_LIMIT.toLocaleString('fr-FR')}` : total.toLocaleString('fr-FR');
