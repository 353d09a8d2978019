// The login lockout under parallel attempts (audit item 2): 200 simultaneous wrong passwords used to
// be all checked, then the right one logged in. Every attempt is now counted before its check, so
// after the 5th failure nothing else is checked — on one instance, or on two sharing the database —
// and a locked account answers in the time of an unknown one.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Express } from 'express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../src/auth/password.js';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { StaffUser } from '../../src/entities/staff-user.entity.js';
import { createApp } from '../../src/server.js';
import type { Clock } from '../../src/domain/shared/clock.js';
import { withSecondInstance } from '../support/database.js';
import { ORIGIN, startTestServer, TEST_PASSWORD, type TestServer } from '../support/http.js';

// The server's clock, moved forward to let a lock run out.
let offset = 0;
const clock: Clock = { now: () => new Date(Date.now() + offset) };

describe('login lockout under parallel attempts', () => {
  const instances = withSecondInstance(async () => {
    const server = await startTestServer({ clock });
    return { ...server, config: server.appConfig.database };
  });
  let server: TestServer;
  let other: DataSource;
  let secondApp: Express;
  beforeAll(() => {
    ({ ctx: server, other } = instances);
    // A second server instance on the same database (its own connection pool / SQLite handle).
    secondApp = createApp(server.appConfig, other, clock).app;
  });

  let n = 0;
  const newAgent = async () => server.dataSource.getRepository(StaffUser).save({
    email: `verrou${++n}@test.caf.fr`, name: `Agent verrou ${n}`, role: 'consultation' as const, active: true, passwordHash: await hashPassword(TEST_PASSWORD),
  });
  const attempt = (app: Express, email: string, password: string) =>
    request(app).post('/admin/login').set('Origin', ORIGIN).type('form').send({ email, password });
  const loggedIn = (res: request.Response) => res.status === 302 && res.headers.location === '/admin';
  const refused = (res: request.Response) => res.status === 200 && res.text.includes('Identifiants incorrects');
  const journal = async (user: StaffUser) => {
    const events = await server.dataSource.getRepository(AuditEvent).findBy({ entityType: 'StaffUser', entityId: String(user.id) });
    const count = (action: string, reason?: string) => events.filter((e) => e.action === action && (reason === undefined || e.reason === reason)).length;
    return {
      checked: count('login.failure', 'mot de passe incorrect'),
      lockedOut: count('login.failure', 'compte verrouillé'),
      lockouts: count('login.lockout'),
      successes: count('login.success'),
    };
  };
  const counter = (user: StaffUser) => server.dataSource.getRepository(StaffUser).findOneByOrFail({ id: user.id });

  it('50 simultaneous wrong passwords: 5 are checked, the account locks, then the right password is refused', async () => {
    const user = await newAgent();
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt(server.app, user.email, `Faux-mot-de-passe-${i}!`)));
    expect(answers.filter(refused)).toHaveLength(50);
    const right = await attempt(server.app, user.email, TEST_PASSWORD);
    expect(refused(right)).toBe(true);

    // Exactly 5 argon2 verifications of the real hash: one journaled « mot de passe incorrect » each.
    expect(await journal(user)).toEqual({ checked: 5, lockedOut: 46, lockouts: 1, successes: 0 });
    const row = await counter(user);
    expect(row.failedAttempts).toBe(5);
    expect(row.lockedUntil!.getTime()).toBeGreaterThan(clock.now().getTime() + 50_000);
    expect(row.lockedUntil!.getTime()).toBeLessThanOrEqual(clock.now().getTime() + 60_000);
  });

  it('the same on two instances sharing the database: 5 checked in all, one lockout, the right password refused on both', async () => {
    const user = await newAgent();
    const apps = [server.app, secondApp];
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt(apps[i % 2], user.email, `Faux-mot-de-passe-${i}!`)));
    expect(answers.filter(refused)).toHaveLength(50);
    expect(refused(await attempt(server.app, user.email, TEST_PASSWORD))).toBe(true);
    expect(refused(await attempt(secondApp, user.email, TEST_PASSWORD))).toBe(true);
    expect(await journal(user)).toEqual({ checked: 5, lockedOut: 47, lockouts: 1, successes: 0 });
    expect((await counter(user)).failedAttempts).toBe(5);
  });

  it('keeps the policy: a right password clears the count; after the 1-minute lock, one more failure locks for 2 minutes', async () => {
    const user = await newAgent();
    for (let i = 0; i < 3; i++) expect(refused(await attempt(server.app, user.email, `Faux-${i}`))).toBe(true);
    expect((await counter(user)).failedAttempts).toBe(3);
    expect(loggedIn(await attempt(server.app, user.email, TEST_PASSWORD))).toBe(true);
    expect(await counter(user)).toMatchObject({ failedAttempts: 0, lockedUntil: null });

    for (let i = 0; i < 5; i++) await attempt(server.app, user.email, `Faux-${i}`);
    expect((await counter(user)).failedAttempts).toBe(5);
    offset += 61_000;
    const sixth = await attempt(secondApp, user.email, 'Faux-6');
    expect(refused(sixth)).toBe(true);
    const row = await counter(user);
    expect(row.failedAttempts).toBe(6);
    const minutes = (row.lockedUntil!.getTime() - clock.now().getTime()) / 60_000;
    expect(minutes).toBeGreaterThan(1.9);
    expect(minutes).toBeLessThanOrEqual(2);
    expect((await journal(user)).lockouts).toBe(2);
    offset += 121_000;
    expect(loggedIn(await attempt(server.app, user.email, TEST_PASSWORD))).toBe(true);
    expect(await counter(user)).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it('a locked account answers in the time of an unknown one (it does not reveal that it exists)', async () => {
    const user = await newAgent();
    for (let i = 0; i < 5; i++) await attempt(server.app, user.email, `Faux-${i}`);
    expect((await counter(user)).lockedUntil!.getTime()).toBeGreaterThan(clock.now().getTime());
    const timed = async (email: string) => {
      const start = process.hrtime.bigint();
      expect(refused(await attempt(server.app, email, 'Faux-mot-de-passe'))).toBe(true);
      return Number(process.hrtime.bigint() - start) / 1e6;
    };
    const locked: number[] = [];
    const unknown: number[] = [];
    // Interleaved, so that a burst of load on the machine weighs on both alike; the fastest of each
    // is compared (load only ever adds time, so the minimum is the cost of the work itself).
    for (let i = 0; i < 9; i++) {
      unknown.push(await timed(`inconnu${i}@test.caf.fr`));
      locked.push(await timed(user.email));
    }
    // Both now run one argon2 verification (≈ 1 : 1); a locked account used to answer in ≈ 0.3 of the time
    // on a quiet machine (under heavy load the HTTP and database work blur the difference).
    expect(Math.min(...locked)).toBeGreaterThanOrEqual(0.6 * Math.min(...unknown));
  });
});
