// Where a process's resident memory lives, from /proc/<pid>/smaps read by the bench (the
// process itself allocates nothing for it): the node binary's file-backed pages (and its
// copied-on-write data), shared libraries, glibc's main arena ([heap]), glibc's thread arenas
// (64 MiB-aligned heaps: a read-write part, the rest of the 64 MiB reserved), thread stacks
// (behind a 4 KiB guard page) and the rest of the anonymous memory (V8's heap pages and code,
// glibc's own mmaps of allocations ≥ MALLOC_MMAP_THRESHOLD_: ArrayBuffers, pg's buffers).
import { readFileSync } from 'node:fs';

const ARENA = 64 * 1024 * 1024;

/** Resident KiB by kind for process `pid` (undefined once it is gone). */
export function smapsByKind(pid, execPath = process.execPath) {
  let text;
  try {
    text = readFileSync(`/proc/${pid}/smaps`, 'utf8');
  } catch {
    return undefined;
  }
  const maps = [];
  let cur;
  for (const line of text.split('\n')) {
    const head = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \d+\s*(.*)$/.exec(line);
    if (head) {
      cur = {
        start: BigInt(`0x${head[1]}`),
        end: BigInt(`0x${head[2]}`),
        perms: head[3],
        path: head[4],
        rss: 0,
        anon: 0,
      };
      maps.push(cur);
      continue;
    }
    const m = /^(Rss|Anonymous):\s+(\d+) kB/.exec(line);
    if (m && cur) cur[m[1] === 'Rss' ? 'rss' : 'anon'] += Number(m[2]);
  }
  const arenaStarts = new Set();
  for (const m of maps) {
    if (m.path !== '' || m.start % BigInt(ARENA) !== 0n) continue;
    // A glibc heap: rw-p from its 64 MiB-aligned start, then ---p up to start + 64 MiB.
    const end = m.start + BigInt(ARENA);
    if (
      m.end === end ||
      maps.some((n) => n.path === '' && n.perms === '---p' && n.start === m.end && n.end === end)
    )
      arenaStarts.add(m.start);
  }
  const out = {};
  const add = (k, v) => (out[k] = (out[k] ?? 0) + v);
  for (let i = 0; i < maps.length; i++) {
    const m = maps[i];
    if (m.rss === 0) continue;
    if (m.path === execPath) {
      add('node binary (file)', m.rss - m.anon);
      add('node binary (data, anon)', m.anon);
    } else if (/\.so(\.|$)|\.node$/.test(m.path)) add('libraries', m.rss);
    else if (m.path.startsWith('/')) add('other files', m.rss);
    else if (m.path === '[heap]') add('glibc main arena [heap]', m.rss);
    else if (m.path === '[stack]') add('main stack', m.rss);
    else if (m.path !== '') add(m.path, m.rss);
    else if (arenaStarts.has(m.start)) add('glibc thread arenas', m.rss);
    else if (
      i > 0 &&
      maps[i - 1].perms === '---p' &&
      maps[i - 1].end === m.start &&
      maps[i - 1].end - maps[i - 1].start === 4096n
    )
      add('thread stacks', m.rss);
    else add('other anonymous (V8 heap, malloc mmaps)', m.rss);
  }
  return out;
}
