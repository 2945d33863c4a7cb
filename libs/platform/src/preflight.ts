/**
 * The first thing every service's main.ts runs, before it imports Nest and the rest:
 * validates the environment and exits at once with a message naming each bad variable.
 * Kept apart from the platform's index so a bad value fails in well under a second.
 */
import { ConfigError, loadConfig } from './config/config.js';
import type { ServiceName } from './config/config.schema.js';

export function exitOnBadConfig(service: ServiceName): void {
  try {
    loadConfig(service, process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${service}: ${error.message}\n`);
    process.exit(1);
  }
}
