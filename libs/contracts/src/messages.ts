import { z } from 'zod';

/** Payload schemas, validated when published and when consumed. */
const isoDate = z.iso.datetime({ offset: true });
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

export const InventoryChangedV1 = z.object({
  showId: id,
  /** Id of the pull that produced the change (for tracing). */
  pullId: z.string().min(1).max(64),
  /** Performances whose listings changed. */
  performanceIds: z.array(z.string().regex(/^\d+$/)).max(10_000),
  added: z.number().int().nonnegative(),
  changed: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  at: isoDate,
});
export type InventoryChangedV1 = z.infer<typeof InventoryChangedV1>;

export const RankingsUpdatedV1 = z.object({
  showId: id,
  /** Opaque version of the ranked index now live (changes on every rebuild). */
  version: z.string().min(1).max(64),
  listings: z.number().int().nonnegative(),
  at: isoDate,
});
export type RankingsUpdatedV1 = z.infer<typeof RankingsUpdatedV1>;

/**
 * `held`: checkout holds the seats of a new order (in flight: they are not for sale meanwhile);
 * `confirmed` / `failed` / `refunded`: how it ended.
 */
export const ORDER_STATUSES = ['held', 'confirmed', 'failed', 'refunded'] as const;
export const OrderEventV1 = z.object({
  orderId: z.uuid(),
  status: z.enum(ORDER_STATUSES),
  listingId: z.string().regex(/^\d+$/),
  performanceId: z.string().regex(/^\d+$/),
  quantity: z.number().int().positive(),
  /** Total charged, cents (0 when held or failed). */
  totalCents: z.number().int().nonnegative(),
  reason: z.string().max(500).optional(),
  at: isoDate,
});
export type OrderEventV1 = z.infer<typeof OrderEventV1>;

export const OpsAlertV1 = z.object({
  kind: z.enum(['error', 'purchase', 'warning']),
  /** Service that raised it. */
  service: z.string().min(1).max(64),
  title: z.string().min(1).max(250),
  message: z.string().min(1).max(1024),
  /** Alerts with the same key within the de-duplication window send one push. */
  dedupeKey: z.string().max(200).optional(),
  correlationId: z.string().max(128).optional(),
  at: isoDate,
});
export type OpsAlertV1 = z.infer<typeof OpsAlertV1>;

/** Subject pattern → payload schema, so publishers and consumers pick the same one. */
export const MESSAGE_SCHEMAS = {
  'inventory.changed.v1': InventoryChangedV1,
  'rankings.updated.v1': RankingsUpdatedV1,
  'orders.events.v1': OrderEventV1,
  'ops.alerts.v1': OpsAlertV1,
} as const;

export type MessageFamily = keyof typeof MESSAGE_SCHEMAS;
export type MessageOf<F extends MessageFamily> = z.infer<(typeof MESSAGE_SCHEMAS)[F]>;

/** The schema for a concrete subject (e.g. `inventory.changed.v1.hamilton`), or undefined. */
export function schemaForSubject(subject: string): z.ZodType | undefined {
  for (const family of Object.keys(MESSAGE_SCHEMAS) as MessageFamily[]) {
    if (subject === family || subject.startsWith(family + '.')) return MESSAGE_SCHEMAS[family];
  }
  return undefined;
}

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Validates a payload for a subject; the error names the fields that are wrong. */
export function validateMessage<T = unknown>(subject: string, payload: unknown): ValidationResult<T> {
  const schema = schemaForSubject(subject);
  if (!schema) return { ok: false, error: `no schema for subject "${subject}"` };
  const result = schema.safeParse(payload);
  if (result.success) return { ok: true, value: result.data as T };
  const error = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  return { ok: false, error };
}
