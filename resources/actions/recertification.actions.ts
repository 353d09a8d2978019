// The workflow actions of the Recertification resource (names = the policy table's): recording the
// partner's returned list from the one screen (a choice and a date per line of the frozen list) or
// from a pasted list; each calls a use case of src/domain/recertification, no rule lives here.
import type { ActionContext } from 'adminjs';
import { services } from '../../src/admin/services.js';
import { workflowAction, type FieldSpec, type WorkflowOutcome } from '../../src/admin/workflow-action.js';
import { canRecordReturn, lineDecisionLabels, lineDecisions, type RecertificationState } from '../../src/domain/recertification/recertification.rules.js';
import { decisionsFromForm, recordPastedReturn, recordRecertificationReturn } from '../../src/domain/recertification/recertification.use-cases.js';
import type { Refusal } from '../../src/domain/shared/validators.js';
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

/** Actions of the Recertification resource, by the names of the policy table. */
export const recertificationActions = { recordReturn, recordPastedReturn: recordPastedReturnAction };
