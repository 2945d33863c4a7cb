import { z } from 'zod';
import { problem, type HttpOutcome } from './outcome.js';

/** 13–19 digits, optionally grouped by spaces or dashes, anywhere in the value: what a card number looks like. */
const CARD_NUMBER = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/;

/** True when the text contains what could be a card number. Such a value is refused and never logged or echoed. */
export function looksLikeCardNumber(value: string): boolean {
  return CARD_NUMBER.test(value);
}

const listingId = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^[1-9]\d{0,14}$/.test(v), {
    message: 'must be the listing id, a string of digits such as "12345"',
  });

/** Control characters (C0 and DEL), NUL among them. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/** Postgres `integer`, the type of orders.total_cents. */
const MAX_ORDER_TOTAL_CENTS = 2_147_483_647;

const quantity = z
  .number({ message: 'must be a whole number of tickets' })
  .int({ message: 'must be a whole number of tickets' })
  .min(1, { message: 'must be at least 1 ticket' })
  .max(50, { message: 'must be at most 50 tickets' });
const expectedAllInPrice = z
  .number({ message: 'must be the all-in price per ticket you were shown, in cents' })
  .int({ message: 'must be a whole number of cents' })
  .positive({ message: 'must be more than 0 cents' })
  .max(100_000_000, { message: 'is larger than any ticket price' });
/** The fields the total check needs: it runs as soon as these two are valid, whatever else is wrong. */
const placeOrderTotalInputs = z.object({ quantity, expectedAllInPrice });

export const placeOrderBody = z
  .object({
    listingId,
    quantity,
    expectedAllInPrice,
    buyer: z.object(
      {
        name: z
          .string({ message: 'must be the buyer name' })
          .trim()
          .min(1, { message: 'must not be empty' })
          .max(200, { message: 'must be at most 200 characters' })
          // Postgres text refuses NUL (a 500 at the insert); no name needs control characters.
          .refine((v) => !CONTROL_CHARACTER.test(v), { message: 'must not contain control characters' }),
        email: z
          .string({ message: 'must be an email address' })
          .trim()
          .max(254, { message: 'must be at most 254 characters' })
          .pipe(z.email({ message: 'must be a valid email address, such as name@example.com' })),
      },
      { message: 'must be an object with name and email' },
    ),
    paymentToken: z
      .string({ message: 'must be the token from the payment form' })
      .refine((v) => !looksLikeCardNumber(v), {
        message:
          'looks like a card number: send the payment token from the payment form, never the card number',
        abort: true,
      })
      .refine((v) => /^[A-Za-z0-9_-]{3,200}$/.test(v), {
        message: 'must be a payment token (3–200 letters, digits, "_" or "-"), such as tok_sandbox_ok',
      }),
  })
  // The order total (cents!) is stored as a Postgres integer: a larger one would fail the insert.
  .refine((v) => v.expectedAllInPrice * v.quantity <= MAX_ORDER_TOTAL_CENTS, {
    message: 'times quantity is larger than any order we can take',
    path: ['expectedAllInPrice'],
    when: (payload) => placeOrderTotalInputs.safeParse(payload.value).success,
  });

export type PlaceOrderBody = z.infer<typeof placeOrderBody>;

/** `Idempotency-Key`: 8–255 visible ASCII characters (a UUID is a good choice). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,255}$/;

export type ParsedOrderRequest =
  { ok: true; key: string; body: PlaceOrderBody } | { ok: false; outcome: HttpOutcome };

/**
 * Validates the header and body. Messages name the field and what to send; they never
 * repeat the values sent (a card number pasted in the wrong field must not be echoed).
 */
export function parseOrderRequest(idempotencyKey: unknown, body: unknown): ParsedOrderRequest {
  const key = Array.isArray(idempotencyKey) ? idempotencyKey[0] : idempotencyKey;
  if (typeof key !== 'string' || key.length === 0) {
    return {
      ok: false,
      outcome: problem(
        400,
        'The Idempotency-Key header is required: send a new random value (e.g. a UUID) with each new order, and the same one when retrying it.',
      ),
    };
  }
  if (!IDEMPOTENCY_KEY.test(key)) {
    return {
      ok: false,
      outcome: problem(
        400,
        'The Idempotency-Key header must be 8 to 255 visible ASCII characters, e.g. a UUID.',
      ),
    };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      ok: false,
      outcome: problem(
        400,
        'The request body must be a JSON object with listingId, quantity, expectedAllInPrice, buyer {name, email} and paymentToken.',
      ),
    };
  }
  const parsed = placeOrderBody.safeParse(body);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 8).map((i) => {
      const field = i.path.join('.') || 'body';
      const message = valueAt(body, i.path) === undefined ? 'is required' : i.message;
      return `${field} ${message}`;
    });
    return {
      ok: false,
      outcome: problem(400, `Invalid order: ${problems.join('; ')}.`, { fields: problems }),
    };
  }
  return { ok: true, key, body: parsed.data };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}
