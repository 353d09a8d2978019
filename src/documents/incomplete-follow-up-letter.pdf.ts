// 9. Follow-up of an access request returned incomplete (incomplete-follow-up.ts): the reminder that no
// complement came back, then the closure « classée sans suite »; addressed to the responsable
// habilitations (the decision emails' recipient), else to the partner's legal representative. One
// renderer for both steps: they share the letter's frame and its summary of the request.
import type { IncompleteFollowUpLetterData } from './document-data.js';
import { frenchLongDate } from './format.js';
import { cafSigner, commonVars, openLetter, representativeRecipient } from './parts.js';
import { PdfLayout } from './pdf-layout.js';
import { loadTemplate } from './templates.js';

export async function renderIncompleteFollowUpLetter(data: IncompleteFollowUpLetterData): Promise<Buffer> {
  const tpl = loadTemplate('incomplete-follow-up-letter');
  const { step, applicant, responsable, partner } = data;
  const base = commonVars(data);
  const vars = {
    ...base,
    greeting: responsable ? responsable.civility : String(base.salutation),
    applicantCivility: applicant.civility,
    applicantName: `${applicant.firstName} ${applicant.lastName}`,
    receivedOn: frenchLongDate(data.receivedOn),
    incompleteSince: frenchLongDate(data.incompleteSince),
    closureOn: frenchLongDate(data.closureOn),
  };
  const layout = new PdfLayout({
    caf: data.caf,
    title: tpl.text(`meta.title.${step}`, vars),
    reference: data.reference,
    generatedAt: data.generatedAt,
    restricted: true,
  });
  const recipient = responsable
    ? [`${responsable.civility} ${responsable.firstName} ${responsable.lastName}`, tpl.text('recipient.function', vars), partner.name, ...partner.addressLines]
    : representativeRecipient(partner);
  openLetter(layout, data, recipient, tpl.text(`subject.${step}`, vars));
  layout.paragraph(tpl.text('greeting', vars), { after: 10 });
  layout.blocks(tpl.blocks(`${step}.body`, vars), { align: 'justify' });

  // The body already gives the convention and both dates: the fields are what the partner looks for.
  layout.space(2);
  layout.field(tpl.text('label.applicant', vars), `${applicant.civility} ${vars.applicantName}`);
  layout.field(tpl.text('label.position', vars), applicant.position);
  if (data.formReference) layout.field(tpl.text('label.form', vars), data.formReference);
  layout.field(tpl.text('label.reason', vars), data.reason);
  layout.field(tpl.text(`label.deadline.${step}`, vars), vars.closureOn);
  layout.space(4);

  if (step === 'reminder') {
    layout.blocks(tpl.blocks('reminder.request', vars), { align: 'justify' });
    layout.blocks(tpl.blocks('reminder.deadline', vars), { align: 'justify' });
  } else {
    layout.blocks(tpl.blocks('closure.decision', vars), { align: 'justify' });
    layout.blocks(tpl.blocks('closure.new-request', vars), { align: 'justify' });
  }
  layout.blocks(tpl.blocks('contact', vars), { align: 'justify' });
  layout.letterClosing(tpl.blocks('closing', vars), cafSigner(data.caf));
  return layout.finish();
}
