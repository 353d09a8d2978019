// `npm run import -- fichier.xlsx [--appliquer]`: the import of the Caf's existing spreadsheets
// (issue 12 §2) from the command line. Without --appliquer, the dry run only: its report is printed
// (and written next to the file as « <fichier>.rapport.xlsx »); with --appliquer, the dry run then,
// when no row is in error, everything in one transaction. Journaled as a system action.
import '../process-timezone.js';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/open-database.js';
import { SYSTEM_ACTOR } from '../domain/audit/audit.js';
import { applyImport, dryRunImport } from '../domain/import/import-apply.js';
import { importCountsText, importReportText, importReportXlsx } from '../domain/import/import-report.js';
import { ImportFileError, readImportFile } from '../domain/import/import-sheets.js';
import { todayInParis } from '../domain/shared/dates.js';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { appliquer: { type: 'boolean' }, rapport: { type: 'string' } } });
  if (positionals.length !== 1) {
    console.error('Usage : npm run import -- fichier.xlsx|fichier.csv [--appliquer] [--rapport rapport.xlsx]');
    return 2;
  }
  const file = positionals[0];
  const bytes = await readFile(file);
  const imported = await readImportFile(bytes, path.basename(file));
  const dataSource = await openDatabase(loadConfig().database);
  try {
    const now = new Date();
    const options = { today: todayInParis(now), now, onProgress: (done: number, total: number) => process.stderr.write(`\r${done} / ${total} lignes`) };
    const actor = { ...SYSTEM_ACTOR, email: 'système (npm run import)' };
    const plan = await dryRunImport(dataSource, imported, actor, options);
    process.stderr.write('\n');
    for (const line of importReportText(plan)) console.log(line);
    const reportFile = values.rapport ?? `${file}.rapport.xlsx`;
    await writeFile(reportFile, await importReportXlsx(plan));
    console.log(`Essai à blanc de ${imported.fileName} (SHA-256 ${imported.sha256}) : ${importCountsText(plan)}. Rapport : ${reportFile}`);
    if (!values.appliquer) {
      console.log(plan.counts.erreur ? 'Corrigez les lignes en erreur avant d’appliquer.' : 'Rien n’est enregistré : relancez avec --appliquer pour importer.');
      return plan.counts.erreur ? 1 : 0;
    }
    if (plan.counts.erreur) {
      console.error('Import non appliqué : des lignes sont en erreur ; rien n’a été enregistré.');
      return 1;
    }
    const result = await applyImport(dataSource, imported, actor, options);
    process.stderr.write('\n');
    (result.ok ? console.log : console.error)(result.message);
    return result.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

main().then((code) => process.exit(code), (error) => {
  const known = error instanceof ConfigError || error instanceof ImportFileError;
  console.error(known ? (error as Error).message : `Import impossible : ${(error as Error).message}`);
  process.exit(1);
});
