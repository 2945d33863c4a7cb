import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let gc: (() => void) | undefined;
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
    majorGc()();
  }, delayMs);
  timer.unref();
}

/** V8's gc(), exposed for this process (a context made after --expose-gc is set has it). */
function majorGc(): () => void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  return gc;
}
