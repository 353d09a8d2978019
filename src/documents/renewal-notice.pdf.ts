// 6. Avis de reconduction: the anniversary, tacit renewal for a year, the last day to give notice
// (art. 5) and the partner's active habilitations to check and return (art. 3).
import type { RenewalNoticeData } from './document-data.js';
import { countOf, frenchLongDate, frenchShortDate } from './format.js';
import { cafSigner, commonVars, openLetter, representativeRecipient } from './parts.js';
import { PdfLayout, type TableColumn } from './pdf-layout.js';
import { loadTemplate } from './templates.js';

/** Art. 5: two months' notice; three months for a data-provision convention. */
export function noticePeriodText(kind: RenewalNoticeData['convention']['kind']): string {
  return kind === 'data-provision' ? 'trois mois' : 'deux mois';
}

export async function renderRenewalNotice(data: RenewalNoticeData): Promise<Buffer> {
  const tpl = loadTemplate('renewal-notice');
  const { convention, habilitations } = data;
  const vars = {
    ...commonVars(data),
    anniversary: frenchLongDate(convention.nextAnniversary),
    lastNoticeDay: frenchLongDate(convention.lastNoticeDay),
    noticePeriod: noticePeriodText(convention.kind),
    habilitationCount: countOf(habilitations.length, 'habilitation active', 'habilitations actives'),
  };
  const layout = new PdfLayout({
    caf: data.caf,
    title: tpl.text('meta.title', vars),
    reference: data.reference,
    generatedAt: data.generatedAt,
    restricted: true,
  });
  openLetter(layout, data, representativeRecipient(data.partner), tpl.text('subject', vars));
  layout.paragraph(tpl.text('greeting', vars), { after: 10 });
  layout.blocks(tpl.blocks('body', vars), { align: 'justify' });

  layout.space(2);
  layout.field(tpl.text('summary.anniversary', vars), vars.anniversary);
  layout.field(tpl.text('summary.renewal', vars), tpl.text('summary.renewal.value', vars));
  layout.field(tpl.text('summary.last-notice', vars), vars.lastNoticeDay);
  layout.space(4);

  if (habilitations.length === 0) {
    layout.blocks(tpl.blocks('habilitations.none', vars), { align: 'justify' });
  } else {
    layout.blocks(tpl.blocks('habilitations.intro', vars), { align: 'justify' });
    layout.blocks(tpl.blocks('habilitations.changes', vars), { align: 'justify' });
  }
  layout.letterClosing(tpl.blocks('closing', vars), cafSigner(data.caf));

  if (habilitations.length > 0) {
    layout.newPage();
    layout.heading(tpl.text('table.title', vars), { size: 12, before: 0 });
    const columns: TableColumn[] = [
      { header: tpl.text('table.last-name', vars), width: 16 },
      { header: tpl.text('table.first-name', vars), width: 12 },
      { header: tpl.text('table.function', vars), width: 26 },
      { header: tpl.text('table.identifier', vars), width: 14 },
      { header: tpl.text('table.granted', vars), width: 11, align: 'center' },
      { header: tpl.text('table.keep', vars), width: 10.5, checkbox: true },
      { header: tpl.text('table.remove', vars), width: 10.5, checkbox: true },
    ];
    const rows = habilitations.map((h) => [h.lastName, h.firstName, h.function ?? '', h.identifier, frenchShortDate(h.grantedOn), '', '']);
    layout.table(columns, rows);
    layout.ensureSpace(150); // the return block stays on one page
    layout.paragraph(tpl.text('return.title', vars), { bold: true, after: 8 });
    layout.inlineBlanks([tpl.text('return.place', vars), tpl.text('return.date', vars)]);
    layout.signatureBoxes([{ title: tpl.text('return.signature', vars), caption: tpl.lines('return.signature.caption', vars) }], 80, 2);
  }
  return layout.finish();
}
