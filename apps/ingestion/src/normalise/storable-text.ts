/** NUL, which Postgres text cannot hold in any encoding. */
const NUL = String.fromCharCode(0);
/** A UTF-16 surrogate without its pair: not a character, so not valid UTF-8 either. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Broker text as Postgres can store it: NUL characters removed, lone surrogates replaced
 * by U+FFFD. Anything else (tabs, newlines, backslashes) is escaped by the COPY encoding.
 * One such character would otherwise fail the COPY, and with it every pull of the show. Pure.
 */
export function storableText(value: string): string {
  return value.replaceAll(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
}

export function storableTextOrNull(value: string | null): string | null {
  return value === null ? null : storableText(value);
}
