// The environment is read and validated here, once, at start; nothing else reads process.env.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from './policies/roles.js';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | { type: 'mysql'; url: string; database: string };

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  publicUrl: string;
  database: DatabaseConfig;
  dataDir: string;
  sessionSecret: string;
  /** Inactivity after which a session expires (minutes). */
  sessionIdleMinutes: number;
  demoPassword?: string;
  /** SMTP server of the outbox (smtp:// or smtps://); absent: emails are written as .eml files under DATA_DIR/mail. */
  smtpUrl?: string;
  /** Sender of every email (always set by loadConfig). */
  mailFrom?: string;
  /** The web process also runs the scheduler (outbox and daily jobs); default true in development. */
  runJobsInWeb?: boolean;
  /** Roles that must log in with a second factor (TOTP); the others may enrol from « Mon compte ». */
  mfaRoles: StaffRole[];
}

export const DEFAULT_MAIL_FROM = 'Cafpro <ne-pas-repondre@caf.fr>';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.string().url('PUBLIC_URL doit être une URL (ex. https://cafpro.caf.fr)').optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|mysql:\/\/.+)$/, 'DATABASE_URL doit être « sqlite:<chemin> » ou « mysql://utilisateur:motdepasse@hôte:port/base »')
    .default('sqlite:data/cafpro.sqlite'),
  DATA_DIR: z.string().default('data'),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET doit faire au moins 32 caractères').optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  DEMO_PASSWORD: z.string().min(12, 'DEMO_PASSWORD doit faire au moins 12 caractères').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, 'SMTP_URL doit être « smtp://utilisateur:motdepasse@hôte:port » ou « smtps://… »')
    .optional(),
  MAIL_FROM: z.string().min(3, 'MAIL_FROM doit être une adresse, ex. « Cafpro <ne-pas-repondre@caf.fr> »').default(DEFAULT_MAIL_FROM),
  RUN_JOBS_IN_WEB: z.stringbool({ error: 'RUN_JOBS_IN_WEB doit valoir true ou false' }).optional(),
  // Comma-separated role codes; empty: nobody is required to (everyone still may).
  MFA_ROLES: z.string().default('administrateur,directeur')
    .transform((value) => value.split(',').map((role) => role.trim()).filter(Boolean))
    .pipe(z.array(z.enum(STAFF_ROLES, {
      error: `MFA_ROLES : rôles séparés par des virgules parmi ${STAFF_ROLES.join(', ')} (${Object.values(ROLE_LABELS).join(', ')})`,
    }))),
});

export class ConfigError extends Error {}

export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) return { type: 'sqlite', path: url.slice('sqlite:'.length) };
  const database = new URL(url).pathname.replace(/^\//, '');
  if (!database) throw new ConfigError('DATABASE_URL (mysql) doit nommer une base, ex. mysql://root@127.0.0.1:3306/cafpro');
  return { type: 'mysql', url, database };
}

/** Outside production the session secret is generated once and kept in the data folder. */
function localSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Configuration invalide / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET est obligatoire en production / SESSION_SECRET is required when NODE_ENV=production');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    database: parseDatabaseUrl(e.DATABASE_URL),
    dataDir: e.DATA_DIR,
    sessionSecret: e.SESSION_SECRET ?? localSessionSecret(e.DATA_DIR),
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    demoPassword: e.DEMO_PASSWORD,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    runJobsInWeb: e.RUN_JOBS_IN_WEB ?? e.NODE_ENV === 'development',
    mfaRoles: [...new Set(e.MFA_ROLES)],
  };
}
