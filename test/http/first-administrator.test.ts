// A Caf installs the product on an empty database: `npm run admin:create` makes the first
// Administrateur (production settings), who logs in through the real server and must first replace
// the one-time password.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { AppConfig, DatabaseConfig } from '../../src/config.js';
import { AuditEvent } from '../../src/entities/audit-event.entity.js';
import { StaffUser } from '../../src/entities/staff-user.entity.js';
import { createApp } from '../../src/server.js';
import { freshDatabaseConfig, secondDataSource } from '../support/database.js';
import { ORIGIN } from '../support/http.js';

const run = promisify(execFile);

describe('npm run admin:create', () => {
  let database: DatabaseConfig;
  let dataSource: DataSource;
  const env = () => ({
    ...process.env,
    NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), PUBLIC_URL: 'https://cafpro.caf-exemple.fr', TRUST_PROXY: '1',
    DATABASE_URL: database.type === 'sqlite' ? `sqlite:${database.path}` : database.url,
  });
  const command = (args: string[], input?: string) => {
    const child = run('npx', ['tsx', 'src/cli/admin-create.ts', ...args], { env: env() });
    if (input !== undefined) { child.child.stdin!.end(input); }
    return child;
  };
  beforeAll(async () => { database = await freshDatabaseConfig(); });
  afterAll(async () => { await dataSource?.destroy(); });

  it('creates the first Administrateur on an empty database, who logs in and must change the password', async () => {
    const { stdout } = await command(['--email', 'Premiere.Admin@caf-exemple.fr', '--name', 'Claire PREMIÈRE']);
    expect(stdout).toContain('Administrateur créé : premiere.admin@caf-exemple.fr');
    const password = /Mot de passe à usage unique : (\S+)/.exec(stdout)![1];

    dataSource = await secondDataSource(database);
    const user = await dataSource.getRepository(StaffUser).findOneByOrFail({ email: 'premiere.admin@caf-exemple.fr' });
    expect(user).toMatchObject({ role: 'administrateur', active: true, mustChangePassword: true });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const journal = await dataSource.getRepository(AuditEvent).findOneByOrFail({ action: 'staff.create', entityId: String(user.id) });
    expect(journal.actorId).toBeNull();
    expect(journal.reason).toContain('admin:create');

    const config: AppConfig = {
      env: 'test', port: 3000, publicUrl: ORIGIN, database, dataDir: mkdtempSync(path.join(os.tmpdir(), 'cafpro-files-')),
      sessionSecret: 'x'.repeat(48), sessionIdleMinutes: 30, sessionMaxHours: 12, mfaRoles: [],
    };
    const agent = request.agent(createApp(config, dataSource).app);
    const login = await agent.post('/admin/login').set('Origin', ORIGIN).type('form').send({ email: 'premiere.admin@caf-exemple.fr', password });
    expect(login.status).toBe(302);
    const home = await agent.get('/admin');
    expect(home.status).toBe(302);
    expect(home.headers.location).toContain('/mon-compte/mot-de-passe');
  });

  it('refuses an email that already exists, and a password read from standard input that breaks the policy', async () => {
    await expect(command(['--email', 'premiere.admin@caf-exemple.fr', '--name', 'Autre'])).rejects.toMatchObject({
      code: 1, stderr: expect.stringContaining('Un agent utilise déjà cette adresse électronique.'),
    });
    await expect(command(['--email', 'second@caf-exemple.fr', '--name', 'Second', '--password-stdin'], 'court')).rejects.toMatchObject({
      code: 1, stderr: expect.stringContaining('12 caractères'),
    });
    const { stdout } = await command(['--email', 'second@caf-exemple.fr', '--name', 'Second ADMIN', '--password-stdin'], 'Un-Mot-De-Passe-Long-2026!\n');
    expect(stdout).toContain('Le mot de passe fourni devra être changé');
    expect(stdout).not.toContain('Un-Mot-De-Passe-Long-2026!');
    expect(await dataSource.getRepository(StaffUser).countBy({ role: 'administrateur' })).toBe(2);
  });

  it('says how to call it', async () => {
    await expect(command([])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('Usage : npm run admin:create') });
  });
});
