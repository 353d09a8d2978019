// The modèles de motif offered in the « incomplète » and « refusée » forms of one demande d'accès,
// each already filled with its partner, convention and person (reason-template.rules.ts).
import type { EntityManager } from 'typeorm';
import { AccessRequest } from '../../entities/access-request.entity.js';
import { Convention } from '../../entities/convention.entity.js';
import { Partner } from '../../entities/partner.entity.js';
import { ReasonTemplate } from '../../entities/reason-template.entity.js';
import { fillReasonTemplate, type ReasonFacts, type ReasonTemplateDecision } from './reason-template.rules.js';

/** A template as the form offers it: its label, its motif (« incomplète ») and its wording filled for the request. */
export interface FilledReasonTemplate {
  id: number;
  label: string;
  incompleteReason: string | null;
  text: string;
}

export async function reasonFactsOf(manager: EntityManager, request: AccessRequest): Promise<ReasonFacts> {
  const convention = await manager.findOneByOrFail(Convention, { id: request.conventionId });
  const partner = await manager.findOneByOrFail(Partner, { id: convention.partnerId });
  return {
    partnerName: partner.name, conventionNumber: convention.number, civility: request.civility,
    firstName: request.firstName, lastName: request.lastName, position: request.position, receivedDate: request.receivedDate,
  };
}

/** The active templates of `decision`, by label, filled for the request (none when it is gone). */
export async function reasonTemplatesFor(manager: EntityManager, requestId: number, decision: ReasonTemplateDecision): Promise<FilledReasonTemplate[]> {
  const request = Number.isInteger(requestId) && requestId > 0 ? await manager.findOneBy(AccessRequest, { id: requestId }) : null;
  if (!request) return [];
  const templates = await manager.find(ReasonTemplate, { where: { decision, active: true }, order: { label: 'ASC', id: 'ASC' } });
  if (!templates.length) return [];
  const facts = await reasonFactsOf(manager, request);
  return templates.map((t) => ({ id: t.id, label: t.label, incompleteReason: t.incompleteReason, text: fillReasonTemplate(t.text, facts) }));
}
