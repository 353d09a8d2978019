// The yearly recertification through the real server: the reference printed on the renewal notice
// opens its recertification, the return screen offers one choice and one date per line of the frozen
// list, applying it shows and keeps the result of each line, the roles that may not are refused, and
// the decision email reaches the responsable through the real SMTP server on loopback.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createMailer } from '../../src/adapters/mailer.js';
import { services } from '../../src/admin/services.js';
import { SYSTEM_ACTOR } from '../../src/domain/audit/audit.js';
import { issueRenewalNotice } from '../../src/domain/documents/renewal-notices.js';
import { deliverOutbox } from '../../src/domain/outbox/outbox.worker.js';
import { addDays, addYears, formatFrenchDate, todayInParis } from '../../src/domain/shared/dates.js';
import { Habilitation } from '../../src/entities/habilitation.entity.js';
import { OutboxEmail } from '../../src/entities/outbox-email.entity.js';
import { Recertification } from '../../src/entities/recertification.entity.js';
import type { StaffRole } from '../../src/policies/roles.js';
import { makeActiveHabilitation, makeSignedConventionWithResponsable } from '../db/outbox/support.js';
import { actionsApi, type ActionBody } from '../support/actions-api.js';
import { loginAllRoles, startTestServer, type Agent, type TestServer } from '../support/http.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';

describe('recertification, as the agents see it', () => {
  let server: TestServer;
  let agents: Record<StaffRole, Agent>;
  let smtp: TestSmtp;
  const { act, resourceAct, offered, expectForbidden } = actionsApi(() => agents);
  beforeAll(async () => {
    server = await startTestServer();
    agents = await loginAllRoles(server.app);
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp.close();
    await server.close();
  });

  it('reference → recertification; one screen with a choice per line; applied with per-line results; refused to the other roles; email received', async () => {
    const today = todayInParis(new Date());
    // Anniversary in 40 days: the notice is due (last day to denounce two months before it, already past: due on the anniversary).
    const anniversary = addDays(today, 40);
    const { convention, responsable } = await makeSignedConventionWithResponsable(server.dataSource, { effectiveDate: addYears(anniversary, -2) });
    const leaving = await makeActiveHabilitation(server.dataSource, convention.id, { lastName: 'Départ', firstName: 'Noël' });
    const staying = await makeActiveHabilitation(server.dataSource, convention.id, { lastName: 'Reste', firstName: 'Zoé' });
    const notice = await server.dataSource.transaction((m) => issueRenewalNotice(m, services().storage, convention.id, anniversary, SYSTEM_ACTOR));
    const recertification = await server.dataSource.getRepository(Recertification).findOneByOrFail({ documentId: notice.document.id });

    const found = (await resourceAct('gestionnaire-habilitations', 'Convention', 'lookupReference', { reference: notice.document.reference! })).body as ActionBody;
    expect(found.redirectUrl).toBe(`/admin/resources/Recertification/records/${recertification.id}/show`);

    const show = await agents['gestionnaire-habilitations'].get(`/admin/api/resources/Recertification/records/${recertification.id}/show`);
    expect(show.status).toBe(200);
    const fields = JSON.parse(show.body.record.params.lineFields) as Array<{ name: string; label: string; defaultValue: string }>;
    const lineId = (h: Habilitation) => fields.find((f) => f.label.startsWith(h.identifier) && f.name.startsWith('decision_'))!.name.split('_')[1];
    expect(fields.filter((f) => f.name.startsWith('decision_')).map((f) => f.defaultValue)).toEqual(['conserver', 'conserver']);
    expect(fields.filter((f) => f.name.startsWith('date_')).map((f) => f.defaultValue)).toEqual([anniversary, anniversary]);
    expect(show.body.record.params.frozenList).toContain(`${leaving.identifier} Noël DÉPART (active sur l’avis)`);
    expect(await offered('gestionnaire-habilitations', 'Recertification', recertification.id)).toEqual(expect.arrayContaining(['recordReturn', 'recordPastedReturn']));
    expect(await offered('consultation', 'Recertification', recertification.id)).not.toContain('recordReturn');

    const body = { [`decision_${lineId(leaving)}`]: 'supprimer', [`date_${lineId(leaving)}`]: today, [`decision_${lineId(staying)}`]: 'conserver', signatory: 'Françoise Lecœur', newUsers: 'Chloé Martin' };
    for (const role of ['consultation', 'gestionnaire-conventions', 'directeur'] as const) {
      expectForbidden(await act(role, 'Recertification', recertification.id, 'recordReturn', body));
    }
    expect((await server.dataSource.getRepository(Habilitation).findOneByOrFail({ id: leaving.id })).status).toBe('active');

    const applied = (await act('gestionnaire-habilitations', 'Recertification', recertification.id, 'recordReturn', body)).body as ActionBody;
    expect(applied.notice?.type).toBe('success');
    expect(applied.notice?.message).toContain(`${leaving.identifier} Noël DÉPART : révoquée le ${formatFrenchDate(today)}`);
    expect(applied.notice?.message).toContain(`${staying.identifier} Zoé RESTE : conservée`);
    expect(applied.redirectUrl).toBe(`/admin/resources/Recertification/records/${recertification.id}/show`);
    const after = (await agents['gestionnaire-habilitations'].get(`/admin/api/resources/Recertification/records/${recertification.id}/show`)).body.record.params;
    expect(after).toMatchObject({ status: 'retournee', signatory: 'Françoise Lecœur', returnedDate: today });
    expect(after.report).toContain(`${leaving.identifier} Noël DÉPART : révoquée`);
    expect(after.report).toContain('Nouvel utilisateur « Chloé Martin »');
    expect(after.frozenList).toContain(`${leaving.identifier} Noël DÉPART (active sur l’avis) : à supprimer → révoquée`);
    expect(await offered('gestionnaire-habilitations', 'Recertification', recertification.id)).not.toContain('recordReturn');
    expect((await server.dataSource.getRepository(Habilitation).findOneByOrFail({ id: leaving.id })).status).toBe('revoquee');

    // The decision email, through the outbox, to the responsable.
    const queued = await server.dataSource.getRepository(OutboxEmail).findOneByOrFail({ kind: 'recertification-returned', relatedId: String(recertification.id) });
    const mailer = createMailer({ smtpUrl: smtp.url, from: 'Cafpro <ne-pas-repondre@caf.fr>', dataDir: mkdtempSync(path.join(os.tmpdir(), 'cafpro-mail-')), connectionTimeoutMs: 2000 });
    try {
      await deliverOutbox({ dataSource: server.dataSource, mailer, storage: services().storage, clock: { now: () => new Date() } });
      const [mail] = await smtp.waitFor(1);
      expect(mail.to).toEqual([responsable!.email]);
      expect(mail.subject).toBe(`Convention Cafpro n° ${convention.number} : recertification annuelle enregistrée`);
      expect(mail.text).toContain(`- ${leaving.identifier} Noël DÉPART : révoquée le ${formatFrenchDate(today)}`);
      expect(mail.text).toContain('1 habilitation supprimée ou programmée (motif : suppression demandée — recertification annuelle), 1 conservée.');
      expect(mail.text).toContain('- Chloé Martin');
    } finally {
      mailer.close();
    }
    expect((await server.dataSource.getRepository(OutboxEmail).findOneByOrFail({ id: queued.id })).status).not.toBe('en-attente');
  });
});
