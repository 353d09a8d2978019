// The workflow actions of the AccessRequest resource (names = the policy table's): each one declares
// its French form and calls a use case of src/domain/access-request; no rule lives here. Spread into
// the `extra` argument of secureActions('AccessRequest', …) in resources/access-request.resource.ts.
import type { ActionContext } from 'adminjs';
import { actorOfContext } from '../../src/admin/context.js';
import { services } from '../../src/admin/services.js';
import { producedDocument, workflowAction, type WorkflowOutcome } from '../../src/admin/workflow-action.js';
import { attachScanAction } from './attach-scan.action.js';
import { todayByDefault } from '../support.js';
import {
  approveAccessRequest, completeAccessRequest, markAccessRequestIncomplete, previewApproval, refuseAccessRequest,
} from '../../src/domain/access-request/access-request.use-cases.js';
import {
  allowedAccessRequestEvents, incompleteReasonCodes, incompleteReasonLabels, type AccessRequestEventName, type AccessRequestState,
} from '../../src/domain/access-request/access-request.workflow.js';
import type { Refusal } from '../../src/domain/shared/validators.js';

const recordId = (context: ActionContext) => Number(context.record?.id());
/** Offered where the state machine allows the event (the policy decides who). */
const allows = (event: AccessRequestEventName) => (params: Record<string, unknown>) =>
  allowedAccessRequestEvents(params.status as AccessRequestState).includes(event);
const asOutcome = (result: { ok: true; message: string } | Refusal): WorkflowOutcome => (result.ok ? { ok: true, message: result.message } : result);

/** The download route of a generated document (checks the policy, journals the download). */

const markIncomplete = workflowAction({
  actionType: 'record',
  icon: 'CornerUpLeft',
  intro: 'Le formulaire reçu est incomplet : il est retourné au partenaire avec le motif choisi. '
    + 'Quand le complément arrive, enregistrez-le : la demande redevient à instruire.',
  fields: [
    { name: 'reasonCode', label: 'Motif', type: 'select', required: true, options: incompleteReasonCodes.map((value) => ({ value, label: incompleteReasonLabels[value] })) },
    { name: 'details', label: 'Précisions pour le partenaire', type: 'textarea', help: 'Obligatoire pour « Autre motif ».' },
  ],
  submitLabel: 'Retourner la demande incomplète',
  when: allows('markIncomplete'),
  run: async (payload, actor, context) => asOutcome(await markAccessRequestIncomplete(services(), actor, recordId(context), payload)),
});

const complete = workflowAction({
  actionType: 'record',
  icon: 'CornerDownRight',
  intro: 'Le partenaire a renvoyé le complément demandé : la demande redevient à instruire.',
  fields: [todayByDefault({ name: 'complementReceivedDate', label: 'Complément reçu le', type: 'date', required: true, help: 'Date du cachet d’arrivée.' })],
  submitLabel: 'Enregistrer le complément',
  when: allows('complete'),
  run: async (payload, actor, context) => asOutcome(await completeAccessRequest(services(), actor, recordId(context), payload)),
});

const approve = workflowAction({
  actionType: 'record',
  icon: 'CheckCircle',
  intro: 'Vérifiez la demande : la convention doit être signée et en cours, son nombre maximal d’habilitations non atteint, '
    + 'la personne sans habilitation sur cette convention, les deux signatures « lu et approuvé » présentes et, pour un CDD, '
    + 'la date de fin renseignée. L’approbation délivre l’habilitation (identifiant généré) et produit le courrier de notification à imprimer.',
  fields: [{
    name: 'accessCode', label: 'Code d’accès complémentaire', type: 'text',
    help: 'Seulement si le profil de la convention l’exige (code bailleur, numéro d’instructeur RSA…).',
  }],
  previewLabel: 'Vérifier la demande',
  preview: async (payload, context) => asOutcome(await previewApproval(services(), actorOfContext(context), recordId(context), payload)),
  submitLabel: 'Approuver et délivrer l’habilitation',
  confirm: 'Approuver la demande ? L’habilitation sera délivrée et son courrier de notification produit.',
  when: allows('approve'),
  run: async (payload, actor, context) => {
    const result = await approveAccessRequest(services(), actor, recordId(context), payload);
    // An extension keeps its identifier and prints no new letter.
    return result.ok ? { ok: true, message: result.message, document: result.letter ? producedDocument(result.letter.id) : undefined } : result;
  },
});

const refuse = workflowAction({
  actionType: 'record',
  icon: 'XCircle',
  intro: 'Le refus est définitif : le partenaire devra envoyer une nouvelle demande. Le motif est communiqué au responsable habilitations.',
  fields: [{ name: 'reason', label: 'Motif du refus', type: 'textarea', required: true }],
  submitLabel: 'Refuser la demande',
  confirm: 'Refuser définitivement cette demande d’accès ?',
  when: allows('refuse'),
  run: async (payload, actor, context) => asOutcome(await refuseAccessRequest(services(), actor, recordId(context), payload)),
});

/** Actions of the AccessRequest resource, by the names of the policy table. */
export const accessRequestActions = { markIncomplete, complete, approve, refuse, attachScan: attachScanAction('AccessRequest') };
