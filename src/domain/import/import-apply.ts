// Applying an import (issue 12 §2) after its dry run: the plan is computed again inside ONE
// transaction (what the dry run showed, against the records as they are now), and written only when
// no row is in error — one error, nothing written. The named counters are moved past the imported
// convention numbers and identifiers, and the import is journaled (file, SHA-256, counts, who).
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { AccessRequest } from '../../entities/access-request.entity.js';
import { Convention } from '../../entities/convention.entity.js';
import { HabilitationManager } from '../../entities/habilitation-manager.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { Partner } from '../../entities/partner.entity.js';
import { recordAudit, type Actor } from '../audit/audit.js';
import { withFoldedColumns } from '../search/folded-columns.js';
import { advanceSequence } from '../shared/sequence.js';
import { RefusalError, runInTransaction } from '../shared/transaction.js';
import { refusal } from '../shared/validators.js';
import type { ImportFile } from './import-sheets.js';
import { planImport, type ImportPlan, type PlanOptions } from './import-plan.js';

// Bound parameters per INSERT: below SQLite's 32 766 and MySQL's packet limits.
const MAX_PARAMETERS = 20_000;
export const IMPORT_APPLY_MESSAGES = {
  errors: (n: number) => `Import non appliqué : ${n} ligne${n > 1 ? 's sont' : ' est'} en erreur. Corrigez le fichier et refaites l’essai à blanc ; rien n’a été enregistré.`,
  applied: (plan: ImportPlan) => `Import appliqué : ${plan.counts['créé']} créé(s), ${plan.counts['mis à jour']} mis à jour, ${plan.counts['inchangé']} inchangé(s).`,
} as const;

export function importSummary(plan: ImportPlan): Record<string, unknown> {
  return { fileName: plan.fileName, sha256: plan.sha256, counts: plan.counts, rows: plan.lines.length };
}

/** The dry run, journaled (who tried which file, and what it would do). */
export async function dryRunImport(dataSource: DataSource, file: ImportFile, actor: Actor, options: PlanOptions & { now: Date }): Promise<ImportPlan> {
  const plan = await planImport(dataSource.manager, file, options);
  await recordAudit(dataSource.manager, actor, { action: 'import.dry-run', entityType: 'Import', entityId: file.sha256.slice(0, 16), details: importSummary(plan) }, options.now);
  return plan;
}

/**
 * Many rows in few statements: one multi-row INSERT per ~20 000 values, written directly (TypeORM's
 * insert builder spends longer than the database on 50 000 rows). The database fills what a row does
 * not set (identifiers, creation dates, defaults): rows are grouped by the fields they set.
 */
async function insertAll(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, rows: ObjectLiteral[], progress: (n: number) => void): Promise<void> {
  const metadata = manager.connection.getMetadata(entity);
  const escape = (name: string) => manager.connection.driver.escape(name);
  const groups = new Map<string, ObjectLiteral[]>();
  // Written without TypeORM's subscribers: the folded search columns are set here.
  for (const row of rows.map((r) => withFoldedColumns(metadata.name, { ...r }))) {
    const fields = Object.keys(row).filter((f) => row[f] !== undefined).sort().join(',');
    const group = groups.get(fields);
    if (group) group.push(row);
    else groups.set(fields, [row]);
  }
  for (const [key, group] of groups) {
    const fields = key.split(',');
    const columns = fields.map((f) => {
      const column = metadata.findColumnWithPropertyName(f);
      if (!column) throw new Error(`${metadata.name}.${f} : colonne inconnue`);
      return escape(column.databaseName);
    });
    const perChunk = Math.max(1, Math.floor(MAX_PARAMETERS / fields.length));
    const placeholders = `(${fields.map(() => '?').join(', ')})`;
    for (let i = 0; i < group.length; i += perChunk) {
      const chunk = group.slice(i, i + perChunk);
      const values = chunk.flatMap((row) => fields.map((f) => (typeof row[f] === 'boolean' ? Number(row[f]) : row[f] ?? null)));
      await manager.query(`INSERT INTO ${escape(metadata.tableName)} (${columns.join(', ')}) VALUES ${chunk.map(() => placeholders).join(', ')}`, values);
      progress(chunk.length);
    }
  }
}

