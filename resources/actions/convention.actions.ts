// The workflow actions of the Convention resource (names = the policy table's): each one declares its
// French form and calls a use case of src/domain; no rule lives here. Spread into the `extra`
// argument of secureActions('Convention', …) in resources/convention.resource.ts.
import type { ActionContext } from 'adminjs';
import { services } from '../../src/admin/services.js';
import { documentUrl, DOCUMENTS_MENU, producedDocument, workflowAction, type FieldSpec, type WorkflowOutcome } from '../../src/admin/workflow-action.js';
import type { ResultSection } from '../../src/admin/workflow-form.types.js';
import {
  denounceConvention, previewDenunciation, previewTermination, sendConvention, signConvention, terminateConvention,
} from '../../src/domain/convention/convention.use-cases.js';
import { type Outcome } from '../../src/domain/shared/transaction.js';
import type { ConventionKind } from '../../src/domain/convention/convention.rules.js';
import {
  allowedConventionEvents, denouncingParties, denouncingPartyLabels, type ConventionEventName, type ConventionState,
} from '../../src/domain/convention/convention.workflow.js';
import {
  conventionDocumentOffered, produceConventionDocument, type ConventionDocumentKind, type GeneratedDocument,
} from '../../src/domain/documents/convention-documents.js';
import { lookupReference, type ReferenceTarget } from '../../src/domain/documents/form-references.js';
import { RENEWAL_RUN_JOB, renewalRun } from '../../src/domain/documents/renewal-notices.js';
import { formatFrenchDate, todayInParis } from '../../src/domain/shared/dates.js';
import { todayByDefault } from '../support.js';

const recordId = (context: ActionContext) => Number(context.record?.id());
const status = (params: Record<string, unknown>) => params.status as ConventionState;
/** Offered where the state machine allows the event (the policy decides who). */
const allows = (event: ConventionEventName) => (params: Record<string, unknown>) => allowedConventionEvents(status(params)).includes(event);
/** Offered where the document makes sense: the state, and the kind (no Cafpro form under a data-provision convention). */
const offers = (kind: ConventionDocumentKind) => (params: Record<string, unknown>) =>
  conventionDocumentOffered(kind, { status: status(params), kind: params.kind as ConventionKind });

/** The download route of a generated document (checks the policy, journals the download). */

const asOutcome = (result: Outcome<object>): WorkflowOutcome => (result.ok ? { ok: true, message: result.message } : result);

const DATE_HELP = 'Date écrite sur le courrier ou le cachet (format jj/mm/aaaa).';

// --- Transitions ------------------------------------------------------------------------------

const send = workflowAction({
  actionType: 'record',
  icon: 'Send',
  intro: 'Enregistrez la date à laquelle le dossier de convention (courrier d’envoi, convention en deux exemplaires, formulaires) a été envoyé au partenaire.',
  fields: [todayByDefault({ name: 'sentDate', label: 'Envoyée au partenaire le', type: 'date', required: true })],
  submitLabel: 'Enregistrer l’envoi',
  when: allows('send'),
  run: async (payload, actor, context) => asOutcome(await sendConvention(services(), actor, recordId(context), payload)),
});

const sign = workflowAction({
  actionType: 'record',
  icon: 'Edit3',
  intro: 'Enregistrez le retour de la convention signée : les deux dates de signature et la copie signée numérisée. '
    + 'La convention prend effet à la date de signature de la Caf, pour un an, reconduite tacitement (article 5).',
  fields: [
    { name: 'partnerSignedDate', label: 'Signée par le partenaire le', type: 'date', required: true, help: DATE_HELP },
    { name: 'cafSignedDate', label: 'Signée par la Caf le', type: 'date', required: true, help: 'Date d’effet de la convention (article 5).' },
    { name: 'signedScan', label: 'Copie signée numérisée', type: 'file', required: true, help: 'PDF, JPEG ou PNG, 10 Mo au plus.' },
  ],
  submitLabel: 'Enregistrer la signature',
  when: allows('sign'),
  run: async (payload, actor, context) => asOutcome(await signConvention(services(), actor, recordId(context), payload)),
});

const partyOptions = denouncingParties.map((value) => ({ value, label: denouncingPartyLabels[value] }));

const denounce = workflowAction({
  actionType: 'record',
  icon: 'Calendar',
  intro: 'Dénonciation (article 5) : la convention prend fin à une date anniversaire. Une dénonciation reçue après le dernier jour '
    + '(deux mois avant l’échéance, trois pour une mise à disposition de données) prend effet à l’échéance suivante. '
    + 'Calculez la date de fin avant de confirmer : vous verrez aussi les habilitations révoquées (ce jour-là, ou aussitôt si la date est atteinte), '
    + 'le courriel envoyé et le courrier à produire.',
  fields: [
    { name: 'party', label: 'Dénoncée par', type: 'select', required: true, options: partyOptions },
    { name: 'receivedDate', label: 'Dénonciation reçue (ou notifiée par la Caf) le', type: 'date', required: true, help: DATE_HELP },
    { name: 'reason', label: 'Motif de la dénonciation', type: 'textarea', required: true },
  ],
  previewLabel: 'Calculer la date de fin',
  preview: async (payload, context) => asOutcome(await previewDenunciation(services().dataSource.manager, services().clock, recordId(context), payload)),
  submitLabel: 'Dénoncer la convention',
  confirm: 'Confirmer la dénonciation ? La date de fin calculée sera enregistrée et toutes les habilitations de la convention seront révoquées ce jour-là (aussitôt si elle est atteinte).',
  when: allows('denounce'),
  run: async (payload, actor, context) => asOutcome(await denounceConvention(services(), actor, recordId(context), payload)),
});

