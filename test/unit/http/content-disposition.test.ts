import { describe, expect, it } from '@jest/globals';
import { contentDisposition } from '../../../src/http/file-routes.js';

describe('download file names (RFC 6266)', () => {
  it('keep their accents in filename*, with an ASCII fallback, and no « / » of a convention number', () => {
    const header = contentDisposition('Demande d’accès – convention n° 78/2026/0004AS – T2.pdf');
    expect(header).toBe("inline; filename=\"Demande d'acces - convention n_ 78_2026_0004AS - T2.pdf\"; "
      + "filename*=UTF-8''Demande%20d%E2%80%99acc%C3%A8s%20%E2%80%93%20convention%20n%C2%B0%2078_2026_0004AS%20%E2%80%93%20T2.pdf");
    expect(decodeURIComponent(header.split("UTF-8''")[1])).toBe('Demande d’accès – convention n° 78_2026_0004AS – T2.pdf');
    expect(contentDisposition('scan "x".pdf')).toContain('filename="scan _x_.pdf"');
  });
});
