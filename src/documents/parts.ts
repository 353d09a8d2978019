// Openings and closings shared by the letters and the forms (source: the Caf's cover letter and the
// paper forms in shared/domain/cafpro-convention-and-forms.txt).
import type { CafLetterhead, ConventionData, DocumentBase, LetterBase, PartnerData } from './document-data.js';
import { formatSiret, frenchLongDate, salutation, titleWithArticle } from './format.js';
import type { PdfLayout } from './pdf-layout.js';
import { loadTemplate, type TemplateVars } from './templates.js';

const common = () => loadTemplate('common');

/** Values every template may use. */
export function commonVars(data: DocumentBase & { partner?: PartnerData; convention?: ConventionData }): TemplateVars {
  const caf = data.caf;
  const vars: TemplateVars = {
    cafName: caf.cafName,
    cafCity: caf.city,
    cafWebsite: caf.website,
    directorName: caf.directorName,
    directorTitle: caf.directorTitle,
    contactName: caf.serviceContact.name,
    contactPhone: caf.serviceContact.phone,
    contactEmail: caf.serviceContact.email,
    reference: data.reference,
    date: frenchLongDate(data.date),
  };
  const p = data.partner;
  if (p) {
    Object.assign(vars, {
      partnerName: p.name,
      partnerType: p.typeLabel,
      siret: formatSiret(p.siret),
      partnerAddress: p.addressLines.join(', '),
      representativeName: p.representative.fullName,
      representativeTitle: p.representative.title,
      representativeCivility: p.representative.civility,
      salutation: salutation(p.representative),
      partnerPhone: p.phone,
      partnerEmail: p.email,
    });
  }
  if (data.convention) {
    // a convention number never breaks across lines
    vars.conventionNumber = data.convention.number.replace(/ /g, '\u00a0');
    vars.profileCode = data.convention.profile.code;
    vars.profileLabel = data.convention.profile.label;
  }
  return vars;
}

/**
 * An address on at most two lines for the fields of a one-page form: the street lines joined,
 * then the postcode and city.
 */
export function compactAddress(lines: string[]): string {
  if (lines.length <= 3) return lines.join('\n');
  return `${lines.slice(0, -1).join(', ')}\n${lines[lines.length - 1]}`;
}

/** Recipient block of a letter to the partner's legal representative. */
export function representativeRecipient(partner: PartnerData): string[] {
  const rep = partner.representative;
  return [`${rep.civility} ${rep.fullName}`, rep.title, partner.name, ...partner.addressLines];
}

/** The signature of a letter: who signs, and « Pour le Directeur général, par délégation, » above a delegate. */
export interface LetterSigner {
  /** Printed above the space left for the handwritten signature. */
  capacity?: string;
  lines: string[];
}

/** The Caf's signer on letters: the delegate when set, else the director. */
export function cafSigner(caf: CafLetterhead): LetterSigner {
  if (caf.delegateSignatory) {
    return {
      capacity: common().text('signature.delegation', { directorTitle: caf.directorTitle }),
      lines: [caf.delegateSignatory.name, caf.delegateSignatory.title],
    };
  }
  return { lines: [caf.directorName, caf.directorTitle] };
}

/** Letterhead, recipient, references (« N/Réf. », contact), date line and « Objet : … ». */
export function openLetter(layout: PdfLayout, data: LetterBase, recipient: string[], subject: string): void {
  const c = common();
  const caf = data.caf;
  layout.letterhead();
  const top = layout.y;
  layout.addressBlock(recipient, 150);
  const afterAddress = layout.y;
  layout.references(
    [
      [c.text('ref.register'), data.registerNumber],
      [c.text('ref.contact'), caf.serviceContact.name],
      [c.text('ref.phone'), caf.serviceContact.phone],
      [c.text('ref.email'), caf.serviceContact.email],
    ],
    top,
  );
  layout.y = Math.max(layout.y, afterAddress) + 4;
  layout.dateLine(c.text('date.line', { city: caf.city, date: frenchLongDate(data.date) }));
  layout.subject(c.text('subject.label'), subject);
}

/** Letterhead, QR code of the reference, the Caf director as addressee and « Objet : … ». */
export function openForm(layout: PdfLayout, data: DocumentBase, subject: string): void {
  const c = common();
  const caf = data.caf;
  layout.letterhead();
  layout.qrReference(data.reference, c.text('form.reference'));
  const addressee = c.lines('form.addressee', {
    civility: caf.directorCivility,
    title: titleWithArticle(caf.directorCivility, caf.directorTitle),
    cafName: caf.cafName,
  });
  layout.addressBlock([...addressee, ...caf.addressLines], 112);
  layout.subject(c.text('subject.label'), subject);
}

export function copyLabel(copy: number, copies: number): string {
  return common().text('copy.label', { copy, copies });
}
