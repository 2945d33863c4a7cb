/** The derived unsubscribe tokens (UnsubscribeTokens), keyed from the configuration. */
export const UNSUBSCRIBE_TOKENS = Symbol('UNSUBSCRIBE_TOKENS');
/** Links into the website (AlertLinks), from SITE_ORIGIN. */
export const ALERT_LINKS = Symbol('ALERT_LINKS');

/** At most this many saved searches (pending or active) per email address. */
export const MAX_SEARCHES_PER_ADDRESS = 10;
/** A pending search is deleted, address and all, this long after it was created unconfirmed. */
export const PENDING_TTL_MS = 7 * 24 * 60 * 60 * 1000;
