// `npm run restore -- chemin.tar.gz`: puts a backup back on an EMPTY database (DATABASE_URL) and an
// empty DATA_DIR/files, checking every file against the archive's manifest. See src/ops/backup.ts.
import '../process-timezone.js';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { BackupError, restore } from '../ops/backup.js';

async function main(): Promise<number> {
  const { positionals } = parseArgs({ allowPositionals: true });
  if (positionals.length !== 1) {
    console.error('Usage : npm run restore -- chemin/de/la/sauvegarde.tar.gz');
    return 2;
  }
  const config = loadConfig();
  const manifest = await restore(positionals[0], config.database, config.dataDir);
  console.log(`Restauration terminée : base du ${manifest.createdAt}, ${manifest.files.length} fichier(s) vérifié(s). Démarrez le serveur : les migrations manquantes s'appliqueront.`);
  return 0;
}

main().then((code) => process.exit(code), (error) => {
  console.error(error instanceof ConfigError || error instanceof BackupError ? error.message : `Restauration impossible : ${(error as Error).message}`);
  process.exit(1);
});
