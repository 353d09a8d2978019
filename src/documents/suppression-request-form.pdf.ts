// 5. Demande de suppression d'accès: pre-filled with the partner, and with the habilitated person
// when generated from a habilitation (source: « Demande de suppression d'accès à Cafpro Internet »).
import type { SuppressionRequestFormData } from './document-data.js';
import { civilName, frenchShortDate } from './format.js';
import { commonVars, compactAddress, openForm } from './parts.js';
import { PdfLayout } from './pdf-layout.js';
import { loadTemplate } from './templates.js';

export async function renderSuppressionRequestForm(data: SuppressionRequestFormData): Promise<Buffer> {
  const tpl = loadTemplate('suppression-request-form');
  const { partner, convention, person } = data;
  const vars = commonVars(data);
  const layout = new PdfLayout({
    caf: data.caf,
    title: tpl.text('meta.title', vars),
    reference: data.reference,
    generatedAt: data.generatedAt,
    restricted: true,
  });
  openForm(layout, data, tpl.text('subject', vars));
  layout.paragraph(tpl.text('title', vars), { bold: true, size: 11, align: 'center', after: 12 });

  const rep = partner.representative;
  layout.field(tpl.text('label.convention', vars), convention.number);
  layout.field(tpl.text('label.employer', vars), `${partner.name}\n${rep.civility} ${rep.fullName}, ${rep.title}`);
  layout.field(tpl.text('label.address', vars), compactAddress(partner.addressLines));
  layout.space(4);
  if (person) {
    layout.field(tpl.text('label.user', vars), civilName(person.civility, `${person.lastName} ${person.firstName}`));
    layout.field(tpl.text('label.identifier', vars), person.identifier);
    if (person.professionalAddress?.length) {
      layout.field(tpl.text('label.professional-address', vars), person.professionalAddress.join('\n'));
    } else {
      layout.blankField(tpl.text('label.professional-address', vars), 2);
    }
    if (person.function) layout.field(tpl.text('label.function', vars), person.function);
    else layout.blankField(tpl.text('label.function', vars));
  } else {
    layout.blankField(tpl.text('label.user', vars));
    layout.blankField(tpl.text('label.identifier', vars));
    layout.blankField(tpl.text('label.professional-address', vars), 2);
    layout.blankField(tpl.text('label.function', vars));
  }

  layout.space(8);
  if (data.effectiveFrom) {
    // The paper form's own words, « à compter de », with the date as an agent would write it in.
    layout.paragraph(tpl.text('request.dated', { ...vars, effectiveFrom: frenchShortDate(data.effectiveFrom) }), { align: 'justify' });
  } else {
    layout.paragraph(tpl.text('request.blank-start', vars), { after: 2 });
    layout.inlineBlanks([''], 2);
    layout.paragraph(tpl.text('request.blank-end', vars));
  }
  layout.space(6);
  layout.inlineBlanks([tpl.text('place', vars), tpl.text('date', vars)]);
  layout.space(4);
  layout.signatureBoxes([{ title: tpl.text('signature.employer', vars), caption: tpl.lines('signature.employer.caption', vars) }], 90, 2);
  return layout.finish();
}
