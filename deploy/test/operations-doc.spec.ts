import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

// docs/operations.md stays true to what it describes: every alert with its first three checks,
// and the resource sums the chart spec computes (helm-cluster.spec.ts).
const doc = readFileSync('docs/operations.md', 'utf8');
const rules = parse(readFileSync('deploy/prometheus/alerts.yml', 'utf8')) as {
  groups: { rules: { alert?: string }[] }[];
};

describe('docs/operations.md', () => {
  it('gives every alert its meaning and first three checks', () => {
    const alerts = rules.groups.flatMap((g) => g.rules.map((r) => r.alert)).filter(Boolean) as string[];
    const rows = new Map(
      doc
        .split('\n')
        .filter((l) => l.startsWith('| `'))
        .map((l) => [l.slice(3, l.indexOf('`', 3)), l] as const),
    );
    for (const alert of alerts) {
      const row = rows.get(alert) ?? '';
      expect([alert, /1\. .+ 2\. .+ 3\. .+/.test(row)]).toEqual([alert, true]);
    }
  });

  it('covers deploy, promote, roll back and both secret rotations', () => {
    for (const heading of [
      '## Deploy',
      '## Promote',
      '## Roll back',
      '### Rotate the broker token and secret',
      "### Rotate the payment provider's secrets",
      '## Resources',
    ])
      expect(doc).toContain(heading);
    expect(doc).toContain('helm rollback hamiltix');
  });

  it('shows the requests of both namespaces and their sum against one 2 vCPU / 4 GiB node', () => {
    expect(doc).toContain('**520m / 1472 Mi**');
    expect(doc).toContain('**640m / 1728 Mi**');
    expect(doc).toContain('**Both namespaces: 1160m of 2000m CPU and 3200 Mi of 4096 Mi**');
  });
});
