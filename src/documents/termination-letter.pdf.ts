// 8. End of a convention: dénonciation (at the anniversary after the notice period: cafpro art. 5,
// data provision art. 3) or résiliation (a breach, on the chosen date: cafpro art. 4); for a Cafpro
// convention every habilitation is revoked on the end date. The wording of each kind is in the
// template's « @kind » sections; dated on the end date or later, the letter speaks in the past.
import type { TerminationLetterData } from './document-data.js';
import { countOf, frenchLongDate, isLaterDay } from './format.js';
import { cafSigner, commonVars, openLetter, representativeRecipient } from './parts.js';
import { PdfLayout } from './pdf-layout.js';
import { loadTemplate } from './templates.js';

export async function renderTerminationLetter(data: TerminationLetterData): Promise<Buffer> {
  const { convention, termination: t } = data;
  const tpl = loadTemplate('termination-letter').variant(convention.kind);
  // endsOn is the first day without the convention (the end job revokes on that day): from then on it has ended.
  const ended = !isLaterDay(t.endsOn, data.date);
  const said = (key: string) => (ended && tpl.has(`${key}.past`) ? `${key}.past` : key);
  const count = data.activeHabilitationCount;
  const vars = {
    ...commonVars(data),
    endsOn: frenchLongDate(t.endsOn),
    noticeOn: t.noticeOn ? frenchLongDate(t.noticeOn) : '',
    habilitationCount: count === undefined ? '' : ` (${countOf(count, 'habilitation active', 'habilitations actives')} à ce jour)`,
  };
  const layout = new PdfLayout({
    caf: data.caf,
    title: tpl.text('meta.title', vars),
    reference: data.reference,
    generatedAt: data.generatedAt,
    restricted: true,
  });
  openLetter(layout, data, representativeRecipient(data.partner), tpl.text(`subject.${t.kind}`, vars));
  layout.paragraph(tpl.text('mention', vars), { italic: true, size: 9, after: 10 });
  layout.paragraph(tpl.text('greeting', vars), { after: 10 });

  if (t.kind === 'denonciation') {
    const opening = t.initiatedBy === 'caf' ? 'denonciation.caf' : t.noticeOn ? 'denonciation.partner' : 'denonciation.partner.undated';
    layout.blocks(tpl.blocks(said(opening), vars), { align: 'justify' });
    layout.blocks(tpl.blocks(said('denonciation.article'), vars), { align: 'justify' });
    if (t.deferredToNextAnniversary) layout.blocks(tpl.blocks(said('denonciation.deferred'), vars), { align: 'justify' });
  } else {
    layout.blocks(tpl.blocks('resiliation.article', vars), { align: 'justify' });
    layout.blocks(tpl.blocks(said('resiliation.decision'), vars), { align: 'justify' });
  }

  layout.space(2);
  layout.field(tpl.text('label.convention', vars), convention.number);
  layout.field(tpl.text('label.article', vars), tpl.text(`article.${t.kind}`, vars));
  if (t.kind === 'denonciation' && t.noticeOn) {
    layout.field(tpl.text(t.initiatedBy === 'caf' ? 'label.notice.caf' : 'label.notice.partner', vars), vars.noticeOn);
  }
  layout.field(tpl.text('label.reason', vars), t.reason);
  layout.field(tpl.text('label.ends', vars), vars.endsOn);
  layout.space(4);

  layout.blocks(tpl.blocks(said('consequence'), vars), { align: 'justify' });
  layout.blocks(tpl.blocks('secrecy', vars), { align: 'justify' });
  layout.letterClosing(tpl.blocks('closing', vars), cafSigner(data.caf));
  return layout.finish();
}
