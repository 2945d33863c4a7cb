import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { QueryRunner } from 'typeorm';
import { pgClient } from './native.js';

/** A table (or temp table) and the columns a COPY fills, in the order of each line's fields. */
export interface CopyTarget {
  readonly table: string;
  readonly columns: readonly string[];
}

const ident = (name: string) => '"' + name.replace(/"/g, '""') + '"';

/** `COPY "table" ("a", "b") FROM STDIN` (text format). */
export function copyStatement(target: CopyTarget): string {
  return `COPY ${ident(target.table)} (${target.columns.map(ident).join(', ')}) FROM STDIN`;
}

/**
 * COPY lines in ~`size`-row chunks, each a Buffer: few stream writes, bounded memory, and
 * the string (a deep rope after += per field) is flattened once, here, not in the socket.
 */
export function* copyChunks<T>(
  batches: Iterable<readonly T[]>,
  line: (row: T) => string,
  size = 1000,
): Generator<Buffer> {
  let text = '';
  let n = 0;
  for (const rows of batches) {
    for (const row of rows) {
      text += line(row);
      if (++n === size) {
        yield Buffer.from(text);
        text = '';
        n = 0;
      }
    }
  }
  if (text) yield Buffer.from(text);
}

/**
 * Streams COPY text lines (see copy-encoding: `copyLine`) into `target` on the query
 * runner's connection, inside its open transaction. Resolves when Postgres has taken them
 * all; a bad line fails the COPY (and the transaction) as a whole.
 */
export async function copyIn(
  db: QueryRunner | pg.ClientBase,
  target: CopyTarget,
  chunks: Iterable<Buffer | string> | AsyncIterable<Buffer | string>,
): Promise<void> {
  const client = 'connect' in db && 'manager' in db ? await pgClient(db) : (db as pg.ClientBase);
  await pipeline(Readable.from(chunks), client.query(copyFrom(copyStatement(target))));
}
