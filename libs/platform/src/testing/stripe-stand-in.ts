import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Test PaymentMethods, named as Stripe's own test-mode ones. */
export const STRIPE_TEST_CARDS = {
  ok: 'pm_card_visa',
  declined: 'pm_card_chargeDeclined',
  /** Its bank asks for 3-D Secure: confirming answers `requires_action` (see StripeStandIn.authenticate). */
  threeDSecure: 'pm_card_threeDSecure2Required',
  /**
   * The stand-in's own (Stripe has no card test method that does this): confirming leaves the
   * intent `processing`, as a payment method that settles later would.
   */
  processing: 'pm_standin_processing',
} as const;

export interface StandInIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  currency: string;
  capture_method: string;
  status:
    | 'requires_payment_method'
    | 'requires_confirmation'
    | 'requires_action'
    | 'processing'
    | 'requires_capture'
    | 'succeeded'
    | 'canceled';
  /** What the page's Stripe.js uses to complete a `requires_action` (handleNextAction). */
  client_secret: string;
  next_action: { type: 'use_stripe_sdk'; use_stripe_sdk: Record<string, unknown> } | null;
  payment_method: string | null;
  cancellation_reason: string | null;
  description: string | null;
  metadata: Record<string, string>;
  created: number;
  livemode: false;
  last_payment_error: Record<string, unknown> | null;
}

/** Stripe settings of the tests: the stand-in accepts any `sk_` key. */
export const STRIPE_TEST_ENV = {
  PAYMENT_PROVIDER: 'stripe',
  STRIPE_SECRET_KEY: 'sk_test_hamiltix',
  STRIPE_PUBLISHABLE_KEY: 'pk_test_hamiltix',
  STRIPE_WEBHOOK_SECRET: 'whsec_hamiltixtest',
};

/** One request as the stand-in saw it (for tests: which keys were sent, how often). */
export interface StandInRequest {
  method: string;
  path: string;
  idempotencyKey?: string;
  replayed: boolean;
  status: number;
}

/** Steps a test can make fail with a 500 (Stripe's `api_error`) until cleared. */
export type StandInFault = 'create' | 'confirm' | 'capture' | 'cancel' | 'retrieve';

/**
 * A local stand-in (test support; never shipped in a service) for the few Stripe endpoints checkout uses — create, confirm, capture,
 * cancel and retrieve PaymentIntents — speaking Stripe's wire format (form-encoded bodies,
 * JSON answers, `{ error: { type, code, … } }` errors) so the official `stripe` client drives
 * it unchanged (`STRIPE_API_URL`). Like Stripe, an `Idempotency-Key` replays the first
 * answer — errors and 500s included — and refuses different parameters under the same key.
 */
export class StripeStandIn {
  readonly intents = new Map<string, StandInIntent>();
  readonly requests: StandInRequest[] = [];
  readonly faults = new Set<StandInFault>();
  private readonly answers = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  private server?: Server;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Captures per intent that succeeded (never more than one). */
  captures(intentId: string): number {
    return this.requests.filter(
      (r) => r.path === `/v1/payment_intents/${intentId}/capture` && r.status === 200 && !r.replayed,
    ).length;
  }

  intentFor(orderId: string): StandInIntent | undefined {
    return [...this.intents.values()].find((i) => i.metadata.order_id === orderId);
  }

