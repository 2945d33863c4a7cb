import {
  BROKER_CLIENTS,
  DEFAULT_PORTS,
  DEV_ALERT_TOKEN_KEY,
  DEV_SEARCH_CURSOR_KEY,
  envSchema,
  parseClockStart,
  SANDBOX_BROKER_SECRET,
  SANDBOX_BROKER_TOKEN,
  type ServiceName,
} from './config.schema.js';

export type AppEnv = 'development' | 'staging' | 'production';

/** A value that must never be logged. `toString`/`toJSON` print a mask. */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
    Object.freeze(this);
  }
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[secret]';
  }
  toJSON(): string {
    return '[secret]';
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return '[secret]';
  }
}

export interface AppConfig {
  service: ServiceName;
  appEnv: AppEnv;
  port: number;
  databaseUrl: Secret;
  redisUrl: Secret;
  /** NATS server URLs without credentials (safe to log); credentials are in `natsAuth`. */
  natsServers: string[];
  /** From NATS_URL's user info: `nats://user:pass@host` or `nats://token@host`. */
  natsAuth?: { user: Secret; pass: Secret } | { token: Secret };
  broker: { baseUrl: string; token: Secret; secret: Secret; timeoutMs: number };
  /** search-api's cursor signing key (SEARCH_CURSOR_KEY). */
  search: { cursorKey: Secret };
  alerts: { webhookUrl?: string; token?: Secret; user?: Secret };
  siteOrigin: string;
  /** 0 = off. */
  rateLimitPerMinute: number;
  /** TRUSTED_PROXY_HOPS: Fastify's `trustProxy` hop count; request.ip is the client. */
  trustedProxyHops: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  logPretty: boolean;
  shutdownTimeoutMs: number;
  shows: string[];
  ingestion: {
    intervalSeconds: number;
    windowDays: number;
    concurrency: number;
    /** 0 = off. */
    changesIntervalSeconds: number;
    brokerBudgetPerMinute: number;
  };
  fees: { buyerFeePercent: number; perTicketFeeCents: number };
  sandbox: {
    seed: number;
    scale: number;
    clockSpeed: number;
    store: 'memory' | 'postgres';
    /** With store `postgres`: the sandbox's own database. */
    databaseUrl?: Secret;
  };
  payments: PaymentsConfig;
  /** When performances stop selling; a SalesPolicy for libs/domain's sales-window functions. */
  sales: { cutoffMinutes: number };
  /** The notifier's mail: server (unset = no mail can be sent), sender, least interval per saved search. */
  mail: { smtpUrl?: Secret; from: string; minIntervalMinutes: number; tokenKey: Secret };
  /**
   * Where the process clock starts (CLOCK_START_AT), epoch ms, and the system-clock reading
   * it is anchored to (undefined: the process's start); undefined = the system clock.
   */
  clockStart?: { startMs: number; anchorMs?: number };
}

export type PaymentProviderName = 'stripe' | 'sandbox';

