import { readFileSync } from 'node:fs';

// The environment every Node service runs with, wherever it runs: the image (Dockerfile ENV,
// so the chart and compose), `npm start`, the e2e stack and the benchmarks that spawn services.
//
// MALLOC_MMAP_THRESHOLD_: glibc serves allocations from this size (128 KiB) with their own
// mmap, returned to the system when freed. Left dynamic, the threshold climbs to 32 MiB after
// the first large free, and the ranked snapshots (tens of MB), the broker's answers and the
// COPY buffers then come from the heap arena, whose freed pages stay resident: search-api
// held ~100 MiB more RSS for the same live data (issue 12's measurements).
//
// MALLOC_ARENA_MAX: glibc gives each thread that mallocs (libuv's pool, V8's compiler and GC
// workers) an arena of its own, up to 8 per core, and each keeps its freed memory; two arenas
// took 5–20 MiB off each service's idle RSS (bench/idle).
export const RUNTIME_ENV = Object.freeze({ MALLOC_MMAP_THRESHOLD_: '131072', MALLOC_ARENA_MAX: '2' });

const VALUES = new URL('../helm/hamiltix/values.yaml', import.meta.url);

/** A service's block of the chart's values (`services.<name>`), or undefined. */
function serviceBlock(name) {
  const values = readFileSync(VALUES, 'utf8');
  return { values, block: values.split(/\n {2}(?=[a-z-]+:\n)/).find((b) => b.startsWith(`${name}:\n`)) };
}

/** The chart's memory limit of a service, MiB (undefined when the values file says none). */
export function chartLimitMiB(name) {
  const m = serviceBlock(name).block?.match(/limits:\s*\{\s*memory:\s*(\d+)(Mi|Gi)/);
  return m ? Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1) : undefined;
}

/** The Node flags the chart gives every service (its top-level `nodeOptions`), or undefined. */
export function chartCommonNodeOptions() {
  return readFileSync(VALUES, 'utf8')
    .match(/^nodeOptions:\s*(.+)$/m)?.[1]
    .trim();
}

/**
 * The NODE_OPTIONS the chart gives a service (helm/hamiltix: the heap at nodeHeapPercent of its
 * memory limit, then the chart's `nodeOptions` for every service, then the service's own, e.g.
 * ranking's --max-semi-space-size). With `heap: false` no heap limit (`npm start` and the e2e
 * stack: no memory limit there). Undefined when there are none, and for what is not one of the
 * chart's Node services (the website's dev server, the mail catcher).
 */
export function chartNodeOptions(name, { heap = true } = {}) {
  const { values, block } = serviceBlock(name);
  const extra = block?.match(/^\s+nodeOptions:\s*(.+)$/m)?.[1].trim();
  const limit = heap ? chartLimitMiB(name) : undefined;
  const percent = Number(values.match(/^nodeHeapPercent:\s*(\d+)/m)?.[1] ?? 75);
  const flags = [
    limit === undefined ? undefined : `--max-old-space-size=${Math.floor((limit * percent) / 100)}`,
    block === undefined ? undefined : chartCommonNodeOptions(),
    extra,
  ];
  return flags.filter(Boolean).join(' ') || undefined;
}

/** The arguments every service's `node` runs with, before its script (the image's CMD too). */
export const NODE_ARGS = Object.freeze(['--enable-source-maps']);
