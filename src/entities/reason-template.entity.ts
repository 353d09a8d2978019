import { BaseEntity, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Bool, CreatedAt, Text, UpdatedAt, VarChar } from './columns.js';
import type { ReasonTemplateDecision } from '../domain/reason-templates/reason-template.rules.js';

/**
 * Modèle de motif (issue 13 §5): a wording the Administrateur prepares for returning a demande
 * d'accès incomplete or refusing it; the agent picks it in the form, it is filled with the request's
 * partner, convention and person, and edited before confirming.
 */
@Entity('reason_template')
@Index(['decision', 'active'])
export class ReasonTemplate extends BaseEntity {
  @PrimaryGeneratedColumn() id: number;
  /** 'incomplete' (« Retourner comme incomplète ») or 'refuse' (« Refuser »). */
  @VarChar(16) decision: ReasonTemplateDecision;
  /** What the agent picks in the list: « Signature de l'employeur absente ». */
  @VarChar(120) label: string;
  /** For « incomplète »: the motif (incompleteReasonCodes) the template goes with. */
  @VarChar(32, { nullable: true }) incompleteReason: string | null;
  /** The wording with its placeholders ({partenaire}, {convention}, {nom}…). */
  @Text() text: string;
  @Bool(true) active: boolean;
  @CreatedAt() createdAt: Date;
  @UpdatedAt() updatedAt: Date;
}