export interface PaymentsConfig {
  provider: PaymentProviderName;
  /** Set when `provider` is `stripe` and this is checkout (the only service that talks to Stripe). */
  stripe?: {
    secretKey: Secret;
    /** Public by design: the website's Stripe.js needs it. */
    publishableKey: string;
    webhookSecret: Secret;
    /** Undefined = Stripe's own API. */
    apiUrl?: string;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Sender outside production when MAIL_FROM is unset (production requires MAIL_FROM). */
export const DEFAULT_MAIL_FROM = 'Hamiltix alerts <alerts@hamiltix.localhost>';

const SANDBOX_HOSTS = /(^|\.)sandbox\.|^127\.|^localhost$|^\[?::1\]?$|broker-sandbox/i;

/**
 * Parses and checks the environment. Throws ConfigError naming every bad variable
 * and what it expects. Values of secrets never appear in messages.
 */
export function loadConfig(
  service: ServiceName,
  env: Record<string, string | undefined>,
): Readonly<AppConfig> {
  // Empty strings count as unset, as in most deploy tooling.
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') cleaned[k] = v;

  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${String(i.path[0] ?? '(env)')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.APP_ENV === 'production') {
    const host = new URL(e.BROKER_BASE_URL).hostname;
    if (SANDBOX_HOSTS.test(host))
      problems.push(`BROKER_BASE_URL: production refuses a sandbox broker URL (${host})`);
    // Only the broker's clients are given its credentials (helm/hamiltix), so only they need real ones.
    if (BROKER_CLIENTS.includes(service) && e.BROKER_TOKEN === SANDBOX_BROKER_TOKEN)
      problems.push('BROKER_TOKEN: production refuses the development default token');
    if (BROKER_CLIENTS.includes(service) && e.BROKER_SECRET === SANDBOX_BROKER_SECRET)
      problems.push('BROKER_SECRET: production refuses the development default secret');
    if (service === 'search-api' && e.SEARCH_CURSOR_KEY === DEV_SEARCH_CURSOR_KEY)
      problems.push('SEARCH_CURSOR_KEY: production refuses the development default key');
    if (new URL(e.BROKER_BASE_URL).protocol !== 'https:')
      problems.push('BROKER_BASE_URL: production requires https');
    if (e.CLOCK_START_AT !== undefined)
      problems.push('CLOCK_START_AT: production runs on the real clock; unset it');
    if (service === 'notifier' && e.SMTP_URL === undefined)
      problems.push('SMTP_URL: the notifier needs a mail server in production');
    if (service === 'notifier' && e.MAIL_FROM === undefined)
      problems.push('MAIL_FROM: the notifier needs a sender address in production');
    if (service === 'notifier' && e.ALERT_TOKEN_KEY === DEV_ALERT_TOKEN_KEY)
      problems.push('ALERT_TOKEN_KEY: production refuses the development default key');
    problems.push(...unsafeServerUrls(e));
    if (e.RATE_LIMIT_PER_MINUTE === 0)
      problems.push(
        'RATE_LIMIT_PER_MINUTE: production refuses 0 (rate limiting off); unset it or give a limit',
      );
    if (e.PAYMENT_PROVIDER === 'sandbox')
      problems.push(
        'PAYMENT_PROVIDER: production refuses the sandbox provider (it takes no money); use stripe',
      );
    if (e.STRIPE_API_URL !== undefined && new URL(e.STRIPE_API_URL).protocol !== 'https:')
      problems.push("STRIPE_API_URL: production requires https (or unset it for Stripe's own API)");
  }
  if (e.SANDBOX_STORE === 'postgres' && e.SANDBOX_DATABASE_URL === undefined)
    problems.push('SANDBOX_DATABASE_URL: required with SANDBOX_STORE=postgres');
  const paymentProvider = e.PAYMENT_PROVIDER ?? (e.APP_ENV === 'production' ? 'stripe' : 'sandbox');
  if (paymentProvider === 'stripe' && service === 'checkout') {
    for (const name of ['STRIPE_SECRET_KEY', 'STRIPE_PUBLISHABLE_KEY', 'STRIPE_WEBHOOK_SECRET'] as const)
      if (e[name] === undefined) problems.push(`${name}: required with PAYMENT_PROVIDER=stripe`);
  }
  if (problems.length) throw new ConfigError(problems);

  const config: AppConfig = {
    service,
    appEnv: e.APP_ENV,
    port: e.PORT ?? DEFAULT_PORTS[service],
    databaseUrl: new Secret(e.DATABASE_URL),
    redisUrl: new Secret(e.REDIS_URL),
    natsServers: natsUrls(e.NATS_URL).map(withoutUserInfo),
    natsAuth: natsAuthOf(e.NATS_URL),
    broker: {
      baseUrl: e.BROKER_BASE_URL.replace(/\/$/, ''),
      token: new Secret(e.BROKER_TOKEN),
      secret: new Secret(e.BROKER_SECRET),
      timeoutMs: e.BROKER_TIMEOUT_MS,
    },
    search: { cursorKey: new Secret(e.SEARCH_CURSOR_KEY) },
    alerts: {
      webhookUrl: e.ALERT_WEBHOOK_URL,
      token: e.ALERT_WEBHOOK_TOKEN ? new Secret(e.ALERT_WEBHOOK_TOKEN) : undefined,
      user: e.ALERT_WEBHOOK_USER ? new Secret(e.ALERT_WEBHOOK_USER) : undefined,
    },
    siteOrigin: e.SITE_ORIGIN.replace(/\/$/, ''),
    // Off by default in development so local benchmarks measure the service, not the limiter.
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE ?? (e.APP_ENV === 'development' ? 0 : 120),
    trustedProxyHops: e.TRUSTED_PROXY_HOPS,
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    shows: e.SHOWS.split(','),
    ingestion: {
      intervalSeconds: e.INGESTION_INTERVAL_SECONDS,
      windowDays: e.INGESTION_WINDOW_DAYS,
      concurrency: e.INGESTION_CONCURRENCY,
      changesIntervalSeconds: e.INGESTION_CHANGES_INTERVAL_SECONDS,
      brokerBudgetPerMinute: e.INGESTION_BROKER_BUDGET_PER_MINUTE,
    },
    fees: { buyerFeePercent: e.FEE_PERCENT, perTicketFeeCents: e.FEE_PER_TICKET_CENTS },
    sandbox: {
      seed: e.SANDBOX_SEED,
      scale: e.SANDBOX_SCALE,
      clockSpeed: e.SANDBOX_CLOCK_SPEED,
      store: e.SANDBOX_STORE,
      databaseUrl: e.SANDBOX_DATABASE_URL ? new Secret(e.SANDBOX_DATABASE_URL) : undefined,
    },
    payments: {
      provider: paymentProvider,
      stripe:
        paymentProvider === 'stripe' && service === 'checkout'
          ? {
              secretKey: new Secret(e.STRIPE_SECRET_KEY ?? ''),
              publishableKey: e.STRIPE_PUBLISHABLE_KEY ?? '',
              webhookSecret: new Secret(e.STRIPE_WEBHOOK_SECRET ?? ''),
              apiUrl: e.STRIPE_API_URL?.replace(/\/$/, ''),
            }
          : undefined,
    },
    sales: { cutoffMinutes: e.SALES_CUTOFF_MINUTES },
    mail: {
      smtpUrl: e.SMTP_URL === undefined ? undefined : new Secret(e.SMTP_URL),
      from: e.MAIL_FROM ?? DEFAULT_MAIL_FROM,
      minIntervalMinutes: e.ALERT_MIN_INTERVAL_MINUTES,
      tokenKey: new Secret(e.ALERT_TOKEN_KEY),
    },
    clockStart: e.CLOCK_START_AT === undefined ? undefined : parseClockStart(e.CLOCK_START_AT),
  };
  return deepFreeze(config);
}

function natsUrls(value: string): URL[] {
  return value.split(',').map((s) => new URL(s.trim()));
}

function withoutUserInfo(u: URL): string {
  return `${u.protocol}//${u.host}`;
}

/** NATS credentials from the first URL that carries them (nats.js ignores a URL's user info). */
function natsAuthOf(value: string): AppConfig['natsAuth'] {
  const u = natsUrls(value).find((x) => x.username !== '');
  if (!u) return undefined;
  const user = decodeURIComponent(u.username);
  return u.password === ''
    ? { token: new Secret(user) }
    : { user: new Secret(user), pass: new Secret(decodeURIComponent(u.password)) };
}

/**
 * Production's servers must ask for credentials: Postgres as a role of its own with a
 * password (never the `postgres` superuser), Redis and NATS with a password or token.
 * One line per variable; the URLs themselves are secrets and never quoted.
 */
function unsafeServerUrls(e: { DATABASE_URL: string; REDIS_URL: string; NATS_URL: string }): string[] {
  const problems: string[] = [];
  const db = new URL(e.DATABASE_URL);
  const dbUser = decodeURIComponent(db.username);
  if (dbUser === '' || dbUser === 'postgres')
    problems.push(
      'DATABASE_URL: production refuses the postgres superuser; connect as the service role (postgres://user:password@host/db)',
    );
  else if (db.password === '')
    problems.push('DATABASE_URL: production refuses a connection without a password');
  if (new URL(e.REDIS_URL).password === '')
    problems.push('REDIS_URL: production refuses Redis without authentication (redis://:password@host:6379)');
  if (natsUrls(e.NATS_URL).some((u) => u.username === ''))
    problems.push(
      'NATS_URL: production refuses NATS without authentication (nats://user:password@host:4222 or nats://token@host:4222)',
    );
  return problems;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Secret)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Injection token for the AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
