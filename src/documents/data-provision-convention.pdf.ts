// 2 bis. The data-provision convention (data-provision-convention.txt): a contract of its own, not the
// Cafpro convention. The partner is « le fournisseur de données »: it sends the Caf a data file, its
// agents consult nothing, so there is no access profile annex and no habilitation. Printed in two
// copies (« Fait en double exemplaire »), each with its own page numbers.
import type { AccessProfileData, ConventionDocumentData } from './document-data.js';
import { titleWithPossessive } from './format.js';
import { commonVars, copyLabel } from './parts.js';
import { PdfLayout } from './pdf-layout.js';
import { loadTemplate, type DocumentTemplate, type TemplateVars } from './templates.js';

/**
 * The data listed in article 1 (« le nom ; le prénom ; l'adresse physique ; le numéro de
 * téléphone. »): the « - » lines of the convention's profile, punctuated as in the paper; a
 * profile written without list lines gives all its lines.
 */
export function providedData(profile: AccessProfileData): string[] {
  const lines = profile.description.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const items = lines.filter((l) => /^[-–•]\s+/.test(l)).map((l) => l.replace(/^[-–•]\s+/, ''));
  const data = (items.length ? items : lines).map((l) => l.replace(/\s*[;.,]$/, ''));
  return data.map((l, i) => `${l}${i === data.length - 1 ? '.' : ' ;'}`);
}

function renderCopy(layout: PdfLayout, tpl: DocumentTemplate, data: ConventionDocumentData, vars: TemplateVars): void {
  const { caf, partner, convention } = data;
  const rep = partner.representative;
  const body = { align: 'justify' } as const;

  layout.letterhead();
  layout.space(8);
  layout.title(tpl.text('title', vars), 16);
  layout.paragraph(tpl.text('subtitle', vars), { align: 'center', size: 12, after: 14 });
  layout.paragraph(tpl.text('number', vars), { bold: true, size: 11, align: 'center', after: 6 });
  layout.paragraph(tpl.text('partner', vars), { bold: true, size: 11, align: 'center', after: 14 });

  // the parties, as the paper names them
  layout.paragraph(tpl.text('parties.between', vars), { after: 6 });
  layout.paragraph(tpl.text('parties.partner', vars), { bold: true, after: 2 });
  layout.paragraph(tpl.text('parties.partner.named', vars), { after: 8 });
  layout.paragraph(tpl.text('parties.and', vars), { italic: true, after: 8 });
  layout.paragraph(tpl.text('parties.caf', vars), { bold: true, after: 2 });
  layout.paragraph(tpl.text('parties.caf.named', vars), { after: 8 });
  layout.paragraph(tpl.text('agreed', vars), { bold: true, after: 8 });

  layout.blocks(tpl.blocks('preamble', vars), body);
  layout.blocks(tpl.blocks('article-1', vars), body);
  layout.bullets(providedData(convention.profile), { indent: 10 });
  layout.blocks(tpl.blocks('article-1.after-data', vars), body);
  layout.blocks(tpl.blocks('article-2', vars), body);
  layout.blocks(tpl.blocks('article-3', vars), body);
  layout.blocks(tpl.blocks('article-4', vars), body);
  layout.blocks(tpl.blocks('article-5', vars), body);
  layout.paragraph(tpl.text('article-5.recipient', vars), { bold: true, indent: 24, after: 8 });
  layout.blocks(tpl.blocks('article-5.after-recipient', vars), body);
  layout.blocks(tpl.blocks('article-6', vars), body);

  // signatures: the fournisseur de données, then the Caf (the paper's order)
  layout.ensureSpace(150);
  layout.space(6);
  layout.paragraph(tpl.text('signature.place', vars), { after: 12 });
  layout.signatureBoxes(
    [
      { title: tpl.text('signature.partner', vars), caption: [partner.name], signatory: [rep.title, rep.fullName] },
      { title: tpl.text('signature.caf', vars), caption: [caf.cafName], signatory: [caf.directorTitle, caf.directorName] },
    ],
    100,
  );
}

export async function renderDataProvisionConvention(data: ConventionDocumentData): Promise<Buffer> {
  const tpl = loadTemplate('data-provision-convention');
  const { caf, partner } = data;
  const vars: TemplateVars = {
    ...commonVars(data),
    directorCivility: caf.directorCivility,
    representativeTitleWithPossessive: titleWithPossessive(partner.representative.civility, partner.representative.title),
    cafAddress: caf.addressLines.join('\n'),
  };
  const copies = Math.max(1, data.copies ?? 2);
  const layout = new PdfLayout({
    caf,
    title: tpl.text('meta.title', vars),
    reference: data.reference,
    generatedAt: data.generatedAt,
    // No personal data: a contract between two institutions (the paper was published with the
    // Conseil général's deliberation), without any list of users.
    restricted: false,
  });
  for (let copy = 1; copy <= copies; copy++) {
    layout.startGroup(copyLabel(copy, copies), copy > 1);
    renderCopy(layout, tpl, data, vars);
  }
  return layout.finish();
}
