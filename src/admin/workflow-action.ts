// Declares a workflow action (a transition of a state machine, or the intake of a paper form) as an
// AdminJS action: its form fields (rendered by components/workflow-action.tsx), an optional preview
// computed by the server before confirming, and the use case it runs. The policy check stays in
// secure-actions.ts; `when` narrows visibility to the states where the transition is possible.
import type { ActionContext, ActionRequest, ActionResponse } from 'adminjs';
import type { FieldError } from '../domain/shared/validators.js';
import { COMPONENTS } from './components/index.js';
import { actorOfContext } from './context.js';
import { FORM_ERRORS, workflowLimitErrors } from './field-limits.js';
import type { Actor } from '../domain/audit/audit.js';
import { QUEUE_PARAM, REASON_TEMPLATES_PARAM, type FieldSpec, type PreviewDetails, type ReasonTemplateOption, type ResultDocument, type ResultSection, type WorkflowResult } from './workflow-form.types.js';
import { nextInList } from './list-export.js';
import { isFilteredQueue, nextRecordUrl, queueListUrl, queueParameters } from '../domain/work-queues/next-in-queue.js';

export type { FieldSpec };

export type WorkflowOutcome =
  // `stay`: the message is the result itself (e.g. a temporary password), shown on the action's page.
  // `document`: the PDF produced, offered (download, print) on the page the agent lands on: the
  // record's page for a record action, the action's own page for a resource action (with `report`).
  | { ok: true; message: string; redirectUrl?: string; stay?: boolean; document?: ResultDocument; report?: ResultSection[] }
  | { ok: false; message: string; errors?: FieldError[] };

/** A live preview: its message, and what will be sent (the email, the letter's PDF). */
export type PreviewOutcome = { ok: true; message: string; email?: PreviewDetails['email']; letterPdf?: Buffer | null } | { ok: false; message: string; errors?: FieldError[] };

/** The download address of a produced PDF (served by src/http/file-routes.ts). */
export const documentUrl = (documentId: number) => `/admin/documents/${documentId}/download`;

/** A produced PDF, offered on the page the agent lands on instead of being opened at once. */
export const producedDocument = (documentId: number, label?: string): ResultDocument => ({ url: documentUrl(documentId), label });

/**
 * The dropdown grouping the PDF a record can produce: a convention offers seven, and side by side
 * with its transitions the buttons ran off the page.
 */
export const DOCUMENTS_MENU = 'Documents (PDF)';

export interface WorkflowActionSpec {
  actionType: 'record' | 'resource';
  icon?: string;
  /** Shown in a dropdown of that name (e.g. DOCUMENTS_MENU) instead of a button of its own. */
  parent?: string;
  intro?: string;
  fields: FieldSpec[];
  submitLabel: string;
  /** Native confirmation before a destructive or irreversible action. */
  confirm?: string;
  /** When set, the user must first ask for a preview (e.g. « Calculer la date de fin »). */
  previewLabel?: string;
  progressJob?: string;
  /** A record param holding more fields as JSON (FieldSpec[]), filled by the resource: one per line of its list. */
  recordFields?: string;
  preview?: (payload: Record<string, unknown>, context: ActionContext) => Promise<string | WorkflowOutcome | PreviewOutcome>;
  /** Preview asked when the form opens and after each change (components/workflow-action.tsx). */
  livePreview?: boolean;
  /** A decision on a record: its fields and its scan are shown beside the form. */
  decision?: boolean;
  /** The modèles de motif the form offers, filled for the record; the one picked fills `field` (and `codeField`). */
  templates?: { field: string; codeField?: string; load: (context: ActionContext) => Promise<ReasonTemplateOption[]> };
  /** The result offers « Suivant » in the filtered list the agent came from. */
  queue?: boolean;
  /** The states (record params) where the action is offered. */
  when?: (params: Record<string, unknown>) => boolean;
  run: (payload: Record<string, unknown>, actor: Actor, context: ActionContext) => Promise<WorkflowOutcome>;
}

/**
 * « Suivant »: the record after this one in the list the agent came from (its query string in the
 * payload), looked for before the decision (the record's place in the list does not change with it).
 * An unfiltered list is no queue, and a list the agent may not read gives nothing.
 */
