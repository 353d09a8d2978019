// Convention numbers on a real database (SQLite by default, MySQL/MariaDB with DATABASE_URL=mysql://…):
// in sequence, in the DOMAIN.md format, unique under concurrency, per year, given back only when the
// caller's own transaction rolls back.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { conventionCounterName, nextConventionNumber, renumberForProfile } from '../../src/domain/convention/convention-number.js';
import { parseConventionNumber } from '../../src/domain/convention/convention.rules.js';
import { SequenceCounter } from '../../src/entities/sequence-counter.entity.js';
import { openTestDataSource } from '../support/database.js';

const YVELINES = { departmentCode: '78', numberSuffix: 'AS' };

describe('nextConventionNumber', () => {
  let dataSource: DataSource;
  beforeAll(async () => { ({ dataSource } = await openTestDataSource()); });
  afterAll(async () => { await dataSource?.destroy(); });

  it('numbers in sequence from 1, in the format of the convention', async () => {
    const first = await nextConventionNumber(dataSource.manager, YVELINES, 'T2', 2031);
    const second = await nextConventionNumber(dataSource.manager, YVELINES, 'T1', 2031);
    expect(first).toEqual({ number: '78/2031/0001AS \u2013 T2', year: 2031, sequence: 1 });
    expect(second).toEqual({ number: '78/2031/0002AS \u2013 T1', year: 2031, sequence: 2 });
    expect(parseConventionNumber(second.number)).toEqual({ department: '78', year: 2031, sequence: 2, suffix: 'AS', profileCode: 'T1' });
    expect(await dataSource.manager.findOneBy(SequenceCounter, { name: conventionCounterName(2031) })).toMatchObject({ value: 2 });
  });

  it('restarts the sequence each year and continues after existing numbers', async () => {
    await dataSource.manager.save(SequenceCounter, { name: conventionCounterName(2032), value: 41 });
    expect(await nextConventionNumber(dataSource.manager, { departmentCode: '2A', numberSuffix: '' }, 'MAD', 2032))
      .toEqual({ number: '2A/2032/0042 \u2013 MAD', year: 2032, sequence: 42 });
    expect((await nextConventionNumber(dataSource.manager, YVELINES, 'T3', 2033)).sequence).toBe(1);
  });

  it('gives unique, gap-free numbers to concurrent callers (first number of a year included)', async () => {
    const numbers = await Promise.all(Array.from({ length: 12 }, (_, i) => nextConventionNumber(dataSource.manager, YVELINES, `T${(i % 3) + 1}`, 2034)));
    expect(numbers.map((n) => n.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(new Set(numbers.map((n) => n.number)).size).toBe(12);
    const more = await Promise.all(Array.from({ length: 8 }, () => nextConventionNumber(dataSource.manager, YVELINES, 'T2', 2034)));
    expect(more.map((n) => n.sequence).sort((a, b) => a - b)).toEqual(Array.from({ length: 8 }, (_, i) => i + 13));
  });

  it("runs in the caller's transaction: a rollback gives the number back, a commit keeps it", async () => {
    await expect(dataSource.transaction(async (manager) => {
      expect((await nextConventionNumber(manager, YVELINES, 'T2', 2035)).sequence).toBe(1);
      throw new Error('the convention could not be saved');
    })).rejects.toThrow('the convention could not be saved');
    const kept = await dataSource.transaction((manager) => nextConventionNumber(manager, YVELINES, 'T2', 2035));
    expect(kept.sequence).toBe(1);
    expect((await nextConventionNumber(dataSource.manager, YVELINES, 'T2', 2035)).sequence).toBe(2);
  });

  it('refuses a bad Settings row without reserving a number', async () => {
    await expect(nextConventionNumber(dataSource.manager, { departmentCode: '7', numberSuffix: 'AS' }, 'T2', 2036)).rejects.toThrow('Code département invalide');
    await expect(nextConventionNumber(dataSource.manager, YVELINES, 't2', 2036)).rejects.toThrow('Code profil invalide');
    expect(await dataSource.manager.findOneBy(SequenceCounter, { name: conventionCounterName(2036) })).toBeNull();
  });
});

describe('renumberForProfile', () => {
  it('keeps département, year, sequence and suffix, and changes the profile code', () => {
    expect(renumberForProfile('78/2026/0042AS \u2013 T2', 'T3')).toBe('78/2026/0042AS \u2013 T3');
    expect(() => renumberForProfile('n° 42', 'T3')).toThrow('Numéro de convention illisible');
  });
});
