/**
 * Postgres COPY text format (https://www.postgresql.org/docs/current/sql-copy.html):
 * columns separated by tabs, rows by newlines, NULL as \N, and backslash, tab, newline
 * and carriage return escaped. Arrays are array literals, themselves escaped. Pure.
 */

export type CopyValue = string | number | boolean | null | undefined | readonly number[] | readonly string[];

const SPECIAL = /[\\\t\n\r]/;

export function copyText(value: string): string {
  if (!SPECIAL.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** `{"a","b \"c\""}`: every element quoted, so commas, braces and spaces need no thought. */
export function arrayLiteral(values: readonly (string | number)[]): string {
  if (values.length === 0) return '{}';
  if (typeof values[0] === 'number') return `{${values.join(',')}}`;
  return `{${values.map((v) => `"${String(v).replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return copyText(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot COPY ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return copyText(arrayLiteral(value));
}

export function copyLine(values: readonly CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i ? '\t' : '') + copyField(values[i]);
  return line + '\n';
}
