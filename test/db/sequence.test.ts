import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { nextSequenceValue } from '../../src/domain/shared/sequence.js';
import { openTestDataSource } from '../support/database.js';

describe('named sequences', () => {
  let dataSource: DataSource;
  beforeAll(async () => { ({ dataSource } = await openTestDataSource()); });
  afterAll(async () => { await dataSource?.destroy(); });

  it('give 30 distinct consecutive values to 30 concurrent transactions, from a counter that did not exist', async () => {
    const values = await Promise.all(Array.from({ length: 30 }, () =>
      dataSource.transaction((manager) => nextSequenceValue(manager, 'essai:concurrent'))));
    expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('give the value back when the transaction rolls back', async () => {
    await expect(dataSource.transaction(async (manager) => {
      await nextSequenceValue(manager, 'essai:rollback');
      throw new Error('annulé');
    })).rejects.toThrow('annulé');
    expect(await dataSource.transaction((manager) => nextSequenceValue(manager, 'essai:rollback'))).toBe(1);
  });

  it('refuse to run outside a transaction', async () => {
    await expect(nextSequenceValue(dataSource.manager, 'essai:x')).rejects.toThrow('inside a transaction');
  });
});
