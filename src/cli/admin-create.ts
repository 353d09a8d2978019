// `npm run admin:create -- --email prenom.nom@caf.fr --name "Prénom NOM" [--password-stdin]`
// Creates an active Administrateur on the configured database (migrations applied first) and prints
// its one-time password once; with --password-stdin the password is read from standard input instead.
import '../process-timezone.js';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.js';
import { openDatabase } from '../db/open-database.js';
import { createAdministrator } from '../domain/staff/first-administrator.js';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' } } });
  if (!values.email || !values.name) {
    console.error('Usage : npm run admin:create -- --email prenom.nom@caf.fr --name "Prénom NOM" [--password-stdin]');
    return 2;
  }
  const password = values['password-stdin'] ? await readStdin() : undefined;
  const dataSource = await openDatabase(loadConfig().database);
  try {
    const result = await createAdministrator(dataSource, { email: values.email, name: values.name, password });
    if (!result.ok) {
      for (const error of result.errors) console.error(`Refusé (${error.field}) : ${error.message}`);
      return 1;
    }
    console.log(`Administrateur créé : ${result.user.email} (${result.user.name}).`);
    if (!password) console.log(`Mot de passe à usage unique : ${result.password}\nIl ne sera plus affiché ; il devra être changé à la première connexion.`);
    else console.log('Le mot de passe fourni devra être changé à la première connexion.');
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

main().then((code) => process.exit(code), (error) => {
  console.error(error instanceof ConfigError ? error.message : `Création impossible : ${(error as Error).message}`);
  process.exit(1);
});
