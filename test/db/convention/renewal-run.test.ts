// « Avis de reconduction » run: one Document per convention and anniversary (a second run creates
// nothing), one combined PDF for printing, the domain event for each new notice, progress reported.
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { In, type DataSource } from 'typeorm';
import { onDomainEvent, type DomainEvent } from '../../../src/domain/events.js';
import { conventionsDueForRenewal, issueRenewalNotice, renewalRun, type RenewalRunProgress } from '../../../src/domain/documents/renewal-notices.js';
import { Document } from '../../../src/entities/document.entity.js';
import { JobRun } from '../../../src/entities/job-run.entity.js';
import { pdfText } from '../../support/pdf-text.js';
import { auditOf, makeConventionRow, makeHabilitationRow, makeSignedConvention, openContext, TODAY, type TestContext } from './support.js';
import { withSecondInstance } from '../../support/database.js';

const published: DomainEvent[] = [];
onDomainEvent(async (_manager, event) => { published.push(event); });

describe('renewal notices', () => {
  const instances = withSecondInstance(openContext);
  let ctx: TestContext;
  let other: DataSource;
  beforeAll(() => { ({ ctx, other } = instances); });

  const notices = () => ctx.dataSource.getRepository(Document).find({ where: { kind: 'renewal-notice' }, order: { id: 'ASC' } });

  it('issueRenewalNotice: once per anniversary, publishes « convention.renewal-notice » only when created', async () => {
    const c = await makeSignedConvention(ctx.dataSource, '2024-12-20');
    const before = published.length;
    const first = await ctx.dataSource.transaction((m) => issueRenewalNotice(m, ctx.storage, c.id, '2026-12-20', ctx.actor));
    const again = await ctx.dataSource.transaction((m) => issueRenewalNotice(m, ctx.storage, c.id, '2026-12-20', ctx.actor));
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, document: { id: first.document.id } });
    expect(published.slice(before)).toEqual([{ type: 'convention.renewal-notice', conventionId: c.id, anniversary: '2026-12-20', documentId: first.document.id }]);
    await expect(ctx.dataSource.transaction((m) => issueRenewalNotice(m, ctx.storage, c.id, '2026-12-21', ctx.actor)))
      .rejects.toThrow(`Le 21 décembre 2026 n’est pas une date anniversaire de la convention n° ${c.number}.`);
    const draft = await makeConventionRow(ctx.dataSource);
    await expect(ctx.dataSource.transaction((m) => issueRenewalNotice(m, ctx.storage, draft.id, '2026-12-21', ctx.actor)))
      .rejects.toThrow('elle n’est pas encore signée');
  });

  it('renewalRun: the signed conventions due in the next N days, one notice each, one combined PDF; twice → no duplicates', async () => {
    // Due on 23 November 2026 with 90 days: last day to denounce within 90 days (20 December 2026
    // for an anniversary on 20 February 2027), or already past before the anniversary (10 November
    // for 10 January 2027: a late run).
    const dueA = await makeSignedConvention(ctx.dataSource, '2025-01-10');
    const dueB = await makeSignedConvention(ctx.dataSource, '2024-02-20');
    for (let i = 0; i < 3; i++) await makeHabilitationRow(ctx.dataSource, dueB.id, { lastName: `Dupré-${i}`, firstName: 'Noël' });
    await makeHabilitationRow(ctx.dataSource, dueB.id, { status: 'revoquee', lastName: 'Révoqué' });
    // Not due: last day to denounce in 100 days (3 March 2027); denounced; draft.
    await makeSignedConvention(ctx.dataSource, '2025-05-03');
    await makeSignedConvention(ctx.dataSource, '2025-01-05', { status: 'denoncee', noticeParty: 'caf', noticeReceivedDate: '2026-10-01', endDate: '2027-01-05', endReason: 'x' });
    await makeConventionRow(ctx.dataSource);

    const existing = (await notices()).length;
    const seen: RenewalRunProgress[] = [];
    const first = await renewalRun(ctx.dataSource, ctx.storage, ctx.actor, TODAY, null, (p) => seen.push(p));
    // The convention of the first test (anniversary 20 December) is due too, and already notified.
    expect(first).toMatchObject({ leadDays: 90, total: 3, created: 2, existing: 1, failed: 0 });
    expect(first.notices.map((n) => [n.conventionId, n.anniversary])).toEqual(expect.arrayContaining([[dueA.id, '2027-01-10'], [dueB.id, '2027-02-20']]));
    expect(seen.map((p) => p.done)).toEqual([1, 2, 3]);
    expect((await notices()).length).toBe(existing + 2);

    const combined = first.combined!;
    expect(combined).toMatchObject({ kind: 'renewal-run', subjectType: 'JobRun', subjectId: first.jobRunId, generatedById: ctx.actor.staffUserId });
    const text = await pdfText(await ctx.storage.read(combined));
    expect(text.pageCount).toBeGreaterThanOrEqual(3);
    for (const phrase of [dueA.number, dueB.number, 'arrive à sa date anniversaire le 10 janvier 2027', 'Dupré-2', 'Noël']) expect(text.flat).toContain(phrase);
    expect(text.flat).not.toContain('Révoqué');
    const job = await ctx.dataSource.getRepository(JobRun).findOneByOrFail({ id: first.jobRunId });
    expect(job).toMatchObject({ job: 'renewal-run', status: 'termine', error: null });
    expect(JSON.parse(job.counts!)).toMatchObject({ total: 3, created: 2, existing: 1, combinedDocumentId: combined.id });

    const second = await renewalRun(ctx.dataSource, ctx.storage, ctx.actor, TODAY);
    expect(second).toMatchObject({ total: 3, created: 0, existing: 3 });
    expect(second.combined!.id).toBe(combined.id);
    expect((await notices()).length).toBe(existing + 2);
    expect(await ctx.dataSource.getRepository(Document).count({ where: { kind: 'renewal-run' } })).toBe(1);
  });

  it('renewalRun again after files went missing: each notice and the combined PDF put back identically; a notice that cannot be is issued again', async () => {
    const first = await renewalRun(ctx.dataSource, ctx.storage, ctx.actor, TODAY);
    const combined = first.combined!;
    const documents = ctx.dataSource.getRepository(Document);
    const [a, b] = await documents.findBy({ id: In(first.notices.slice(0, 2).map((n) => n.documentId)) });
    for (const file of [combined, a, b]) rmSync(path.join(ctx.storage.root, file.storagePath));

    const again = await renewalRun(ctx.dataSource, ctx.storage, ctx.actor, TODAY);
    expect(again).toMatchObject({ created: 0, existing: first.total, failed: 0 });
    expect(again.combined!.id).toBe(combined.id);
    for (const file of [combined, a, b]) {
      expect(createHash('sha256').update(await ctx.storage.read(file)).digest('hex')).toBe(file.sha256);
      expect(await auditOf(ctx.dataSource, 'Document', file.id)).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'document.regenerated' })]));
    }

    // Lost again, and a habilitation granted since under the first convention: its notice is issued again,
    // and the combined PDF is a new one (the notices are not the same documents any more).
    rmSync(path.join(ctx.storage.root, a.storagePath));
    await makeHabilitationRow(ctx.dataSource, a.subjectId, { lastName: 'Nouvelle' });
    const third = await renewalRun(ctx.dataSource, ctx.storage, ctx.actor, TODAY);
    expect(third).toMatchObject({ created: 1, existing: first.total - 1, failed: 0 });
    const reissued = third.notices.find((n) => n.conventionId === a.subjectId)!;
    expect(reissued.documentId).not.toBe(a.id);
    expect(third.combined!.id).not.toBe(combined.id);
    expect((await pdfText(await ctx.storage.read(third.combined!))).flat).toContain('Nouvelle');
  });

  it('the lead time runs to each kind’s own last day: three months before the anniversary for data provision', async () => {
    // Anniversary 20 May 2027. Data provision: last day 20 February 2027, 89 days after 23 November
    // 2026: due. Cafpro: last day 20 March 2027, 117 days away: not yet.
    const dataProvision = await makeSignedConvention(ctx.dataSource, '2025-05-20', {}, 'MAD');
    const cafpro = await makeSignedConvention(ctx.dataSource, '2025-05-20');
    const due = await conventionsDueForRenewal(ctx.dataSource.manager, TODAY, 90);
    expect(due.filter((d) => [dataProvision.id, cafpro.id].includes(d.convention.id))).toEqual([{ convention: expect.objectContaining({ id: dataProvision.id }), anniversary: '2027-05-20' }]);
    const later = await conventionsDueForRenewal(ctx.dataSource.manager, '2026-12-20', 90);
    expect(later.map((d) => d.convention.id)).toEqual(expect.arrayContaining([dataProvision.id, cafpro.id]));
  });

  it('two instances running it at once create each notice once', async () => {
    for (let i = 0; i < 6; i++) await makeSignedConvention(ctx.dataSource, `2025-0${(i % 2) + 1}-1${i}`);
    const before = (await notices()).length;
    const [a, b] = await Promise.all([
      renewalRun(ctx.dataSource, ctx.storage, ctx.actor, TODAY, 100),
      renewalRun(other, ctx.storage, ctx.actor, TODAY, 100),
    ]);
    expect(a.failed + b.failed).toBe(0);
    const keys = (await notices()).map((d) => d.dedupeKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length - before).toBe(a.created + b.created);
    expect(a.total).toBe(b.total);
  });

  it('with N = 0 nothing is due: no combined PDF', async () => {
    const result = await renewalRun(ctx.dataSource, ctx.storage, ctx.actor, '2026-06-01', 0);
    expect(result).toMatchObject({ total: 0, combined: null });
  });
});
