// The text limits of src/domain/shared/field-limits.ts applied to what AdminJS receives: the columns
// of the action's entity (TypeORM metadata), the fields named as the form labels them (French locale).
// Called by every write path of the back-office: new/edit (secure-actions.ts), the creations run
// by a use case (new-record-action.ts) and the workflow forms (workflow-action.ts).
import type { ActionContext } from 'adminjs';
import { LINE_MAX, TEXT_MAX, textLimitErrors, textLimitsOf, type TextLimit } from '../domain/shared/field-limits.js';
import type { FieldError } from '../domain/shared/validators.js';
import { services } from './services.js';
import type { FieldSpec } from './workflow-form.types.js';

export { FORM_ERRORS } from './workflow-form.types.js';

/** The text columns of the resource's entity (the adapter's resource id is the entity's name). */
function columnLimits(context: ActionContext): Record<string, TextLimit> {
  return textLimitsOf(services().dataSource.getMetadata(context.resource.id()));
}

/** The label of a property in the French locale (`resources.<id>.properties.<field>`), else its name. */
function propertyLabel(context: ActionContext, field: string): string {
  const locale = context._admin.options.locale;
  const fr = typeof locale === 'object' ? locale.translations?.fr : undefined;
  const resource = fr?.resources?.[context.resource.id()] as { properties?: Record<string, string> } | undefined;
  return resource?.properties?.[field] ?? (fr?.properties as Record<string, string> | undefined)?.[field] ?? field;
}

/**
 * The limit errors of an AdminJS form of the action's resource: control characters in the `typed`
 * payload, length of the values to be `stored` (see textLimitErrors).
 */
export function formLimitErrors(context: ActionContext, typed: Record<string, unknown>, stored?: Record<string, unknown>): FieldError[] {
  return textLimitErrors(columnLimits(context), (field) => propertyLabel(context, field), typed, stored);
}

/**
 * The limit errors of a workflow form: a field named like a column of the resource's entity has
 * that column's limit (the fields of a new designation); the others (a reason, a reference to look
 * up) a TEXT column's if multi-line, else the widest VARCHAR's.
 */
export function workflowLimitErrors(context: ActionContext, fields: FieldSpec[], typed: Record<string, unknown>): FieldError[] {
  const columns = columnLimits(context);
  const limits: Record<string, TextLimit> = {};
  for (const field of fields) {
    if (field.type === 'file') continue;
    limits[field.name] = columns[field.name] ?? (field.type === 'textarea' ? { max: TEXT_MAX, multiline: true } : { max: LINE_MAX, multiline: false });
  }
  const labels = new Map(fields.map((f) => [f.name, f.label]));
  return textLimitErrors(limits, (name) => labels.get(name) ?? name, typed);
}