  /**
   * The buyer's side of 3-D Secure, which happens between the page (Stripe.js
   * `handleNextAction`) and Stripe, never through Hamiltix: the challenge passed (the intent
   * is authorised: `requires_capture`) or failed (`requires_payment_method`, as Stripe leaves it).
   */
  authenticate(intentId: string, passed: boolean): StandInIntent {
    const intent = this.intents.get(intentId);
    if (!intent || intent.status !== 'requires_action')
      throw new Error(`PaymentIntent ${intentId} is not waiting for authentication`);
    intent.next_action = null;
    if (passed) authorise(intent);
    else {
      intent.status = 'requires_payment_method';
      intent.payment_method = null;
      intent.last_payment_error = {
        type: 'card_error',
        code: 'payment_intent_authentication_failure',
        message: 'The provided PaymentMethod has failed authentication.',
      };
    }
    return intent;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0];
    const key = req.headers['idempotency-key'] as string | undefined;
    const send = (status: number, body: unknown, replayed = false) => {
      this.requests.push({ method, path, idempotencyKey: key, replayed, status });
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': `req_${randomBytes(6).toString('hex')}`,
        ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
        // Our faults are for checkout's own retries to handle, not the client's.
        'stripe-should-retry': 'false',
      });
      res.end(JSON.stringify(body));
    };
    if (!String(req.headers.authorization ?? '').startsWith('Bearer sk_'))
      return send(401, stripeError(401, 'invalid_request_error', 'Invalid API Key provided.').body);

    const fingerprint = createHash('sha256').update(`${method} ${path} ${raw}`).digest('hex');
    if (method === 'POST' && key) {
      const previous = this.answers.get(key);
      if (previous) {
        if (previous.fingerprint !== fingerprint)
          return send(
            400,
            stripeError(
              400,
              'idempotency_error',
              `Keys for idempotent requests can only be used with the same parameters they were first used with.`,
            ).body,
          );
        return send(previous.status, previous.body, true);
      }
    }
    const answer = this.route(method, path, new URLSearchParams(raw));
    if (method === 'POST' && key) this.answers.set(key, { fingerprint, ...answer });
    send(answer.status, answer.body);
  }

  private route(method: string, path: string, form: URLSearchParams): { status: number; body: unknown } {
    const m = /^\/v1\/payment_intents(?:\/(pi_[A-Za-z0-9]+))?(?:\/(confirm|capture|cancel))?$/.exec(path);
    if (!m)
      return stripeError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
    const [, id, action] = m;
    const step: StandInFault = !id ? 'create' : action ? (action as StandInFault) : 'retrieve';
    if (this.faults.has(step)) return stripeError(500, 'api_error', `stand-in fault: ${step}`);
    if (!id) return method === 'POST' ? this.create(form) : notFound(path);
    const intent = this.intents.get(id);
    if (!intent) return stripeError(404, 'invalid_request_error', `No such payment_intent: '${id}'`, 'id');
    if (method === 'GET' && !action) return ok(intent);
    if (method !== 'POST') return notFound(path);
    switch (action) {
      case 'confirm':
        return this.confirm(intent, form);
      case 'capture':
        return this.capture(intent, form);
      case 'cancel':
        if (intent.status === 'succeeded') return unexpectedState(intent, 'cancel');
        if (intent.status !== 'canceled') {
          intent.status = 'canceled';
          intent.amount_capturable = 0;
          intent.cancellation_reason = form.get('cancellation_reason') ?? 'requested_by_customer';
        }
        return ok(intent);
      default:
        return notFound(path);
    }
  }

  private create(form: URLSearchParams) {
    const amount = Number(form.get('amount'));
    if (!Number.isInteger(amount) || amount < 50)
      return stripeError(400, 'invalid_request_error', 'Amount must be at least 50 cents', 'amount');
    const metadata: Record<string, string> = {};
    for (const [k, v] of form) {
      const meta = /^metadata\[(.+)\]$/.exec(k);
      if (meta) metadata[meta[1]] = v;
    }
    const id = `pi_${randomBytes(12).toString('hex')}`;
    const intent: StandInIntent = {
      id,
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_received: 0,
      currency: form.get('currency') ?? 'usd',
      capture_method: form.get('capture_method') ?? 'automatic',
      status: 'requires_payment_method',
      client_secret: `${id}_secret_${randomBytes(12).toString('hex')}`,
      next_action: null,
      payment_method: null,
      cancellation_reason: null,
      description: form.get('description'),
      metadata,
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      last_payment_error: null,
    };
    this.intents.set(intent.id, intent);
    return ok(intent);
  }

  private confirm(intent: StandInIntent, form: URLSearchParams) {
    if (intent.status !== 'requires_payment_method' && intent.status !== 'requires_confirmation')
      return unexpectedState(intent, 'confirm');
    const pm = form.get('payment_method');
    if (pm === STRIPE_TEST_CARDS.declined) {
      intent.status = 'requires_payment_method';
      intent.last_payment_error = {
        type: 'card_error',
        code: 'card_declined',
        decline_code: 'generic_decline',
      };
      return {
        status: 402,
        body: {
          error: {
            type: 'card_error',
            code: 'card_declined',
            decline_code: 'generic_decline',
            message: 'Your card was declined.',
            payment_intent: intent,
          },
        },
      };
    }
    if (
      pm !== STRIPE_TEST_CARDS.ok &&
      pm !== STRIPE_TEST_CARDS.threeDSecure &&
      pm !== STRIPE_TEST_CARDS.processing
    )
      return stripeError(400, 'invalid_request_error', `No such PaymentMethod: '${pm}'`, 'payment_method');
    intent.payment_method = pm;
    intent.last_payment_error = null;
    if (pm === STRIPE_TEST_CARDS.processing) {
      intent.status = 'processing';
      return ok(intent);
    }
    if (pm === STRIPE_TEST_CARDS.threeDSecure) {
      // Not an error: the intent waits for the buyer (StripeStandIn.authenticate).
      intent.status = 'requires_action';
      intent.next_action = { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect' } };
      return ok(intent);
    }
    authorise(intent);
    return ok(intent);
  }

  private capture(intent: StandInIntent, form: URLSearchParams) {
    if (intent.status !== 'requires_capture') return unexpectedState(intent, 'capture');
    const amount = Number(form.get('amount_to_capture') ?? intent.amount_capturable);
    if (amount > intent.amount_capturable)
      return stripeError(
        400,
        'invalid_request_error',
        'amount_to_capture must be at most the capturable amount',
        'amount_to_capture',
      );
    intent.status = 'succeeded';
    intent.amount_received = amount;
    intent.amount_capturable = 0;
    return ok(intent);
  }
}

