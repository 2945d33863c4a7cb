// The environment every Node service runs with, wherever it runs: the image (Dockerfile ENV,
// so the chart and compose), `npm start`, the e2e stack and the benchmarks that spawn services.
//
// MALLOC_MMAP_THRESHOLD_: glibc serves allocations from this size (128 KiB) with their own
// mmap, returned to the system when freed. Left dynamic, the threshold climbs to 32 MiB after
// the first large free, and the ranked snapshots (tens of MB), the broker's answers and the
// COPY buffers then come from the heap arena, whose freed pages stay resident: search-api
// held ~100 MiB more RSS for the same live data (issue 12's measurements).
export const RUNTIME_ENV = Object.freeze({ MALLOC_MMAP_THRESHOLD_: '131072' });
