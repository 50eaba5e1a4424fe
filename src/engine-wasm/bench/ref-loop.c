/*
 * The countdown loop as a C interpreter: the yardstick `npm run bench` holds the
 * kernel's walk against (bench/native.ts builds it with the system cc, -O3
 * -march=native).
 *
 * It does per atom what the kernel's walk must do, and nothing more:
 *   - user memory is a flat byte array addressed by 32-bit user pointers, and
 *     every pointer is bounds-checked before use (a bad one gives -EFAULT);
 *   - the header words and the argument pointers up to the first NULL are
 *     fetched, then the words they point to; unused arguments are cleared;
 *   - the syscall runs through a table of function pointers;
 *   - the result is stored through ret_ptr, the stop conditions are tested,
 *     and the walk follows next (or u + 44 on SKIP_TO_NEXT_ON_STOP).
 * No trace, no virtual clock, no event counters: the kernel's walk keeps those,
 * which is part of what the ratio measures.
 *
 * Usage: ref-loop ITERATIONS RUNS. Prints one line per run: nanoseconds per atom
 * of wall time, then of the process's CPU time.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define USER_BASE 0x10000u
#define USER_END 0x110000u
#define ATOM_BYTES 44u
#define NARG 6
#define NSYSCALL 512
#define NR_UMEM_ADD 322
#define STOP_ON_NONZERO 0x08u
#define STOP_ON_ZERO 0x10u
#define STOP_ON_NEGATIVE 0x20u
#define STOP_ON_NON_POSITIVE 0x40u
#define SKIP_TO_NEXT_ON_STOP 0x80u
#define EFAULT 14
#define ENOSYS 38

static uint8_t *mem; /* USER_END bytes; [0, USER_BASE) is never user memory */

static inline int range_ok(uint32_t p, uint32_t n) { return p >= USER_BASE && p <= USER_END && n <= USER_END - p; }
static inline int word_ok(uint32_t p) { return p >= USER_BASE && p <= USER_END - 4; }
static inline uint32_t ld(uint32_t p) { uint32_t v; memcpy(&v, mem + p, 4); return v; }
static inline void st(uint32_t p, uint32_t v) { memcpy(mem + p, &v, 4); }

struct call { uint32_t arg[NARG]; };
typedef int32_t (*sys_fn)(struct call *);

static int32_t sys_ni(struct call *c) { (void)c; return -ENOSYS; }

static int32_t sys_umem_add(struct call *c)
{
  uint32_t p = c->arg[0];
  if (!word_ok(p)) return -EFAULT;
  uint32_t v = ld(p) + c->arg[1];
  st(p, v);
  return (int32_t)v;
}

static sys_fn table[NSYSCALL];

static int stops(uint32_t flags, int32_t r)
{
  return ((flags & STOP_ON_NONZERO) && r != 0) || ((flags & STOP_ON_ZERO) && r == 0)
    || ((flags & STOP_ON_NEGATIVE) && r < 0) || ((flags & STOP_ON_NON_POSITIVE) && r <= 0);
}

/* Runs the syslet at a; returns the atoms run, or 0 on a fault. */
static __attribute__((noinline)) uint64_t walk(uint32_t a)
{
  struct call c;
  uint64_t n = 0;
  for (;;) {
    if (!range_ok(a, ATOM_BYTES)) return 0;
    uint32_t flags = ld(a), nr = ld(a + 4), ret = ld(a + 8), next = ld(a + 12);
    int i, bad = 0;
    for (i = 0; i < NARG; i++) {
      uint32_t pa = ld(a + 16 + 4 * i);
      if (pa == 0) break;
      if (word_ok(pa)) c.arg[i] = ld(pa);
      else { c.arg[i] = 0; bad = 1; }
    }
    for (; i < NARG; i++) c.arg[i] = 0;
    int32_t r = bad ? -EFAULT : table[nr < NSYSCALL ? nr : 0](&c);
    n++;
    if (ret != 0) {
      if (!word_ok(ret)) return 0;
      st(ret, (uint32_t)r);
    }
    if (stops(flags, r)) {
      if (!(flags & SKIP_TO_NEXT_ON_STOP)) return n;
      a += ATOM_BYTES;
    } else if (next == 0) {
      return n;
    } else {
      a = next;
    }
  }
}

int main(int argc, char **argv)
{
  uint32_t iterations = argc > 1 ? (uint32_t)strtoul(argv[1], 0, 10) : 10000000u;
  int runs = argc > 2 ? atoi(argv[2]) : 1;
  mem = calloc(USER_END, 1);
  if (!mem) return 1;
  for (int i = 0; i < NSYSCALL; i++) table[i] = sys_ni;
  table[NR_UMEM_ADD] = sys_umem_add;
  /* The bench's image: count, &count, -1, then the atom. */
  const uint32_t count = USER_BASE, pcount = USER_BASE + 4, minus = USER_BASE + 8, atom = USER_BASE + 16;
  st(pcount, count);
  st(minus, 0xffffffffu);
  st(atom, STOP_ON_ZERO);
  st(atom + 4, NR_UMEM_ADD);
  st(atom + 8, 0);
  st(atom + 12, atom);
  st(atom + 16, pcount);
  st(atom + 20, minus);
  for (int k = 0; k < runs; k++) {
    st(count, iterations);
    struct timespec t0, t1, c0, c1;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    uint64_t n = walk(atom);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
    if (n != iterations || ld(count) != 0) {
      fprintf(stderr, "ref-loop: ran %llu atoms, expected %u\n", (unsigned long long)n, iterations);
      return 1;
    }
    double ns = (double)(t1.tv_sec - t0.tv_sec) * 1e9 + (double)(t1.tv_nsec - t0.tv_nsec);
    double cpu = (double)(c1.tv_sec - c0.tv_sec) * 1e9 + (double)(c1.tv_nsec - c0.tv_nsec);
    printf("%.3f %.3f\n", ns / iterations, cpu / iterations);
  }
  return 0;
}
