// Makes every AdminJS action of a resource obey the policy table, filters what a payload may set and
// turns domain refusals into AdminJS field errors. Resources stay thin: they list their fields and
// call domain services; this file is the only place where AdminJS meets the policy.
import { flat, ValidationError, type Action, type ActionContext, type ActionRequest, type ActionResponse, type CurrentAdmin, type RecordActionResponse } from 'adminjs';
import { can, actionsOf, POLICY, WITH_HISTORY, type ResourceId } from '../policies/policy.js';
import type { StaffRole } from '../policies/roles.js';
import type { FieldError } from '../domain/shared/validators.js';
import { FORM_ERRORS, formLimitErrors } from './field-limits.js';
import { COMPONENTS } from './components/index.js';

type AnyAction = Partial<Action<ActionResponse>>;

export function roleOf(currentAdmin?: CurrentAdmin): StaffRole | undefined {
  return (currentAdmin as { role?: StaffRole } | undefined)?.role;
}

/** Raises a refusal as AdminJS field errors (shown next to each field, nothing is written). */
export function throwFieldErrors(errors: FieldError[], summary = FORM_ERRORS): never {
  const propertyErrors = Object.fromEntries(errors.map((e) => [e.field, { message: e.message }]));
  throw new ValidationError(propertyErrors, { message: summary });
}

export interface WriteRules {
  /** Fields a user may set from the new/edit form; anything else in the payload is dropped. */
  editable: string[];
  /** Domain validation: returns field errors, or the normalised values to store. */
  validate?: (payload: Record<string, unknown>, context: ActionContext) => Promise<FieldError[] | Record<string, unknown>>;
}

/** Keeps only the editable fields (AdminJS payload keys are flattened: `field` or `field.sub`). */
export function filterPayload(payload: Record<string, unknown> | undefined, editable: string[]): Record<string, unknown> {
  if (!payload) return {};
  return Object.fromEntries(Object.entries(payload).filter(([key]) => editable.includes(key.split('.')[0])));
}

/**
 * `new`/`edit`: the editable fields only, then the domain validation, then the limits of the
 * columns (field-limits.ts) on what will be stored: a SIRET typed « 356-000-000-00048 » is stored as
 * its 14 digits. When the domain refuses, its errors come with the control characters typed (the
 * lengths are measured once the values are normalised).
 */
function beforeWrite(rules: WriteRules) {
  return async (request: ActionRequest, context: ActionContext): Promise<ActionRequest> => {
    if (request.method !== 'post') return request;
    const payload = filterPayload(request.payload, rules.editable);
    const result = rules.validate ? await rules.validate(payload, context) : {};
    if (Array.isArray(result) && result.length) {
      const refused = new Set(result.map((e) => e.field));
      throwFieldErrors([...result, ...formLimitErrors(context, payload, {}).filter((e) => !refused.has(e.field))]);
    }
    const stored = Array.isArray(result) ? payload : { ...payload, ...result };
    const errors = formLimitErrors(context, payload, stored);
    if (errors.length) throwFieldErrors(errors);
    return { ...request, payload: stored };
  };
}

/** `new`/`edit` of a resource validated by its own hooks (agents): the limits of the columns, on the payload as typed. */
async function checkTypedLimits(request: ActionRequest, context: ActionContext): Promise<ActionRequest> {
  if (request.method !== 'post') return request;
  const errors = formLimitErrors(context, request.payload ?? {});
  if (errors.length) throwFieldErrors(errors);
  return request;
}

/**
 * Actions of a resource: every built-in action and every custom one is accessible and visible only
 * to the roles of the policy table; built-in actions absent from the table are refused to all.
 * `extra` holds per-action overrides (custom actions, handlers) and may narrow access further with
 * `allowedFor(record)`, e.g. « only a draft can be deleted ».
 */
/** Removes secret fields (hashes) from every record an action sends to the browser: hiding a
 *  property in AdminJS only hides it on screen, the API would still return it. */
function stripSecrets(secretParams: string[]) {
  const clean = (record?: { params?: Record<string, unknown> }) => {
    if (record?.params) for (const key of secretParams) delete record.params[key];
  };
  return async (response: ActionResponse): Promise<ActionResponse> => {
    clean(response.record);
    (response.records as Array<{ params?: Record<string, unknown> }> | undefined)?.forEach(clean);
    return response;
  };
}

/** Actions that only read: they may answer a GET. */
const READ_ACTIONS = new Set(['list', 'search', 'show', 'history', 'export']);

