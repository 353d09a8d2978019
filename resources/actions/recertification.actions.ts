// The workflow actions of the Recertification resource (names = the policy table's): recording the
// partner's returned list from the one screen (a choice and a date per line of the frozen list) or
// from a pasted list; each calls a use case of src/domain/recertification, no rule lives here.
import type { ActionContext } from 'adminjs';
import { services } from '../../src/admin/services.js';
import { workflowAction, type FieldSpec, type WorkflowOutcome } from '../../src/admin/workflow-action.js';
import { canRecordReturn, lineDecisionLabels, lineDecisions, type RecertificationState } from '../../src/domain/recertification/recertification.rules.js';
import { decisionsFromForm, recordPastedReturn, recordRecertificationReturn } from '../../src/domain/recertification/recertification.use-cases.js';
import type { Refusal } from '../../src/domain/shared/validators.js';
import { canCloseUnanswered, CLOSURE_REASON_MAX, parseCampaignMonth } from '../../src/domain/recertification/recertification-campaign.rules.js';
import { closeUnansweredRecertification, recertificationCampaign } from '../../src/domain/recertification/recertification-campaign.use-cases.js';
import { todayInParis } from '../../src/domain/shared/dates.js';
import { COMPONENTS } from '../../src/admin/components/index.js';
import { options } from '../options.js';

const recordId = (context: ActionContext) => Number(context.record?.id());
const open = (params: Record<string, unknown>) => canRecordReturn(params.status as RecertificationState);
const asOutcome = (result: { ok: true; message: string } | Refusal): WorkflowOutcome => (result.ok ? { ok: true, message: result.message } : result);

const RECEIPT_FIELDS: FieldSpec[] = [
  { name: 'returnedDate', label: 'Liste reçue le', type: 'date', help: 'Vide : aujourd’hui.' },
  { name: 'signatory', label: 'Signée par (au partenaire)', type: 'text' },
  { name: 'scan', label: 'Liste signée numérisée', type: 'file' },
];

const recordReturn = workflowAction({
  actionType: 'record',
  icon: 'CheckSquare',
  intro: 'Reportez pour chaque habilitation de la liste jointe à l’avis ce que le partenaire a coché (toutes « à conserver » par défaut) '
    + 'et la date d’effet (vide : la date anniversaire). Les habilitations « à supprimer » sont révoquées (motif « suppression demandée — '
    + 'recertification annuelle ») aujourd’hui si la date est atteinte, sinon à cette date. Le résultat de chaque ligne est affiché et journalisé, '
    + 'et envoyé au responsable habilitations.',
  // One decision and one date per line of the frozen list (resources/recertification.resource.ts fills them).
  recordFields: 'lineFields',
  fields: [
    ...RECEIPT_FIELDS,
    { name: 'newUsers', label: 'Nouveaux utilisateurs ajoutés à la main (un par ligne)', type: 'textarea',
      help: 'Ce ne sont pas des habilitations : le responsable reçoit l’indication d’adresser une demande d’accès pour chacun.' },
  ],
  submitLabel: 'Appliquer la liste retournée',
  confirm: 'Appliquer la liste retournée ? Les habilitations « à supprimer » seront révoquées.',
  when: open,
  run: async (payload, actor, context) => asOutcome(await recordRecertificationReturn(services(), actor, recordId(context), {
    returnedDate: payload.returnedDate, signatory: payload.signatory, scan: payload.scan, newUsers: payload.newUsers, decisions: decisionsFromForm(payload),
  })),
});

const recordPastedReturnAction = workflowAction({
  actionType: 'record',
  icon: 'Clipboard',
  intro: 'Collez la liste envoyée par le partenaire (« liste des départs ») : une personne par ligne, désignée par son identifiant (CP78-000123) '
    + 'ou son adresse électronique, avec une date éventuelle sur la ligne. L’action et la date ci-dessous s’appliquent aux lignes collées ; '
    + 'les autres habilitations de la liste sont conservées. Chaque ligne reçoit son résultat.',
  fields: [
    { name: 'pasted', label: 'Liste collée', type: 'textarea', required: true },
    { name: 'action', label: 'Action', type: 'select', options: options(lineDecisions, lineDecisionLabels), defaultValue: 'supprimer' },
    { name: 'date', label: 'Date d’effet', type: 'date', help: 'Vide : la date anniversaire ; une date écrite sur une ligne l’emporte.' },
    ...RECEIPT_FIELDS,
  ],
  submitLabel: 'Appliquer la liste collée',
  confirm: 'Appliquer la liste collée ? Les habilitations désignées « à supprimer » seront révoquées.',
  when: open,
  run: async (payload, actor, context) => asOutcome(await recordPastedReturn(services(), actor, recordId(context), payload)),
});

// « Recertifications sans réponse » (home page): the agent who followed the partner up otherwise ends
// the follow-up with a reason; a list that comes back later is still recorded.
const closeUnanswered = workflowAction({
  actionType: 'record',
  icon: 'Archive',
  intro: 'La liste n’a pas été retournée à l’échéance et rien n’a été révoqué. Classez-la lorsque le suivi est terminé (partenaire relancé par '
    + 'téléphone, convention en cours de dénonciation…), en indiquant ce qui a été fait : le motif est conservé sur la recertification et au journal. '
    + 'Une liste reçue ensuite s’enregistre encore.',
  fields: [{ name: 'reason', label: 'Motif du classement', type: 'textarea', required: true, help: `Au plus ${CLOSURE_REASON_MAX} caractères.` }],
  submitLabel: 'Classer sans retour',
  confirm: 'Classer cette recertification sans retour ? Elle quittera les « Recertifications sans réponse ».',
  when: (params) => canCloseUnanswered(params.status as RecertificationState),
  run: async (payload, actor, context) => asOutcome(await closeUnansweredRecertification(services().dataSource, actor, recordId(context), payload)),
});

// The campaign of an anniversary month (components/recertification-campaign.tsx): its figures and
// recertifications; the evidence file is served by src/http/recertification-campaign.ts. The page
// asks by POST (secure-actions.ts runs a custom handler only for a POST), `mois` in the payload.
const campaign = {
  actionType: 'resource' as const,
  icon: 'BarChart2',
  component: COMPONENTS.RecertificationCampaign,
  showFilter: false,
  handler: async (request: { payload?: Record<string, unknown> }) => {
    const month = parseCampaignMonth(request.payload?.mois || todayInParis(services().clock.now()).slice(0, 7));
    if (!month.ok) return { notice: { message: month.message, type: 'error' as const } };
    return { campaign: await recertificationCampaign(services().dataSource.manager, month.value) };
  },
};

/** Actions of the Recertification resource, by the names of the policy table. */
export const recertificationActions = { recordReturn, recordPastedReturn: recordPastedReturnAction, closeUnanswered, campaign };
