// The dates an agent needs on a convention's page: its next anniversary (tacit renewal, art. 5) and the
// last day a dénonciation still stops it, or the end already fixed by a dénonciation or a résiliation.
import type { Convention } from '../../entities/convention.entity.js';
import { nextAnniversary, noticeDeadline } from '../convention/convention.rules.js';
import { formatFrenchDate, isBefore, type IsoDate } from '../shared/dates.js';

export interface ConventionCalendar {
  /** The next anniversary of a live convention (null once its end is fixed, or before signature). */
  anniversary: IsoDate | null;
  /** Lines for the page: label → value. */
  lines: Array<{ label: string; value: string }>;
}

type Dated = Pick<Convention, 'status' | 'effectiveDate' | 'endDate' | 'kind'>;

export function conventionCalendar(convention: Dated, today: IsoDate): ConventionCalendar {
  const { status, effectiveDate, endDate, kind } = convention;
  if ((status === 'denoncee' || status === 'resiliee') && endDate) {
    return { anniversary: null, lines: [{ label: 'Fin de la convention', value: `le ${formatFrenchDate(endDate)} (dernier jour d’effet la veille)` }] };
  }
  if (status !== 'signee' || !effectiveDate) {
    return { anniversary: null, lines: [{ label: 'Anniversaire', value: 'fixé par la signature de la Caf (date d’effet)' }] };
  }
  const anniversary = nextAnniversary(effectiveDate, today);
  const deadline = noticeDeadline(anniversary, kind);
  const lines = [{ label: 'Prochain anniversaire', value: formatFrenchDate(anniversary) }];
  if (!isBefore(deadline, today)) {
    lines.push({ label: 'Dernier jour pour dénoncer', value: formatFrenchDate(deadline) });
  } else {
    // Too late for this anniversary: a notice received now ends the convention at the following one.
    const following = nextAnniversary(effectiveDate, anniversary);
    lines.push({
      label: 'Dernier jour pour dénoncer',
      value: `${formatFrenchDate(noticeDeadline(following, kind))} pour l’échéance du ${formatFrenchDate(following)} (délai passé pour celle du ${formatFrenchDate(anniversary)})`,
    });
  }
  return { anniversary, lines };
}
