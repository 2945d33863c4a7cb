import { inspect } from 'node:util';
import {
  ConfigError,
  DEV_SEARCH_CURSOR_KEY,
  loadConfig,
  SANDBOX_BROKER_SECRET,
  SANDBOX_BROKER_TOKEN,
  type ServiceName,
} from './index.js';

const PROD_OK = {
  APP_ENV: 'production',
  BROKER_BASE_URL: 'https://api.ticketevolution.com',
  BROKER_TOKEN: 'A'.repeat(32),
  BROKER_SECRET: 'S'.repeat(40),
  DATABASE_URL: 'postgres://hamiltix_app:pg-secret@db:5432/hamiltix',
  REDIS_URL: 'redis://:redis-secret@cache:6379',
  NATS_URL: 'nats://hamiltix:nats-secret@nats-0:4222,nats://hamiltix:nats-secret@nats-1:4222',
  // Checkout in production takes payments with Stripe.
  STRIPE_SECRET_KEY: 'sk_live_abc123',
  STRIPE_PUBLISHABLE_KEY: 'pk_live_abc123',
  STRIPE_WEBHOOK_SECRET: 'whsec_live123',
};

function problems(env: Record<string, string>, service: ServiceName = 'checkout'): string[] {
  try {
    loadConfig(service, env);
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
    expect(c.trustedProxyHops).toBe(0);
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
    ['TRUSTED_PROXY_HOPS', '-1', /TRUSTED_PROXY_HOPS/],
    ['TRUSTED_PROXY_HOPS', '11', /TRUSTED_PROXY_HOPS/],
  ])('rejects %s=%s naming it', (name, value, expected) => {
    const found = problems({ [name]: value });
    expect(found.join('\n')).toMatch(expected);
  });

  it('the sales cut-off and the pinned clock', () => {
    expect(loadConfig('checkout', {}).sales).toEqual({ cutoffMinutes: 60 });
    expect(loadConfig('checkout', {}).clockStart).toBeUndefined();
    const c = loadConfig('checkout', { SALES_CUTOFF_MINUTES: '90', CLOCK_START_AT: '2027-01-12T22:58:00Z' });
    expect(c.sales.cutoffMinutes).toBe(90);
    expect(c.clockStart).toEqual({ startMs: Date.parse('2027-01-12T22:58:00Z') });
    // Anchored: every process given the same value reads the same "now", whenever it boots.
    expect(
      loadConfig('checkout', { CLOCK_START_AT: '2027-01-12T22:58:00Z@1796000000000' }).clockStart,
    ).toEqual({ startMs: Date.parse('2027-01-12T22:58:00Z'), anchorMs: 1796000000000 });
    expect(problems({ CLOCK_START_AT: '2027-01-12T22:58:00Z@soon' })[0]).toMatch(/^CLOCK_START_AT: /);
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

  it('reads the notifier mail settings; production notifier needs a mail server and a sender', () => {
    const dev = loadConfig('notifier', {});
    expect(dev.port).toBe(3005);
    expect(dev.mail.smtpUrl).toBeUndefined();
    expect(dev.mail.minIntervalMinutes).toBe(360);
    const c = loadConfig('notifier', {
      SMTP_URL: 'smtps://user:pw@mail.example:465',
      MAIL_FROM: 'Hamiltix <alerts@example.com>',
      ALERT_MIN_INTERVAL_MINUTES: '30',
    });
    expect(c.mail.smtpUrl?.reveal()).toBe('smtps://user:pw@mail.example:465');
    expect(JSON.stringify(c)).not.toContain('pw@');
    expect(c.mail).toMatchObject({ from: 'Hamiltix <alerts@example.com>', minIntervalMinutes: 30 });
    expect(problems({ SMTP_URL: 'http://mail.example' })[0]).toMatch(/^SMTP_URL: expected a smtp\(s\) URL/);
    expect(problems({ MAIL_FROM: 'a@b.c\r\nBcc: x@y.z' })[0]).toMatch(/^MAIL_FROM: expected an address/);
    expect(problems({ ALERT_MIN_INTERVAL_MINUTES: '0' })[0]).toMatch(/^ALERT_MIN_INTERVAL_MINUTES/);
    const prod = (env: Record<string, string>) => {
      try {
        loadConfig('notifier', { ...PROD_OK, ...env });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(prod({})).toEqual(
      expect.arrayContaining([
        'SMTP_URL: the notifier needs a mail server in production',
        'MAIL_FROM: the notifier needs a sender address in production',
        'ALERT_TOKEN_KEY: production refuses the development default key',
      ]),
    );
    const mailOk = {
      SMTP_URL: 'smtps://mail.example:465',
      MAIL_FROM: 'alerts@example.com',
      ALERT_TOKEN_KEY: 'k'.repeat(40),
    };
    expect(prod(mailOk).filter((p) => /SMTP_URL|MAIL_FROM|ALERT_TOKEN_KEY/.test(p))).toEqual([]);
    // Other services do not send mail and do not need it.
    expect(problems(PROD_OK)).toEqual([]);
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

  it.each([
    ['DATABASE_URL', 'postgres://postgres:pw@db:5432/hamiltix', 'the postgres superuser'],
    ['DATABASE_URL', 'postgres://db:5432/hamiltix', 'the postgres superuser'],
    ['DATABASE_URL', 'postgres://hamiltix_app@db:5432/hamiltix', 'without a password'],
    ['REDIS_URL', 'redis://cache:6379', 'without authentication'],
    ['REDIS_URL', 'rediss://default@cache:6379', 'without authentication'],
    ['NATS_URL', 'nats://nats:4222', 'without authentication'],
    ['NATS_URL', 'nats://u:p@nats-0:4222,nats://nats-1:4222', 'without authentication'],
    ['RATE_LIMIT_PER_MINUTE', '0', 'refuses 0'],
  ])('production refuses %s=%s in one line naming it', (name, value, reason) => {
    const found = problems({ ...PROD_OK, [name]: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${name}: production .*${reason}`));
    // The line never quotes the URL (it may carry a password).
    expect(found[0]).not.toContain(':pw@');
  });

  it('production with every safe server URL starts; the defaults are refused one line each', () => {
    expect(problems(PROD_OK)).toEqual([]);
    const lines = problems({ APP_ENV: 'production' });
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'NATS_URL'])
      expect(lines.filter((l) => l.startsWith(`${name}:`))).toHaveLength(1);
    // Outside production the development defaults stay accepted.
    expect(problems({ APP_ENV: 'staging', RATE_LIMIT_PER_MINUTE: '0' })).toEqual([]);
  });

  it('hands NATS credentials over apart from the server list, which stays loggable', () => {
    const c = loadConfig('ranking', PROD_OK);
    expect(c.natsServers).toEqual(['nats://nats-0:4222', 'nats://nats-1:4222']);
    expect(c.natsAuth && 'user' in c.natsAuth && c.natsAuth.user.reveal()).toBe('hamiltix');
    expect(c.natsAuth && 'pass' in c.natsAuth && c.natsAuth.pass.reveal()).toBe('nats-secret');
    const token = loadConfig('ranking', { NATS_URL: 'nats://s3cr3t-token@nats:4222' }).natsAuth;
    expect(token && 'token' in token && token.token.reveal()).toBe('s3cr3t-token');
    expect(loadConfig('ranking', {}).natsAuth).toBeUndefined();
    expect(JSON.stringify(c)).not.toContain('nats-secret');
  });

  it("production search-api needs its own cursor key and never the broker's credentials", () => {
    const { BROKER_TOKEN: _token, BROKER_SECRET: _secret, ...search } = PROD_OK;
    expect(problems(search, 'search-api')).toEqual([
      'SEARCH_CURSOR_KEY: production refuses the development default key',
    ]);
    const key = 'K'.repeat(32);
    expect(problems({ ...search, SEARCH_CURSOR_KEY: key }, 'search-api')).toEqual([]);
    expect(loadConfig('search-api', { SEARCH_CURSOR_KEY: key }).search.cursorKey.reveal()).toBe(key);
    expect(loadConfig('search-api', {}).search.cursorKey.reveal()).toBe(DEV_SEARCH_CURSOR_KEY);
    expect(problems({ SEARCH_CURSOR_KEY: 'short' }, 'search-api')[0]).toMatch(
      /^SEARCH_CURSOR_KEY: expected at least 32/,
    );
    // ranking calls no broker either; checkout and ingestion do.
    expect(problems(search, 'ranking')).toEqual([]);
    expect(problems(search, 'ingestion')).toHaveLength(2);
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
      expect(loadConfig('ranking', PROD_OK).payments.provider).toBe('stripe');
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
      const {
        STRIPE_SECRET_KEY: _s,
        STRIPE_PUBLISHABLE_KEY: _p,
        STRIPE_WEBHOOK_SECRET: _w,
        ...noKeys
      } = PROD_OK;
      expect(checkoutProblems(noKeys)).toHaveLength(3);
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
