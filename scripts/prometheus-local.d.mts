import type { ChildProcess } from 'node:child_process';

export const PROMETHEUS_ADDRESS: string;
export function findPrometheus(env?: Record<string, string | undefined>): string | undefined;
export function prometheusConfig(options: {
  root: string;
  apps: { port: number; health?: string }[];
}): string;
export function startPrometheus(options: {
  root: string;
  apps: { port: number; health?: string }[];
  env?: Record<string, string | undefined>;
}): { child?: ChildProcess; config?: string; skipped?: string };
