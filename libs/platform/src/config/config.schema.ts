import { z } from 'zod';

/**
 * Every environment variable Hamiltix reads (docs/architecture.md "Configuration"), parsed
 * once at start into one typed, frozen tree. Only this module reads process.env.
 */

export const SERVICES = [
  'ingestion',
  'ranking',
  'search-api',
  'checkout',
  'notifier',
  'broker-sandbox',
] as const;
export type ServiceName = (typeof SERVICES)[number];

export const DEFAULT_PORTS: Record<ServiceName, number> = {
  'search-api': 3001,
  checkout: 3002,
  ingestion: 3003,
  ranking: 3004,
  notifier: 3005,
  'broker-sandbox': 4010,
};

/** Development defaults the broker sandbox accepts. Refused in production. */
export const SANDBOX_BROKER_TOKEN = 'hamiltixsandboxtoken000000000000';
export const SANDBOX_BROKER_SECRET = 'hamiltix-sandbox-secret-0000000000000000';
export const DEFAULT_BROKER_BASE_URL = 'http://127.0.0.1:4010';
/** Development key for search-api's listing cursors. Refused in production. */
export const DEV_SEARCH_CURSOR_KEY = 'hamiltix-development-cursor-key-00000000';
/** Development key for the notifier's unsubscribe tokens. Refused in production. */
export const DEV_ALERT_TOKEN_KEY = 'hamiltix-development-alert-key-000000000';
/** The services that call the broker and so hold its credentials (the chart gives them to no other). */
export const BROKER_CLIENTS: readonly ServiceName[] = ['ingestion', 'checkout'];