/** The card is good: held (manual capture) or charged (automatic). */
function authorise(intent: StandInIntent): void {
  if (intent.capture_method === 'manual') {
    intent.status = 'requires_capture';
    intent.amount_capturable = intent.amount;
  } else {
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
  }
}

function ok(intent: StandInIntent) {
  return { status: 200, body: { ...intent } };
}

function notFound(path: string) {
  return stripeError(404, 'invalid_request_error', `Unrecognized request URL (${path}).`);
}

function unexpectedState(intent: StandInIntent, action: string) {
  return {
    status: 400,
    body: {
      error: {
        type: 'invalid_request_error',
        code: 'payment_intent_unexpected_state',
        message: `You cannot ${action} this PaymentIntent because it has a status of ${intent.status}.`,
        payment_intent: { ...intent },
      },
    },
  };
}

function stripeError(status: number, type: string, message: string, param?: string) {
  return { status, body: { error: { type, message, ...(param ? { param } : {}) } } };
}

/**
 * What the website uses of Stripe.js, for a browser test to serve in place of
 * https://js.stripe.com/v3/ (e.g. playwright's `page.route`): a card form that yields the test
 * PaymentMethod `pm_card_visa` (which StripeStandIn authorises), recording in `window.stripeCalls`
 * what the page asked of it. A test may set `window.stripeTestPaymentMethod` (e.g.
 * `pm_card_threeDSecure2Required`) and expose `window.stripeAuthenticate(clientSecret)`, which
 * `handleNextAction` (3-D Secure) awaits — the buyer's bank check, done by the test at
 * StripeStandIn with `authenticate`; when it returns false (the check failed) `handleNextAction`
 * answers `{ error }`, as Stripe.js does.
 */
export const STRIPE_JS_STAND_IN = `
window.stripeCalls = [];
window.Stripe = function (key) {
  window.stripeCalls.push(['Stripe', key]);
  return {
    elements(options) {
      window.stripeCalls.push(['elements', options]);
      return {
        create(type) {
          return {
            on() {},
            mount(el) {
              const box = document.createElement('div');
              box.setAttribute('data-testid', 'stripe-card-form');
              box.textContent = 'Card number, expiry, CVC (Stripe)';
              el.append(box);
            },
          };
        },
        update(options) { window.stripeCalls.push(['update', options]); },
        async submit() { return {}; },
      };
    },
    async createPaymentMethod() {
      return { paymentMethod: { id: window.stripeTestPaymentMethod ?? 'pm_card_visa' } };
    },
    async handleNextAction(options) {
      window.stripeCalls.push(['handleNextAction', options]);
      const passed = window.stripeAuthenticate ? await window.stripeAuthenticate(options.clientSecret) : true;
      if (passed === false)
        return { error: { type: 'card_error', message: 'We are unable to authenticate your payment method.' } };
      return { paymentIntent: { status: 'requires_capture' } };
    },
  };
};`;
