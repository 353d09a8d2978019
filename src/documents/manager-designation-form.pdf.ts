// 4. Désignation d'un responsable habilitations: pre-filled with the signatory partner and the
// convention, the responsable's details blank (source: « désignation d'un responsable habilitations »).
import type { ManagerDesignationFormData } from './document-data.js';
import { formatSiret } from './format.js';
import { commonVars, compactAddress, openForm } from './parts.js';
import { onOnePage, PdfLayout } from './pdf-layout.js';
import { loadTemplate } from './templates.js';

/**
 * The form is one sheet: the partner and the responsable sign under the details they approve. Long
 * partner data is set smaller (values under their labels, across the page) rather than push the
 * signatures onto a second page.
 */
const DENSITIES = [
  { value: 10, text: 9.5, wide: false, boxes: 64, gap: 4, signatory: 9 },
  { value: 9, text: 9, wide: true, boxes: 56, gap: 4, signatory: 9 },
  { value: 8, text: 8, wide: true, boxes: 52, gap: 0, signatory: 8 },
];

export function renderManagerDesignationForm(data: ManagerDesignationFormData): Promise<Buffer> {
  return onOnePage(DENSITIES, (density) => drawManagerDesignationForm(data, density));
}

function drawManagerDesignationForm(data: ManagerDesignationFormData, density: (typeof DENSITIES)[number]): PdfLayout {
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
  layout.space(density.gap);

  const rep = partner.representative;
  layout.field(tpl.text('label.partner', vars), `${partner.name}\n${rep.civility} ${rep.fullName}, ${rep.title}`, density.value, density.wide);
  layout.field(tpl.text('label.siret', vars), formatSiret(partner.siret));
  layout.field(tpl.text('label.address', vars), compactAddress(partner.addressLines), density.value, density.wide);
  layout.field(tpl.text('label.convention', vars), convention.number);
  layout.space(density.gap);
  layout.blankField(tpl.text('label.manager', vars));
  layout.blankField(tpl.text('label.manager-address', vars), 2);
  layout.blankField(tpl.text('label.phone', vars));
  layout.blankField(tpl.text('label.fax', vars));
  layout.blankField(tpl.text('label.email', vars));

  layout.space(density.gap + 2);
  layout.blocks(tpl.blocks('notes', vars), { align: 'justify', size: density.text });
  layout.space(density.gap / 2);
  layout.inlineBlanks([tpl.text('date', vars)], 2);
  layout.signatureBoxes([
    { title: tpl.text('signature.partner', vars), caption: tpl.lines('signature.partner.caption', vars), signatory: [rep.fullName, rep.title], signatorySize: density.signatory },
    { title: tpl.text('signature.manager', vars), caption: tpl.lines('signature.manager.caption', vars) },
  ], 90, undefined, density.boxes);
  return layout;
}
