// 2. The convention, pre-filled, with its annexes, printed in as many copies as there are
// signatories (« Fait en double exemplaire »): each copy has its own page numbers and its
// « Exemplaire 1/2 » mark. A data-provision convention is another contract (data-provision-convention.pdf.ts).
import { renderDataProvisionConvention } from './data-provision-convention.pdf.js';
import type { AccessProfileData, ConventionDocumentData } from './document-data.js';
import { titleWithPossessive } from './format.js';
import { commonVars, copyLabel } from './parts.js';
import { PdfLayout } from './pdf-layout.js';
import { loadTemplate, type DocumentTemplate, type TemplateVars } from './templates.js';

/** The profile description is plain text: lines starting with « - » are list items. */
function renderProfileDescription(layout: PdfLayout, profile: AccessProfileData): void {
  let items: string[] = [];
  const flush = () => {
    if (items.length) layout.bullets(items, { indent: 10 });
    items = [];
  };
  for (const raw of profile.description.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (/^[-–•]\s+/.test(line)) {
      items.push(line.replace(/^[-–•]\s+/, ''));
    } else {
      flush();
      layout.paragraph(line, { align: 'justify' });
    }
  }
  flush();
}

function renderCopy(layout: PdfLayout, tpl: DocumentTemplate, data: ConventionDocumentData, vars: TemplateVars): void {
  const { caf, partner, convention } = data;
  const rep = partner.representative;

  // cover: title, number, partner
  layout.letterhead();
  layout.space(8);
  layout.title(tpl.text('title', vars), 18);
  layout.paragraph(tpl.text('subtitle', vars), { align: 'center', size: 12, after: 14 });
  layout.paragraph(tpl.text('number', vars), { bold: true, size: 11, align: 'center', after: 6 });
  layout.paragraph(tpl.text('partner', vars), { bold: true, size: 11, align: 'center', after: 10 });

  layout.heading(tpl.text('preamble.title', vars));
  layout.blocks(tpl.blocks('preamble', vars), { align: 'justify' });

  // parties
  layout.heading(tpl.text('parties.title', vars), { before: 4 });
  layout.paragraph(tpl.text('parties.caf.name', vars), { bold: true, after: 2 });
  layout.paragraph([tpl.text('parties.caf.seat', vars), ...caf.addressLines].join('\n'), { after: 4 });
  layout.paragraph(tpl.text('parties.caf.represented', vars), { after: 8 });
  layout.paragraph(tpl.text('parties.and', vars), { italic: true, after: 8 });
  layout.paragraph(partner.name, { bold: true, after: 2 });
  layout.paragraph(
    [
      tpl.text('parties.partner.named', vars),
      tpl.text('parties.partner.siret', vars),
      tpl.text('parties.partner.seat', vars),
    ].join('\n'),
    { after: 4 },
  );
  layout.paragraph(
    tpl.text('parties.partner.represented', {
      ...vars,
      representativeTitleWithPossessive: titleWithPossessive(rep.civility, rep.title),
    }),
    { after: 4 },
  );
  layout.paragraph([tpl.text('parties.partner.phone', vars), tpl.text('parties.partner.email', vars)].join('\n'), { after: 10 });
  layout.paragraph(tpl.text('agreed', vars), { bold: true, after: 8 });

  // articles 1 to 5
  layout.blocks(tpl.blocks('article-1', vars), { align: 'justify' });
  layout.footnote(tpl.text('article-1.footnote', vars));
  layout.blocks(tpl.blocks('article-2', vars), { align: 'justify' });
  layout.blocks(tpl.blocks('article-3', vars), { align: 'justify' });
  layout.blocks(tpl.blocks('article-4', vars), { align: 'justify' });
  layout.blocks(tpl.blocks('article-5', vars), { align: 'justify' });

  // signatures
  layout.ensureSpace(170);
  layout.space(6);
  layout.paragraph(tpl.text('signature.copies', vars), { after: 2 });
  layout.paragraph(tpl.text('signature.place', vars), { after: 12 });
  layout.signatureBoxes(
    [
      { title: tpl.text('signature.caf', vars), signatory: [caf.directorName, caf.directorTitle] },
      { title: tpl.text('signature.partner', vars), signatory: [rep.fullName, rep.title] },
    ],
    100,
  );

  // annex: access profile
  const profile = convention.profile;
  layout.newPage();
  layout.title(tpl.text('annex.profile.title', vars), 15);
  layout.paragraph(tpl.text('annex.profile.reference', vars), { size: 8.5, align: 'center', after: 16 });
  layout.paragraph(tpl.text('annex.profile.code', vars), { bold: true, size: 12, after: 4 });
  layout.paragraph(tpl.text('annex.profile.label', vars), { bold: true, after: 12 });
  renderProfileDescription(layout, profile);
  if (profile.needsAccessCode) {
    layout.space(6);
    layout.paragraph(tpl.text('annex.profile.access-code', { ...vars, accessCodeLabel: profile.accessCodeLabel ?? 'code d’accès' }), {
      italic: true,
      align: 'justify',
    });
  }

  // annexes « partage des données » and « modèle d'information » (profiles T1–T3)
  if (profile.dataSharingAnnex) {
    layout.newPage();
    layout.title(tpl.text('annex.sharing.title', vars), 14);
    layout.space(6);
    layout.blocks(tpl.blocks('annex.sharing', vars), { align: 'justify' });
    layout.space(18);
    layout.rule(14);
    layout.ensureSpace(200);
    layout.title(tpl.text('annex.model.title', vars), 12);
    layout.space(4);
    layout.blocks(tpl.blocks('annex.model', vars), { align: 'justify' });
  }
}

export async function renderConventionDocument(data: ConventionDocumentData): Promise<Buffer> {
  if (data.convention.kind === 'data-provision') return renderDataProvisionConvention(data);
  const tpl = loadTemplate('convention');
  const { partner } = data;
  const vars: TemplateVars = {
    ...commonVars(data),
    directorCivility: data.caf.directorCivility,
    partnerSeat: partner.addressLines.join(' – '),
  };
  const copies = Math.max(1, data.copies ?? 2);
  const layout = new PdfLayout({
    caf: data.caf,
    title: tpl.text('meta.title', vars),
    reference: data.reference,
    generatedAt: data.generatedAt,
    restricted: true,
  });
  for (let copy = 1; copy <= copies; copy++) {
    layout.startGroup(copyLabel(copy, copies), copy > 1);
    renderCopy(layout, tpl, data, vars);
  }
  return layout.finish();
}
