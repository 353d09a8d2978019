// The parameters of a list page (sort, page, filters) are checked before AdminJS sees them: an unknown
// column, a date that is not one or a value outside a list of choices is a French 400, not a
// database error (500) — and a column that is not offered as a filter or a sort (a password hash)
// can never be used to filter or sort.
import type { RequestHandler } from 'express';
import type AdminJS from 'adminjs';
import { isIsoDate } from '../domain/shared/dates.js';

type Decorated = ReturnType<ReturnType<AdminJS['findResource']>['decorate']>;
type Property = ReturnType<Decorated['getProperties']>[number];

const DATE_TYPES = new Set(['date', 'datetime']);
const NUMBER_TYPES = new Set(['number', 'float', 'currency', 'reference']);
export const MAX_PER_PAGE = 500;

function dateOk(value: string): boolean {
  if (isIsoDate(value)) return true;
  // AdminJS's date filters also send full ISO moments.
  return /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})?$/.test(value) && !Number.isNaN(Date.parse(value));
}

/** Why one `filters.<key>` is refused, or null. */
function filterProblem(property: Property | undefined, suffix: string | undefined, raw: unknown): string | null {
  if (!property) return 'ce critère de filtre n’existe pas';
  if (typeof raw !== 'string') return 'valeur illisible';
  const type = property.type();
  if (DATE_TYPES.has(type)) {
    if (suffix !== 'from' && suffix !== 'to' && suffix !== undefined) return 'critère de date inconnu';
    return raw === '' || dateOk(raw) ? null : `« ${raw.slice(0, 40)} » n’est pas une date (attendu : AAAA-MM-JJ)`;
  }
  if (suffix !== undefined) return 'ce critère ne s’applique qu’aux dates';
  const values = raw.split(',').map((v) => v.trim()).filter(Boolean);
  if (NUMBER_TYPES.has(type) && values.some((v) => !/^\d{1,15}$/.test(v))) return `« ${raw.slice(0, 40)} » n’est pas un numéro`;
  if (type === 'boolean' && !['true', 'false', ''].includes(raw)) return 'attendu : oui ou non';
  const choices = property.availableValues()?.map((c) => String(c.value));
  if (choices?.length && values.some((v) => !choices.includes(v))) return `« ${raw.slice(0, 40)} » ne fait pas partie des choix`;
  return null;
}

/** The refusal for a list request's query, or null when every parameter is usable. */
export function listParameterProblem(decorated: Decorated, query: Record<string, unknown>): string | null {
  const filterable = new Map(decorated.getProperties({ where: 'filter' }).map((p) => [p.propertyPath, p]));
  // Any column an agent can see (a work queue sorts on one its list does not show); a hidden one — a
  // password hash — never.
  const shown = (['list', 'show', 'filter'] as const).flatMap((where) => decorated.getProperties({ where }));
  const sortable = new Set(shown.filter((p) => p.isSortable()).map((p) => p.propertyPath));
  sortable.add(decorated.options.sort?.sortBy ?? decorated.titleProperty().propertyPath);
  const { sortBy, direction, page, perPage } = query;
  if (sortBy !== undefined && (typeof sortBy !== 'string' || !sortable.has(sortBy))) return 'Tri impossible : cette colonne ne se trie pas.';
  if (direction !== undefined && direction !== 'asc' && direction !== 'desc') return 'Sens de tri inconnu (croissant ou décroissant).';
  if (page !== undefined && !(typeof page === 'string' && /^\d{1,6}$/.test(page) && Number(page) >= 1)) return 'Numéro de page invalide.';
  if (perPage !== undefined && !(typeof perPage === 'string' && /^\d{1,3}$/.test(perPage) && Number(perPage) >= 1 && Number(perPage) <= MAX_PER_PAGE)) {
    return `Nombre de lignes par page invalide (de 1 à ${MAX_PER_PAGE}).`;
  }
  for (const [key, raw] of Object.entries(query)) {
    if (!key.startsWith('filters.')) continue;
    const [path, suffix] = key.slice('filters.'.length).split('~~');
    const problem = filterProblem(filterable.get(path), suffix, raw);
    if (problem) return `Filtre « ${path.slice(0, 40)} » refusé : ${problem}.`;
  }
  return null;
}

export function listParameters(admin: AdminJS): RequestHandler {
  return (req, res, next) => {
    const match = /^\/api\/resources\/([^/]+)\/actions\/list\/?$/.exec(req.path);
    if (!match || req.method !== 'GET') return next();
    let decorated: Decorated;
    try { decorated = admin.findResource(decodeURIComponent(match[1])).decorate(); } catch { return next(); }
    // The flat query as the browser sent it (AdminJS rebuilds it the same way).
    const query = Object.fromEntries(new URLSearchParams(req.originalUrl.split('?')[1] ?? ''));
    const problem = listParameterProblem(decorated, query);
    if (problem) return res.status(400).json({ notice: { message: problem, type: 'error' } });
    next();
  };
}
