// The one search box's service (src/domain/search/global-search.ts), without AdminJS: exact references
// name one record, anything else is grouped by kind, accents and case aside, for the roles the policy
// table lets see each kind.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { ensureReferenceData } from '../../../src/db/reference-data.js';
import { globalSearch, SEARCH_MESSAGES } from '../../../src/domain/search/global-search.js';
import type { StaffRole } from '../../../src/policies/roles.js';
import { openTestDataSource } from '../../support/database.js';
import { seedSearch, type SearchFixture } from '../../support/search-fixture.js';

describe('global search', () => {
  let dataSource: DataSource;
  let seeded: SearchFixture;
  beforeAll(async () => {
    ({ dataSource } = await openTestDataSource());
    await dataSource.transaction((manager) => ensureReferenceData(manager));
    seeded = await seedSearch(dataSource);
  });
  afterAll(async () => { await dataSource?.destroy(); });

  const search = (text: string, role: StaffRole = 'consultation') => globalSearch(dataSource.manager, role, text);

  it('groups the persons and partners found by the beginning of a name, accents and case aside', async () => {
    const outcome = await search('DÛPONT');
    if (outcome.kind !== 'results') throw new Error(outcome.kind);
    const byKind = Object.fromEntries(outcome.groups.map((g) => [g.kind, g.hits.map((h) => h.id)]));
    expect(Object.keys(byKind)).toEqual(['Habilitation', 'AccessRequest', 'SuppressionRequest']);
    expect(byKind.Habilitation).toHaveLength(2); // DUPONT and Dupontel
    expect(byKind.AccessRequest).toEqual([seeded.requestId]);
    expect(byKind.SuppressionRequest).toEqual([seeded.suppressionId]);
    expect(outcome.groups[0].label).toBe('Habilitations');
    expect(outcome.groups[0].hits[0].title).toBe(`${seeded.habilitation.identifier} — DUPONT Jérôme`);

    const named = await search('jerome dupont');
    expect(named.kind === 'results' && named.groups.map((g) => [g.kind, g.hits.length])).toEqual([['Habilitation', 1], ['SuppressionRequest', 1]]);
    const responsable = await search('emile');
    expect(responsable.kind === 'results' && responsable.groups).toEqual([]);
    const dupond = await search('dupond émile');
    expect(dupond.kind === 'results' && dupond.groups.map((g) => g.kind)).toEqual(['HabilitationManager']);
    const partner = await search('POISSY-ÉMER');
    expect(partner.kind === 'results' && partner.groups.map((g) => [g.kind, g.hits[0].id])).toEqual([['Partner', seeded.partner.id]]);
    const email = await search('Jerome.Dupont@');
    expect(email.kind === 'results' && email.groups.map((g) => g.kind)).toEqual(['Habilitation', 'SuppressionRequest']);
  });

  it('opens the record of an exact reference: printed form, habilitation identifier, SIRET, convention number', async () => {
    expect(await search('da 2026 123')).toMatchObject({ kind: 'record', resource: 'AccessRequest', recordId: seeded.requestId });
    expect(await search(seeded.habilitation.identifier.toLowerCase())).toMatchObject({ kind: 'record', resource: 'Habilitation', recordId: seeded.habilitation.id });
    expect(await search(seeded.partner.siret)).toMatchObject({ kind: 'record', resource: 'Partner', recordId: seeded.partner.id });
    expect(await search(seeded.conventionNumber)).toMatchObject({ kind: 'record', resource: 'Convention', recordId: seeded.conventionId });
    expect(await search(seeded.conventionNumber.split(' ')[0].toLowerCase())).toMatchObject({ kind: 'record', resource: 'Convention', recordId: seeded.conventionId });
    // The beginning of a number lists the conventions it starts.
    const prefix = await search(seeded.conventionNumber.slice(0, 10));
    expect(prefix.kind === 'results' && prefix.groups.map((g) => g.kind)).toContain('Convention');
  });

  it('says what to type for a query too short, and nothing found in French', async () => {
    expect(await search(' d ')).toEqual({ kind: 'refused', message: SEARCH_MESSAGES.tooShort });
    expect(await search('zzzz')).toEqual({ kind: 'results', query: 'zzzz', groups: [] });
  });

  it('shows only the kinds the role may see (the policy table)', async () => {
    const nobody = 'visiteur' as StaffRole;
    expect(await search('dupont', nobody)).toEqual({ kind: 'results', query: 'dupont', groups: [] });
    expect(await search('DA-2026-000123', nobody)).toMatchObject({ kind: 'results', groups: [] });
  });
});
