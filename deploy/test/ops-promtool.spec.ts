import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

// The alert rules through Prometheus' own tool (Debian's `prometheus` package; .ci/run installs it
// and `npm test`'s preflight names it): `promtool check rules`, and `promtool test rules` feeding
// series and asserting which alerts fire (deploy/prometheus/alerts.test.yml).
const PROMTOOL = process.env.PROMTOOL_BIN || 'promtool';
const RULES = 'deploy/prometheus/alerts.yml';
const TESTS = 'deploy/prometheus/alerts.test.yml';
const promtool = (...args: string[]) => spawnSync(PROMTOOL, args, { encoding: 'utf8' });

interface AlertTest {
  alertname: string;
  exp_alerts: unknown[];
}
const tests = (parse(readFileSync(TESTS, 'utf8')) as { tests: { alert_rule_test: AlertTest[] }[] }).tests;

describe('alert rules under promtool', () => {
  it('pass promtool check rules', () => {
    const r = promtool('check', 'rules', RULES);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/SUCCESS: \d+ rules found/);
    expect(r.status).toBe(0);
  });

  it('pass their unit tests: each alert fires on its series and not before', () => {
    const r = promtool('test', 'rules', TESTS);
    expect(r.stdout + r.stderr).toMatch(/SUCCESS/);
    expect(r.status).toBe(0);
  });

  it('test stale inventory, error ratio, outbox stuck, consumer lag and the checkout alerts, firing and silent', () => {
    const firing = new Set(
      tests.flatMap((t) => t.alert_rule_test.filter((a) => a.exp_alerts.length).map((a) => a.alertname)),
    );
    const silent = new Set(
      tests.flatMap((t) => t.alert_rule_test.filter((a) => !a.exp_alerts.length).map((a) => a.alertname)),
    );
    const covered = [
      'IngestionNoRecentPull',
      'IngestionStale',
      'HamiltixHigh5xxRatio',
      'HamiltixOutboxStuck',
      'HamiltixConsumerLag',
      'CheckoutOrdersStuckOpen',
      'CheckoutCaptureFailures',
      'CheckoutPaymentProviderErrors',
    ];
    for (const alert of covered) {
      expect([alert, firing.has(alert)]).toEqual([alert, true]);
      expect([alert, silent.has(alert)]).toEqual([alert, true]);
    }
  });

  it('fail when an expectation is wrong (the run is not vacuous)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hamiltix-promtool-'));
    try {
      copyFileSync(RULES, join(dir, 'alerts.yml'));
      const wrong = readFileSync(TESTS, 'utf8').replace(
        "summary: 'checkout (prod): 2 orders open for over 10 minutes'",
        "summary: 'checkout (prod): 3 orders open for over 10 minutes'",
      );
      writeFileSync(join(dir, 'alerts.test.yml'), wrong);
      const r = promtool('test', 'rules', join(dir, 'alerts.test.yml'));
      expect(r.status).not.toBe(0);
      expect(r.stdout + r.stderr).toMatch(/CheckoutOrdersStuckOpen/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
