import {
  DEFAULT_PORTS,
  envSchema,
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
  natsServers: string[];
  broker: { baseUrl: string; token: Secret; secret: Secret; timeoutMs: number };
  alerts: { webhookUrl?: string; token?: Secret; user?: Secret };
  siteOrigin: string;
  /** 0 = off. */
  rateLimitPerMinute: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  logPretty: boolean;
  shutdownTimeoutMs: number;
  shows: string[];
  ingestion: { intervalSeconds: number; windowDays: number; concurrency: number };
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
  /** Where the process clock starts (CLOCK_START_AT), epoch ms; undefined = the system clock. */
  clockStartMs?: number;
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
    if (e.BROKER_TOKEN === SANDBOX_BROKER_TOKEN)
      problems.push('BROKER_TOKEN: production refuses the development default token');
    if (e.BROKER_SECRET === SANDBOX_BROKER_SECRET)
      problems.push('BROKER_SECRET: production refuses the development default secret');
    if (new URL(e.BROKER_BASE_URL).protocol !== 'https:')
      problems.push('BROKER_BASE_URL: production requires https');
    if (e.CLOCK_START_AT !== undefined)
      problems.push('CLOCK_START_AT: production runs on the real clock; unset it');
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
    natsServers: e.NATS_URL.split(',').map((s) => s.trim()),
    broker: {
      baseUrl: e.BROKER_BASE_URL.replace(/\/$/, ''),
      token: new Secret(e.BROKER_TOKEN),
      secret: new Secret(e.BROKER_SECRET),
      timeoutMs: e.BROKER_TIMEOUT_MS,
    },
    alerts: {
      webhookUrl: e.ALERT_WEBHOOK_URL,
      token: e.ALERT_WEBHOOK_TOKEN ? new Secret(e.ALERT_WEBHOOK_TOKEN) : undefined,
      user: e.ALERT_WEBHOOK_USER ? new Secret(e.ALERT_WEBHOOK_USER) : undefined,
    },
    siteOrigin: e.SITE_ORIGIN.replace(/\/$/, ''),
    // Off by default in development so local benchmarks measure the service, not the limiter.
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE ?? (e.APP_ENV === 'development' ? 0 : 120),
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    shows: e.SHOWS.split(','),
    ingestion: {
      intervalSeconds: e.INGESTION_INTERVAL_SECONDS,
      windowDays: e.INGESTION_WINDOW_DAYS,
      concurrency: e.INGESTION_CONCURRENCY,
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
    clockStartMs: e.CLOCK_START_AT === undefined ? undefined : Date.parse(e.CLOCK_START_AT),
  };
  return deepFreeze(config);
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
