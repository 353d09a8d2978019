// An upgrade restarts every instance at once: the migrations must run exactly once, whoever comes first.
import { describe, expect, it } from '@jest/globals';
import { freshDatabaseConfig } from '../support/database.js';
import { openDatabase } from '../../src/db/open-database.js';
import { MIGRATIONS } from '../../migrations/index.js';
import { schemaDrift } from '../../src/db/schema-drift.js';

describe('opening the database', () => {
  it('two instances starting together on an empty database apply each migration once and both start', async () => {
    const config = await freshDatabaseConfig('_open');
    const [first, second] = await Promise.all([openDatabase(config), openDatabase(config)]);
    try {
      const applied = await first.query('SELECT name FROM migrations') as Array<{ name: string }>;
      expect(applied).toHaveLength(MIGRATIONS.length);
      expect(new Set(applied.map((m) => m.name)).size).toBe(MIGRATIONS.length);
      expect(await schemaDrift(second)).toEqual([]);
      // Reference data written once too (the profiles T1…T4 of the convention's annex).
      const [{ n }] = await first.query('SELECT COUNT(*) AS n FROM access_profile') as Array<{ n: number | string }>;
      const [{ n: again }] = await second.query('SELECT COUNT(*) AS n FROM access_profile') as Array<{ n: number | string }>;
      expect(Number(n)).toBeGreaterThan(0);
      expect(Number(again)).toBe(Number(n));
    } finally {
      await Promise.all([first.destroy(), second.destroy()]);
    }
  });
});
