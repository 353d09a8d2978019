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
  approveAccessRequest, completeAccessRequest, markAccessRequestIncomplete, refuseAccessRequest,
} from '../../src/domain/access-request/access-request.use-cases.js';
import { previewDecision, type DecisionInput } from '../../src/domain/access-request/decision-preview.js';
import { reasonTemplatesFor } from '../../src/domain/reason-templates/reason-templates.use-cases.js';
import {
  allowedAccessRequestEvents, incompleteReasonCodes, incompleteReasonLabels, type AccessRequestEventName, type AccessRequestState,
} from '../../src/domain/access-request/access-request.workflow.js';
import type { Refusal } from '../../src/domain/shared/validators.js';

const recordId = (context: ActionContext) => Number(context.record?.id());
/** Offered where the state machine allows the event (the policy decides who). */
const allows = (event: AccessRequestEventName) => (params: Record<string, unknown>) =>
  allowedAccessRequestEvents(params.status as AccessRequestState).includes(event);
const asOutcome = (result: { ok: true; message: string } | Refusal): WorkflowOutcome => (result.ok ? { ok: true, message: result.message } : result);

/**
 * The three decisions are taken on one screen (issue 13 §5): the request's fields and its scan beside
 * the form, what will be sent shown live (the email, the approval's letter), the modèles de motif of
 * the Administrateur offered filled, and « Suivant » in the queue the agent came from.
 */
const decisionScreen = (type: DecisionInput['type']) => ({
  decision: true, livePreview: true, queue: true,
  preview: async (payload: Record<string, unknown>, context: ActionContext) => {
    const preview = await previewDecision(services(), actorOfContext(context), recordId(context), { ...payload, type } as DecisionInput);
    return preview.ok ? { ok: true as const, message: preview.message, email: preview.email, letterPdf: preview.letterPdf } : preview;
  },
});
const templatesOf = (decision: 'incomplete' | 'refuse') => (context: ActionContext) => reasonTemplatesFor(services().dataSource.manager, recordId(context), decision);

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
  confirm: 'Retourner cette demande incomplète au partenaire ? Le courriel ci-dessus sera envoyé.',
  ...decisionScreen('markIncomplete'),
  templates: { field: 'details', codeField: 'reasonCode', load: templatesOf('incomplete') },
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
  intro: 'Les contrôles portent sur la convention (signée et en cours, nombre maximal d’habilitations non atteint), la personne '
    + '(sans habilitation sur cette convention), les deux signatures « lu et approuvé » et, pour un CDD, la date de fin. '
    + 'L’approbation délivre l’habilitation (identifiant généré), produit le courrier de notification et envoie le courriel ci-dessous.',
  fields: [{
    name: 'accessCode', label: 'Code d’accès complémentaire', type: 'text',
    help: 'Seulement si le profil de la convention l’exige (code bailleur, numéro d’instructeur RSA…).',
  }],
  ...decisionScreen('approve'),
  submitLabel: 'Approuver',
  confirm: 'Approuver la demande ? L’habilitation sera délivrée, son courrier de notification produit et le courriel envoyé.',
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
  confirm: 'Refuser définitivement cette demande d’accès ? Le courriel ci-dessus sera envoyé.',
  ...decisionScreen('refuse'),
  templates: { field: 'reason', load: templatesOf('refuse') },
  when: allows('refuse'),
  run: async (payload, actor, context) => asOutcome(await refuseAccessRequest(services(), actor, recordId(context), payload)),
});

/** Actions of the AccessRequest resource, by the names of the policy table. */
export const accessRequestActions = { markIncomplete, complete, approve, refuse, attachScan: attachScanAction('AccessRequest') };
