// Document 7 as the approval and the reissue archive it: the stored PDF read back as text gives the
// user the identifier, the profile, the convention, the partner and the Caf contact, accents intact,
// and never a password.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { approveAccessRequest } from '../../../src/domain/access-request/access-request.use-cases.js';
import { reportLoss } from '../../../src/domain/habilitation/habilitation.use-cases.js';
import { AccessProfile } from '../../../src/entities/access-profile.entity.js';
import { Partner } from '../../../src/entities/partner.entity.js';
import { Settings } from '../../../src/entities/settings.entity.js';
import { pdfText } from '../../support/pdf-text.js';
import { makeRequestRow, makeSignedConvention, openContext, type TestContext } from './support.js';

describe('habilitation letter (document 7)', () => {
  let ctx: TestContext;
  beforeAll(async () => { ctx = await openContext(); });
  afterAll(async () => { await ctx?.close(); });

  const expectNoPassword = (flat: string) => {
    expect(flat).not.toMatch(/mot de passe\s*:/i);
    expect(flat).not.toMatch(/password/i);
    expect(flat).toContain('votre mot de passe ne figure pas dans ce courrier : il vous est communiqué séparément.');
  };

  it('prints identifier, profile, convention, partner, grant date and Caf contact, with accents, and no password', async () => {
    const convention = await makeSignedConvention(ctx.dataSource);
    const partner = await ctx.dataSource.getRepository(Partner).findOneByOrFail({ id: convention.partnerId });
    const profile = await ctx.dataSource.getRepository(AccessProfile).findOneByOrFail({ id: convention.profileId });
    const settings = await ctx.dataSource.getRepository(Settings).findOneOrFail({ where: {}, order: { id: 'ASC' } });
    const request = await makeRequestRow(ctx.dataSource, convention.id, {
      civility: 'Madame', lastName: 'Lœwy-Garçon', firstName: 'Anaïs-Hélène', position: 'Conseillère en économie sociale et familiale',
    });
    const result = await approveAccessRequest(ctx.services(), ctx.instructor, request.id);
    if (!result.ok) throw new Error(result.message);
    const { flat } = await pdfText(await ctx.storage.read(result.letter!));

    for (const phrase of [
      'Madame Anaïs-Hélène Lœwy-Garçon',
      'Conseillère en économie sociale et familiale',
      partner.name,
      'Objet : Votre habilitation au service Cafpro',
      `Identifiant ${result.habilitation.identifier}`,
      `Profil d’accès ${profile.code} – ${profile.label}`,
      `Convention n° ${convention.number}`,
      `Partenaire ${partner.name}`,
      'Date d’octroi 23 novembre 2026',
      `N/Réf. : ${result.letter!.reference}`,
      `Votre contact : ${settings.contactName}`,
      'Diffusion restreinte',
    ]) expect(flat).toContain(phrase);
    expect(flat).not.toContain('Fin de l’habilitation');
    expectNoPassword(flat);
  });

  it('prints the CDD end and the extra access code of the profile; the reissue after a loss has its own letter', async () => {
    const convention = await makeSignedConvention(ctx.dataSource, {}, 'T5');
    const request = await makeRequestRow(ctx.dataSource, convention.id, { civility: 'Monsieur', lastName: 'Noël', firstName: 'Benoît', contractType: 'CDD', contractEndDate: '2027-08-31' });
    const approved = await approveAccessRequest(ctx.services(), ctx.instructor, request.id, { accessCode: 'BL-0457' });
    if (!approved.ok) throw new Error(approved.message);
    const first = (await pdfText(await ctx.storage.read(approved.letter!))).flat;
    for (const phrase of ['Monsieur Benoît Noël', 'Code bailleur BL-0457', 'Fin de l’habilitation (CDD) 31 août 2027', 'Votre habilitation prendra fin le 31 août 2027, date de fin de votre contrat.']) {
      expect(first).toContain(phrase);
    }

    const reissued = await reportLoss(ctx.services(), ctx.instructor, approved.habilitation.id);
    if (!reissued.ok || !reissued.reissued) throw new Error(reissued.message);
    const second = (await pdfText(await ctx.storage.read(reissued.reissued.letter))).flat;
    expect(second).toContain(`Identifiant ${reissued.reissued.habilitation.identifier}`);
    expect(second).not.toContain(approved.habilitation.identifier);
    expect(second).toContain('Code bailleur BL-0457');
    expectNoPassword(second);
  });
});
