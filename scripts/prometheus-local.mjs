// `npm start`'s Prometheus: when Debian's prometheus package is installed (.ci/run installs it;
// `apt-get install -y prometheus`), the local stack is scraped with the same alert rules as
// production (deploy/prometheus/alerts.yml), on http://127.0.0.1:9090. Without it, `npm start`
// says so and runs the rest.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const PROMETHEUS_ADDRESS = '127.0.0.1:9090';

/** The prometheus binary: PROMETHEUS_BIN, else the first on PATH; undefined when there is none. */
export function findPrometheus(env = process.env) {
  const candidates = env.PROMETHEUS_BIN
    ? [env.PROMETHEUS_BIN]
    : (env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, 'prometheus'));
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not there
    }
  }
  return undefined;
}

/**
 * The scrape config for the local stack: every service's /metrics on 127.0.0.1 under job
 * `hamiltix` (the job the rules expect outside Kubernetes), the repository's alert rules.
 */
export function prometheusConfig({ root, apps }) {
  const targets = apps.filter((a) => !a.health).map((a) => `'127.0.0.1:${a.port}'`);
  return [
    '# Written by scripts/prometheus-local.mjs for `npm start`; regenerated at every start.',
    'global:',
    '  scrape_interval: 15s',
    '  evaluation_interval: 15s',
    `rule_files: ['${join(root, 'deploy/prometheus/alerts.yml')}']`,
    'scrape_configs:',
    '  - job_name: hamiltix',
    '    metrics_path: /metrics',
    `    static_configs: [{ targets: [${targets.join(', ')}] }]`,
    '',
  ].join('\n');
}

/** Starts Prometheus for the stack, or answers why not (a sentence) without starting anything. */
export function startPrometheus({ root, apps, env = process.env }) {
  const binary = findPrometheus(env);
  if (!binary)
    return {
      skipped:
        'Prometheus not installed: skipping it (apt-get install -y prometheus, then npm start runs it on http://127.0.0.1:9090 with the alert rules)',
    };
  const dir = join(root, '.tools', 'prometheus');
  mkdirSync(join(dir, 'data'), { recursive: true });
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, prometheusConfig({ root, apps }));
  const child = spawn(
    binary,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      '--storage.tsdb.retention.time=2d',
      `--web.listen-address=${PROMETHEUS_ADDRESS}`,
      '--log.level=warn',
    ],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return { child, config };
}
