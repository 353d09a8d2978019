// The modèles de motif (issue 13 §5): the wordings the Administrateur prepares for « Retourner comme
// incomplète » and « Refuser », and how one is filled for a given demande d'accès. Placeholders are
// written between braces in French ({partenaire}, {convention}, {nom}…): the agent picks a template,
// reads it filled with the request's partner, convention and person, and edits it before confirming.
// An unknown placeholder is refused when the template is saved, so a filled text never shows braces.
import { incompleteReasonCodes } from '../access-request/access-request.workflow.js';
import { formatFrenchDate, isIsoDate } from '../shared/dates.js';
import { TEXT_MAX } from '../shared/field-limits.js';
import { bool, choice, FormCheck, requiredText, text, type FormInput, type FormResult } from '../shared/form.validation.js';

export const reasonTemplateDecisions = ['incomplete', 'refuse'] as const;
export type ReasonTemplateDecision = (typeof reasonTemplateDecisions)[number];

export const reasonTemplateDecisionLabels: Record<ReasonTemplateDecision, string> = {
  incomplete: 'Demande incomplète',
  refuse: 'Demande refusée',
};

/** What the request tells a template, as the agent reads it. */
export interface ReasonFacts {
  partnerName: string;
  conventionNumber: string;
  civility: string;
  firstName: string;
  lastName: string;
  position: string;
  /** 'YYYY-MM-DD'. */
  receivedDate: string;
}

/** Each placeholder, what it becomes, and its help line (shown on the template's form). */
export const REASON_PLACEHOLDERS: Record<string, { help: string; value: (facts: ReasonFacts) => string }> = {
  partenaire: { help: 'le nom du partenaire', value: (f) => f.partnerName },
  convention: { help: 'le numéro de la convention', value: (f) => f.conventionNumber },
  nom: { help: 'le prénom et le nom de la personne (« Jean DUPONT »)', value: (f) => `${f.firstName} ${f.lastName.toUpperCase()}` },
  civilite: { help: 'sa civilité (Madame, Monsieur)', value: (f) => f.civility },
  fonction: { help: 'sa fonction', value: (f) => f.position },
  date_reception: { help: 'la date de réception de la demande', value: (f) => (isIsoDate(f.receivedDate) ? formatFrenchDate(f.receivedDate) : f.receivedDate) },
};

const PLACEHOLDER = /\{([^{}\s]+)\}/g;

/** The help line of the template's wording: every placeholder it may hold. */
export const PLACEHOLDERS_HELP = `Champs remplis automatiquement : ${Object.entries(REASON_PLACEHOLDERS).map(([name, p]) => `{${name}} ${p.help}`).join(', ')}.`;

export const REASON_TEMPLATE_MESSAGES = {
  decision: 'Choisissez la décision (incomplète ou refusée).',
  incompleteReason: 'Choisissez le motif d’incomplétude auquel ce modèle correspond.',
  unknownPlaceholders: (names: string[]) =>
    `${names.length > 1 ? 'Champs inconnus' : 'Champ inconnu'} : ${names.map((n) => `{${n}}`).join(', ')}. `
    + `Champs possibles : ${Object.keys(REASON_PLACEHOLDERS).map((n) => `{${n}}`).join(', ')}.`,
} as const;

/** The placeholders of `text` that are not known, in order, once each. */
export function unknownPlaceholders(text: string): string[] {
  const names = [...text.matchAll(PLACEHOLDER)].map((m) => m[1]);
  return [...new Set(names.filter((n) => !(n in REASON_PLACEHOLDERS)))];
}

/** The template's wording for this request: every known placeholder replaced (an unknown one is left as typed). */
export function fillReasonTemplate(text: string, facts: ReasonFacts): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (name in REASON_PLACEHOLDERS ? REASON_PLACEHOLDERS[name].value(facts) : whole));
}

/** The Administrateur's form: a decision, a label, the wording (known placeholders only) and, for « incomplète », its motif. */
export function validateReasonTemplate(input: FormInput, stored?: FormInput): FormResult {
  const form = new FormCheck(input, stored);
  const decision = form.check('decision', choice(reasonTemplateDecisions, REASON_TEMPLATE_MESSAGES.decision));
  form.check('label', requiredText(120));
  const wording = form.check('text', text({ required: true, max: TEXT_MAX, multiline: true }));
  if (wording) {
    const unknown = unknownPlaceholders(wording);
    if (unknown.length) form.error('text', REASON_TEMPLATE_MESSAGES.unknownPlaceholders(unknown));
  }
  form.check('active', bool);
  // The motif goes with « incomplète » only: a refusal has none.
  const effective = decision ?? form.value<string>('decision');
  if (form.sendsAny('decision', 'incompleteReason')) {
    if (effective === 'incomplete') form.check('incompleteReason', choice(incompleteReasonCodes, REASON_TEMPLATE_MESSAGES.incompleteReason), true);
    else if (effective === 'refuse') form.set('incompleteReason', null);
  }
  return form.result();
}
