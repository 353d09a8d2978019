// 1. Cover letter sending the convention pack (source: the Caf's letter « Convention Cafpro n° … »);
// a data-provision convention travels alone (template sections « @data-provision »).
import type { CoverLetterData } from './document-data.js';
import { commonVars, cafSigner, openLetter, representativeRecipient } from './parts.js';
import { PdfLayout } from './pdf-layout.js';
import { loadTemplate } from './templates.js';

export async function renderCoverLetter(data: CoverLetterData): Promise<Buffer> {
  const tpl = loadTemplate('cover-letter').variant(data.convention.kind);
  const vars = commonVars(data);
  const layout = new PdfLayout({
    caf: data.caf,
    title: tpl.text('title', vars),
    subject: tpl.text('subject', vars),
    reference: data.reference,
    generatedAt: data.generatedAt,
    restricted: true,
  });
  openLetter(layout, data, representativeRecipient(data.partner), tpl.text('subject', vars));
  layout.paragraph(tpl.text('subject.detail', vars), { italic: true, size: 9, after: 14 });
  layout.paragraph(tpl.text('greeting', vars), { after: 10 });
  layout.blocks(tpl.blocks('body', vars), { align: 'justify' });
  layout.bullets(tpl.lines('enclosures', vars), { indent: 18, after: 8 });
  layout.letterClosing(tpl.blocks('closing', vars), cafSigner(data.caf));
  return layout.finish();
}
