// The next convention number (DOMAIN.md « Convention »: `{département}/{année}/{séquence}{suffixe} –
// {profil}`, generated, unique, never reused). The sequence restarts each year and is kept in the
// SequenceCounter row `convention:{année}`; département and suffix come from the Settings row.
import type { EntityManager } from 'typeorm';
import { nextSequenceValue } from '../shared/sequence.js';
import { formatConventionNumber, parseConventionNumber } from './convention.rules.js';

export interface ConventionNumbering {
  /** Settings.departmentCode, e.g. '78'. */
  departmentCode: string;
  /** Settings.numberSuffix, e.g. 'AS' (may be empty). */
  numberSuffix: string;
}

export interface ConventionNumber {
  number: string;
  year: number;
  sequence: number;
}

export const conventionCounterName = (year: number) => `convention:${year}`;

/**
 * Reserves the next number of `year` for a convention of profile `profileCode`, in the caller's
 * transaction when `manager` runs one (the number is then given back if the caller rolls back),
 * otherwise in a transaction of its own, committed at once: a convention that then fails to be saved
 * leaves a gap, never a duplicate. Numbers are unique even with two server instances.
 */
export async function nextConventionNumber(
  manager: EntityManager, settings: ConventionNumbering, profileCode: string, year: number,
): Promise<ConventionNumber> {
  const name = conventionCounterName(year);
  const format = (sequence: number): ConventionNumber => ({
    number: formatConventionNumber({ department: settings.departmentCode, year, sequence, suffix: settings.numberSuffix, profileCode }),
    year,
    sequence,
  });
  // Checked before reserving anything: a bad Settings row must not burn numbers.
  format(1);
  if (manager.queryRunner?.isTransactionActive) return format(await nextSequenceValue(manager, name));
  return format(await manager.transaction((tx) => nextSequenceValue(tx, name)));
}

/**
 * The number of a draft whose profile is changed: same département, year, sequence and suffix, new
 * profile code (the sequence stays reserved to that convention, so nothing is reused).
 */
export function renumberForProfile(number: string, profileCode: string): string {
  const parts = parseConventionNumber(number);
  if (!parts) throw new RangeError(`Numéro de convention illisible : « ${number} ».`);
  return formatConventionNumber({ ...parts, profileCode });
}
