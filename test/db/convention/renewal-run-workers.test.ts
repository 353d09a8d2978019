// The renewal run with its notices rendered ahead in worker threads (RenderAhead, RenderPool): the
// same notices, numbers and bytes as rendered in their own transactions, also when a register number
// is taken by someone else during the run and with two instances running it at once.
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { RenderPool } from '../../../src/documents/render-pool.js';
import { regenerateRenewalNotice, renewalRun } from '../../../src/domain/documents/renewal-notices.js';
import { nextSequenceValue } from '../../../src/domain/shared/sequence.js';
import { runInTransaction } from '../../../src/domain/shared/transaction.js';
import { Document } from '../../../src/entities/document.entity.js';
import { withSecondInstance } from '../../support/database.js';
import { makeHabilitationRow, makeSignedConvention, openContext, TODAY, type TestContext } from './support.js';

// Starting worker threads that load the TypeScript sources (tsx) takes seconds on a loaded machine.
const WORKERS_TIMEOUT = 240_000;

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('renewal run rendered in worker threads', () => {
  const instances = withSecondInstance(openContext);
  let ctx: TestContext;
  let other: DataSource;
  beforeAll(() => { ({ ctx, other } = instances); });

  const notices = () => ctx.dataSource.getRepository(Document).find({ where: { kind: 'renewal-notice' }, order: { id: 'ASC' } });

  /** Each notice's file is the one its record gives again, byte for byte, and its register number is its own. */
  async function expectConsistent(documents: Document[]) {
    for (const document of documents) {
      const stored = await ctx.storage.read(document);
      expect(sha256(stored)).toBe(document.sha256);
      const again = await ctx.dataSource.transaction((m) => regenerateRenewalNotice(m, document));
      expect(again && sha256(again)).toBe(document.sha256);
      expect(document.reference).toBe(`${document.registerYear}-${String(document.registerNumber).padStart(6, '0')}`);
    }
    const numbers = documents.map((d) => d.registerNumber);
    expect(new Set(numbers).size).toBe(numbers.length);
  }

  it('the notices rendered ahead are the ones rendered in their transaction; a number taken meanwhile is skipped, nothing made twice', async () => {
    for (let i = 0; i < 8; i++) {
      const convention = await makeSignedConvention(ctx.dataSource, `2025-0${(i % 2) + 1}-1${i}`);
      for (let k = 0; k < (i % 3) + 1; k++) await makeHabilitationRow(ctx.dataSource, convention.id, { lastName: `Lefèvre-${i}-${k}`, firstName: 'Hélène' });
    }
    let taken: Promise<number> | undefined;
    const pool = new RenderPool(2);
    await pool.whenReady();
    const first = await renewalRun(ctx.dataSource, ctx.storage, ctx.actor, TODAY, 100, (p) => {
      // another letter registered while the run goes on: the numbers predicted after it are wrong
      if (p.done === 2) taken = runInTransaction(ctx.dataSource, (m) => nextSequenceValue(m, `register:${TODAY.slice(0, 4)}`));
    }, { renderPool: pool }).finally(() => pool.close());
    expect(first).toMatchObject({ total: 8, created: 8, failed: 0, renderWorkers: 2 });
    expect(first.renderedAhead).toBeGreaterThan(0);
    const documents = await notices();
    expect(documents).toHaveLength(8);
    expect(documents.map((d) => d.registerNumber)).not.toContain(await taken);
    await expectConsistent(documents);

    const second = await renewalRun(ctx.dataSource, ctx.storage, ctx.actor, TODAY, 100, undefined, { renderWorkers: 2 });
    expect(second).toMatchObject({ total: 8, created: 0, existing: 8, renderedAhead: 0 });
    expect(second.combined?.id).toBe(first.combined?.id);
    expect(await notices()).toHaveLength(8);
  }, WORKERS_TIMEOUT);

  it('two instances running it at once with their workers create each notice once, each file as its record gives it', async () => {
    for (let i = 0; i < 6; i++) await makeSignedConvention(ctx.dataSource, `2025-0${(i % 2) + 1}-2${i}`);
    const before = (await notices()).length;
    const [a, b] = await Promise.all([
      renewalRun(ctx.dataSource, ctx.storage, ctx.actor, TODAY, 100, undefined, { renderWorkers: 2 }),
      renewalRun(other, ctx.storage, ctx.actor, TODAY, 100, undefined, { renderWorkers: 2 }),
    ]);
    expect(a.failed + b.failed).toBe(0);
    const documents = await notices();
    const keys = documents.map((d) => d.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(documents.length - before).toBe(6);
    expect(a.created + b.created).toBe(6);
    await expectConsistent(documents);
  }, WORKERS_TIMEOUT);
});
