// Approvals at the same instant (issue: « Two agents approving the same request at the same time:
// exactly one habilitation; concurrent approvals on a convention one place below its cap: exactly one
// passes. Prove both with concurrent tests on MariaDB »). With DATABASE_URL=mysql://… the approvals
// run on two DataSources (two connection pools, like two server instances) and in parallel on each;
// on SQLite they go through the same file from two DataSources.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { approveAccessRequest } from '../../../src/domain/access-request/access-request.use-cases.js';
import { AccessRequest } from '../../../src/entities/access-request.entity.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { Document } from '../../../src/entities/document.entity.js';
import { Habilitation } from '../../../src/entities/habilitation.entity.js';
import { makeHabilitationRow, makeRequestRow, makeSignedConvention, openContext, type TestContext } from '../habilitation/support.js';
import { withSecondInstance } from '../../support/database.js';

describe('approvals under concurrency', () => {
  const instances = withSecondInstance(openContext);
  let ctx: TestContext;
  let other: DataSource;
  beforeAll(() => { ({ ctx, other } = instances); });

  const instance = (i: number) => ctx.services(undefined, i % 2 ? other : ctx.dataSource);

  it('the same request approved 6 times at once (two agents, two instances) → exactly one habilitation, one letter, one audit row', async () => {
    const convention = await makeSignedConvention(ctx.dataSource);
    const request = await makeRequestRow(ctx.dataSource, convention.id);
    const agents = [ctx.instructor, ctx.secondInstructor];
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => approveAccessRequest(instance(i), agents[i % 2], request.id)));

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const refused of results.filter((r) => !r.ok)) {
      expect(['Cette demande est déjà approuvée.', 'Cette demande vient d’être modifiée par un autre agent : rechargez la page et recommencez.']).toContain(refused.message);
    }
    const issued = await ctx.dataSource.getRepository(Habilitation).find({ where: { conventionId: convention.id } });
    expect(issued).toHaveLength(1);
    expect(await ctx.dataSource.getRepository(AccessRequest).findOneByOrFail({ id: request.id })).toMatchObject({ status: 'approuvee', habilitationId: issued[0].id });
    expect(await ctx.dataSource.getRepository(Document).count({ where: { kind: 'habilitation-letter', subjectId: issued[0].id } })).toBe(1);
    expect(await ctx.dataSource.getRepository(AuditEvent).count({ where: { action: 'access-request.approve', entityId: String(request.id) } })).toBe(1);
  });

  it('8 different requests approved at once on a convention one place below its cap → exactly one passes', async () => {
    const convention = await makeSignedConvention(ctx.dataSource, { habilitationCap: 3 });
    await makeHabilitationRow(ctx.dataSource, convention.id);
    await makeHabilitationRow(ctx.dataSource, convention.id, { status: 'suspendue' });
    const requests = [];
    for (let i = 0; i < 8; i++) requests.push(await makeRequestRow(ctx.dataSource, convention.id));
    const agents = [ctx.instructor, ctx.secondInstructor];
    const results = await Promise.all(requests.map((r, i) => approveAccessRequest(instance(i), agents[i % 2], r.id)));

    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(new Set(results.filter((r) => !r.ok).map((r) => r.message))).toEqual(new Set(["Le nombre maximal d'habilitations de la convention est atteint (3 sur 3)."]));
    expect(await ctx.dataSource.getRepository(Habilitation).count({ where: { conventionId: convention.id } })).toBe(3);
    const statuses = (await ctx.dataSource.getRepository(AccessRequest).find({ where: { conventionId: convention.id } })).map((r) => r.status).sort();
    expect(statuses).toEqual(['approuvee', ...Array(7).fill('recue')]);
  });

  it('approvals on different conventions at once all pass, with distinct identifiers', async () => {
    const conventions = await Promise.all(Array.from({ length: 4 }, () => makeSignedConvention(ctx.dataSource, { habilitationCap: 10 })));
    const requests = [];
    for (const c of conventions) for (let i = 0; i < 3; i++) requests.push(await makeRequestRow(ctx.dataSource, c.id));
    const results = await Promise.all(requests.map((r, i) => approveAccessRequest(instance(i), ctx.instructor, r.id)));
    expect(results.filter((r) => !r.ok).map((r) => r.message)).toEqual([]);
    const identifiers = results.map((r) => (r.ok ? r.habilitation.identifier : ''));
    expect(new Set(identifiers).size).toBe(12);
  });
});
