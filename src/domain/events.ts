// Domain events: what a use case tells the rest of the product after a change (to queue emails, for
// instance). Handlers run synchronously INSIDE the use case's transaction, with its EntityManager, so
// an email row is committed together with the decision that causes it, or not at all.
import type { EntityManager } from 'typeorm';
import type { Actor } from './audit/audit.js';

export type DomainEvent =
  | { type: 'access-request.approved'; accessRequestId: number; habilitationId: number; letterDocumentId: number | null }
  | { type: 'access-request.refused'; accessRequestId: number }
  | { type: 'access-request.incomplete'; accessRequestId: number }
  /** No complement yet: the responsable is reminded (once per return), then the request is closed; each with its letter. */
  | { type: 'access-request.reminder'; accessRequestId: number; letterDocumentId: number }
  | { type: 'access-request.closed'; accessRequestId: number; letterDocumentId: number }
  | { type: 'suppression-request.processed'; suppressionRequestId: number }
  | { type: 'suppression-request.rejected'; suppressionRequestId: number }
  | { type: 'habilitation.reissued'; oldHabilitationId: number; newHabilitationId: number; letterDocumentId: number | null }
  /** CDDs ending soon: their responsable is told, with an extension form per person (contract-end-notices.ts). */
  | { type: 'habilitation.contract-ending'; conventionId: number; habilitationIds: number[]; formDocumentIds: number[] }
  | { type: 'convention.renewal-notice'; conventionId: number; anniversary: string; documentId: number }
  /** The convention ended (end date reached): these habilitations were just revoked « fin de convention ». */
  | { type: 'convention.ended'; conventionId: number; habilitationIds: number[] }
  /** The partner's returned renewal list was applied (recertification.use-cases.ts): the responsable is told the result. */
  | { type: 'recertification.returned'; recertificationId: number; report: string[]; newUsers: string[] }
  /** Not returned yet: the responsable is reminded with the list; the last reminder also goes to the partner. */
  | { type: 'recertification.reminder'; recertificationId: number; daysBefore: number; last: boolean };

export type DomainEventHandler = (manager: EntityManager, event: DomainEvent, actor: Actor) => Promise<void>;

const handlers: DomainEventHandler[] = [];

/** Registers a handler (once, at start: see src/domain/notifications). */
export function onDomainEvent(handler: DomainEventHandler): void {
  if (!handlers.includes(handler)) handlers.push(handler);
}

export async function publish(manager: EntityManager, event: DomainEvent, actor: Actor): Promise<void> {
  for (const handler of handlers) await handler(manager, event, actor);
}
