// The workflow actions of the SuppressionRequest resource (names = the policy table's): each one
// declares its French form and calls a use case of src/domain/suppression-request; no rule lives here.
// Spread into the `extra` argument of secureActions('SuppressionRequest', …) in
// resources/suppression-request.resource.ts.
import type { ActionContext } from 'adminjs';
import { services } from '../../src/admin/services.js';
import { workflowAction, type WorkflowOutcome } from '../../src/admin/workflow-action.js';
import { attachScanAction } from './attach-scan.action.js';
import type { Refusal } from '../../src/domain/shared/validators.js';
import {
  processSuppressionRequest, rejectSuppressionRequest,
} from '../../src/domain/suppression-request/suppression-request.use-cases.js';
import {
  allowedSuppressionRequestEvents, type SuppressionRequestEventName, type SuppressionRequestState,
} from '../../src/domain/suppression-request/suppression-request.workflow.js';

const recordId = (context: ActionContext) => Number(context.record?.id());
/** Offered where the state machine allows the event (the policy decides who). */
const allows = (event: SuppressionRequestEventName) => (params: Record<string, unknown>) =>
  allowedSuppressionRequestEvents(params.status as SuppressionRequestState).includes(event);
const asOutcome = (result: { ok: true; message: string } | Refusal): WorkflowOutcome => (result.ok ? { ok: true, message: result.message } : result);

const process = workflowAction({
  actionType: 'record',
  icon: 'UserX',
  intro: 'Traiter la demande révoque l’habilitation (motif « suppression demandée ») : aujourd’hui si la date « à compter de » '
    + 'est atteinte, sinon automatiquement ce jour-là. Le formulaire doit porter le cachet et la signature de l’employeur.',
  fields: [],
  submitLabel: 'Traiter la demande',
  confirm: 'Traiter cette demande de suppression ? L’habilitation sera révoquée à la date demandée.',
  when: allows('process'),
  run: async (_payload, actor, context) => asOutcome(await processSuppressionRequest(services(), actor, recordId(context))),
});

const reject = workflowAction({
  actionType: 'record',
  icon: 'XCircle',
  intro: 'L’habilitation reste inchangée ; le motif du rejet est communiqué au responsable habilitations.',
  fields: [{ name: 'reason', label: 'Motif du rejet', type: 'textarea', required: true }],
  submitLabel: 'Rejeter la demande',
  when: allows('reject'),
  run: async (payload, actor, context) => asOutcome(await rejectSuppressionRequest(services(), actor, recordId(context), payload)),
});

/** Actions of the SuppressionRequest resource, by the names of the policy table. */
export const suppressionRequestActions = { process, reject, attachScan: attachScanAction('SuppressionRequest') };
