// Legal hold on journal entries (issue 6): the Administrateur keeps an entry beyond the purges (traces, decisions)
// (e.g. an investigation). The flag is the only thing ever changed on a journal row, and the change
// is itself journaled.
import type { DataSource } from 'typeorm';
import { AuditEvent } from '../../entities/audit-event.entity.js';
import { recordAudit, type Actor } from './audit.js';
import { collectErrors, validateRequiredText, type FieldError } from '../shared/validators.js';

export async function setLegalHold(
  dataSource: DataSource, actor: Actor, auditEventId: number, hold: boolean, reason: string | null,
): Promise<{ ok: true; message: string } | { ok: false; message: string; errors: FieldError[] }> {
  const errors = collectErrors();
  const why = hold ? errors.take('reason', validateRequiredText(reason, 'Indiquez le motif de la conservation (ex. référence de la procédure).')) : reason;
  if (errors.hasErrors()) return { ok: false, message: 'Le motif est obligatoire.', errors: errors.errors };
  return dataSource.transaction(async (manager) => {
    const result = await manager.update(AuditEvent, { id: auditEventId, legalHold: !hold }, { legalHold: hold });
    if (!result.affected) {
      return { ok: false as const, message: hold ? 'Cette entrée est déjà conservée (ou n’existe pas).' : 'Cette entrée n’est pas conservée.', errors: [] };
    }
    await recordAudit(manager, actor, {
      action: hold ? 'journal.legal-hold' : 'journal.legal-hold-release', entityType: 'AuditEvent', entityId: auditEventId, reason: why ?? null,
    });
    return { ok: true as const, message: hold ? 'Entrée conservée : aucune purge ne la supprimera.' : 'Conservation levée : l’entrée suivra la durée normale.' };
  });
}