async function updateAll(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, updates: Array<{ id: number; values: ObjectLiteral }>, progress: (n: number) => void): Promise<void> {
  for (const { id, values } of updates) {
    if (Object.keys(values).length) await manager.update(entity, { id }, values);
    progress(1);
  }
}

async function idsBy(manager: EntityManager, entity: EntityTarget<ObjectLiteral>, column: 'siret' | 'number'): Promise<Map<string, number>> {
  const rows: Array<Record<string, unknown>> = await manager.createQueryBuilder(entity, 'e').select(['e.id AS id', `e.${column} AS k`]).getRawMany();
  return new Map(rows.map((r) => [String(r.k), Number(r.id)]));
}

export type ApplyResult = { ok: true; plan: ImportPlan; message: string } | { ok: false; plan: ImportPlan | null; message: string };

export async function applyImport(
  dataSource: DataSource, file: ImportFile, actor: Actor, options: PlanOptions & { now: Date },
): Promise<ApplyResult> {
  let planned: ImportPlan | null = null;
  try {
    return await runInTransaction(dataSource, async (manager) => {
      const plan = await planImport(manager, file, { today: options.today });
      planned = plan;
      if (plan.counts.erreur) throw new RefusalError(refusal(IMPORT_APPLY_MESSAGES.errors(plan.counts.erreur)));
      const total = plan.partners.create.length + plan.partners.update.length + plan.conventions.create.length + plan.conventions.update.length
        + plan.managers.create.length + plan.managers.update.length + plan.habilitations.create.length + plan.habilitations.update.length
        + plan.requests.create.length + plan.requests.update.length;
      let done = 0;
      const progress = (n: number) => { done += n; options.onProgress?.(done, total); };

      await insertAll(manager, Partner, plan.partners.create, progress);
      await updateAll(manager, Partner, plan.partners.update, progress);
      const partnerIds = await idsBy(manager, Partner, 'siret');

      await insertAll(manager, Convention, plan.conventions.create.map(({ siret, ...values }) => ({ ...values, partnerId: partnerIds.get(siret), createdById: actor.staffUserId })), progress);
      await updateAll(manager, Convention, plan.conventions.update.map(({ id, values, siret }) => ({ id, values: siret ? { ...values, partnerId: partnerIds.get(siret) } : values })), progress);
      const conventionIds = await idsBy(manager, Convention, 'number');

      // Superseded designations first: one current designation per convention (unique currentFor).
      for (const { id, endDate } of plan.managers.supersede) await manager.update(HabilitationManager, { id }, { currentFor: null, endDate });
      await updateAll(manager, HabilitationManager, plan.managers.update, progress);
      await insertAll(manager, HabilitationManager, plan.managers.create.map(({ conventionNumber, current, ...values }) => {
        const conventionId = conventionIds.get(conventionNumber)!;
        return { ...values, conventionId, currentFor: current ? conventionId : null, recordedById: actor.staffUserId };
      }), progress);

      await insertAll(manager, Habilitation, plan.habilitations.create.map(({ conventionNumber, ...values }) => ({ ...values, conventionId: conventionIds.get(conventionNumber), accessRequestId: null })), progress);
      await updateAll(manager, Habilitation, plan.habilitations.update.map(({ id, values, conventionNumber }) => ({
        id, values: conventionNumber ? { ...values, conventionId: conventionIds.get(conventionNumber) } : values,
      })), progress);

      await insertAll(manager, AccessRequest, plan.requests.create.map(({ conventionNumber, ...values }) => ({
        ...values, conventionId: conventionIds.get(conventionNumber), status: 'recue', recordedById: actor.staffUserId,
      })), progress);
      await updateAll(manager, AccessRequest, plan.requests.update, progress);

      // The next number the product gives is past every imported one (never reused, DOMAIN.md).
      for (const [name, value] of Object.entries(plan.counters)) await advanceSequence(manager, name, value);
      await recordAudit(manager, actor, { action: 'import.apply', entityType: 'Import', entityId: file.sha256.slice(0, 16), details: importSummary(plan) }, options.now);
      return { ok: true as const, plan, message: IMPORT_APPLY_MESSAGES.applied(plan) };
    });
  } catch (error) {
    if (error instanceof RefusalError) return { ok: false, plan: planned, message: error.refusal.message };
    throw error;
  }
}
