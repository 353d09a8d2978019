// 4. Désignation d'un responsable habilitations: pre-filled with the signatory partner and the
// convention, the responsable's details blank (source: « désignation d'un responsable habilitations »).
import type { ManagerDesignationFormData } from './document-data.js';
import { formatSiret } from './format.js';
import { commonVars, compactAddress, openForm } from './parts.js';
import { PdfLayout } from './pdf-layout.js';
import { loadTemplate } from './templates.js';

export async function renderManagerDesignationForm(data: ManagerDesignationFormData): Promise<Buffer> {
  const tpl = loadTemplate('manager-designation-form');
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
  layout.space(4);

  const rep = partner.representative;
  layout.field(tpl.text('label.partner', vars), `${partner.name}\n${rep.civility} ${rep.fullName}, ${rep.title}`);
  layout.field(tpl.text('label.siret', vars), formatSiret(partner.siret));
  layout.field(tpl.text('label.address', vars), compactAddress(partner.addressLines));
  layout.field(tpl.text('label.convention', vars), convention.number);
  layout.space(4);
  layout.blankField(tpl.text('label.manager', vars));
  layout.blankField(tpl.text('label.manager-address', vars), 2);
  layout.blankField(tpl.text('label.phone', vars));
  layout.blankField(tpl.text('label.fax', vars));
  layout.blankField(tpl.text('label.email', vars));

  layout.space(6);
  layout.blocks(tpl.blocks('notes', vars), { align: 'justify', size: 9.5 });
  layout.space(2);
  layout.inlineBlanks([tpl.text('date', vars)], 2);
  layout.signatureBoxes([
    { title: tpl.text('signature.partner', vars), caption: tpl.lines('signature.partner.caption', vars), signatory: [rep.fullName, rep.title] },
    { title: tpl.text('signature.manager', vars), caption: tpl.lines('signature.manager.caption', vars) },
  ], 90);
  return layout.finish();
}
