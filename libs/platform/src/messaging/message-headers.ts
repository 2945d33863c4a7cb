import { headers as natsHeaders, type MsgHdrs } from '@nats-io/nats-core';

/** Plain header record → NATS headers (undefined when empty, so no header block is sent). */
export function toNatsHeaders(record: Record<string, string> | undefined): MsgHdrs | undefined {
  const entries = Object.entries(record ?? {});
  if (entries.length === 0) return undefined;
  const h = natsHeaders();
  for (const [k, v] of entries) h.set(k, v);
  return h;
}

/** NATS headers → plain record (first value of each key; keys as sent). */
export function fromNatsHeaders(h: MsgHdrs | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  for (const [k, values] of h) if (values.length) out[k] = values[0];
  return out;
}
