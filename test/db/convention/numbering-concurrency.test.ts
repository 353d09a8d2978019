// Two agents, or two server instances, creating conventions at the same instant get different numbers
// (issue: « prove it with a test that fires 20 concurrent creations on MariaDB »). With
// DATABASE_URL=mysql://… the creations run on two DataSources (two connection pools, like two
// instances) and in parallel on each pool; on SQLite they go through the same file from two DataSources.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { createConvention } from '../../../src/domain/convention/convention.use-cases.js';
import { conventionCounterName } from '../../../src/domain/convention/convention-number.js';
import { parseConventionNumber } from '../../../src/domain/convention/convention.rules.js';
import { fixedClock } from '../../../src/domain/shared/clock.js';
import { AccessProfile } from '../../../src/entities/access-profile.entity.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { Convention } from '../../../src/entities/convention.entity.js';
import { SequenceCounter } from '../../../src/entities/sequence-counter.entity.js';
import { makePartner } from '../../support/factories.js';
import { NOW, openContext, type TestContext } from './support.js';
import { withSecondInstance } from '../../support/database.js';

describe('convention numbering under concurrency', () => {
  const instances = withSecondInstance(openContext);
  let ctx: TestContext;
  let other: DataSource;
  beforeAll(() => { ({ ctx, other } = instances); });

  it('20 concurrent creations on two instances → 20 distinct numbers, in sequence, each with its audit row', async () => {
    const profile = await ctx.dataSource.getRepository(AccessProfile).findOneByOrFail({ code: 'T2' });
    const partners = await Promise.all(Array.from({ length: 20 }, () => makePartner(ctx.dataSource)));
    const clock = fixedClock(NOW);
    const results = await Promise.all(partners.map((partner, i) => createConvention(
      { dataSource: i % 2 ? other : ctx.dataSource, storage: ctx.storage, clock },
      ctx.actor,
      { partnerId: String(partner.id), profileId: String(profile.id), signatoryCivility: 'Monsieur', signatoryName: 'Arnaud Péricard', signatoryTitle: 'Maire' },
    )));
    const failed = results.filter((r) => !r.ok);
    expect(failed).toEqual([]);
    const numbers = results.map((r) => (r.ok ? r.convention.number : ''));
    expect(new Set(numbers).size).toBe(20);
    const sequences = numbers.map((n) => parseConventionNumber(n)!.sequence).sort((a, b) => a - b);
    // The first number of the year is part of the race: 1..20, no gap, no duplicate.
    expect(sequences).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await ctx.dataSource.getRepository(Convention).count({ where: { year: 2026 } })).toBe(20);
    expect(await ctx.dataSource.getRepository(SequenceCounter).findOneByOrFail({ name: conventionCounterName(2026) })).toMatchObject({ value: 20 });
    expect(await ctx.dataSource.getRepository(AuditEvent).count({ where: { action: 'convention.create' } })).toBe(20);
  });
});