const terminate = workflowAction({
  actionType: 'record',
  icon: 'XOctagon',
  intro: 'Résiliation pour non respect des obligations (article 4) : la convention prend fin à la date choisie, sans préavis. '
    + 'Toutes ses habilitations sont révoquées ce jour-là : aussitôt pour une date du jour ou passée. Voyez les conséquences avant de confirmer.',
  fields: [
    { name: 'endDate', label: 'Fin de la convention le', type: 'date', required: true },
    { name: 'reason', label: 'Manquement constaté (motif de la résiliation)', type: 'textarea', required: true },
  ],
  previewLabel: 'Voir les conséquences',
  preview: async (payload, context) => asOutcome(await previewTermination(services().dataSource.manager, services().clock, recordId(context), payload)),
  submitLabel: 'Résilier la convention',
  confirm: 'Confirmer la résiliation de la convention (article 4) ? Cette décision est définitive.',
  when: allows('terminate'),
  run: async (payload, actor, context) => asOutcome(await terminateConvention(services(), actor, recordId(context), payload)),
});

// --- Documents --------------------------------------------------------------------------------

function documentAction(kind: ConventionDocumentKind, spec: { icon: string; intro: string; submitLabel: string; fields?: FieldSpec[] }) {
  return workflowAction({
    actionType: 'record',
    icon: spec.icon,
    parent: DOCUMENTS_MENU,
    intro: spec.intro,
    fields: spec.fields ?? [],
    submitLabel: spec.submitLabel,
    when: offers(kind),
    run: async (payload, actor, context) => {
      const result: Outcome<GeneratedDocument> = await produceConventionDocument(services(), actor, recordId(context), kind, {
        habilitationIdentifier: payload.habilitationIdentifier ? String(payload.habilitationIdentifier) : null,
        effectiveFrom: payload.effectiveFrom ? String(payload.effectiveFrom) : null,
      });
      return result.ok ? { ok: true, message: result.message, document: producedDocument(result.document.id) } : result;
    },
  });
}

const generateCoverLetter = documentAction('cover-letter', {
  icon: 'Mail',
  intro: 'Courrier d’envoi du dossier de convention au représentant du partenaire (« Je vous prie de bien vouloir trouver, ci-joint… »), '
    + 'signé par le directeur, avec son numéro au registre des courriers.',
  submitLabel: 'Produire le courrier d’envoi',
});

const generateConvention = documentAction('convention', {
  icon: 'FileText',
  intro: 'La convention pré-remplie (articles 1 à 5), l’annexe « Profil d’accès » de son profil et, pour les profils T1 à T3, '
    + 'l’annexe « Partage des données dans le domaine social » ; pour une mise à disposition de données, sa convention propre '
    + '(articles 1 à 6, sans annexe) : deux exemplaires à signer.',
  submitLabel: 'Produire la convention',
});

const generateAccessRequestForm = documentAction('access-request-form', {
  icon: 'UserPlus',
  intro: 'Formulaire de demande d’accès pré-rempli (partenaire, numéro de convention, adresse de la Caf) ; chaque impression porte sa propre référence et son QR code.',
  submitLabel: 'Produire le formulaire',
});

const generateDesignationForm = documentAction('manager-designation-form', {
  icon: 'UserCheck',
  intro: 'Formulaire de désignation d’un responsable habilitations pré-rempli (partenaire et SIRET), avec sa référence et son QR code.',
  submitLabel: 'Produire le formulaire',
});

const generateSuppressionForm = documentAction('suppression-request-form', {
  icon: 'UserMinus',
  intro: 'Formulaire de demande de suppression d’accès pré-rempli avec le partenaire ; indiquez un identifiant d’habilitation pour y imprimer la personne.',
  submitLabel: 'Produire le formulaire',
  fields: [
    { name: 'habilitationIdentifier', label: 'Identifiant de l’habilitation (facultatif)', type: 'text', help: 'Par exemple CP78-000123 : la personne est alors imprimée sur le formulaire.' },
    { name: 'effectiveFrom', label: 'Suppression « à compter de » (facultatif)', type: 'date' },
  ],
});

const generateRenewalNotice = documentAction('renewal-notice', {
  icon: 'RefreshCw',
  intro: 'Avis de reconduction de la prochaine date anniversaire : dernier jour pour dénoncer (ou, s’il est passé, celui de l’échéance suivante) '
    + 'et liste des habilitations actives et suspendues à vérifier. Un seul avis par date anniversaire : s’il existe déjà, il est simplement rouvert.',
  submitLabel: 'Produire l’avis de reconduction',
});

