// Entry of `npm run worker`: the scheduler alone (outbox, campaigns, daily jobs), without the web
// server. Several workers (and web processes with RUN_JOBS_IN_WEB) may run at once: every job is
// idempotent and the outbox claims each email for one of them (src/jobs/scheduler.ts).
import './process-timezone.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/open-database.js';
import { registerNotificationHandlers } from './domain/notifications/notification-handlers.js';
import { startSchedulerFromConfig } from './jobs/scheduler.js';

async function main() {
  const config = loadConfig();
  const dataSource = await openDatabase(config.database);
  // The daily jobs publish domain events (renewal notices): their emails are queued by these handlers.
  registerNotificationHandlers();
  const scheduler = startSchedulerFromConfig(config, dataSource);
  console.log(scheduler.mailer.kind === 'smtp'
    ? 'Courriels envoyés par SMTP (SMTP_URL).'
    : `Pas de SMTP_URL : les courriels sont écrits dans ${config.dataDir}/mail/ (fichiers .eml) et comptés comme envoyés.`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('Arrêt des traitements planifiés…');
    await scheduler.stop();
    await dataSource.destroy();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The timers are unref'd: keep the process alive until a signal.
  setInterval(() => undefined, 1 << 30);
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Démarrage du worker impossible :', error);
  process.exit(1);
});
