// The pure parts of the convention use cases: the French explanation of a dénonciation's end date
// (shown before confirming) and the classification of database errors that drives the retries.
import { describe, expect, it } from '@jest/globals';
import { describeDenunciation } from '../../../../src/domain/convention/convention.use-cases.js';
import { isTransientLockError, isUniqueViolation } from '../../../../src/domain/shared/transaction.js';
import { applyConventionEvent, type ConventionEffects } from '../../../../src/domain/convention/convention.workflow.js';

type Denounce = Extract<ConventionEffects, { type: 'denounce' }>;

function denounce(effectiveDate: string, receivedDate: string, kind: 'cafpro' | 'data-provision' = 'cafpro'): Denounce {
  const result = applyConventionEvent(
    { status: 'signee', kind, sentDate: effectiveDate, effectiveDate, endDate: null },
    { type: 'denounce', party: 'partenaire', receivedDate, reason: 'Fin de mission' },
    '2030-01-01',
  );
  if (!result.ok) throw new Error(result.message);
  return result.effects as Denounce;
}

describe('describeDenunciation', () => {
  it('in time: the anniversary, the deadline met and the last day of access', () => {
    const text = describeDenunciation(denounce('2024-03-15', '2026-01-15'), { effectiveDate: '2024-03-15', kind: 'cafpro' });
    expect(text).toBe('Dénonciation dans les délais : reçue le 15 janvier 2026, au plus tard le 15 janvier 2026. '
      + 'La convention prendra fin le 15 mars 2026 (date anniversaire ; dernier jour d’accès : 14 mars 2026).');
  });

  it('late: the missed anniversary and its deadline, then the following anniversary', () => {
    const text = describeDenunciation(denounce('2024-03-15', '2026-01-16'), { effectiveDate: '2024-03-15', kind: 'cafpro' });
    expect(text).toContain('Dénonciation tardive : reçue le 16 janvier 2026, après le dernier jour pour dénoncer avant l’échéance du 15 mars 2026 (15 janvier 2026)');
    expect(text).toContain('La convention prendra fin le 15 mars 2027');
  });

  it('data provision: three months (art. 3); signed on 29 February', () => {
    const text = describeDenunciation(denounce('2024-02-29', '2026-11-29', 'data-provision'), { effectiveDate: '2024-02-29', kind: 'data-provision' });
    expect(text).toContain('avant l’échéance du 28 février 2027 (28 novembre 2026)');
    expect(text).toContain('prendra fin le 29 février 2028');
  });
});

describe('database error classification', () => {
  const typeorm = (driverError: object) => Object.assign(new Error('QueryFailedError'), { driverError });

  it('recognises deadlocks and lock waits (run again) on MySQL/MariaDB and SQLite', () => {
    expect(isTransientLockError(typeorm({ errno: 1213, code: 'ER_LOCK_DEADLOCK' }))).toBe(true);
    expect(isTransientLockError(typeorm({ errno: 1205, code: 'ER_LOCK_WAIT_TIMEOUT' }))).toBe(true);
    expect(isTransientLockError(typeorm({ code: 'SQLITE_BUSY' }))).toBe(true);
    expect(isTransientLockError(typeorm({ errno: 1062, code: 'ER_DUP_ENTRY' }))).toBe(false);
    expect(isTransientLockError(new Error('autre'))).toBe(false);
  });

  it('recognises unique violations', () => {
    expect(isUniqueViolation(typeorm({ errno: 1062, code: 'ER_DUP_ENTRY' }))).toBe(true);
    expect(isUniqueViolation(typeorm({ code: 'SQLITE_CONSTRAINT_UNIQUE', message: 'UNIQUE constraint failed: habilitation_manager.currentFor' }))).toBe(true);
    expect(isUniqueViolation(typeorm({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' }))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});
