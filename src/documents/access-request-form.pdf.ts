// 3. Demande d'accès form: pre-filled with the partner and the convention, the applicant's fields
// blank for handwriting (source: « Demande d'accès au service Cafpro internet »).
import type { AccessRequestFormData } from './document-data.js';
import { civilName, frenchShortDate } from './format.js';
import { commonVars, compactAddress, openForm } from './parts.js';
import { onOnePage, PdfLayout } from './pdf-layout.js';
import { loadTemplate } from './templates.js';

/**
 * The form is one sheet: the applicant and the employer sign under the commitment they approve. Long
 * partner data is set smaller rather than push the signatures onto a second page (the densest setting
 * only serves an extension form, whose holder and notice take the room of the blank lines).
 */
const DENSITIES = [
  { value: 10, text: 9.5, wide: false, boxes: 64, title: 11, gap: 4 },
  { value: 9, text: 9, wide: true, boxes: 56, title: 11, gap: 4 },
  { value: 8, text: 7.5, wide: true, boxes: 52, title: 10, gap: 0 },
  { value: 7, text: 6.5, wide: true, boxes: 36, title: 9, gap: 0 },
];

export function renderAccessRequestForm(data: AccessRequestFormData): Promise<Buffer> {
  return onOnePage(DENSITIES, (density) => drawAccessRequestForm(data, density));
}

function drawAccessRequestForm(data: AccessRequestFormData, density: (typeof DENSITIES)[number]): PdfLayout {
  const tpl = loadTemplate('access-request-form');
  const { partner, convention } = data;
  const vars = commonVars(data);
  const layout = new PdfLayout({
    caf: data.caf,
    title: tpl.text('meta.title', vars),
    reference: data.reference,
    generatedAt: data.generatedAt,
    restricted: true,
  });
  openForm(layout, data, tpl.text('subject', vars));
  layout.paragraph(tpl.text('title', vars), { bold: true, size: density.title, align: 'center', after: 8 + density.gap });

  const rep = partner.representative;
  layout.field(tpl.text('label.convention', vars), convention.number);
  layout.field(tpl.text('label.employer', vars), `${partner.name}\n${rep.civility} ${rep.fullName}, ${rep.title}`, density.value, density.wide);
  layout.field(tpl.text('label.address', vars), compactAddress(partner.addressLines), density.value, density.wide);
  layout.space(2);
  const applicant = data.extension;
  if (applicant) {
    layout.paragraph(tpl.text('extension', { ...vars, identifier: applicant.identifier, endDate: frenchShortDate(applicant.endDate) }),
      { size: density.text, after: 4 });
    layout.field(tpl.text('label.applicant', vars), civilName(applicant.civility, `${applicant.lastName} ${applicant.firstName}`), density.value);
  } else {
    layout.blankField(tpl.text('label.applicant', vars));
  }
  layout.blankField(tpl.text('label.professional-address', vars), 2);
  layout.blankField(tpl.text('label.phone', vars));
  layout.blankField(tpl.text('label.fax', vars));
  if (applicant) layout.field(tpl.text('label.email', vars), applicant.email, density.value);
  else layout.blankField(tpl.text('label.email', vars));
  if (applicant) layout.field(tpl.text('label.function', vars), applicant.function, density.value);
  else layout.blankField(tpl.text('label.function', vars));
  layout.choiceField(tpl.text('label.contract', vars), ['CDD', 'CDI'], tpl.text('label.contract-end', vars));

  layout.space(density.gap);
  layout.blocks(tpl.blocks('commitment', vars), { align: 'justify', size: density.text });
  layout.space(density.gap / 2);
  layout.inlineBlanks([tpl.text('place', vars), tpl.text('date', vars)]);
  layout.signatureBoxes([
    { title: tpl.text('signature.user', vars), caption: tpl.lines('signature.user.caption', vars) },
    { title: tpl.text('signature.employer', vars), caption: tpl.lines('signature.employer.caption', vars) },
  ], 84, undefined, density.boxes);
  return layout;
}
