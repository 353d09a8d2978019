import type { BaseRecord, ResourceWithOptions } from 'adminjs';
import { In } from 'typeorm';
import { Recertification } from '../src/entities/recertification.entity.js';
import { RecertificationLine } from '../src/entities/recertification-line.entity.js';
import { NAVIGATION } from '../src/admin/navigation.js';
import { secureActions } from '../src/admin/secure-actions.js';
import type { FieldSpec } from '../src/admin/workflow-action.js';
import { habilitationStateLabels } from '../src/domain/habilitation/habilitation.workflow.js';
import {
  lineDecisionLabels, lineDecisions, lineOutcomeLabels, recertificationOriginLabels, recertificationOrigins, recertificationStateLabels, recertificationStates,
} from '../src/domain/recertification/recertification.rules.js';
import { recertificationActions } from './actions/recertification.actions.js';
import { options } from './options.js';
import { DATE, manager, MULTI_SELECT_FILTER, SCAN_LINK } from './support.js';
import { adapterFor, anyOf } from './adapter.js';

/** The frozen list as read on the record, and the two fields per line of the return screen. */
async function fillLines(records: BaseRecord[]): Promise<void> {
  const ids = records.map((r) => Number(r.params.id));
  const lines = ids.length ? await manager().find(RecertificationLine, { where: { recertificationId: In(ids) }, order: { id: 'ASC' } }) : [];
  for (const record of records) {
    const own = lines.filter((l) => l.recertificationId === Number(record.params.id));
    record.params.frozenList = own.map((l) => `${l.identifier} ${l.name} (${habilitationStateLabels[l.statusThen].toLowerCase()} sur l’avis)`
      + (l.outcome ? ` : ${lineDecisionLabels[l.decision ?? 'conserver'].toLowerCase()} → ${lineOutcomeLabels[l.outcome]}` : '')).join('\n') || 'Aucune habilitation';
    const fields: FieldSpec[] = own.flatMap((l) => [
      { name: `decision_${l.id}`, label: `${l.identifier} ${l.name}${l.statusThen === 'suspendue' ? ' (suspendue)' : ''}`, type: 'select',
        options: options(lineDecisions, lineDecisionLabels), defaultValue: 'conserver' },
      { name: `date_${l.id}`, label: `Date d’effet (${l.identifier})`, type: 'date', defaultValue: String(record.params.anniversary ?? '') },
    ]);
    record.params.lineFields = JSON.stringify(fields);
  }
}

export const recertificationResource: ResourceWithOptions = {
  get resource() { return adapterFor(Recertification, { plainKeys: ['scanId'], filters: { status: anyOf('status') }, fill: fillLines }); },
  options: {
    id: 'Recertification',
    navigation: NAVIGATION.habilitations,
    sort: { sortBy: 'dueDate', direction: 'asc' },
    titleProperty: 'reference',
    listProperties: ['id', 'conventionId', 'anniversary', 'reference', 'dueDate', 'status', 'returnedDate'],
    filterProperties: ['status', 'conventionId', 'reference', 'anniversary', 'dueDate', 'returnedDate', 'origin'],
    showProperties: [
      'id', 'conventionId', 'origin', 'habilitationManagerId', 'anniversary', 'documentId', 'reference', 'dueDate', 'status', 'frozenList', 'returnedDate', 'signatory', 'scanId',
      'report', 'appliedAt', 'appliedById', 'reminderDays', 'remindedOn', 'createdAt',
    ],
    properties: {
      status: { availableValues: options(recertificationStates, recertificationStateLabels), ...MULTI_SELECT_FILTER },
      anniversary: DATE,
      // Where it comes from: the yearly notice, or a new responsable habilitations designated (issue 15 §3).
      origin: { availableValues: options(recertificationOrigins, recertificationOriginLabels) },
      habilitationManagerId: { type: 'reference', reference: 'HabilitationManager' },
      dueDate: DATE,
      returnedDate: DATE,
      remindedOn: DATE,
      scanId: SCAN_LINK,
      documentId: { type: 'reference', reference: 'Document' },
      frozenList: { type: 'textarea', isSortable: false, isVisible: { list: false, show: true, edit: false, filter: false } },
      lineFields: { isVisible: false },
      report: { type: 'textarea' },
    },
    actions: secureActions('Recertification', null, recertificationActions),
  },
};