const generateTerminationLetter = documentAction('termination-letter', {
  icon: 'FileMinus',
  intro: 'Courrier de fin de convention (dénonciation ou résiliation) : article, motif, date de fin et révocation des habilitations.',
  submitLabel: 'Produire le courrier',
});

// --- Resource actions -------------------------------------------------------------------------

const renewalRunAction = workflowAction({
  actionType: 'resource',
  icon: 'Printer',
  intro: 'Produit l’avis de reconduction de chaque convention signée dont le dernier jour pour dénoncer tombe dans les prochains jours, '
    + 'ou est passé avant sa date anniversaire (un seul par convention et par date anniversaire : relancer la tournée ne crée pas de doublon), '
    + 'puis un PDF unique à imprimer.',
  fields: [{ name: 'days', label: 'Dernier jour pour dénoncer dans les … prochains jours', type: 'number', help: 'Laissez vide pour le délai des paramètres de la Caf.' }],
  submitLabel: 'Lancer la tournée',
  progressJob: RENEWAL_RUN_JOB,
  run: async (payload, actor) => {
    const raw = String(payload.days ?? '').trim();
    if (raw && !/^\d{1,3}$/.test(raw)) return { ok: false, message: 'Nombre de jours invalide.', errors: [{ field: 'days', message: 'Indiquez un nombre de jours entre 0 et 366, ou laissez vide.' }] };
    const { dataSource, storage, clock } = services();
    const today = todayInParis(clock.now());
    let result;
    try {
      result = await renewalRun(dataSource, storage, actor, today, raw ? Number(raw) : null);
    } catch (error) {
      if (error instanceof RangeError) return { ok: false, message: error.message, errors: [{ field: 'days', message: error.message }] };
      throw error;
    }
    const head = `Tournée de reconduction du ${formatFrenchDate(today)} (${result.leadDays} jours)`;
    if (!result.total) return { ok: true, message: `${head} : aucune convention signée n’arrive au dernier jour pour la dénoncer dans ce délai.` };
    const failed = result.failed ? ` ${result.failed} en échec : ${result.failures.map((f) => `${f.number} (${f.message})`).join(' ; ')}.` : '';
    const message = `${head} : ${result.done}/${result.total} conventions traitées, ${result.created} avis produits, `
      + `${result.existing} déjà produits auparavant.${failed} Le PDF à imprimer regroupe ${result.notices.length} avis.`;
    const conventionUrl = (id: number) => `/admin/resources/Convention/records/${id}/show`;
    const section = (title: string, lines: ResultSection['lines']) => (lines.length ? [{ title, lines }] : []);
    return {
      ok: true, message,
      document: result.combined ? producedDocument(result.combined.id, 'Télécharger les avis (PDF)') : undefined,
      // The run's report, the only place where its failures are listed: each line opens its notice or convention.
      report: [
        ...section('En échec', result.failures.map((f) => ({ text: `Convention n° ${f.number} : ${f.message}`, href: conventionUrl(f.conventionId) }))),
        ...section('Avis produits', result.notices.filter((n) => n.created).map((n) => ({ text: `Convention n° ${n.number} (anniversaire le ${formatFrenchDate(n.anniversary)})`, href: documentUrl(n.documentId) }))),
        ...section('Déjà produits auparavant', result.notices.filter((n) => !n.created).map((n) => ({ text: `Convention n° ${n.number} (anniversaire le ${formatFrenchDate(n.anniversary)})`, href: documentUrl(n.documentId) }))),
      ],
    };
  },
});

function targetUrl(context: ActionContext, target: ReferenceTarget): string {
  if (target.kind === 'record') return context.h.recordActionUrl({ resourceId: target.resource, recordId: String(target.recordId), actionName: 'show' });
  return context.h.resourceActionUrl({ resourceId: target.resource, actionName: 'new', search: `?${new URLSearchParams(target.params).toString()}` });
}

const lookupReferenceAction = workflowAction({
  actionType: 'resource',
  icon: 'Search',
  intro: 'Saisissez ou scannez (QR code) la référence imprimée en haut à droite d’un formulaire retourné : '
    + 'elle ouvre la demande déjà enregistrée, ou une nouvelle demande pré-remplie avec sa convention.',
  fields: [{ name: 'reference', label: 'Référence imprimée sur le formulaire', type: 'text', required: true, help: 'Par exemple DA-2026-000123.' }],
  submitLabel: 'Ouvrir',
  run: async (payload, _actor, context) => {
    const found = await lookupReference(services().dataSource.manager, String(payload.reference ?? ''));
    return found.ok ? { ok: true, message: found.message, redirectUrl: targetUrl(context, found.target) } : found;
  },
});

/** Actions of the Convention resource, by the names of the policy table. */
export const conventionActions = {
  send, sign, denounce, terminate,
  generateConvention, generateAccessRequestForm, generateDesignationForm, generateSuppressionForm,
  generateCoverLetter, generateRenewalNotice, generateTerminationLetter,
  renewalRun: renewalRunAction,
  lookupReference: lookupReferenceAction,
};
