// The shape of a workflow form, shared by the server (workflow-action.ts) and the browser component
// (components/workflow-action.tsx): types only, so the browser bundle imports nothing from the server.
export interface FieldSpec {
  name: string;
  label: string;
  type: 'text' | 'textarea' | 'date' | 'select' | 'checkbox' | 'file' | 'number' | 'email';
  required?: boolean;
  options?: Array<{ value: string; label: string }>;
  help?: string;
  defaultValue?: string;
}

export interface FormSpec {
  intro?: string;
  fields: FieldSpec[];
  submitLabel: string;
  confirm?: string;
  previewLabel?: string;
  /** A long action that writes its progress in a JobRun row of this job: the form shows it while waiting. */
  progressJob?: string;
  /** A record param holding more fields as JSON (FieldSpec[]), shown first: one per line of a list (e.g. a recertification). */
  recordFields?: string;
}
