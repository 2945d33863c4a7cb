import { inspect } from 'node:util';
import { ConfigError, loadConfig, SANDBOX_BROKER_SECRET, SANDBOX_BROKER_TOKEN } from './index.js';

const PROD_OK = {
  APP_ENV: 'production',
  BROKER_BASE_URL: 'https://api.ticketevolution.com',
  BROKER_TOKEN: 'A'.repeat(32),
  BROKER_SECRET: 'S'.repeat(40),
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig('search-api', env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  return [];
}

describe('config', () => {
  it('gives the contract defaults in development', () => {
    const c = loadConfig('checkout', {});
    expect(c.appEnv).toBe('development');
    expect(c.port).toBe(3002);
    expect(c.databaseUrl.reveal()).toBe('postgres://postgres@127.0.0.1:5432/hamiltix');
    expect(c.redisUrl.reveal()).toBe('redis://127.0.0.1:6379');
    expect(c.natsServers).toEqual(['nats://127.0.0.1:4222']);
    expect(c.broker.baseUrl).toBe('http://127.0.0.1:4010');
    expect(c.broker.token.reveal()).toBe(SANDBOX_BROKER_TOKEN);
    expect(c.broker.secret.reveal()).toBe(SANDBOX_BROKER_SECRET);
    expect(c.alerts.webhookUrl).toBeUndefined();
    expect(c.siteOrigin).toBe('http://127.0.0.1:8080');
    expect(c.rateLimitPerMinute).toBe(0);
    expect(c.ingestion.intervalSeconds).toBe(120);
  });

  it.each([
    ['search-api', 3001],
    ['checkout', 3002],
    ['ingestion', 3003],
    ['ranking', 3004],
    ['broker-sandbox', 4010],
  ] as const)('%s listens on %i by default', (service, port) => {
    expect(loadConfig(service, {}).port).toBe(port);
  });

  it('is frozen, deeply', () => {
    const c = loadConfig('ranking', {});
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.broker)).toBe(true);
    expect(() => {
      (c as { port: number }).port = 1;
    }).toThrow();
  });

  it('accepts good values of every variable', () => {
    const c = loadConfig('ingestion', {
      APP_ENV: 'staging',
      DATABASE_URL: 'postgresql://u:p@db:5432/x',
      REDIS_URL: 'rediss://cache:6380',
      NATS_URL: 'nats://a:4222, nats://b:4222',
      BROKER_BASE_URL: 'https://api.sandbox.ticketevolution.com/',
      BROKER_TOKEN: 'abcDEF1234567890abcDEF1234567890',
      BROKER_SECRET: 'x'.repeat(40),
      ALERT_WEBHOOK_URL: 'https://api.pushover.net/1/messages.json',
      PORT: '9000',
      SITE_ORIGIN: 'https://hamiltix.example',
      RATE_LIMIT_PER_MINUTE: '300',
      LOG_LEVEL: 'debug',
    });
    expect(c.appEnv).toBe('staging');
    expect(c.natsServers).toEqual(['nats://a:4222', 'nats://b:4222']);
    expect(c.broker.baseUrl).toBe('https://api.sandbox.ticketevolution.com');
    expect(c.port).toBe(9000);
    expect(c.rateLimitPerMinute).toBe(300);
    expect(c.alerts.webhookUrl).toBe('https://api.pushover.net/1/messages.json');
  });

  it('rate limit defaults on outside development', () => {
    expect(loadConfig('search-api', { APP_ENV: 'staging' }).rateLimitPerMinute).toBeGreaterThan(0);
    expect(
      loadConfig('search-api', { APP_ENV: 'staging', RATE_LIMIT_PER_MINUTE: '0' }).rateLimitPerMinute,
    ).toBe(0);
  });

  it.each([
    ['APP_ENV', 'prod', /APP_ENV/],
    ['DATABASE_URL', 'mysql://x/y', /DATABASE_URL: expected a postgres URL/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL/],
    ['REDIS_URL', 'http://x', /REDIS_URL: expected a redis URL/],
    ['NATS_URL', 'http://x:4222', /NATS_URL/],
    ['BROKER_BASE_URL', 'ftp://x', /BROKER_BASE_URL/],
    ['BROKER_TOKEN', 'short', /BROKER_TOKEN: expected 32 letters or digits/],
    ['BROKER_SECRET', 'short', /BROKER_SECRET: expected exactly 40 characters/],
    ['ALERT_WEBHOOK_URL', 'nope', /ALERT_WEBHOOK_URL/],
    ['PORT', '0', /PORT: expected a whole number from 1 to 65535/],
    ['PORT', '70000', /PORT/],
    ['PORT', 'abc', /PORT/],
    ['SITE_ORIGIN', 'https://x.example/path', /SITE_ORIGIN: expected an origin/],
    ['RATE_LIMIT_PER_MINUTE', '-1', /RATE_LIMIT_PER_MINUTE/],
    ['RATE_LIMIT_PER_MINUTE', '1.5', /RATE_LIMIT_PER_MINUTE/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
    ['SHOWS', 'Hamilton!', /SHOWS/],
    ['INGESTION_INTERVAL_SECONDS', '1', /INGESTION_INTERVAL_SECONDS/],
    ['FEE_PERCENT', '150', /FEE_PERCENT/],
  ])('rejects %s=%s naming it', (name, value, expected) => {
    const found = problems({ [name]: value });
    expect(found.join('\n')).toMatch(expected);
  });

  it('the sales cut-off and the pinned clock', () => {
    expect(loadConfig('checkout', {}).sales).toEqual({ cutoffMinutes: 60 });
    expect(loadConfig('checkout', {}).clockStartMs).toBeUndefined();
    const c = loadConfig('checkout', { SALES_CUTOFF_MINUTES: '90', CLOCK_START_AT: '2027-01-12T22:58:00Z' });
    expect(c.sales.cutoffMinutes).toBe(90);
    expect(c.clockStartMs).toBe(Date.parse('2027-01-12T22:58:00Z'));
    expect(problems({ SALES_CUTOFF_MINUTES: '-5' })[0]).toMatch(
      /^SALES_CUTOFF_MINUTES: expected a whole number/,
    );
    expect(problems({ CLOCK_START_AT: '2027-01-12 22:58' })[0]).toMatch(
      /^CLOCK_START_AT: expected an ISO 8601 instant/,
    );
    expect(problems({ ...PROD_OK, CLOCK_START_AT: '2027-01-12T22:58:00Z' })).toContain(
      'CLOCK_START_AT: production runs on the real clock; unset it',
    );
  });

  it('lists every bad variable at once', () => {
    expect(problems({ PORT: 'x', REDIS_URL: 'y' })).toHaveLength(2);
  });

  it('production refuses the sandbox broker and default secrets', () => {
    expect(problems(PROD_OK)).toEqual([]);
    expect(
      problems({ ...PROD_OK, BROKER_BASE_URL: 'https://api.sandbox.ticketevolution.com' }).join(),
    ).toMatch(/BROKER_BASE_URL: production refuses a sandbox broker URL/);
    expect(problems({ ...PROD_OK, BROKER_BASE_URL: 'http://127.0.0.1:4010' }).join()).toMatch(
      /sandbox broker URL/,
    );
    expect(problems({ ...PROD_OK, BROKER_TOKEN: SANDBOX_BROKER_TOKEN }).join()).toMatch(
      /BROKER_TOKEN: production refuses/,
    );
    expect(problems({ ...PROD_OK, BROKER_SECRET: SANDBOX_BROKER_SECRET }).join()).toMatch(
      /BROKER_SECRET: production refuses/,
    );
    expect(problems({ APP_ENV: 'production' }).length).toBeGreaterThanOrEqual(3);
  });

  it('the broker sandbox keeps its changes in memory unless given its own Postgres store', () => {
    expect(loadConfig('broker-sandbox', {}).sandbox.store).toBe('memory');
    expect(problems({ SANDBOX_STORE: 'postgres' })).toEqual([
      'SANDBOX_DATABASE_URL: required with SANDBOX_STORE=postgres',
    ]);
    const c = loadConfig('broker-sandbox', {
      SANDBOX_STORE: 'postgres',
      SANDBOX_DATABASE_URL: 'postgres://sandbox:pw@db/broker_sandbox',
    });
    expect(c.sandbox.databaseUrl?.reveal()).toBe('postgres://sandbox:pw@db/broker_sandbox');
    expect(JSON.stringify(c)).not.toContain(':pw@');
  });

  describe('payments', () => {
    const STRIPE = {
      STRIPE_SECRET_KEY: 'sk_test_abc123',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_abc123',
      STRIPE_WEBHOOK_SECRET: 'whsec_abc123',
    };
    const checkoutProblems = (env: Record<string, string>): string[] => {
      try {
        loadConfig('checkout', env);
      } catch (error) {
        return (error as ConfigError).problems;
      }
      return [];
    };

    it('defaults to the sandbox outside production and to stripe in production', () => {
      expect(loadConfig('checkout', {}).payments).toEqual({ provider: 'sandbox', stripe: undefined });
      expect(loadConfig('checkout', { APP_ENV: 'staging' }).payments.provider).toBe('sandbox');
      expect(loadConfig('search-api', PROD_OK).payments.provider).toBe('stripe');
    });

    it('production refuses the sandbox provider, naming the variable', () => {
      expect(problems({ ...PROD_OK, PAYMENT_PROVIDER: 'sandbox' })).toEqual([
        'PAYMENT_PROVIDER: production refuses the sandbox provider (it takes no money); use stripe',
      ]);
      expect(checkoutProblems({ ...PROD_OK, ...STRIPE, PAYMENT_PROVIDER: 'sandbox' })).toContain(
        'PAYMENT_PROVIDER: production refuses the sandbox provider (it takes no money); use stripe',
      );
    });

    it('stripe needs its three keys in checkout, each named; the secrets stay secret', () => {
      expect(checkoutProblems({ PAYMENT_PROVIDER: 'stripe' })).toEqual([
        'STRIPE_SECRET_KEY: required with PAYMENT_PROVIDER=stripe',
        'STRIPE_PUBLISHABLE_KEY: required with PAYMENT_PROVIDER=stripe',
        'STRIPE_WEBHOOK_SECRET: required with PAYMENT_PROVIDER=stripe',
      ]);
      expect(checkoutProblems({ ...PROD_OK })).toHaveLength(3);
      expect(
        checkoutProblems({ PAYMENT_PROVIDER: 'stripe', ...STRIPE, STRIPE_SECRET_KEY: 'pk_test_x' })[0],
      ).toMatch(/^STRIPE_SECRET_KEY: expected a Stripe secret key/);
      const c = loadConfig('checkout', {
        PAYMENT_PROVIDER: 'stripe',
        ...STRIPE,
        STRIPE_API_URL: 'http://127.0.0.1:12111/',
      });
      expect(c.payments.provider).toBe('stripe');
      expect(c.payments.stripe?.secretKey.reveal()).toBe('sk_test_abc123');
      expect(c.payments.stripe?.publishableKey).toBe('pk_test_abc123');
      expect(c.payments.stripe?.apiUrl).toBe('http://127.0.0.1:12111');
      const dump = JSON.stringify(c) + inspect(c, { depth: 5 });
      expect(dump).not.toContain('sk_test_abc123');
      expect(dump).not.toContain('whsec_abc123');
      expect(checkoutProblems({ ...PROD_OK, ...STRIPE })).toEqual([]);
      expect(checkoutProblems({ ...PROD_OK, ...STRIPE, STRIPE_API_URL: 'http://127.0.0.1:1' })).toEqual([
        "STRIPE_API_URL: production requires https (or unset it for Stripe's own API)",
      ]);
    });
  });

  it('never shows secrets in messages, JSON or inspect output', () => {
    const secret = 'Z'.repeat(40);
    const c = loadConfig('checkout', { BROKER_SECRET: secret, DATABASE_URL: 'postgres://u:hunter2@db/x' });
    const dump = JSON.stringify(c) + inspect(c, { depth: 5 }) + String(c.broker.secret);
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain('hunter2');
    expect(problems({ BROKER_SECRET: 'hunter2-too-short' }).join()).not.toContain('hunter2');
  });

  it('fails fast', () => {
    const started = performance.now();
    problems({ PORT: 'x' });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
