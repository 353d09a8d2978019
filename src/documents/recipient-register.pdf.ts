// « Registre des destinataires »: every partner with a convention in force on the day, its access
// profile and its number of active habilitations; dated and signed by the Directeur (or the delegate
// of the Settings), on the Caf's letterhead, « Diffusion restreinte ».
import type { RecipientRegisterData } from './document-data.js';
import { frenchLongDate, frenchShortDate } from './format.js';
import { cafSigner } from './parts.js';
import { PdfLayout, type TableColumn } from './pdf-layout.js';
import { loadTemplate } from './templates.js';

export async function renderRecipientRegister(data: RecipientRegisterData): Promise<Buffer> {
  const tpl = loadTemplate('recipient-register');
  const common = loadTemplate('common');
  const total = data.rows.reduce((sum, row) => sum + row.activeHabilitations, 0);
  const vars = { date: frenchLongDate(data.date), cafName: data.caf.cafName, total: `${data.rows.length} conventions, ${total} habilitations actives` };
  const layout = new PdfLayout({ caf: data.caf, title: tpl.text('meta.title', vars), reference: data.reference, generatedAt: data.generatedAt, restricted: true });
  layout.letterhead();
  layout.space(20);
  layout.title(tpl.text('title', vars));
  layout.dateLine(common.text('date.line', { city: data.caf.city, date: vars.date }));
  layout.paragraph(tpl.text('intro', vars), { after: 10 });
  if (data.rows.length) {
    const column = (key: string, width: number, align?: TableColumn['align']): TableColumn => ({ header: tpl.text(`column.${key}`), width, align });
    layout.table(
      [column('partner', 19), column('siret', 13), column('type', 9), column('convention', 15), column('profile', 11), column('effective', 11, 'center'),
        column('end', 11, 'center'), column('habilitations', 11, 'right')],
      data.rows.map((r) => [
        r.partnerName, r.siret, r.partnerType, r.conventionNumber, r.profile, r.effectiveDate ? frenchShortDate(r.effectiveDate) : '',
        r.endDate ? frenchShortDate(r.endDate) : '', String(r.activeHabilitations),
      ]),
      { size: 7.5 },
    );
  } else {
    layout.paragraph(tpl.text('empty', vars), { italic: true });
  }
  layout.letterClosing(tpl.blocks('closing', vars), cafSigner(data.caf));
  return layout.finish();
}
