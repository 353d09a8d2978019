// 3. Demande d'accès form: pre-filled with the partner and the convention, the applicant's fields
// blank for handwriting (source: « Demande d'accès au service Cafpro internet »).
import type { AccessRequestFormData } from './document-data.js';
import { commonVars, compactAddress, openForm } from './parts.js';
import { PdfLayout } from './pdf-layout.js';
import { loadTemplate } from './templates.js';

export async function renderAccessRequestForm(data: AccessRequestFormData): Promise<Buffer> {
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
  layout.paragraph(tpl.text('title', vars), { bold: true, size: 11, align: 'center', after: 12 });

  const rep = partner.representative;
  layout.field(tpl.text('label.convention', vars), convention.number);
  layout.field(tpl.text('label.employer', vars), `${partner.name}\n${rep.civility} ${rep.fullName}, ${rep.title}`);
  layout.field(tpl.text('label.address', vars), compactAddress(partner.addressLines));
  layout.space(2);
  layout.blankField(tpl.text('label.applicant', vars));
  layout.blankField(tpl.text('label.professional-address', vars), 2);
  layout.blankField(tpl.text('label.phone', vars));
  layout.blankField(tpl.text('label.fax', vars));
  layout.blankField(tpl.text('label.email', vars));
  layout.blankField(tpl.text('label.function', vars));
  layout.choiceField(tpl.text('label.contract', vars), ['CDD', 'CDI'], tpl.text('label.contract-end', vars));

  layout.space(4);
  layout.blocks(tpl.blocks('commitment', vars), { align: 'justify', size: 9.5 });
  layout.space(2);
  layout.inlineBlanks([tpl.text('place', vars), tpl.text('date', vars)]);
  layout.signatureBoxes([
    { title: tpl.text('signature.user', vars), caption: tpl.lines('signature.user.caption', vars) },
    { title: tpl.text('signature.employer', vars), caption: tpl.lines('signature.employer.caption', vars) },
  ], 84);
  return layout.finish();
}
