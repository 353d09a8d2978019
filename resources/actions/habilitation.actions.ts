// The workflow actions of the Habilitation resource (names = the policy table's): each one declares
// its French form and calls a use case of src/domain; no rule lives here. Spread into the `extra`
// argument of secureActions('Habilitation', …) in resources/habilitation.resource.ts.
import type { ActionContext } from 'adminjs';
import { services } from '../../src/admin/services.js';
import { DOCUMENTS_MENU, producedDocument, workflowAction, type WorkflowOutcome } from '../../src/admin/workflow-action.js';
import { produceSuppressionFormForHabilitation } from '../../src/domain/documents/convention-documents.js';
import {
  produceHabilitationLetter, reactivateHabilitation, reportLoss, revokeHabilitation, suspendHabilitation,
} from '../../src/domain/habilitation/habilitation.use-cases.js';
import {
  allowedHabilitationEvents, revocationReasonCodes, revocationReasonLabels, type HabilitationEventName, type HabilitationState,
} from '../../src/domain/habilitation/habilitation.workflow.js';
import type { Refusal } from '../../src/domain/shared/validators.js';

const recordId = (context: ActionContext) => Number(context.record?.id());
const status = (params: Record<string, unknown>) => params.status as HabilitationState;
/** Offered where the state machine allows the event (the policy decides who). */
const allows = (event: HabilitationEventName) => (params: Record<string, unknown>) => allowedHabilitationEvents(status(params)).includes(event);
const isActive = (params: Record<string, unknown>) => status(params) === 'active';
const asOutcome = (result: { ok: true; message: string } | Refusal): WorkflowOutcome => (result.ok ? { ok: true, message: result.message } : result);

/** The download route of a generated document (checks the policy, journals the download). */

const TODAY_HELP = 'Laissez vide pour aujourd’hui.';

const suspend = workflowAction({
  actionType: 'record',
  icon: 'PauseCircle',
  intro: 'La suspension coupe l’accès sans le supprimer : l’habilitation pourra être réactivée.',
  fields: [
    { name: 'reason', label: 'Motif de la suspension', type: 'textarea', required: true },
    { name: 'date', label: 'Suspendue le', type: 'date', help: TODAY_HELP },
  ],
  submitLabel: 'Suspendre l’habilitation',
  when: allows('suspend'),
  run: async (payload, actor, context) => asOutcome(await suspendHabilitation(services(), actor, recordId(context), payload)),
});

const reactivate = workflowAction({
  actionType: 'record',
  icon: 'PlayCircle',
  intro: 'L’habilitation suspendue redevient active, avec le même identifiant.',
  fields: [{ name: 'date', label: 'Réactivée le', type: 'date', help: TODAY_HELP }],
  submitLabel: 'Réactiver l’habilitation',
  when: allows('reactivate'),
  run: async (payload, actor, context) => asOutcome(await reactivateHabilitation(services(), actor, recordId(context), payload)),
});

const revoke = workflowAction({
  actionType: 'record',
  icon: 'Slash',
  intro: 'La révocation est définitive : l’identifiant ne sera jamais réutilisé. En cas de perte ou de vol des identifiants '
    + '(article 3), une nouvelle habilitation est délivrée à la même personne, avec son courrier de notification.',
  fields: [
    { name: 'reasonCode', label: 'Motif de la révocation', type: 'select', required: true, options: revocationReasonCodes.map((value) => ({ value, label: revocationReasonLabels[value] })) },
    { name: 'details', label: 'Précisions', type: 'textarea', help: 'Obligatoire pour un manquement : décrivez-le.' },
    { name: 'date', label: 'Révoquée le', type: 'date', help: TODAY_HELP },
  ],
  submitLabel: 'Révoquer l’habilitation',
  confirm: 'Révoquer définitivement cette habilitation ?',
  when: allows('revoke'),
  run: async (payload, actor, context) => {
    const result = await revokeHabilitation(services(), actor, recordId(context), payload);
    if (!result.ok) return result;
    return { ok: true, message: result.message, document: result.reissued ? producedDocument(result.reissued.letter.id) : undefined };
  },
});

const reportLossAction = workflowAction({
  actionType: 'record',
  icon: 'AlertTriangle',
  intro: 'Perte ou vol des identifiants (article 3) : l’habilitation est révoquée et une nouvelle, avec un nouvel identifiant, '
    + 'est délivrée à la même personne. Le courrier de notification de la nouvelle habilitation est produit.',
  fields: [
    { name: 'details', label: 'Circonstances', type: 'textarea', help: 'Date et manière dont le partenaire a signalé la perte ou le vol.' },
    { name: 'accessCode', label: 'Code d’accès complémentaire', type: 'text', help: 'Laissez vide pour reprendre celui de l’habilitation révoquée.' },
  ],
  submitLabel: 'Révoquer et délivrer une nouvelle habilitation',
  confirm: 'Révoquer cette habilitation (perte ou vol) et en délivrer une nouvelle ?',
  when: isActive,
  run: async (payload, actor, context) => {
    const result = await reportLoss(services(), actor, recordId(context), payload);
    if (!result.ok) return result;
    return { ok: true, message: result.message, document: result.reissued ? producedDocument(result.reissued.letter.id) : undefined };
  },
});

const generateLetter = workflowAction({
  actionType: 'record',
  icon: 'Mail',
  parent: DOCUMENTS_MENU,
  intro: 'Courrier de notification à l’utilisateur : identifiant, profil, convention, partenaire et contact de la Caf. '
    + 'Il ne contient jamais de mot de passe. Chaque impression reçoit un numéro au registre des courriers.',
  fields: [],
  submitLabel: 'Produire le courrier',
  when: isActive,
  run: async (_payload, actor, context) => {
    const result = await produceHabilitationLetter(services(), actor, recordId(context));
    return result.ok ? { ok: true, message: result.message, document: producedDocument(result.document.id) } : result;
  },
});

const generateSuppressionForm = workflowAction({
  actionType: 'record',
  icon: 'UserMinus',
  parent: DOCUMENTS_MENU,
  intro: 'Formulaire de demande de suppression d’accès pré-rempli avec cette personne, à faire signer par l’employeur. '
    + 'Sa référence imprimée retrouve l’habilitation quand le formulaire revient.',
  fields: [{ name: 'effectiveFrom', label: 'Suppression « à compter de » (facultatif)', type: 'date' }],
  submitLabel: 'Produire le formulaire',
  when: (params) => status(params) !== 'revoquee',
  run: async (payload, actor, context) => {
    const result = await produceSuppressionFormForHabilitation(services(), actor, recordId(context), payload.effectiveFrom ? String(payload.effectiveFrom) : null);
    return result.ok ? { ok: true, message: result.message, document: producedDocument(result.document.id) } : result;
  },
});

/** Actions of the Habilitation resource, by the names of the policy table. */
export const habilitationActions = {
  suspend, reactivate, revoke, reportLoss: reportLossAction, generateLetter, generateSuppressionForm,
};
