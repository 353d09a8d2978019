// `npm run backup [-- --out chemin.tar.gz]`: a consistent copy of the database and of DATA_DIR/files
// in one archive (default DATA_DIR/backups/cafpro-AAAAMMJJ-HHMMSS.tar.gz). See src/ops/backup.ts.
import '../process-timezone.js';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { backup, BackupError } from '../ops/backup.js';

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  const config = loadConfig();
  const now = new Date();
  const archive = values.out ?? path.join(config.dataDir, 'backups', `cafpro-${stamp(now)}.tar.gz`);
  const manifest = await backup(config.database, config.dataDir, archive, now);
  console.log(`Sauvegarde écrite : ${archive} (base ${manifest.database === 'sqlite' ? 'SQLite' : 'MySQL/MariaDB'}, ${manifest.files.length} fichier(s) de documents et numérisations).`);
  return 0;
}

main().then((code) => process.exit(code), (error) => {
  console.error(error instanceof ConfigError || error instanceof BackupError ? error.message : `Sauvegarde impossible : ${(error as Error).message}`);
  process.exit(1);
});