async function queueAfter(context: ActionContext, search: unknown): Promise<WorkflowResult['queue']> {
  const queue = typeof search === 'string' ? queueParameters(search) : {};
  if (!context.record || !isFilteredQueue(queue)) return undefined;
  const resourceId = context.resource.id();
  const next = await nextInList(context._admin, resourceId, queue, context.currentAdmin!, context.record.id());
  if (!next) return undefined;
  return { nextUrl: next.id ? nextRecordUrl(resourceId, next.id) : null, listUrl: queueListUrl(resourceId, queue) };
}

function refusalResponse(context: ActionContext, outcome: { message: string; errors?: FieldError[] }) {
  const errors = Object.fromEntries((outcome.errors ?? []).map((e) => [e.field, { message: e.message }]));
  return {
    record: context.record ? { ...context.record.toJSON(context.currentAdmin), errors } : undefined,
    errors,
    notice: { message: outcome.message, type: 'error' as const },
  };
}

export function workflowAction(spec: WorkflowActionSpec) {
  return {
    actionType: spec.actionType,
    icon: spec.icon,
    parent: spec.parent,
    component: COMPONENTS.WorkflowAction,
    custom: {
      intro: spec.intro, fields: spec.fields, submitLabel: spec.submitLabel, confirm: spec.confirm, previewLabel: spec.previewLabel, progressJob: spec.progressJob,
      recordFields: spec.recordFields, livePreview: spec.livePreview, decision: spec.decision, queue: spec.queue,
      templates: spec.templates ? { field: spec.templates.field, codeField: spec.templates.codeField } : undefined,
    },
    // A record not saved yet (a creation form sent back with its errors) has no state: no transition.
    allowedFor: spec.when
      ? (context: ActionContext) => !context.record || (context.record.id() !== undefined && spec.when!(context.record.params))
      : undefined,
    // The form's page asks for the record with a GET, which never reaches the handler (secure-actions.ts
    // postOnly): the modèles de motif, a read, are added to its answer here.
    after: spec.templates ? async (response: ActionResponse, request: ActionRequest, context: ActionContext) => {
      const record = response.record as { params?: Record<string, unknown> } | undefined;
      if (request.method !== 'post' && record?.params) record.params[REASON_TEMPLATES_PARAM] = JSON.stringify(await spec.templates!.load(context));
      return response;
    } : undefined,
    handler: async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<ActionResponse> => {
      const record = context.record?.toJSON(context.currentAdmin);
      if (request.method !== 'post') return { record } as ActionResponse;
      const payload = { ...(request.payload ?? {}) } as Record<string, unknown>;
      const search = payload[QUEUE_PARAM];
      delete payload[QUEUE_PARAM];
      // The limits of the free-text fields (a reason, a reference), before the preview or the use case.
      const limitErrors = workflowLimitErrors(context, spec.fields, payload);
      if (limitErrors.length) return refusalResponse(context, { message: FORM_ERRORS, errors: limitErrors }) as ActionResponse;
      if (payload.__preview) {
        delete payload.__preview;
        if (!spec.preview) return { record } as ActionResponse;
        const preview = await spec.preview(payload, context);
        if (typeof preview === 'string') return { record, preview } as ActionResponse;
        if (!preview.ok) return refusalResponse(context, preview) as ActionResponse;
        const details: PreviewDetails = 'email' in preview || 'letterPdf' in preview
          ? { email: (preview as { email?: PreviewDetails['email'] }).email ?? null, letterPdf: (preview as { letterPdf?: Buffer | null }).letterPdf?.toString('base64') ?? null }
          : {};
        return { record, preview: preview.message, previewDetails: details } as ActionResponse;
      }
      const queue = spec.queue ? await queueAfter(context, search) : undefined;
      const outcome = await spec.run(payload, actorOfContext(context), context);
      if (!outcome.ok) return refusalResponse(context, outcome) as ActionResponse;
      const notice = { message: outcome.message, type: 'success' as const };
      const result: WorkflowResult = { message: outcome.message, document: outcome.document, report: outcome.report, queue };
      const stay = outcome.stay || (!context.record && !outcome.redirectUrl && Boolean(outcome.document || outcome.report));
      if (stay) return { record, notice, result } as ActionResponse;
      const redirectUrl = outcome.redirectUrl
        ?? (context.record ? context.h.recordActionUrl({ resourceId: context.resource.id(), recordId: context.record.id(), actionName: 'show' }) : context.h.resourceUrl({ resourceId: context.resource.id() }));
      return { record, redirectUrl, notice, result } as ActionResponse;
    },
  };
}
