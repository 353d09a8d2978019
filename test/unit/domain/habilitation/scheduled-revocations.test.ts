// The revocation shown on a live habilitation before it happens: the earliest of its convention's end
// and a processed suppression still to come, in the words and date format of the screens.
import { describe, expect, it } from '@jest/globals';
import { firstScheduledRevocation, scheduledRevocationLabel, type ScheduledRevocation } from '../../../../src/domain/habilitation/scheduled-revocations.js';

const end = (date: string): ScheduledRevocation => ({ date, cause: 'convention-end', conventionNumber: '78/2026/0004AS – T2' });
const suppression = (date: string, formReference: string | null = 'DS-2026-000012'): ScheduledRevocation => ({ date, cause: 'suppression', requestId: 7, formReference });

describe('scheduled revocations', () => {
  it('says when and why, with the date as the screens show it', () => {
    expect(scheduledRevocationLabel(end('2026-12-31'))).toBe('Révocation prévue le 31/12/2026 : fin de la convention 78/2026/0004AS – T2');
    expect(scheduledRevocationLabel(suppression('2027-02-05'))).toBe('Révocation prévue le 05/02/2027 : demande de suppression DS-2026-000012');
    // A paper form recorded without its printed reference: the request's number.
    expect(scheduledRevocationLabel(suppression('2027-02-05', null))).toBe('Révocation prévue le 05/02/2027 : demande de suppression n° 7');
  });

  it('the earliest one is the one that will happen; on the same day, the end of the convention', () => {
    expect(firstScheduledRevocation([])).toBeNull();
    expect(firstScheduledRevocation([end('2027-03-15'), suppression('2026-12-31')])).toEqual(suppression('2026-12-31'));
    expect(firstScheduledRevocation([suppression('2026-12-31'), end('2026-12-01')])).toEqual(end('2026-12-01'));
    expect(firstScheduledRevocation([suppression('2026-12-31'), end('2026-12-31')])).toEqual(end('2026-12-31'));
  });
});
