// The reference printed (and QR-coded) on every pre-filled form, e.g. « DA-2026-000123 »: when the
// signed paper comes back, typing or scanning it finds the Document it was printed as, and tells what
// to open: the record already keyed from that paper, or a new record pre-filled from it (DOMAIN.md
// « Every pre-filled form carries a printed reference … opens the matching record or a new record »).
import { parametersOf } from './document-archive.js';
import type { EntityManager } from 'typeorm';
import { AccessRequest } from '../../entities/access-request.entity.js';
import { Convention } from '../../entities/convention.entity.js';
import { Document } from '../../entities/document.entity.js';
import { Habilitation } from '../../entities/habilitation.entity.js';
import { HabilitationManager } from '../../entities/habilitation-manager.entity.js';
import { SuppressionRequest } from '../../entities/suppression-request.entity.js';
import { Recertification } from '../../entities/recertification.entity.js';
import type { Outcome } from '../shared/transaction.js';
import { refusal } from '../shared/validators.js';

/** Form references: prefix, year, sequence (typed loosely: lowercase, spaces, other dashes, short sequence). */
const FORM_REFERENCE = /\b(DA|RH|DS)[\s_./\-\u2010-\u2015]*(\d{4})[\s_./\-\u2010-\u2015]*(\d{1,9})\b/i;
/** Letter references (outgoing register): year and number, « 2026-000042 » (not the tail of another prefix). */
const LETTER_REFERENCE = /(?<![A-Za-z][\s_./\-\u2010-\u2015]*)\b(\d{4})[\s_./\-\u2010-\u2015]*(\d{6,9})\b/;

/**
 * The reference as printed, from what was typed or what a QR scanner sent (which may carry other
 * text around it, e.g. a URL): « da 2026 123 » → « DA-2026-000123 ». Null when nothing looks like one.
 */
export function normalizeReference(text: string): string | null {
  const value = text.normalize('NFKC').trim();
  if (!value) return null;
  const form = FORM_REFERENCE.exec(value);
  if (form) return `${form[1].toUpperCase()}-${form[2]}-${form[3].padStart(6, '0')}`;
  const letter = LETTER_REFERENCE.exec(value);
  if (letter) return `${letter[1]}-${letter[2]}`;
  return null;
}

/** What to open for a reference: an existing record, or a new one with pre-filled fields. */
export type ReferenceTarget =
  | { kind: 'record'; resource: 'AccessRequest' | 'HabilitationManager' | 'SuppressionRequest' | 'Document' | 'Recertification'; recordId: number }
  | { kind: 'new'; resource: 'AccessRequest' | 'HabilitationManager' | 'SuppressionRequest'; params: Record<string, string> };

export interface ReferenceMatch {
  reference: string;
  document: Document;
  target: ReferenceTarget;
}

export const REFERENCE_MESSAGES = {
  unreadable: (text: string) => `Référence illisible : « ${text} ». Saisissez la référence imprimée en haut à droite du formulaire (ex. DA-2026-000123) ou scannez son QR code.`,
  unknown: (reference: string) => `Aucun document produit par le back-office ne porte la référence ${reference}. Vérifiez la saisie.`,
} as const;

async function conventionNumber(manager: EntityManager, id: number): Promise<string> {
  return (await manager.findOne(Convention, { where: { id }, select: { id: true, number: true } }))?.number ?? `n° ${id}`;
}

/** The convention a form was printed for: its subject, or the convention of the habilitation it was printed for. */
export async function printedConventionId(manager: EntityManager, document: Pick<Document, 'subjectType' | 'subjectId'>): Promise<number | null> {
  if (document.subjectType !== 'Habilitation') return document.subjectId;
  return (await manager.findOne(Habilitation, { where: { id: document.subjectId }, select: { id: true, conventionId: true } }))?.conventionId ?? null;
}

