// What a decision on a demande d'accès will send, shown on its screen before the agent confirms
// (issue 13 §5 « Deciding in one screen »): the email as the outbox would queue it (its subject and
// text, from the same templates and the same data as the event's handler) and, for an approval, the
// notification letter as a PDF. Nothing is written: no identifier is taken from the counter, no
// document is registered; the letter is stamped « APERÇU » and the identifier is said to come with
// the approval.
import type { Habilitation } from '../../entities/habilitation.entity.js';
import { AccessRequest } from '../../entities/access-request.entity.js';
import { habilitationLetterContent } from '../documents/habilitation-letter.js';
import { renderStamped } from '../documents/document-archive.js';
import type { Actor } from '../audit/audit.js';
import { previewAccessRequestEmail, type EmailPreview } from '../notifications/notification-handlers.js';
import { todayInParis } from '../shared/dates.js';
import type { Outcome } from '../shared/transaction.js';
import { refusal } from '../shared/validators.js';
import { ACCESS_REQUEST_USE_CASE_MESSAGES, previewApproval, type WorkflowServices } from './access-request.use-cases.js';

export type { EmailPreview };

/** Where the identifier goes while it is not given yet (the counter is read only by the approval). */
export const PREVIEW_IDENTIFIER = 'attribué à l’approbation';
/** The reference printed on the preview of a letter: it is not a registered document. */
export const PREVIEW_REFERENCE = 'APERÇU';

export interface DecisionPreview {
  /** The checks and warnings (approval), or what the decision does. */
  message: string;
  /** The email to the responsable habilitations (or the partner); null when nobody has an address. */
  email: EmailPreview | null;
  /** The notification letter of a new habilitation, as it will print (an extension has none). */
  letterPdf: Buffer | null;
}

export type DecisionInput =
  | { type: 'approve'; accessCode?: unknown }
  | { type: 'refuse'; reason?: unknown }
  | { type: 'markIncomplete'; reasonCode?: unknown; details?: unknown };

const typed = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * The email (and letter) the decision would send for the request, with what the agent has typed so
 * far (a reason not saved yet). An approval first runs every check (previewApproval): when one fails,
 * the refusal comes back instead, as on « Approuver ».
 */
export async function previewDecision(services: WorkflowServices, actor: Actor, requestId: number, input: DecisionInput): Promise<Outcome<DecisionPreview>> {
  const manager = services.dataSource.manager;
  const now = services.clock.now();
  const request = Number.isInteger(requestId) && requestId > 0 ? await manager.findOneBy(AccessRequest, { id: requestId }) : null;
  if (!request) return refusal(ACCESS_REQUEST_USE_CASE_MESSAGES.unknown);
  const decided = { ...request, decidedAt: now } as AccessRequest;
  const emailOf = (preview: EmailPreview) => (preview.to.length ? preview : null);

  if (input.type === 'refuse') {
    const email = await previewAccessRequestEmail(manager, { ...decided, refusalReason: typed(input.reason) || '—' } as AccessRequest, { type: 'access-request.refused' });
    return { ok: true, message: 'Le courriel ci-dessous sera envoyé au responsable habilitations.', email: emailOf(email), letterPdf: null };
  }
  if (input.type === 'markIncomplete') {
    const incomplete = { ...decided, incompleteReason: typed(input.reasonCode) || null, incompleteDetails: typed(input.details) || null } as AccessRequest;
    const email = await previewAccessRequestEmail(manager, incomplete, { type: 'access-request.incomplete' });
    return { ok: true, message: 'Le courriel ci-dessous sera envoyé au responsable habilitations.', email: emailOf(email), letterPdf: null };
  }

  const checked = await previewApproval(services, actor, requestId, { accessCode: input.accessCode });
  if (!checked.ok) return checked;
  const habilitation = { ...checked.habilitation, identifier: checked.habilitation.identifier ?? PREVIEW_IDENTIFIER };
  const email = await previewAccessRequestEmail(manager, decided, {
    type: 'access-request.approved', habilitation, letterDocumentId: null, hasLetter: !checked.extension,
  });
  const today = todayInParis(now);
  const letterPdf = checked.extension ? null : await renderStamped(
    'habilitation-letter',
    await habilitationLetterContent(manager, habilitation as unknown as Habilitation, today),
    { reference: PREVIEW_REFERENCE, registerNumber: PREVIEW_REFERENCE, date: today, generatedAt: now },
  );
  return { ok: true, message: checked.message, email: emailOf(email), letterPdf };
}
