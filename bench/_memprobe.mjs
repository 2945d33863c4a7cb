// Preloaded (`node --import`) by bench/idle.mjs into each process it measures: on SIGUSR2 the
// process writes where its memory is to $MEMPROBE_FILE (JSON): process.memoryUsage(), V8's heap
// by space, /proc/self/smaps_rollup and resident memory by mapping (the node binary's pages,
// anonymous memory, glibc's [heap]), and its thread count. Costs nothing until signalled.
import v8 from 'node:v8';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';

const MiB = (bytes) => Math.round((bytes / 1048576) * 10) / 10;

/** Resident MiB by mapping: the executable, shared libraries, anonymous memory, [heap], files. */
function residentByMapping() {
  const out = {};
  let key;
  for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
    const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (head) {
      const path = head[1];
      key =
        path === process.execPath
          ? 'node binary'
          : /\.so(\.|$)|\.node$/.test(path)
            ? 'libraries'
            : path.startsWith('/')
              ? 'files'
              : path === '[heap]'
                ? 'malloc [heap]'
                : path === ''
                  ? 'anonymous'
                  : path;
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss && key) out[key] = (out[key] ?? 0) + Number(rss[1]) * 1024;
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, MiB(v)]));
}

function snapshot() {
  const heap = v8.getHeapStatistics();
  return {
    memoryUsage: Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, MiB(v)])),
    heap: {
      physical: MiB(heap.total_physical_size),
      used: MiB(heap.used_heap_size),
      limit: MiB(heap.heap_size_limit),
      malloced: MiB(heap.malloced_memory),
      external: MiB(heap.external_memory),
    },
    spaces: Object.fromEntries(
      v8
        .getHeapSpaceStatistics()
        .map((s) => [s.space_name, { physical: MiB(s.physical_space_size), used: MiB(s.space_used_size) }]),
    ),
    rollup: Object.fromEntries(
      readFileSync('/proc/self/smaps_rollup', 'utf8')
        .split('\n')
        .map((l) => /^(\w+):\s+(\d+) kB/.exec(l))
        .filter(Boolean)
        .map(([, k, v]) => [k, MiB(Number(v) * 1024)]),
    ),
    mappings: residentByMapping(),
    threads: readdirSync('/proc/self/task').length,
  };
}

// MEMPROBE_PEAK=1: process.memoryUsage() every 50 ms, keeping the sample of the highest RSS
// since the last signal (bench/churn.mjs: where the memory is at the peak, not after it).
let peak;
if (process.env.MEMPROBE_PEAK) {
  setInterval(() => {
    const m = process.memoryUsage();
    if (!peak || m.rss > peak.rss) peak = m;
  }, 50).unref();
}

process.on('SIGUSR2', () => {
  if (!process.env.MEMPROBE_FILE) return;
  const peakSample = peak && Object.fromEntries(Object.entries(peak).map(([k, v]) => [k, MiB(v)]));
  peak = undefined;
  writeFileSync(process.env.MEMPROBE_FILE, JSON.stringify({ ...snapshot(), peak: peakSample }));
  // MEMPROBE_HEAPSNAPSHOT=1: a heap snapshot beside it (for Chrome DevTools' Memory tab).
  if (process.env.MEMPROBE_HEAPSNAPSHOT)
    v8.writeHeapSnapshot(process.env.MEMPROBE_FILE.replace(/\.json$/, '.heapsnapshot'));
});
