// The README's production path, run from the built files (`npm run build` first) as a Caf would:
// the web server and the worker started with NODE_ENV=production on an empty database, /health, the
// first administrator made by `npm run admin:create`, a login through a TLS proxy (X-Forwarded-Proto),
// then both processes stopped by SIGTERM. CI runs it after the build: `node scripts/smoke-production.mjs`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cafpro-prod-'));
const port = 3900 + Math.floor(Math.random() * 90);
const env = {
  ...process.env,
  NODE_ENV: 'production', PORT: String(port), DATA_DIR: dataDir, TRUST_PROXY: 'loopback',
  PUBLIC_URL: 'https://cafpro.caf-exemple.fr', SESSION_SECRET: 'smoke-'.repeat(8), MFA_ROLES: '',
  DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${path.join(dataDir, 'cafpro.sqlite')}`, RUN_JOBS_IN_WEB: 'false',
};
const fail = (message) => { console.error(`ÉCHEC : ${message}`); process.exitCode = 1; };

function start(script) {
  const child = spawn(process.execPath, [script], { env: { ...env, ADMIN_JS_SKIP_BUNDLE: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  return { child, output: () => output };
}
const stopped = (child) => new Promise((resolve) => { child.on('exit', (code, signal) => resolve({ code, signal })); child.kill('SIGTERM'); });

const web = start('dist/src/main.js');
try {
  let health = 0;
  for (let i = 0; i < 120 && health !== 200; i++) {
    await new Promise((r) => setTimeout(r, 500));
    health = await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status, () => 0);
  }
  if (health !== 200) throw new Error(`/health ne répond pas 200 :\n${web.output()}`);
  console.log('Serveur de production démarré, /health 200');

  const created = spawnSync(process.execPath, ['scripts/run-command.mjs', 'admin-create', '--email', 'premier.admin@caf-exemple.fr', '--name', 'Premier ADMIN'], { env, encoding: 'utf8' });
  const password = /Mot de passe à usage unique : (\S+)/.exec(created.stdout)?.[1];
  if (created.status !== 0 || !password) throw new Error(`admin:create : ${created.stdout}${created.stderr}`);
  console.log('Premier administrateur créé par npm run admin:create (fichiers compilés)');

  const login = await fetch(`http://127.0.0.1:${port}/admin/login`, {
    method: 'POST', redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: env.PUBLIC_URL, 'x-forwarded-proto': 'https', host: 'cafpro.caf-exemple.fr' },
    body: new URLSearchParams({ email: 'premier.admin@caf-exemple.fr', password }),
  });
  const cookie = login.headers.get('set-cookie') ?? '';
  if (login.status !== 302 || !/;\s*Secure/i.test(cookie)) throw new Error(`connexion : ${login.status}, cookie « ${cookie} »`);
  console.log('Connexion derrière le proxy TLS : 302 et cookie Secure');


  const worker = start('dist/src/worker.js');
  // Ready once it says where the emails go (after the database is open and the scheduler started).
  for (let i = 0; i < 120 && !/courriels/i.test(worker.output()); i++) {
    if (worker.child.exitCode !== null) throw new Error(`le worker s'est arrêté :\n${worker.output()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  if (!/courriels/i.test(worker.output())) throw new Error(`le worker ne démarre pas :\n${worker.output()}`);
  const { code, signal } = await stopped(worker.child);
  if (code !== 0) throw new Error(`le worker ne s'arrête pas proprement (code ${code}, signal ${signal}) :\n${worker.output()}`);
  console.log('Worker démarré puis arrêté proprement (SIGTERM)');
} catch (error) {
  fail(error.message);
} finally {
  const { code } = await stopped(web.child);
  if (code !== 0) fail(`le serveur ne s'arrête pas proprement (code ${code})`);
}
if (!process.exitCode) console.log('Parcours de production : OK');
