// « Joindre le formulaire numérisé », shared by the recorded paper forms (demande d'accès, demande de
// suppression, désignation): a form recorded before its scan arrived, or rescanned, takes it from the record.
import type { ActionContext } from 'adminjs';
import { services } from '../../src/admin/services.js';
import { workflowAction } from '../../src/admin/workflow-action.js';
import { attachScan, type ScannedForm } from '../../src/domain/scans/attach-scan.js';

export function attachScanAction(form: ScannedForm) {
  return workflowAction({
    actionType: 'record',
    icon: 'Paperclip',
    intro: 'Le formulaire papier signé, numérisé. Un formulaire déjà joint est remplacé mais reste conservé (journal).',
    fields: [{ name: 'scan', label: 'Formulaire signé numérisé', type: 'file', required: true, help: 'PDF, JPEG ou PNG, 10 Mo au plus.' }],
    submitLabel: 'Joindre le fichier',
    run: async (payload, actor, context: ActionContext) => {
      const result = await attachScan(services(), actor, form, Number(context.record?.id()), payload.scan);
      return result.ok ? { ok: true, message: result.message } : result;
    },
  });
}
