// « Joindre le formulaire numérisé »: the scan of a paper form recorded without it, or rescanned. The previous scan, if any, stays stored and is
// named in the journal entry, so nothing is lost.
import { AccessRequest } from '../../entities/access-request.entity.js';
import { HabilitationManager } from '../../entities/habilitation-manager.entity.js';
import { SuppressionRequest } from '../../entities/suppression-request.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import type { WorkflowServices } from '../habilitation/habilitation.use-cases.js';
import { forUpdate, type Outcome, refusable } from '../shared/transaction.js';
import { refusal } from '../shared/validators.js';
import { isUploadedFile, storeScan } from './scan-upload.js';

/** The recorded paper forms that carry a scan, with the journal's names for them. */
const FORMS = {
  AccessRequest: { entity: AccessRequest, action: 'access-request.attach-scan', label: 'demande d’accès' },
  SuppressionRequest: { entity: SuppressionRequest, action: 'suppression-request.attach-scan', label: 'demande de suppression' },
  HabilitationManager: { entity: HabilitationManager, action: 'habilitation-manager.attach-scan', label: 'désignation' },
} as const;
export type ScannedForm = keyof typeof FORMS;

export const ATTACH_SCAN_MESSAGES = {
  missing: 'Choisissez le fichier du formulaire signé numérisé (PDF, JPEG ou PNG).',
  unknown: (label: string) => `Cette ${label} n'existe pas (elle a peut-être été supprimée).`,
} as const;

export async function attachScan(
  services: WorkflowServices, actor: Actor, form: ScannedForm, id: number, file: unknown,
): Promise<Outcome<{ scanId: number }>> {
  if (!isUploadedFile(file)) return refusal(ATTACH_SCAN_MESSAGES.missing, [{ field: 'scan', message: ATTACH_SCAN_MESSAGES.missing }]);
  const { entity, action, label } = FORMS[form];
  return refusable(services.dataSource, async (tx) => {
    const row = Number.isInteger(id) && id > 0 ? await tx.findOne(entity, { where: { id }, ...forUpdate(tx) }) : null;
    if (!row) return refusal(ATTACH_SCAN_MESSAGES.unknown(label));
    const stored = await storeScan(tx, services.storage, file, actor.staffUserId);
    if (!stored.ok) return refusal(stored.message, [{ field: 'scan', message: stored.message }]);
    const scanId = stored.value.id;
    await tx.update(entity, { id }, { scanId });
    await recordAudit(tx, actor, {
      action, entityType: form, entityId: id, details: { scanId, previousScanId: row.scanId, fileName: stored.value.originalName },
    }, services.clock.now());
    const replaced = row.scanId ? ' (il remplace le précédent, conservé)' : '';
    return { ok: true, scanId, message: `Formulaire numérisé joint à la ${label} n° ${id}${replaced}.` };
  });
}
