// bench/churn.mjs MEMPROBE_MALLOC=1: LD_PRELOADed into a service, a thread of its own samples the
// process's RSS (statm) every 25 ms and at each new peak writes glibc's mallinfo2() (arenas, in
// use, free; mmapped chunks) as JSON to $MALLOCPROBE_FILE. `$MALLOCPROBE_FILE.reset` appearing
// resets the peak; `$MALLOCPROBE_FILE.now` appearing writes the figures of that moment to
// `$MALLOCPROBE_FILE.now.json`. JavaScript cannot call mallinfo2(); the process is not changed otherwise.
#define _GNU_SOURCE
#include <malloc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <time.h>

static const char *file;
static char resetf[4096];
static char nowf[4096];
static char nowout[4096];

static void write_rec(long rss, long shared, struct mallinfo2 *m, const char *tag) {
  char tmp[4200];
  const char *out = tag[0] == 'n' ? nowout : file;
  snprintf(tmp, sizeof tmp, "%s.tmp", out);
  FILE *f = fopen(tmp, "w");
  if (!f) return;
  long pg = sysconf(_SC_PAGESIZE);
  fprintf(f, "{\"tag\":\"%s\",\"rss\":%ld,\"fileRss\":%ld,\"arena\":%zu,\"ordblks\":%zu,\"hblks\":%zu,\"hblkhd\":%zu,\"uordblks\":%zu,\"fordblks\":%zu,\"keepcost\":%zu}\n",
          tag, rss * pg, shared * pg, m->arena, m->ordblks, m->hblks, m->hblkhd, m->uordblks, m->fordblks, m->keepcost);
  fclose(f);
  rename(tmp, out);
}

static void *loop(void *arg) {
  (void)arg;
  long peak = 0;
  for (;;) {
    struct timespec ts = {0, 25 * 1000 * 1000};
    nanosleep(&ts, NULL);
    if (access(resetf, F_OK) == 0) { unlink(resetf); peak = 0; }
    FILE *s = fopen("/proc/self/statm", "r");
    if (!s) continue;
    long size, rss, shared;
    int n = fscanf(s, "%ld %ld %ld", &size, &rss, &shared);
    fclose(s);
    if (n != 3) continue;
    if (access(nowf, F_OK) == 0) {
      unlink(nowf);
      struct mallinfo2 m = mallinfo2();
      write_rec(rss, shared, &m, "now");
    }
    if (rss > peak) {
      peak = rss;
      struct mallinfo2 m = mallinfo2();
      write_rec(rss, shared, &m, "peak");
    }
  }
  return NULL;
}

__attribute__((constructor)) static void init(void) {
  file = getenv("MALLOCPROBE_FILE");
  if (!file) return;
  snprintf(resetf, sizeof resetf, "%s.reset", file);
  snprintf(nowf, sizeof nowf, "%s.now", file);
  snprintf(nowout, sizeof nowout, "%s.now.json", file);
  pthread_t t;
  pthread_attr_t a;
  pthread_attr_init(&a);
  pthread_attr_setstacksize(&a, 64 * 1024);
  pthread_create(&t, &a, loop, NULL);
  pthread_detach(t);
}