/** « Exporter » on a list: a page with the two downloads of the list's rows (src/http/list-export.ts). */
const exportAction: AnyAction = {
  actionType: 'resource', icon: 'Download', component: COMPONENTS.ListExport, showFilter: false,
  handler: async () => ({}),
};

/**
 * Any other action changes something, so its handler runs only for a POST (which the anti-CSRF check
 * requires to come from our pages); a GET or HEAD — a link followed from another site, with the agent's
 * cookie — only gets the record back, which is what AdminJS's pages ask for before showing a form.
 */
function postOnly(handler: NonNullable<AnyAction['handler']>): NonNullable<AnyAction['handler']> {
  return (async (request: ActionRequest, response: unknown, context: ActionContext) => {
    if (request.method === 'post') return (handler as (...args: unknown[]) => Promise<ActionResponse>)(request, response, context);
    // The shape AdminJS expects from the route it came by (a bulk route wants the records).
    if (context.records) return { records: context.records.map((r) => r.toJSON(context.currentAdmin)) };
    return { record: context.record?.toJSON(context.currentAdmin) };
  }) as NonNullable<AnyAction['handler']>;
}

/** Removes what would filter, sort or search a list on a secret field: AdminJS's list and search
 *  accept any column in `filters.<field>`, `sortBy` and `searchProperty`, hidden or not, and a filter
 *  on part of a secret would tell its content one guess at a time. */
function dropSecretQuery(secretParams: string[]) {
  const secret = (field: unknown) => typeof field === 'string' && secretParams.includes(field.split(/\.|~~/)[0]);
  return async (request: ActionRequest): Promise<ActionRequest> => {
    if (!request.query) return request;
    // Flattened first: `filters[field]=` arrives nested, `filters.field=` flat.
    const query = Object.fromEntries(Object.entries(flat.flatten<Record<string, unknown>, Record<string, unknown>>(request.query)).filter(([key, value]) =>
      !(key.startsWith('filters.') && secret(key.slice('filters.'.length)))
      && !((key === 'sortBy' || key === 'searchProperty') && secret(value))));
    return { ...request, query };
  };
}

/** « Historique »: opens the journal filtered on the record (who, when, from → to, reason). */
function historyAction(resource: ResourceId): AnyAction {
  return {
    actionType: 'record',
    icon: 'Clock',
    component: false,
    handler: async (_request, _response, context) => ({
      record: context.record!.toJSON(context.currentAdmin),
      redirectUrl: `${context.h.resourceUrl({ resourceId: 'AuditEvent' })}?filters.entityType=${resource}&filters.entityId=${encodeURIComponent(String(context.record!.id()))}`,
    }),
  };
}

export function secureActions(
  resource: ResourceId,
  write: WriteRules | null,
  extra: Record<string, AnyAction & { allowedFor?: (context: ActionContext) => boolean }> = {},
  secretParams: string[] = [],
): Record<string, AnyAction> {
  const names = new Set<string>([...actionsOf(resource), ...Object.keys(extra)]);
  if (WITH_HISTORY.includes(resource) && !extra.history) extra = { ...extra, history: historyAction(resource) };
  if (POLICY[resource].list && !extra.export) {
    names.add('export');
    extra = { ...extra, export: exportAction };
  }
  const actions: Record<string, AnyAction> = {};
  for (const name of names) {
    const { allowedFor, ...override } = extra[name] ?? {};
    const allowed = (context: ActionContext) =>
      can(roleOf(context.currentAdmin), resource, name) && (!allowedFor || allowedFor(context));
    // `search` feeds the reference pickers; it has no page of its own, so no « Rechercher » button.
    const action: AnyAction = { ...override, isAccessible: allowed, isVisible: name === 'search' ? false : allowed };
    if (override.handler && !READ_ACTIONS.has(name)) action.handler = postOnly(override.handler);
    // A creation run by a use case (newRecordAction) validates in the use case: checking twice would
    // validate already-normalised values (newRecordAction checks the limits itself).
    const before = [override.before ?? []].flat() as never[];
    if (name === 'edit' || (name === 'new' && !override.handler)) {
      action.before = [write ? beforeWrite(write) : checkTypedLimits, ...before] as never;
    }
    if (secretParams.length) action.after = [...([override.after ?? []].flat() as never[]), stripSecrets(secretParams)] as never;
    if (secretParams.length && (name === 'list' || name === 'search')) {
      action.before = [dropSecretQuery(secretParams), ...([action.before ?? []].flat() as never[])] as never;
    }
    actions[name] = action;
  }
  return actions;
}

export type { RecordActionResponse };
