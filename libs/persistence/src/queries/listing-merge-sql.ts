/**
 * The set-based statements of a pull's listing merge (see listing-merge.ts). Pure SQL
 * text; `$1` is the pull's timestamp everywhere.
 */
import { STAGE_COLUMNS } from './listing-staging.js';

/** Stored columns a pull may change (everything but id, content_hash and the timestamps). */
export const UPDATABLE = STAGE_COLUMNS.filter((c) => c !== 'id' && c !== 'content_hash');
const q = (c: string) => `"${c}"`;
const cols = UPDATABLE.map(q).join(', ');

/**
 * A `bigint[]` parameter as its array literal, built here: the ids are decimal strings
 * (broker ids, or read back as `id::text`), so they need none of the quoting pg's generic
 * array serialiser spends on each of 100k+ elements.
 */
export function bigintArray(ids: readonly string[]): string {
  for (const id of ids) if (!/^\d+$/.test(id)) throw new Error(`not a bigint id: "${id.slice(0, 30)}"`);
  return `{${ids.join(',')}}`;
}

/** Active listings of the pull's performances, and where they are: the pull's starting point. */
export const ACTIVE_SQL =
  'SELECT id::text AS id, performance_id::text AS p FROM listings WHERE performance_id = ANY($1::bigint[]) AND removed_at IS NULL';

/** Which of these ids Postgres has ever stored (removed ones included). */
export const KNOWN_SQL = 'SELECT id::text AS id FROM listings WHERE id = ANY($1::bigint[])';

/**
 * One statement merges the staged batch of listings Postgres already has (new ones are
 * COPYed straight in, see listing-staging.ts). Rows whose every stored field is unchanged are
 * not touched at all (compared column by column, so a quantity an order event lowered is
 * put back to what the broker says even when the broker's row did not change); new rows
 * are plainly inserted (ids are unique within a pull and only the pull, under its
 * advisory lock, inserts listings: no speculative ON CONFLICT insertion), changed or
 * returning ones updated, and a price-history row is written whenever the all-in price is
 * new or moved.
 */
export const MERGE_SQL = `
WITH diff AS MATERIALIZED (
  SELECT s.*, l.id IS NULL AS is_new, l.removed_at IS NOT NULL AS was_removed, l.all_in_cents AS old_all_in
  FROM ingest_stage s LEFT JOIN listings l ON l.id = s.id
  WHERE l.id IS NULL OR l.removed_at IS NOT NULL
     OR (${UPDATABLE.map((c) => `l.${q(c)}`).join(', ')}) IS DISTINCT FROM (${UPDATABLE.map((c) => `s.${q(c)}`).join(', ')})
), ins AS (
  INSERT INTO listings (id, ${cols}, content_hash, first_seen_at, updated_at, removed_at)
  SELECT id, ${cols}, content_hash, $1, $1, NULL FROM diff WHERE is_new
  RETURNING 1
), upd AS (
  UPDATE listings l SET ${UPDATABLE.map((c) => `${q(c)} = d.${q(c)}`).join(', ')},
    content_hash = d.content_hash, updated_at = $1, removed_at = NULL
  FROM diff d WHERE l.id = d.id AND NOT d.is_new
  RETURNING 1
), hist AS (
  INSERT INTO price_history (listing_id, at, all_in_cents, retail_cents)
  SELECT id, $1, all_in_cents, retail_cents FROM diff WHERE is_new OR was_removed OR old_all_in <> all_in_cents
  RETURNING 1
)
SELECT count(*) FILTER (WHERE is_new OR was_removed)::int AS added,
       count(*) FILTER (WHERE NOT is_new AND NOT was_removed)::int AS changed,
       (SELECT count(*) FROM hist)::int AS price_changes,
       (SELECT count(*) FROM ins)::int + (SELECT count(*) FROM upd)::int AS written,
       coalesce(array_agg(DISTINCT performance_id::text), '{}') AS performance_ids
FROM diff`;

/**
 * Marks gone the listings a replaced performance no longer lists (computed by the
 * pipeline once every batch is in: a listing may move between events). Never deletes:
 * orders point at listings. One an order event took off meanwhile stays as it is.
 */
export const REMOVE_SQL = `
WITH gone AS (
  UPDATE listings SET removed_at = $1, updated_at = $1
  WHERE id = ANY($2::bigint[]) AND removed_at IS NULL
  RETURNING performance_id
)
SELECT count(*)::int AS removed, coalesce(array_agg(DISTINCT performance_id::text), '{}') AS performance_ids FROM gone`;
