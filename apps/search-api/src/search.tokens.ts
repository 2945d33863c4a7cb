/** Injection tokens of search-api's own collaborators (swapped in tests through DI). */
export const RANKED_SNAPSHOTS = Symbol('RANKED_SNAPSHOTS');
export const RESPONSE_CACHE = Symbol('RESPONSE_CACHE');
export const CURSOR_CODEC = Symbol('CURSOR_CODEC');
export const FRONT_CACHE = Symbol('FRONT_CACHE');