const url = (protocols: string[], what: string) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `expected a ${what} URL (${protocols.map((p) => p + '//').join(' or ')}...)` },
  );

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `expected a whole number from ${min} to ${max}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `expected a whole number from ${min} to ${max}` });

const decimal = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+(\.\d+)?$/, { message: `expected a number from ${min} to ${max}` })
    .transform(Number)
    .refine((n) => n >= min && n <= max, { message: `expected a number from ${min} to ${max}` });

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** Raw variables: names exactly as in the environment. Undefined means "use the default". */
export const envSchema = z.object({
  APP_ENV: z.enum(['development', 'staging', 'production']).default('development'),
  DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres').default(
    'postgres://postgres@127.0.0.1:5432/hamiltix',
  ),
  REDIS_URL: url(['redis:', 'rediss:'], 'redis').default('redis://127.0.0.1:6379'),
  NATS_URL: z
    .string()
    .refine((v) => v.split(',').every((u) => /^(nats|tls):\/\/[^\s/]+$/.test(u.trim())), {
      message: 'expected one or more comma-separated nats://host:port URLs',
    })
    .default('nats://127.0.0.1:4222'),
  BROKER_BASE_URL: url(['http:', 'https:'], 'http(s)').default(DEFAULT_BROKER_BASE_URL),
  BROKER_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9]{32}$/, { message: 'expected 32 letters or digits' })
    .default(SANDBOX_BROKER_TOKEN),
  BROKER_SECRET: z
    .string()
    .length(40, { message: 'expected exactly 40 characters' })
    .default(SANDBOX_BROKER_SECRET),
  /** search-api's own key for signing listing cursors, so it never holds the broker's secret. */
  SEARCH_CURSOR_KEY: z
    .string()
    .min(32, { message: 'expected at least 32 characters' })
    .default(DEV_SEARCH_CURSOR_KEY),
  /** The notifier's own key for the unsubscribe tokens in its mail (HMAC of the alert id). */
  ALERT_TOKEN_KEY: z
    .string()
    .min(32, { message: 'expected at least 32 characters' })
    .default(DEV_ALERT_TOKEN_KEY),
  ALERT_WEBHOOK_URL: url(['http:', 'https:'], 'http(s)').optional(),
  /** Pushover credentials for the alert webhook (optional; sent as `token`/`user` when set). */
  ALERT_WEBHOOK_TOKEN: z.string().min(1).optional(),
  ALERT_WEBHOOK_USER: z.string().min(1).optional(),
  PORT: int(1, 65535).optional(),
  SITE_ORIGIN: url(['http:', 'https:'], 'http(s)')
    .refine((v) => new URL(v).origin === v.replace(/\/$/, ''), {
      message: 'expected an origin (scheme://host[:port]), no path',
    })
    .default('http://127.0.0.1:8080'),
  RATE_LIMIT_PER_MINUTE: int(0, 1_000_000).optional(),
  /**
   * Proxies in front of the service that append to X-Forwarded-For (the ingress, compose's
   * gateway): the client is the address that many hops back. 0 = the socket's peer.
   */
  TRUSTED_PROXY_HOPS: int(0, 10).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How long SIGTERM may take to drain before connections are closed anyway. */
  SHUTDOWN_TIMEOUT_MS: int(100, 120_000).default(10_000),
  /** Shows to ingest, comma-separated slugs. */
  SHOWS: z
    .string()
    .regex(/^[a-z0-9-]+(,[a-z0-9-]+)*$/, { message: 'expected comma-separated show slugs, e.g. hamilton' })
    .default('hamilton'),
  /** Seconds between scheduled pulls (ingestion). */
  INGESTION_INTERVAL_SECONDS: int(10, 86_400).default(120),
  /** How many days ahead ingestion pulls. */
  INGESTION_WINDOW_DAYS: int(1, 400).default(190),
  /** Listings requests in flight at once during a pull. */
  INGESTION_CONCURRENCY: int(1, 64).default(8),
  /** Seconds between pulls of only the events whose broker updated_at moved (0 = off). */
  INGESTION_CHANGES_INTERVAL_SECONDS: int(0, 3_600).default(15),
  /**
   * Broker requests per minute a changes pull may bring this process up to (full pulls are
   * not held to it). The default holds two reads of every event in the default window (~830
   * at the sandbox, one request each) in one minute: a market-wide change right after a full
   * pull is read at once, not deferred by a minute.
   */
  INGESTION_BROKER_BUDGET_PER_MINUTE: int(10, 100_000).default(2_000),
  /** Broker request timeout, ms. */
  BROKER_TIMEOUT_MS: int(100, 120_000).default(10_000),
  /** Buyer fee, percent of the ticket price (docs/domain.md §4). */
  FEE_PERCENT: decimal(0, 100).default(15),
  /** Buyer fee per ticket, cents. */
  FEE_PER_TICKET_CENTS: int(0, 100_000).default(500),
  /** Broker sandbox: seed, inventory scale and simulated clock speed. */
  SANDBOX_SEED: int(0, 2 ** 31 - 1).default(42),
  SANDBOX_SCALE: decimal(0.01, 1000).default(1),
  SANDBOX_CLOCK_SPEED: decimal(0, 100_000).default(1),
  /**
   * Where the broker sandbox keeps its orders and inventory changes: `memory` (a restart
   * forgets them) or `postgres` (its own schema in SANDBOX_DATABASE_URL, kept across restarts).
   */
  SANDBOX_STORE: z.enum(['memory', 'postgres']).default('memory'),
  SANDBOX_DATABASE_URL: url(['postgres:', 'postgresql:'], 'postgres').optional(),
  /**
   * Payment provider: `stripe` (real money, the official `stripe` package) or `sandbox` (test
   * tokens only). Unset: `sandbox` in development and staging, `stripe` in production, which
   * refuses `sandbox`.
   */
  PAYMENT_PROVIDER: z.enum(['stripe', 'sandbox']).optional(),
  /** Stripe's secret API key (checkout, with PAYMENT_PROVIDER=stripe). */
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_[A-Za-z0-9]+$/, {
      message: 'expected a Stripe secret key (sk_live_… or sk_test_…)',
    })
    .optional(),
  /** Stripe's publishable key, given to the website (its runtime config) for Stripe.js. */
  STRIPE_PUBLISHABLE_KEY: z
    .string()
    .regex(/^pk_(test|live)_[A-Za-z0-9]+$/, {
      message: 'expected a Stripe publishable key (pk_live_… or pk_test_…)',
    })
    .optional(),
  /** The signing secret of the Stripe webhook endpoint (`POST /api/v1/payments/webhook`). */
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_[A-Za-z0-9+/=_-]+$/, { message: 'expected a Stripe webhook signing secret (whsec_…)' })
    .optional(),
  /** Where the Stripe API is; unset = Stripe's own. Tests and local development point it at a stand-in. */
  STRIPE_API_URL: url(['http:', 'https:'], 'http(s)').optional(),
  /** Minutes before a performance starts when its sales close (libs/domain sales-window). */
  SALES_CUTOFF_MINUTES: int(0, 7 * 24 * 60).default(60),
  /**
   * Pins the process's clock: it reads this instant (ISO 8601 with a zone) and runs on at
   * real speed. `<instant>@<epoch ms>` anchors it: the clock read <instant> when the system
   * clock read <epoch ms>, so every process given the same value agrees, whenever it boots
   * (launchers set the anchor once for the whole stack). Without the anchor, the instant is
   * read when the process starts. For tests and demos; refused in production.
   */
  CLOCK_START_AT: z
    .string()
    .refine((v) => parseClockStart(v) !== undefined, {
      message:
        'expected an ISO 8601 instant with a zone, optionally anchored to an epoch in ms, e.g. 2026-03-07T18:00:00Z or 2026-03-07T18:00:00Z@1796000000000',
    })
    .optional(),
  /** The notifier's mail server, smtp(s)://[user:pass@]host:port (may hold credentials: a secret). */
  SMTP_URL: url(['smtp:', 'smtps:'], 'smtp(s)').optional(),
  /** Sender of the notifier's mail, `Name <address>` or a bare address. */
  MAIL_FROM: z
    .string()
    .max(200)
    .regex(/^([^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, {
      message: 'expected an address, e.g. Hamiltix <alerts@example.com>',
    })
    .optional(),
  /** The least time between two alert mails for one saved search, minutes. */
  ALERT_MIN_INTERVAL_MINUTES: int(1, 60 * 24 * 30).default(360),
  /** Emit pretty, human logs instead of JSON (local development only). */
  LOG_PRETTY: bool.default(false),
});

export type RawEnv = z.input<typeof envSchema>;

/** `CLOCK_START_AT` read: the instant, and the system-clock reading it is anchored to if given. */
export function parseClockStart(value: string): { startMs: number; anchorMs?: number } | undefined {
  const m = /^(.+?(?:Z|[+-]\d\d:\d\d))(?:@(\d{1,16}))?$/.exec(value);
  const startMs = m ? Date.parse(m[1]) : NaN;
  if (!m || !Number.isFinite(startMs)) return undefined;
  return m[2] === undefined ? { startMs } : { startMs, anchorMs: Number(m[2]) };
}
