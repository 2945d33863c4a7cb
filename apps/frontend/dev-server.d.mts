// Types of dev-server.mjs for the tests that start it (test/browser.ts, test/dev-server.spec.ts).
import type { Server } from 'node:http';

export interface DevServerOptions {
  /** Where CSS and images are served from (default src/). */
  root?: string;
  searchApiUrl?: string;
  checkoutUrl?: string;
  notifierUrl?: string;
  mailCatcherUrl?: string;
  appEnv?: string;
  paymentProvider?: string;
  stripePublishableKey?: string;
  log?: (line: string) => void;
}

/** Which upstream answers a path, exactly as the ingress routes it. */
export function upstreamFor(
  pathname: string,
  urls: { searchApiUrl: string; checkoutUrl: string; notifierUrl: string },
): string | undefined;

export interface DevServer extends Server {
  /** Builds the scripts now (the first build is the slow one), so no page load waits for it. */
  warm(): Promise<void>;
}

/** Creates (does not start) the dev server. */
export function createDevServer(options?: DevServerOptions): DevServer;
