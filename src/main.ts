// Process entry: `npm start` (development, with demo data) and `npm run start:prod`.
import './process-timezone.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/open-database.js';
import { DEMO_LOGINS, loadDemoData } from './db/demo-data.js';
import { generatePassword } from './auth/password.js';
import { todayInParis } from './domain/shared/dates.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROLE_LABELS, STAFF_ROLES } from './policies/roles.js';
import { createApp } from './server.js';
import { startSchedulerFromConfig } from './jobs/scheduler.js';

async function main() {
  const loaded = loadConfig();
  const withDemo = process.argv.includes('--demo') && loaded.env !== 'production';
  // The demo logs straight in with the printed password (README, first command); the second factor
  // can still be tried from « Mon compte ».
  const config = withDemo ? { ...loaded, mfaRoles: [] } : loaded;
  const dataSource = await openDatabase(config.database);

  if (withDemo) {
    // A generated demo password is kept in the data folder (never committed) so that a restart can
    // show it again; DEMO_PASSWORD, when set, wins.
    const passwordFile = path.join(config.dataDir, 'demo-password.txt');
    const password = config.demoPassword ?? (existsSync(passwordFile) ? readFileSync(passwordFile, 'utf8').trim() : generatePassword());
    const demo = await loadDemoData(dataSource, { password, today: todayInParis(new Date()) });
    if (demo.loaded) {
      console.log('\nDonnées de démonstration chargées. Comptes (un par rôle) :');
      for (const login of demo.logins) console.log(`  ${ROLE_LABELS[login.role].padEnd(28)} ${login.email}`);
      if (!config.demoPassword) writeFileSync(passwordFile, password, { mode: 0o600 });
    } else {
      console.log('\nBase déjà initialisée (pour repartir de zéro : supprimez le dossier data/). Comptes :');
      for (const role of STAFF_ROLES) console.log(`  ${ROLE_LABELS[role].padEnd(28)} ${DEMO_LOGINS[role]}`);
    }
    const known = config.demoPassword || existsSync(passwordFile);
    console.log(known ? `  Mot de passe : ${password}` : '  Mot de passe : celui affiché au premier démarrage.');
    console.log("  Second facteur : exigé de personne en démonstration (MFA_ROLES vide) ; chacun peut l'activer depuis « Mon compte ».\n");
  }

  const { app } = createApp(config, dataSource);
  // Outbox and daily jobs in the web process (RUN_JOBS_IN_WEB, on by default in development);
  // production usually runs them in `npm run worker`.
  const scheduler = config.runJobsInWeb ? startSchedulerFromConfig(config, dataSource) : null;
  if (scheduler) {
    console.log(scheduler.mailer.kind === 'smtp'
      ? 'Traitements planifiés actifs ; courriels envoyés par SMTP.'
      : `Traitements planifiés actifs ; sans SMTP_URL, les courriels sont écrits dans ${config.dataDir}/mail/ (fichiers .eml).`);
  }
  const server = app.listen(config.port, () => {
    console.log(`Back-office Cafpro prêt en ${process.uptime().toFixed(1)} s : ${config.publicUrl}/admin`);
  });
  const stop = () => server.close(() => {
    void (scheduler?.stop() ?? Promise.resolve()).then(() => dataSource.destroy()).finally(() => process.exit(0));
  });
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Démarrage impossible :', error);
  process.exit(1);
});
