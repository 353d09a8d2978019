// 7. Notification of a habilitation to the new user: identifier, profile, convention, extra access
// code when the profile needs one; never a password (DOMAIN.md, Habilitation).
import type { HabilitationLetterData } from './document-data.js';
import { frenchLongDate } from './format.js';
import { cafSigner, commonVars, openLetter } from './parts.js';
import { PdfLayout } from './pdf-layout.js';
import { loadTemplate } from './templates.js';

export async function renderHabilitationLetter(data: HabilitationLetterData): Promise<Buffer> {
  const tpl = loadTemplate('habilitation-letter');
  const { partner, convention, user, habilitation } = data;
  const profile = convention.profile;
  const userName = `${user.firstName} ${user.lastName}`;
  const vars = {
    ...commonVars(data),
    userCivility: user.civility,
    userName,
    endsOn: habilitation.endsOn ? frenchLongDate(habilitation.endsOn) : '',
  };
  const layout = new PdfLayout({
    caf: data.caf,
    title: tpl.text('meta.title', vars),
    reference: data.reference,
    generatedAt: data.generatedAt,
    restricted: true,
  });
  const recipient = [`${user.civility} ${userName}`, ...(user.function ? [user.function] : []), partner.name, ...partner.addressLines];
  openLetter(layout, data, recipient, tpl.text('subject', vars));
  layout.paragraph(tpl.text('greeting', vars), { after: 10 });
  layout.blocks(tpl.blocks('body', vars), { align: 'justify' });

  layout.space(2);
  layout.field(tpl.text('label.identifier', vars), habilitation.identifier);
  layout.field(tpl.text('label.profile', vars), `${profile.code} – ${profile.label}`);
  layout.field(tpl.text('label.convention', vars), convention.number);
  layout.field(tpl.text('label.partner', vars), partner.name);
  if (profile.needsAccessCode) {
    // art. « code d'accès supplémentaire »: limits consultation to the user's field (code bailleur…)
    layout.field(profile.accessCodeLabel ?? 'Code d’accès', habilitation.accessCode ?? '—');
  }
  layout.field(tpl.text('label.granted', vars), frenchLongDate(habilitation.grantedOn));
  if (habilitation.endsOn) layout.field(tpl.text('label.ends', vars), frenchLongDate(habilitation.endsOn));
  layout.space(4);

  layout.blocks(tpl.blocks('access', vars), { align: 'justify' });
  layout.blocks(tpl.blocks('password', vars), { align: 'justify' });
  if (habilitation.endsOn) layout.blocks(tpl.blocks('end-of-contract', vars), { align: 'justify' });
  layout.blocks(tpl.blocks('obligations', vars), { align: 'justify' });
  layout.blocks(tpl.blocks('contact', vars), { align: 'justify' });
  layout.letterClosing(tpl.blocks('closing', vars), cafSigner(data.caf));
  return layout.finish();
}