/** The Document printed with that reference and what to open for the paper that came back. */
export async function lookupReference(manager: EntityManager, text: string): Promise<Outcome<ReferenceMatch>> {
  const raw = String(text ?? '').trim();
  const reference = normalizeReference(raw);
  if (!reference) return refusal(REFERENCE_MESSAGES.unreadable(raw.slice(0, 60)), [{ field: 'reference', message: REFERENCE_MESSAGES.unreadable(raw.slice(0, 60)) }]);
  const document = await manager.findOneBy(Document, { reference });
  if (!document) return refusal(REFERENCE_MESSAGES.unknown(reference), [{ field: 'reference', message: REFERENCE_MESSAGES.unknown(reference) }]);

  switch (document.kind) {
    case 'access-request-form': {
      // An extension form (« fin de CDD » notice) is printed for a habilitation: its holder comes back with it.
      const holder = document.subjectType === 'Habilitation' ? await manager.findOneBy(Habilitation, { id: document.subjectId }) : null;
      const conventionId = holder ? holder.conventionId : document.subjectId;
      const number = await conventionNumber(manager, conventionId);
      const keyed = await manager.findOne(AccessRequest, { where: { formReference: reference }, select: { id: true } });
      if (keyed) {
        return { ok: true, reference, document, target: { kind: 'record', resource: 'AccessRequest', recordId: keyed.id },
          message: `La demande d’accès ${reference} (convention ${number}) est déjà enregistrée : la voici.` };
      }
      if (holder) {
        return { ok: true, reference, document, target: { kind: 'new', resource: 'AccessRequest', params: {
          conventionId: String(conventionId), formReference: reference, civility: holder.civility, lastName: holder.lastName,
          firstName: holder.firstName, email: holder.email, position: holder.position,
        } },
        message: `Demande d’accès ${reference} : prolongation de l’habilitation ${holder.identifier} de ${holder.firstName} ${holder.lastName} (convention ${number}), demande pré-remplie.` };
      }
      return { ok: true, reference, document, target: { kind: 'new', resource: 'AccessRequest', params: { conventionId: String(document.subjectId), formReference: reference } },
        message: `Demande d’accès ${reference} : nouvelle demande pré-remplie pour la convention ${number}.` };
    }
    case 'manager-designation-form': {
      const number = await conventionNumber(manager, document.subjectId);
      const keyed = await manager.findOne(HabilitationManager, { where: { formReference: reference }, select: { id: true } });
      if (keyed) {
        return { ok: true, reference, document, target: { kind: 'record', resource: 'HabilitationManager', recordId: keyed.id },
          message: `La désignation ${reference} (convention ${number}) est déjà enregistrée : la voici.` };
      }
      return { ok: true, reference, document,
        target: { kind: 'new', resource: 'HabilitationManager', params: { conventionId: String(document.subjectId), formReference: reference } },
        message: `Désignation ${reference} : nouvelle désignation pré-remplie pour la convention ${number} (elle remplacera le responsable en fonction).` };
    }
    case 'suppression-request-form': {
      const keyed = await manager.findOne(SuppressionRequest, { where: { formReference: reference }, select: { id: true } });
      if (keyed) {
        return { ok: true, reference, document, target: { kind: 'record', resource: 'SuppressionRequest', recordId: keyed.id },
          message: `La demande de suppression ${reference} est déjà enregistrée : la voici.` };
      }
      // What the form printed comes back: the « à compter de » date, and the person or the convention.
      const { effectiveFrom } = parametersOf(document);
      const printedDate: Record<string, string> = effectiveFrom ? { effectiveDate: effectiveFrom } : {};
      if (document.subjectType === 'Habilitation') {
        const habilitation = await manager.findOneBy(Habilitation, { id: document.subjectId });
        if (habilitation) {
          return { ok: true, reference, document,
            target: { kind: 'new', resource: 'SuppressionRequest', params: {
              habilitationId: String(habilitation.id), position: habilitation.position, ...printedDate, formReference: reference,
            } },
            message: `Demande de suppression ${reference} : nouvelle demande pré-remplie pour ${habilitation.firstName} ${habilitation.lastName} (${habilitation.identifier}).` };
        }
      }
      const conventionId = document.subjectType === 'Convention' ? document.subjectId : null;
      const number = conventionId ? await conventionNumber(manager, conventionId) : '';
      const params: Record<string, string> = { ...printedDate, formReference: reference };
      if (conventionId) params.conventionId = String(conventionId);
      return { ok: true, reference, document, target: { kind: 'new', resource: 'SuppressionRequest', params },
        message: `Demande de suppression ${reference} : nouvelle demande pré-remplie ; choisissez l’habilitation concernée${number ? ` parmi celles de la convention ${number}` : ''}.` };
    }
    case 'renewal-notice':
    case 'new-manager-recertification': {
      // The list returned with the renewal notice, or by a new responsable: its recertification, to record what came back (issue 15 §1, §3).
      const recertification = await manager.findOne(Recertification, { where: { documentId: document.id }, select: { id: true, status: true } });
      if (recertification) {
        return { ok: true, reference, document, target: { kind: 'record', resource: 'Recertification', recordId: recertification.id },
          message: `${document.title} (réf. ${reference}) : la recertification de la liste des habilitations.` };
      }
      return { ok: true, reference, document, target: { kind: 'record', resource: 'Document', recordId: document.id },
        message: `${document.title} (réf. ${reference}).` };
    }
    default:
      return { ok: true, reference, document, target: { kind: 'record', resource: 'Document', recordId: document.id },
        message: `${document.title} (réf. ${reference}).` };
  }
}
