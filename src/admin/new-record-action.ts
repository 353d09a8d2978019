// The AdminJS `new` action of a resource whose creation is a use case (a number to generate, a
// designation to supersede, a journal entry to write): the form is AdminJS's, the save is the use case's.
import type { ActionContext, ActionRequest, ActionResponse } from 'adminjs';
import type { Actor } from '../domain/audit/audit.js';
import type { FieldError } from '../domain/shared/validators.js';
import { actorOfContext } from './context.js';
import { FORM_ERRORS, formLimitErrors } from './field-limits.js';

export type CreationOutcome = { ok: true; message: string; id: number } | { ok: false; message: string; errors?: FieldError[] };

export function newRecordAction(create: (payload: Record<string, unknown>, actor: Actor) => Promise<CreationOutcome>) {
  return {
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
      const { resource, h, currentAdmin } = context;
      if (request.method !== 'post') return {} as ActionResponse;
      const payload = (request.payload ?? {}) as Record<string, unknown>;
      // The limits of the columns, before the use case (which normalises and stores at once): measured
      // as typed. These forms hold no SIRET or postal code typed with separators; a phone number fits
      // its 20 characters in every spelling the validator accepts but « 0033 (0)1 23 45 67 89 ».
      const limitErrors = formLimitErrors(context, payload);
      const result: CreationOutcome = limitErrors.length
        ? { ok: false, message: FORM_ERRORS, errors: limitErrors }
        : await create(payload, actorOfContext(context));
      if (!result.ok) {
        // The form comes back with its values, without the uploaded file (to be chosen again).
        const record = resource.build(Object.fromEntries(Object.entries(payload).filter(([, value]) => typeof value !== 'object' || value === null)));
        record.errors = Object.fromEntries((result.errors ?? []).map((e) => [e.field, { message: e.message, type: 'validation' }]));
        return { record: record.toJSON(currentAdmin), notice: { message: result.message, type: 'error' } };
      }
      const record = await resource.findOne(String(result.id));
      return {
        record: record!.toJSON(currentAdmin),
        redirectUrl: h.recordActionUrl({ resourceId: resource.id(), recordId: String(result.id), actionName: 'show' }),
        notice: { message: result.message, type: 'success' },
      };
    },
  };
}
