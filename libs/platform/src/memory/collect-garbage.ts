import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: ((options?: { type: 'minor' | 'major' }) => void) | undefined;
let timer: NodeJS.Timeout | undefined;

/**
 * Asks V8 for a full collection `delayMs` from now (calls meanwhile share it): for a process
 * that just let go of tens of MB of ArrayBuffers (a ranked snapshot version replaced, ~32 MB at
 * 57,800 listings, and the socket reads search-api loaded the new one from, as much again).
 * V8 frees ArrayBuffers in a full collection, which it starts on its own only once external
 * memory has grown ~64 MB past what the last one left: until then the garbage stays resident,
 * and the next version's old and new copies come on top of it (search-api's and ranking's RSS
 * peaks under churn, issue 12). One pause of some tens of ms per version, in a timer of its own.
 */
export function collectGarbageSoon(delayMs = 100): void {
  if (timer) return;
  timer = setTimeout(() => {
    timer = undefined;
    v8Gc()();
  }, delayMs);
  timer.unref();
}

/**
 * A young-generation collection now (a scavenge: about a millisecond with the chart's 2 MB
 * semi-spaces), for a process that just let go of a large Buffer made moments ago: V8 frees a
 * dead young ArrayBuffer's memory in a scavenge (its sweeper, moments after), and starts one
 * only once the young generation's objects fill it, which Buffers hardly do. ioredis copies
 * each Buffer argument of a command into a Buffer of its own: a ranked snapshot written in
 * 4 MiB pieces left a dead 4 MiB copy per piece, 28 MiB at 57,800 listings, resident at
 * ranking's RSS peak under churn (issue 12).
 */
export function collectYoungGarbage(): void {
  v8Gc()({ type: 'minor' });
}

/**
 * V8's gc() (a full collection; a young one with `{ type: 'minor' }`), exposed for this
 * process (a context made after --expose-gc is set has it).
 */
function v8Gc(): (options?: { type: 'minor' | 'major' }) => void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as typeof gc;
  }
  return gc;
}
