// Layouts that hold with the longest data the forms accept: read back from the PDF where each text
// sits (pdf-boxes), as an eye would — no two texts over each other, a signature never alone on its
// page, room for a handwritten signature, a one-page form on one page.
import { describe, expect, it } from '@jest/globals';
import { renderDocument, type DocumentKind } from '../../../src/documents/index.js';
import { overlappingText, pageOf, textBoxes, type TextBox } from '../../support/pdf-boxes.js';
import {
  aCaf, aConventionDocument, aCoverLetter, aHabilitationLetter, aManagerDesignationForm, anAccessRequestForm, aPartner, aRenewalNotice,
  aSuppressionRequestForm, aTerminationLetter,
} from './document-factory.js';

/** Words to the exact length a column allows (Partner.name 200, address lines 200, city 100…). */
const longest = (words: string, length: number) => words.repeat(Math.ceil(length / words.length)).slice(0, length).trim();

const longPartner = aPartner({
  name: longest('Centre communal d’action sociale de la Communauté d’agglomération de Saint-Quentin-en-Yvelines ', 200),
  addressLines: [
    longest('Pôle solidarités, direction de l’action sociale et de la santé, service instruction ', 200),
    longest('Bâtiment B, 3e étage, 1 rue Eugène-Hénaff, zone d’activités du Parc des Sports ', 200),
    `78190 ${longest('Trappes-en-Yvelines-Saint-Quentin-Communauté-d’agglomération ', 100)}`,
  ],
  representative: { civility: 'Monsieur', fullName: longest('Jean-Baptiste-Marie DE LA ROCHEFOUCAULD-LIANCOURT ', 120), title: longest('Vice-président délégué à l’action sociale ', 120) },
});
const twoLineAddress = aPartner({ addressLines: ['16 rue du Sacré-Cœur', '78100 Saint-Germain-en-Laye'] });
const delegate = aCaf({ delegateSignatory: { name: 'Jérôme MARCHAND', title: 'Directeur adjoint' } });
const CLOSING = /Je vous prie d’agréer|Veuillez agréer|je vous prie d’agréer/;
const MM_25 = (25 / 25.4) * 72;

const letters: Array<[string, DocumentKind, object]> = [
  ['cover letter, longest partner', 'cover-letter', aCoverLetter({ partner: longPartner })],
  ['cover letter, delegate', 'cover-letter', aCoverLetter({ caf: delegate })],
  ['habilitation letter CDD, two-line address', 'habilitation-letter', aHabilitationLetter({
    partner: twoLineAddress, habilitation: { identifier: 'CP78000451', grantedOn: '2026-11-20', contract: 'CDD', endsOn: '2027-06-30' } as never,
  })],
  ['habilitation letter CDD, longest partner, delegate', 'habilitation-letter', aHabilitationLetter({
    caf: delegate, partner: longPartner, habilitation: { identifier: 'CP78000451', grantedOn: '2026-11-20', contract: 'CDD', endsOn: '2027-06-30' } as never,
  })],
  ['termination letter, longest partner', 'termination-letter', aTerminationLetter({ partner: longPartner })],
  ['renewal notice, 40 habilitations', 'renewal-notice', aRenewalNotice(40, { partner: longPartner })],
];

const lineOf = (boxes: TextBox[], text: string | RegExp) => boxes.find((b) => (typeof text === 'string' ? b.text.includes(text) : text.test(b.text)));

describe('layouts with the longest data', () => {
  for (const [label, kind, data] of letters) {
    it(`${label}: closing and signature on one page, 25 mm for the signature, nothing overlapping`, async () => {
      const boxes = await textBoxes(await renderDocument(kind, data as never));
      const caf = (data as { caf: ReturnType<typeof aCaf> }).caf;
      const signer = caf.delegateSignatory?.name ?? caf.directorName;
      const name = lineOf(boxes, signer)!;
      const closing = boxes.filter((b) => CLOSING.test(b.text)).pop()!;
      expect(closing).toBeDefined();
      expect(name.page).toBe(closing.page);
      // Above the signatory's name, the nearest text (closing, or « Pour le …, par délégation, ») is 25 mm up.
      const above = boxes.filter((b) => b.page === name.page && b.y > name.y + 1).sort((a, b) => a.y - b.y)[0]!;
      expect(above.y - (name.y + name.height)).toBeGreaterThanOrEqual(MM_25 - 1);
      if (caf.delegateSignatory) expect(above.text).toContain('par délégation');
      expect(overlappingText(boxes)).toEqual([]);
    });
  }

  it('the access-request form stays on one page with the longest partner name and address', async () => {
    const boxes = await textBoxes(await renderDocument('access-request-form', anAccessRequestForm({ partner: longPartner })));
    expect(Math.max(...boxes.map((b) => b.page))).toBe(1);
    expect(overlappingText(boxes)).toEqual([]);
  });

  it('the extension form of a CDD (the holder printed) stays on one page with the longest partner and the longest person', async () => {
    const extension = {
      civility: 'Madame', firstName: longest('Łucja Thị ', 100), lastName: longest('Şahin-Wałęsa de la Tour ', 100),
      email: 'lucja.sahin-walesa.de-la-tour-montgommery@centre-communal-action-sociale-saint-quentin.fr',
      function: longest('Conseillère en économie sociale et familiale ', 120), identifier: 'CP78-000123', endDate: '2027-01-15',
    } as const;
    const boxes = await textBoxes(await renderDocument('access-request-form', anAccessRequestForm({ partner: longPartner, extension })));
    expect(Math.max(...boxes.map((b) => b.page))).toBe(1);
    expect(overlappingText(boxes)).toEqual([]);
  });

  it('the designation form stays on one page with the longest partner data, a long signatory name wrapped inside its box without covering « lu et approuvé »', async () => {
    const boxes = await textBoxes(await renderDocument('manager-designation-form', aManagerDesignationForm({ partner: longPartner })));
    expect(Math.max(...boxes.map((b) => b.page))).toBe(1);
    expect(overlappingText(boxes)).toEqual([]);
    expect(pageOf(boxes, /lu et approuvé/i)).toBe(1);
    // the signatory's name at the bottom of its box, under « lu et approuvé » and above the footer
    const approved = lineOf(boxes, /lu et approuvé/)!;
    const name = boxes.filter((b) => b.text.includes('ROCHEFOUCAULD')).pop()!;
    const footer = lineOf(boxes, 'Diffusion restreinte')!;
    expect(name.y).toBeLessThan(approved.y);
    expect(name.y).toBeGreaterThan(footer.y);
  });

  it('the designation form keeps its roomier setting with ordinary data', async () => {
    const boxes = await textBoxes(await renderDocument('manager-designation-form', aManagerDesignationForm()));
    expect(Math.max(...boxes.map((b) => b.page))).toBe(1);
    expect(lineOf(boxes, 'Ville de Saint-Germain-en-Laye')!.height).toBeCloseTo(10, 0);
  });

  it('the other documents hold too', async () => {
    for (const [kind, data] of [
      ['suppression-request-form', aSuppressionRequestForm({ partner: longPartner })],
      ['convention', aConventionDocument({ partner: longPartner })],
    ] as Array<[DocumentKind, object]>) {
      const boxes = await textBoxes(await renderDocument(kind, data as never));
      expect({ kind, overlaps: overlappingText(boxes) }).toEqual({ kind, overlaps: [] });
    }
  });
});
