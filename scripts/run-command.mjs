// Runs a command of src/cli: the compiled one in production (`npm run build` made dist/), the
// TypeScript source through tsx otherwise. `node scripts/run-command.mjs admin-create --email …`
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const [name, ...args] = process.argv.slice(2);
const built = `dist/src/cli/${name}.js`;
const useBuilt = process.env.NODE_ENV === 'production';
if (useBuilt && !existsSync(built)) {
  console.error(`${built} introuvable : lancez d’abord « npm run build ».`);
  process.exit(1);
}
const [command, commandArgs] = useBuilt ? [process.execPath, [built, ...args]] : ['npx', ['tsx', `src/cli/${name}.ts`, ...args]];
const { status } = spawnSync(command, commandArgs, { stdio: 'inherit' });
process.exit(status ?? 1);
