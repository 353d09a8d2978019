// The environment is read and validated here, once, at start; nothing else reads process.env.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from './policies/roles.js';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | { type: 'mysql'; url: string; database: string };

/** An S3-compatible bucket for the files (src/adapters/s3-storage.ts). */
export interface S3StorageConfig {
  bucket: string;
  /** The S3 API of a store other than AWS (https://s3.example.fr); absent: AWS for the region. */
  endpoint?: string;
  region: string;
  /** Absent: the SDK's usual sources (instance role, environment of the SDK). */
  accessKeyId?: string;
  secretAccessKey?: string;
  /** The bucket in the path (https://host/bucket/key) rather than in the host name: MinIO and most local stores. */
  forcePathStyle: boolean;
}

/** Where scans and documents live: DATA_DIR/files (default) or a bucket shared by every instance. */
export type StorageConfig = { type: 'folder' } | ({ type: 's3' } & S3StorageConfig);

export interface AppConfig {
  env: 'development' | 'production' | 'test';
  port: number;
  publicUrl: string;
  database: DatabaseConfig;
  dataDir: string;
  sessionSecret: string;
  /** Inactivity after which a session expires (minutes). */
  sessionIdleMinutes: number;
  /** Lifetime of a session from its login, whatever the activity (hours). */
  sessionMaxHours: number;
  demoPassword?: string;
  /** SMTP server of the outbox (smtp:// or smtps://); absent: emails are written as .eml files under DATA_DIR/mail. */
  smtpUrl?: string;
  /** Sender of every email (always set by loadConfig). */
  mailFrom?: string;
  /** The web process also runs the scheduler (outbox and daily jobs); default true in development. */
  runJobsInWeb?: boolean;
  /**
   * Express's `trust proxy`: which reverse proxies may say who the client is (X-Forwarded-For) and that
   * the connection is HTTPS (X-Forwarded-Proto). Off unless TRUST_PROXY says so: trusted without a
   * proxy, any client could write any IP into the journal.
   */
  trustProxy?: number | string | false;
  /** Roles that must log in with a second factor (TOTP); the others may enrol from « Mon compte ». */
  mfaRoles: StaffRole[];
  /** Absent: the folder DATA_DIR/files. */
  storage?: StorageConfig;
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
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(7 * 24).default(12),
  DEMO_PASSWORD: z.string().min(12, 'DEMO_PASSWORD doit faire au moins 12 caractères').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, 'SMTP_URL doit être « smtp://utilisateur:motdepasse@hôte:port » ou « smtps://… »')
    .optional(),
  MAIL_FROM: z.string().min(3, 'MAIL_FROM doit être une adresse, ex. « Cafpro <ne-pas-repondre@caf.fr> »').default(DEFAULT_MAIL_FROM),
  RUN_JOBS_IN_WEB: z.stringbool({ error: 'RUN_JOBS_IN_WEB doit valoir true ou false' }).optional(),
  TRUST_PROXY: z
    .string()
    .regex(/^(false|\d{1,2}|(loopback|linklocal|uniquelocal|[\d.:a-fA-F/]+)(\s*,\s*(loopback|linklocal|uniquelocal|[\d.:a-fA-F/]+))*)$/,
      'TRUST_PROXY doit être le nombre de proxys devant le serveur (ex. 1) ou leurs adresses (ex. 10.0.0.5, loopback)')
    .optional(),
  // Comma-separated role codes; empty: nobody is required to (everyone still may).
  MFA_ROLES: z.string().default('administrateur,directeur')
    .transform((value) => value.split(',').map((role) => role.trim()).filter(Boolean))
    .pipe(z.array(z.enum(STAFF_ROLES, {
      error: `MFA_ROLES : rôles séparés par des virgules parmi ${STAFF_ROLES.join(', ')} (${Object.values(ROLE_LABELS).join(', ')})`,
    }))),
  STORAGE: z.enum(['folder', 's3'], { error: 'STORAGE doit valoir « folder » (dossier DATA_DIR/files) ou « s3 » (stockage objet)' }).default('folder'),
  // S3 bucket names: 3 to 63 lower-case letters, digits, dots and hyphens.
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'S3_BUCKET doit être un nom de compartiment S3 (3 à 63 caractères : minuscules, chiffres, points, tirets)').optional(),
  S3_ENDPOINT: z.string().regex(/^https?:\/\/.+/, 'S3_ENDPOINT doit être l’URL de l’API S3 (ex. https://s3.fr-par.scw.cloud)').optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.stringbool({ error: 'S3_FORCE_PATH_STYLE doit valoir true ou false' }).default(false),
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

/**
 * In production the session cookie is `Secure`: a browser sends it back only over HTTPS, and Express
 * marks it only on a request it knows to be HTTPS. The product serves plain HTTP behind a TLS reverse
 * proxy, so it needs an https:// PUBLIC_URL and TRUST_PROXY; without them every login loops silently
 * back to the login page. Refusing to start says why.
 */
function productionTransport(publicUrl: string | undefined, trustProxy: number | string | false): void {
  if (!publicUrl?.startsWith('https://')) {
    throw new ConfigError(
      'En production, PUBLIC_URL doit être l’adresse HTTPS du back-office (ex. https://cafpro.caf-exemple.fr) : '
      + 'le cookie de session n’est envoyé que sur HTTPS, sans quoi la connexion boucle sur la page de connexion. '
      + 'Placez le serveur derrière un proxy TLS (nginx, Apache, HAProxy) et indiquez TRUST_PROXY.',
    );
  }
  if (trustProxy === false) {
    throw new ConfigError(
      'En production, TRUST_PROXY est obligatoire : le serveur parle HTTP au proxy TLS placé devant lui, et doit lui faire '
      + 'confiance pour savoir que la connexion du navigateur est chiffrée et quelle est son adresse IP. '
      + 'Indiquez le nombre de proxys (TRUST_PROXY=1) ou leurs adresses (TRUST_PROXY=10.0.0.5).',
    );
  }
}

/** STORAGE=s3 needs a bucket, and both keys or neither (then the SDK's own sources). */
function storageConfig(e: z.infer<typeof schema>): StorageConfig {
  if (e.STORAGE === 'folder') return { type: 'folder' };
  if (!e.S3_BUCKET) throw new ConfigError('STORAGE=s3 : indiquez le compartiment S3_BUCKET (et S3_ENDPOINT hors AWS).');
  if (!e.S3_ACCESS_KEY_ID !== !e.S3_SECRET_ACCESS_KEY) {
    throw new ConfigError('S3_ACCESS_KEY_ID et S3_SECRET_ACCESS_KEY vont ensemble : indiquez les deux, ou aucun (rôle de l’instance).');
  }
  return {
    type: 's3', bucket: e.S3_BUCKET, endpoint: e.S3_ENDPOINT, region: e.S3_REGION,
    accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY, forcePathStyle: e.S3_FORCE_PATH_STYLE,
  };
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
  const trustProxy = !e.TRUST_PROXY || e.TRUST_PROXY === 'false' ? false : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY;
  if (e.NODE_ENV === 'production') productionTransport(e.PUBLIC_URL, trustProxy);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    database: parseDatabaseUrl(e.DATABASE_URL),
    dataDir: e.DATA_DIR,
    sessionSecret: e.SESSION_SECRET ?? localSessionSecret(e.DATA_DIR),
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    demoPassword: e.DEMO_PASSWORD,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    runJobsInWeb: e.RUN_JOBS_IN_WEB ?? e.NODE_ENV === 'development',
    trustProxy,
    mfaRoles: [...new Set(e.MFA_ROLES)],
    storage: storageConfig(e),
  };
}
