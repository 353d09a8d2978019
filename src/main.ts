// Process entry: `npm start` (development, with demo data) and `npm run start:prod`.
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/open-database.js';
import { loadDemoData } from './db/demo-data.js';
import { generatePassword } from './auth/password.js';
import { todayInParis } from './domain/shared/dates.js';
import { ROLE_LABELS } from './policies/roles.js';
import { createApp } from './server.js';

async function main() {
  const started = Date.now();
  const config = loadConfig();
  const withDemo = process.argv.includes('--demo') && config.env !== 'production';
  const dataSource = await openDatabase(config.database);

  if (withDemo) {
    const password = config.demoPassword ?? generatePassword();
    const demo = await loadDemoData(dataSource, { password, today: todayInParis(new Date()) });
    if (demo.loaded) {
      console.log('\nDonnées de démonstration chargées. Comptes (un par rôle) :');
      for (const login of demo.logins) console.log(`  ${ROLE_LABELS[login.role].padEnd(28)} ${login.email}`);
      console.log(`  Mot de passe : ${password}${config.demoPassword ? ' (DEMO_PASSWORD)' : ' (généré : notez-le, il ne sera plus affiché)'}\n`);
    } else {
      console.log('\nBase déjà initialisée : les données de démonstration ne sont pas rechargées.');
      console.log('Comptes : admin@, conventions@, habilitations@, directeur@, consultation@demo.caf.fr');
      console.log('(mot de passe affiché au premier démarrage, ou DEMO_PASSWORD ; pour repartir de zéro : supprimez data/)\n');
    }
  }

  const { app } = createApp(config, dataSource);
  const server = app.listen(config.port, () => {
    console.log(`Back-office Cafpro prêt en ${((Date.now() - started) / 1000).toFixed(1)} s : ${config.publicUrl}/admin`);
  });
  const stop = () => server.close(() => dataSource.destroy().finally(() => process.exit(0)));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Démarrage impossible :', error);
  process.exit(1);
});
