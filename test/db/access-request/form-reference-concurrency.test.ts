// One paper form is recorded once: two agents recording the same printed reference at the same
// instant, from two instances, get one request and one French refusal (unique index on
// formReference, migration 1764100000000). On MariaDB the recordings run in parallel on two
// connection pools; on SQLite they share the file from two DataSources.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { recordAccessRequest } from '../../../src/domain/access-request/access-request.use-cases.js';
import { recordSuppressionRequest } from '../../../src/domain/suppression-request/suppression-request.use-cases.js';
import { AccessRequest } from '../../../src/entities/access-request.entity.js';
import { AuditEvent } from '../../../src/entities/audit-event.entity.js';
import { Scan } from '../../../src/entities/scan.entity.js';
import { SuppressionRequest } from '../../../src/entities/suppression-request.entity.js';
import { makeHabilitationRow, makeSignedConvention, openContext, requestForm, TODAY, uploadedFile } from '../habilitation/support.js';
import { withSecondInstance } from '../../support/database.js';

describe('the same paper form recorded twice at once', () => {
  const two = withSecondInstance(openContext);
  const instance = (i: number) => two.ctx.services(undefined, i % 2 ? two.other : two.ctx.dataSource);

  it('demande d’accès: 6 recordings of DA-2026-007777 → one request, five refusals naming it', async () => {
    const convention = await makeSignedConvention(two.ctx.dataSource);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) =>
      recordAccessRequest(instance(i), two.ctx.clerk, {
        ...requestForm(convention.id, { formReference: 'DA-2026-007777', email: `agent${i}@essai.fr` }), scan: uploadedFile(),
      })));

    const recorded = await two.ctx.dataSource.getRepository(AccessRequest).find({ where: { formReference: 'DA-2026-007777' } });
    expect(recorded).toHaveLength(1);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const refused of results.filter((r) => !r.ok)) {
      expect(refused.ok ? [] : refused.errors).toEqual([{ field: 'formReference', message: `Le formulaire DA-2026-007777 est déjà enregistré (demande n° ${recorded[0].id}).` }]);
    }
    expect(await two.ctx.dataSource.getRepository(AuditEvent).count({ where: { action: 'access-request.record', entityId: String(recorded[0].id) } })).toBe(1);
    // The scans of the refused recordings, written before their transaction rolled back, are gone.
    const stored = readdirSync(two.ctx.storage.root, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(stored).toHaveLength(1);
    expect(await two.ctx.dataSource.getRepository(Scan).count()).toBe(1);
  });

  it('demande de suppression: 4 recordings of DS-2026-008888 → one request', async () => {
    const convention = await makeSignedConvention(two.ctx.dataSource);
    const habilitation = await makeHabilitationRow(two.ctx.dataSource, convention.id);
    const form = { habilitationId: String(habilitation.id), formReference: 'DS-2026-008888', position: 'Agent', effectiveDate: TODAY, receivedDate: TODAY, employerSigned: 'true' };
    const results = await Promise.all(Array.from({ length: 4 }, (_, i) => recordSuppressionRequest(instance(i), two.ctx.clerk, { ...form })));

    expect(await two.ctx.dataSource.getRepository(SuppressionRequest).count({ where: { formReference: 'DS-2026-008888' } })).toBe(1);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // Whichever check stopped it (the index, or the « already pending » rule once the first was in).
    for (const refused of results.filter((r) => !r.ok)) expect(refused.message).toBe('Le formulaire contient des erreurs : corrigez les champs signalés.');
  });
});
