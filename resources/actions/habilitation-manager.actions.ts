// Actions of the HabilitationManager resource (names = the policy table's). A designation must go
// through recordDesignation (src/domain/habilitation-manager), which supersedes the responsable in
// office in the same transaction: « designate » from the current designation (a new responsable
// replaces this one). `habilitationManagerActions` is spread into the `extra` argument of
// secureActions('HabilitationManager', …). `createDesignationAction` is meant to be the resource's
// `new` (the creation form, which the printed-reference lookup opens pre-filled with the convention):
// a plain AdminJS insert leaves currentFor empty, i.e. a designation that is not in office.
import { services } from '../../src/admin/services.js';
import { workflowAction } from '../../src/admin/workflow-action.js';
import { recordDesignation } from '../../src/domain/habilitation-manager/habilitation-manager.use-cases.js';
import { CIVILITIES } from '../../src/entities/partner.entity.js';
import { newRecordAction } from '../../src/admin/new-record-action.js';
import { attachScanAction } from './attach-scan.action.js';

const civilityOptions = CIVILITIES.map((value) => ({ value, label: value }));

const designate = workflowAction({
  actionType: 'record',
  icon: 'UserCheck',
  intro: 'Nouvelle désignation reçue pour cette convention : le nouveau responsable habilitations remplace celui-ci, '
    + 'dont la désignation prend fin à la date de la nouvelle. L’historique est conservé.',
  fields: [
    { name: 'formReference', label: 'Référence imprimée sur le formulaire', type: 'text', help: 'Par exemple RH-2026-000123 (en haut à droite, ou son QR code).' },
    { name: 'civility', label: 'Civilité', type: 'select', required: true, options: civilityOptions },
    { name: 'lastName', label: 'Nom', type: 'text', required: true },
    { name: 'firstName', label: 'Prénom', type: 'text', required: true },
    { name: 'address', label: 'Adresse (si différente de celle du partenaire)', type: 'textarea' },
    { name: 'phone', label: 'Téléphone professionnel', type: 'text', required: true },
    { name: 'fax', label: 'Télécopie professionnelle', type: 'text' },
    { name: 'email', label: 'Adresse électronique professionnelle', type: 'email', required: true },
    { name: 'designationDate', label: 'Date de la désignation', type: 'date', required: true },
    { name: 'isSignatory', label: 'Le signataire de la convention est le responsable', type: 'checkbox' },
    { name: 'scan', label: 'Formulaire de désignation signé (numérisé)', type: 'file', help: 'PDF, JPEG ou PNG, 10 Mo au plus.' },
  ],
  submitLabel: 'Enregistrer la désignation',
  // Offered on the designation in office only (the history is read-only).
  when: (params) => params.currentFor !== null && params.currentFor !== undefined && params.currentFor !== '',
  run: async (payload, actor, context) => {
    const result = await recordDesignation(services(), actor, { ...payload, conventionId: context.record?.params.conventionId });
    if (!result.ok) return result;
    return {
      ok: true,
      message: result.message,
      redirectUrl: context.h.recordActionUrl({ resourceId: context.resource.id(), recordId: String(result.designation.id), actionName: 'show' }),
    };
  },
});


/** Actions of the HabilitationManager resource, by the names of the policy table. */
export const habilitationManagerActions = { designate, attachScan: attachScanAction('HabilitationManager') };

/** The `new` action of HabilitationManager: `new: createDesignationAction` in the resource's `extra`. */
export const createDesignationAction = newRecordAction(async (payload, actor) => {
  const result = await recordDesignation(services(), actor, payload);
  return result.ok ? { ok: true, message: result.message, id: result.designation.id } : result;
});
