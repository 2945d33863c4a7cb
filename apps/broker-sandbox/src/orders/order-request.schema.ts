import { parseDollarsToCents } from '@hamiltix/domain';
import { z } from 'zod';

/** Dollars as a number or a decimal string (the broker takes both) → integer cents. */
const money = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const cents = parseDollarsToCents(v);
  if (cents === undefined || cents < 0) {
    ctx.addIssue({
      code: 'custom',
      message: `expected an amount of dollars, got ${JSON.stringify(v).slice(0, 30)}`,
    });
    return z.NEVER;
  }
  return cents;
});
const wholeNumber = z.union([
  z.number().int().positive(),
  z
    .string()
    .regex(/^\d{1,15}$/)
    .transform(Number),
]);
const reference = z.string().trim().min(1).max(120);

const item = z.object({
  ticket_group_id: wholeNumber,
  price: money,
  quantity: wholeNumber,
  ticket_group_signature: z.string().min(1),
  seat_order: z.union([z.string(), z.array(z.union([z.string(), z.number()]))]).nullish(),
});

const order = z.object({
  client_id: z.union([wholeNumber, z.string().min(1)]),
  shipped_items: z.array(z.object({ items: z.array(item) })),
  payments: z.array(z.record(z.string(), z.unknown())).nullish(),
  service_fee: money.nullish(),
  shipping: money.nullish(),
  tax: money.nullish(),
  discount: money.nullish(),
  session_id: z.string().nullish(),
  created_by_ip_address: z.string().nullish(),
  /** Any of these makes the POST idempotent: the same reference returns the same order. */
  reference: reference.nullish(),
  client_reference: reference.nullish(),
  external_id: reference.nullish(),
});

export const orderRequestSchema = z.object({ orders: z.array(order).min(1) });
export type OrderRequest = z.infer<typeof order>;
export type OrderItemRequest = z.infer<typeof item>;

/** Readable one-line reason for a 422. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 4)
    .map((i) => `${i.path.join('.') || 'body'}: ${i.message}`)
    .join('; ');
}
