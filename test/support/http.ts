// The real Express app on a fresh database, with one staff account per role, and logged-in agents.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BaseEntity, type DataSource } from 'typeorm';
import request from 'supertest';
import type { Express } from 'express';
import type { AppConfig } from '../../src/config.js';
import { ensureReferenceData } from '../../src/db/reference-data.js';
import { loadDemoData } from '../../src/db/demo-data.js';
import { todayInParis } from '../../src/domain/shared/dates.js';
import { StaffUser } from '../../src/entities/staff-user.entity.js';
import { hashPassword } from '../../src/auth/password.js';
import { STAFF_ROLES, type StaffRole } from '../../src/policies/roles.js';
import { createApp } from '../../src/server.js';
import { createLogger } from '../../src/adapters/logger.js';
import type { DestinationStream } from 'pino';
import type { Clock } from '../../src/domain/shared/clock.js';
import { openTestDataSource } from './database.js';

export const TEST_PASSWORD = 'Essai-Cafpro-2026!';
export const ORIGIN = 'http://localhost:3000';
export const emailOf = (role: StaffRole) => `${role}@test.caf.fr`;

export interface TestServer {
  app: Express;
  dataSource: DataSource;
  users: Record<StaffRole, StaffUser>;
  /** The server's DATA_DIR (files, temporary uploads). */
  dataDir: string;
  /** The configuration the app was built with (a second instance on the same database reuses it). */
  appConfig: AppConfig;
  close(): Promise<void>;
}

/**
 * `demoData`: the demo data of `npm start` (partners, conventions, requests… in every state) first.
 * `mfaRoles`: roles that must give a second factor (MFA_ROLES; none by default, so that `loginAs`
 * logs straight in). `clock`: the server's clock (second-factor codes are tied to the time).
 * `config`: other settings that differ from the test defaults (e.g. `trustProxy`); `logs`: captures the log lines.
 */
export async function startTestServer(options: {
  demoData?: boolean; mfaRoles?: StaffRole[]; clock?: Clock; config?: Partial<AppConfig>; logs?: DestinationStream;
} = {}): Promise<TestServer> {
  const { dataSource, config: database } = await openTestDataSource();
  await dataSource.transaction((manager) => ensureReferenceData(manager));
  if (options.demoData) await loadDemoData(dataSource, { password: TEST_PASSWORD, today: todayInParis(new Date()) });
  BaseEntity.useDataSource(dataSource);
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const users = {} as Record<StaffRole, StaffUser>;
  for (const role of STAFF_ROLES) {
    users[role] = await dataSource.getRepository(StaffUser).save({ email: emailOf(role), name: `Agent ${role}`, role, active: true, passwordHash });
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cafpro-files-'));
  const config: AppConfig = {
    env: 'test', port: 3000, publicUrl: ORIGIN, database, dataDir, sessionSecret: 'x'.repeat(48), sessionIdleMinutes: 30, sessionMaxHours: 12,
    mfaRoles: options.mfaRoles ?? [],
    ...options.config,
  };
  const { app } = createApp(config, dataSource, options.clock, options.logs ? createLogger(config, options.logs) : undefined);
  return { app, dataSource, users, dataDir, appConfig: config, close: () => dataSource.destroy() };
}

/** A supertest agent (keeps cookies) logged in as the given role. */
export async function loginAs(app: Express, role: StaffRole) {
  const agent = request.agent(app);
  const res = await agent.post('/admin/login').set('Origin', ORIGIN).type('form').send({ email: emailOf(role), password: TEST_PASSWORD });
  if (res.status !== 302 || res.headers.location !== '/admin') throw new Error(`login ${role} failed: ${res.status}`);
  return agent;
}

export type Agent = Awaited<ReturnType<typeof loginAs>>;

/** One logged-in agent per role. */
export async function loginAllRoles(app: Express): Promise<Record<StaffRole, Agent>> {
  const agents = {} as Record<StaffRole, Agent>;
  for (const role of STAFF_ROLES) agents[role] = await loginAs(app, role);
  return agents;
}

/** supertest parser keeping a binary body (PDF) as a Buffer: `.buffer(true).parse(binary)`. */
export const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};
