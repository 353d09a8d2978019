// The shape of a workflow form, shared by the server (workflow-action.ts) and the browser component
// (components/workflow-action.tsx): types and texts only, so the browser bundle imports nothing from the server.

/** The notice of a form refused field by field (the errors are shown next to each field). */
export const FORM_ERRORS = 'Le formulaire contient des erreurs : corrigez les champs signalés.';
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

/** A PDF produced by an action: offered on the page the agent lands on, opened only when asked. */
export interface ResultDocument {
  url: string;
  /** The download button (« Télécharger le courrier » unless told). */
  label?: string;
}

/** One group of lines of a run's report (produced, already produced, failed), each line a link. */
export interface ResultSection {
  title: string;
  lines: Array<{ text: string; href?: string }>;
}

/**
 * What an action did, shown on the page the agent lands on (the record page, carried in the
 * router's history state, or the action's own page for a run): the message, its PDF and its report.
 */
export interface WorkflowResult {
  message: string;
  document?: ResultDocument;
  report?: ResultSection[];
}

/** The key of the router's location state that carries a WorkflowResult to the next page. */
export const RESULT_STATE_KEY = 'workflowResult';
