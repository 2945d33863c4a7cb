import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type GcOptions = { type: 'minor' | 'major'; execution?: 'sync'; flavor?: 'regular' | 'last-resort' };
type Gc = (options?: GcOptions) => void;
let gc: Gc | undefined;
let timer: NodeJS.Timeout | undefined;
let releaseAsked = false;

/**
 * Asks V8 for a full collection `delayMs` from now (calls meanwhile share it): for a process
 * that just let go of tens of MB of ArrayBuffers (a ranked snapshot version replaced, ~32 MB at
 * 57,800 listings, and the socket reads search-api loaded the new one from, as much again).
 * V8 frees ArrayBuffers in a full collection, which it starts on its own only once external
 * memory has grown ~64 MB past what the last one left: until then the garbage stays resident,
 * and the next version's old and new copies come on top of it (search-api's and ranking's RSS
 * peaks under churn, issue 12). One pause of some tens of ms per version, in a timer of its own.
 *
 * `releasePages`: a memory-reducing collection (V8's "last resort": full collections until
 * nothing more is freed, compacting), which also hands back the pages V8 keeps pooled. A full
 * collection frees V8's pages into a pool of its own that stays resident for reuse: the heap's
 * high-water mark, not its size (of a 60 MB heap dropped and collected, 44 MiB of pages stayed
 * resident, none after a last-resort collection: collect-garbage.spec.ts checks it; 20–40 MiB of
 * ranking's RSS after a full ranking's store). About 3 times the pause of a plain one (~230 vs
 * ~80 ms at 57 MB live on the loaded 2-core machine).
 */
export function collectGarbageSoon(delayMs = 100, { releasePages = false } = {}): void {
  if (timer) {
    releaseAsked ||= releasePages;
    return;
  }
  releaseAsked = releasePages;
  timer = setTimeout(() => {
    timer = undefined;
    if (releaseAsked) v8Gc()({ type: 'major', execution: 'sync', flavor: 'last-resort' });
    else v8Gc()();
  }, delayMs);
  timer.unref();
}

/**
 * A memory-reducing full collection now, V8's pooled pages handed back too (collectGarbageSoon's
 * `releasePages`): for a long computation whose earlier steps' garbage is dead, just before it
 * makes its largest allocations (ranking's full ranking, between its docs and its snapshot).
 */
export function releaseGarbageNow(): void {
  v8Gc()({ type: 'major', execution: 'sync', flavor: 'last-resort' });
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
function v8Gc(): Gc {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as Gc;
  }
  return gc;
}
