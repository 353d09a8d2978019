// 6. Avis de reconduction: the anniversary, tacit renewal for a year, the last day to give notice
// (cafpro art. 5: two months; data provision art. 3: three months, by registered letter) — or, when
// the notice is dated after that day, that it has passed and the next one — and, for a Cafpro
// convention, its habilitations to check and return (art. 3). The wording of each kind is in the
// template's « @kind » sections. The same list goes to a new responsable habilitations outside the
// anniversary (data.newManager, template sections « new-manager.* »): their letter, the same list page.
import type { RenewalHabilitationRow, RenewalNoticeData } from './document-data.js';
import { countOf, frenchLongDate, frenchShortDate, isLaterDay } from './format.js';
import { cafSigner, commonVars, openLetter, representativeRecipient } from './parts.js';
import { PdfLayout, type TableColumn } from './pdf-layout.js';
import { loadTemplate } from './templates.js';

/** « 3 habilitations actives », « 4 habilitations (3 actives, 1 suspendue) ». */
function habilitationCount(rows: RenewalHabilitationRow[]): string {
  const suspended = rows.filter((h) => h.suspended).length;
  if (!suspended) return countOf(rows.length, 'habilitation active', 'habilitations actives');
  return `${countOf(rows.length, 'habilitation')} (${countOf(rows.length - suspended, 'active')}, ${countOf(suspended, 'suspendue')})`;
}

/** What the letter to a new responsable says besides the notice's values (greeted by civility). */
function newManagerVars(newManager: RenewalNoticeData['newManager']): Record<string, string> {
  if (!newManager) return {};
  return {
    salutation: newManager.responsable.civility, designatedWord: newManager.responsable.civility === 'Madame' ? 'désignée' : 'désigné',
    designatedOn: frenchLongDate(newManager.designatedOn), dueDate: frenchLongDate(newManager.dueDate),
  };
}

export async function renderRenewalNotice(data: RenewalNoticeData): Promise<Buffer> {
  const { convention, habilitations, following } = data;
  const tpl = loadTemplate('renewal-notice').variant(convention.kind);
  // The deadline day itself is still in time (convention.rules.ts isNoticeInTime).
  const passed = isLaterDay(data.date, convention.lastNoticeDay);
  const vars = {
    ...commonVars(data),
    anniversary: frenchLongDate(convention.nextAnniversary),
    lastNoticeDay: frenchLongDate(convention.lastNoticeDay),
    followingAnniversary: frenchLongDate(following.anniversary),
    followingLastNoticeDay: frenchLongDate(following.lastNoticeDay),
    habilitationCount: habilitationCount(habilitations ?? []),
    ...newManagerVars(data.newManager),
  };
  // The list sent to a new responsable (data.newManager): their letter, the same list page after it.
  const { newManager } = data;
  const own = (key: string) => (newManager && tpl.has(`new-manager.${key}`) ? `new-manager.${key}` : key);
  const layout = new PdfLayout({
    caf: data.caf,
    title: tpl.text(own('meta.title'), vars),
    reference: data.reference,
    generatedAt: data.generatedAt,
    restricted: true,
  });
  const recipient = newManager
    ? [`${newManager.responsable.civility} ${newManager.responsable.firstName} ${newManager.responsable.lastName}`, tpl.text('new-manager.recipient.function', vars), data.partner.name, ...data.partner.addressLines]
    : representativeRecipient(data.partner);
  openLetter(layout, data, recipient, tpl.text(own('subject'), vars));
  layout.paragraph(tpl.text('greeting', vars), { after: 10 });
  layout.blocks(tpl.blocks(own('body'), vars), { align: 'justify' });
  if (newManager) {
    layout.space(2);
    layout.field(tpl.text('new-manager.summary.designated', vars), frenchLongDate(newManager.designatedOn));
    layout.field(tpl.text('new-manager.summary.due', vars), frenchLongDate(newManager.dueDate));
    layout.space(4);
  } else {
    layout.blocks(tpl.blocks(passed ? 'notice.passed' : 'notice', vars), { align: 'justify' });
    layout.space(2);
    layout.field(tpl.text('summary.anniversary', vars), vars.anniversary);
    layout.field(tpl.text('summary.renewal', vars), tpl.text('summary.renewal.value', vars));
    layout.field(tpl.text('summary.last-notice', vars), passed ? tpl.text('summary.last-notice.passed', vars) : vars.lastNoticeDay);
    if (passed) layout.field(tpl.text('summary.following', vars), tpl.text('summary.following.value', vars));
    layout.space(4);
  }

  if (!habilitations) {
    layout.blocks(tpl.blocks('updates', vars), { align: 'justify' });
  } else if (habilitations.length === 0) {
    layout.blocks(tpl.blocks('habilitations.none', vars), { align: 'justify' });
  } else {
    layout.blocks(tpl.blocks(own('habilitations.intro'), vars), { align: 'justify' });
    layout.blocks(tpl.blocks('habilitations.changes', vars), { align: 'justify' });
  }
  layout.letterClosing(tpl.blocks('closing', vars), cafSigner(data.caf));

  if (habilitations?.length) {
    layout.newPage();
    // The list comes back: its reference, typed or scanned in « Saisir une référence », opens its recertification.
    layout.qrReference(data.reference, loadTemplate('common').text('form.reference'));
    layout.space(62);
    layout.heading(tpl.text(own('table.title'), vars), { size: 12, before: 0 });
    const columns: TableColumn[] = [
      { header: tpl.text('table.last-name', vars), width: 16 },
      { header: tpl.text('table.first-name', vars), width: 12 },
      { header: tpl.text('table.function', vars), width: 26 },
      { header: tpl.text('table.identifier', vars), width: 14 },
      { header: tpl.text('table.granted', vars), width: 11, align: 'center' },
      { header: tpl.text('table.keep', vars), width: 10.5, checkbox: true },
      { header: tpl.text('table.remove', vars), width: 10.5, checkbox: true },
    ];
    const suspended = tpl.text('table.suspended', vars);
    const rows = habilitations.map((h) => [
      h.lastName, h.firstName, h.function ?? '', h.suspended ? `${h.identifier}\n${suspended}` : h.identifier, frenchShortDate(h.grantedOn), '', '',
    ]);
    layout.table(columns, rows);
    layout.ensureSpace(150); // the return block stays on one page
    layout.paragraph(tpl.text('return.title', vars), { bold: true, after: 8 });
    layout.inlineBlanks([tpl.text('return.place', vars), tpl.text('return.date', vars)]);
    layout.signatureBoxes([{ title: tpl.text('return.signature', vars), caption: tpl.lines('return.signature.caption', vars) }], 80, 2);
  }
  return layout.finish();
}
