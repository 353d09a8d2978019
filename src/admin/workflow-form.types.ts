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
  /** The preview is asked as soon as the form opens and again after each change (what will be sent, live). */
  livePreview?: boolean;
  /** A decision on a record: its fields and its scan beside the form (components/decision-layout.tsx). */
  decision?: boolean;
  /** The modèles de motif offered (record param REASON_TEMPLATES_PARAM): the one picked fills `field` (and `codeField`). */
  templates?: { field: string; codeField?: string };
  /** The list the agent came from is sent (QUEUE_PARAM): the result offers « Suivant » in it. */
  queue?: boolean;
}

/** The record param carrying the modèles de motif of a form, as JSON (ReasonTemplateOption[]). */
export const REASON_TEMPLATES_PARAM = 'reasonTemplates';
/** The payload key carrying the query string of the list the agent came from. */
export const QUEUE_PARAM = '__queue';

/** A modèle de motif as a form offers it, already filled for the record. */
export interface ReasonTemplateOption {
  id: number;
  label: string;
  incompleteReason: string | null;
  text: string;
}

/** What a live preview shows besides its message: the email that will go out and the letter (a PDF, base64). */
export interface PreviewDetails {
  email?: { to: string[]; subject: string; text: string } | null;
  letterPdf?: string | null;
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
  /** After a decision taken from a filtered queue: the next record of it (« Suivant »), or the queue's end. */
  queue?: { nextUrl: string | null; listUrl: string };
}

/** The key of the router's location state that carries a WorkflowResult to the next page. */
export const RESULT_STATE_KEY = 'workflowResult';
