// How long one call of the pinned `syscall` export may take (npm run bench).
// Each call's work is bounded by the call budget, which counts events and the
// work done inside them (docs/engine.md, "What one call may cost"). Prints
// figures; asserts nothing about time.
//   1. Worst cases: one syslet that loops on an expensive atom, through
//      async_exec and the async_wait calls after it.
//   2. A fuzz of random syslets (seeded): calls per second and the slowest call.
import { test } from 'vitest';
import { loadKernelNode } from '../host/node.ts';
import { UserImage, consume, writeAtom, type Ring } from '../host/image.ts';
import type { Kernel } from '../host/kernel.ts';
import * as S from '../abi/syscall.ts';
import * as F from '../abi/flags.ts';
import * as L from '../abi/layout.ts';
import { EINTR } from '../abi/errno.ts';
import { countdown, COUNTDOWN_FROM } from '../test/scenarios/countdown.ts';

function report(name: string, value: string) {
  console.log(`${name.padEnd(58)} ${value}`);
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Times one call of the export. */
function timed(k: Kernel, nr: number, ...args: number[]): { r: number; ms: number } {
  const t0 = performance.now();
  const r = k.syscall(nr, ...args);
  return { r, ms: performance.now() - t0 };
}

/**
 * Runs the syslet at `atom` through async_exec, then async_wait until it ends
 * (at most `waits` of them; an endless syslet is still running after those).
 * Returns the slowest call and the atoms run.
 */
function drive(k: Kernel, ring: Ring, atom: number, waits = 3): { slowest: number; calls: number; atoms: number } {
  const atoms0 = k.counters().atoms;
  const exec = timed(k, S.SYS_async_exec, atom, ring.ahu);
  let slowest = exec.ms;
  let calls = 1;
  if (exec.r === 0) {
    for (let i = 0; i < waits; i++) {
      const w = timed(k, S.SYS_async_wait, 1, k.u32(ring.ahu + L.AHU_USER_RING_IDX), ring.ahu);
      slowest = Math.max(slowest, w.ms);
      calls++;
      if (w.r !== -EINTR) break;
    }
    while (consume(k, ring) !== 0);
  }
  return { slowest, calls, atoms: k.counters().atoms - atoms0 };
}

/** The worst cases: a loop of expensive atoms (next = the first atom, no stop). */
const WORST: { name: string; build: (img: UserImage, k: Kernel) => number }[] = [
  {
    name: 'getpid',
    build: (img) => loop(img, [{ nr: S.SYS_getpid, args: [] }]),
  },
  {
    name: 'umem_add',
    build: (img) => loop(img, [{ nr: S.SYS_umem_add, args: [img.word(img.word(0)), img.word(1)] }]),
  },
  {
    name: 'read(/dev/zero, buf, 0xFE000)',
    build: (img, k) => {
      const fd = k.syscall(S.SYS_open, img.string('/dev/zero'), F.O_RDONLY);
      return loop(img, [{ nr: S.SYS_read, args: [img.word(fd), img.word(img.alloc(0xfe000)), img.word(0xfe000)] }]);
    },
  },
  {
    name: 'pwrite64 + pread64 of 256 KiB',
    build: (img, k) => {
      const fd = k.syscall(S.SYS_open, img.string('/tmp/bench'), F.O_RDWR | F.O_CREAT);
      const buf = img.alloc(256 * 1024);
      const args = [img.word(fd), img.word(buf), img.word(256 * 1024), img.word(0), img.word(0)];
      return loop(img, [{ nr: S.SYS_pwrite64, args }, { nr: S.SYS_pread64, args }]);
    },
  },
  {
    name: 'pipe write + read of 4 KiB',
    build: (img, k) => {
      const fds = img.alloc(8);
      k.syscall(S.SYS_pipe, fds);
      const buf = img.alloc(4096);
      return loop(img, [
        { nr: S.SYS_write, args: [img.word(k.u32(fds + 4)), img.word(buf), img.word(4096)] },
        { nr: S.SYS_read, args: [img.word(k.u32(fds)), img.word(buf), img.word(4096)] },
      ]);
    },
  },
  {
    name: 'open(O_CREAT) + unlink of a 4095-byte path',
    build: (img) => {
      const path = img.word(img.string('/' + 'p'.repeat(4094)));
      return loop(img, [
        { nr: S.SYS_open, args: [path, img.word(F.O_WRONLY | F.O_CREAT)] },
        { nr: S.SYS_unlink, args: [path] },
      ]);
    },
  },
  {
    name: 'write(1, buf, 1 MiB - 64 KiB) to the console',
    build: (img) => {
      const n = 0xf0000;
      return loop(img, [{ nr: S.SYS_write, args: [img.word(1), img.word(img.alloc(n)), img.word(n)] }]);
    },
  },
  {
    name: 'write("1") to drop_caches',
    build: (img, k) => {
      const fd = k.syscall(S.SYS_open, img.string('/proc/sys/vm/drop_caches'), F.O_WRONLY);
      return loop(img, [{ nr: S.SYS_write, args: [img.word(fd), img.word(img.string('1')), img.word(1)] }]);
    },
  },
];

/** Lays out atoms chained in order, the last one's next the first. Returns the first. */
function loop(img: UserImage, atoms: { nr: number; args: number[] }[]): number {
  const at = atoms.map(() => img.alloc(L.ATOM_BYTES));
  atoms.forEach((a, i) => img.atom({ nr: a.nr, args: a.args, next: at[(i + 1) % at.length] }, at[i]));
  return at[0];
}

/** A seeded xorshift32, so the fuzz is the same every run. */
function rng(seed: number) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  return { next, below: (n: number) => next() % n, pick: <T>(xs: readonly T[]) => xs[next() % xs.length] };
}

const SYSCALLS = [S.SYS_read, S.SYS_write, S.SYS_open, S.SYS_close, S.SYS_unlink, S.SYS_lseek, S.SYS_getpid, S.SYS_pipe, S.SYS_fsync, S.SYS_nanosleep, S.SYS_pread64, S.SYS_pwrite64, S.SYS_umem_add, 999];
/** How many random syslets the fuzz sends: 50,000, or `SYSLET_FUZZ` (e.g. 1000000 for a long run). */
const FUZZ_SYSLETS = Math.max(1, Number(process.env.SYSLET_FUZZ) || 50_000);

test('call bench', async () => {
  const k = await loadKernelNode('release');
  console.log(`\nsyslet kernel: one call's wall time (release.wasm, Node ${process.version}, call budget ${k.getOption(L.OPT_CALL_BUDGET).toLocaleString('en')})\n`);

  // 1. Worst cases, each three times: the slowest call of the median repetition.
  for (const trace of [0, 1]) {
    k.setOption(L.OPT_TRACE, trace);
    for (const w of WORST) {
      const runs: { slowest: number; calls: number; atoms: number }[] = [];
      for (let i = 0; i < 3; i++) {
        k.reset(1);
        const img = new UserImage(k);
        const ring = img.ring(4);
        runs.push(drive(k, ring, w.build(img, k)));
      }
      runs.sort((a, b) => a.slowest - b.slowest);
      const m = runs[1];
      report(`  ${w.name}, trace ${trace ? 'on' : 'off'}`, `slowest call ${ms(m.slowest)} (${m.calls} calls, ${m.atoms.toLocaleString('en')} atoms)`);
    }
  }

  // 2. The fuzz: random syslets of 1-4 atoms over a fixed image (buffers up to 1 MiB, long
  // paths, pipes, files), random stop flags and next pointers (some loop), through async_exec
  // and async_wait; every call is timed.
  k.setOption(L.OPT_TRACE, 1);
  k.reset(7);
  const r = rng(20070213);
  const img = new UserImage(k);
  const ring = img.ring(64);
  const bufs = [img.alloc(16), img.alloc(4096), img.alloc(256 * 1024), img.alloc(0xa0000)];
  const sizes = [0, 1, 16, 4096, 65536, 256 * 1024, 0xa0000, 0xffffffff];
  const paths = ['/etc/motd', '/dev/zero', '/dev/tty', '/dev/null', '/proc/sys/vm/drop_caches', '/tmp/f', '/' + 'q'.repeat(4094)].map((p) => img.string(p));
  const ts = img.alloc(8);
  k.setU32(ts + 4, 1000);
  const fds = img.alloc(8);
  k.syscall(S.SYS_pipe, fds);
  k.syscall(S.SYS_open, img.string('/tmp/f'), F.O_RDWR | F.O_CREAT);
  const counter = img.word(0);
  const atoms = Array.from({ length: 4 }, () => img.alloc(L.ATOM_BYTES));
  const words = atoms.map(() => Array.from({ length: 5 }, () => img.word(0))); // each atom's argument words
  /** Argument i of syscall nr: mostly what a program would pass, sometimes anything. */
  const value = (nr: number, i: number): number => {
    const odd = r.below(8) === 0;
    if (nr === S.SYS_umem_add) return i === 0 ? counter : r.pick([1, -1 >>> 0, 0]);
    if (nr === S.SYS_nanosleep) return i === 0 ? ts : 0;
    if (nr === S.SYS_open || nr === S.SYS_unlink) return i === 0 ? r.pick(paths) : r.pick([F.O_RDONLY, F.O_WRONLY | F.O_CREAT, F.O_RDWR | F.O_TRUNC]);
    if (nr === S.SYS_pipe) return fds;
    if (i === 0) return odd ? r.next() : r.below(8); // an fd
    if (i === 1) return odd ? r.next() : r.pick(bufs);
    if (i === 2) return r.pick(sizes);
    return odd ? r.next() : 0; // an offset
  };
  const hex = (x: number) => x.toString(16);
  // What each syslet ran, as numbers (nr, argc, 5 args, next index) so that the loop allocates
  // nothing a garbage collection would have to clear in the middle of a timed call.
  const ran = new Uint32Array(4 * 8);
  const slowestRan = new Uint32Array(ran.length);
  let slowestAtoms = 0;
  let slowestAt = 0;
  let slowestEvents = 0;
  let calls = 0;
  let slowest = 0;
  let over = 0;
  const times = new Float64Array(FUZZ_SYSLETS);
  const t0 = performance.now();
  for (let s = 0; s < FUZZ_SYSLETS; s++) {
    const n = 1 + r.below(4);
    for (let i = 0; i < n; i++) {
      const nr = r.pick(SYSCALLS);
      const argc = 1 + r.below(5);
      ran[i * 8] = nr;
      ran[i * 8 + 1] = argc;
      for (let j = 0; j < argc; j++) {
        const v = value(nr, j) >>> 0;
        k.setU32(words[i][j], v);
        ran[i * 8 + 2 + j] = v;
      }
      // One syslet in 200 loops back to one of its atoms; else the chain goes on or ends.
      const to = i + 1 < n ? i + 1 : r.below(200) === 0 ? r.below(n) : -1;
      ran[i * 8 + 7] = to + 1;
      const flags = r.below(4) === 0 ? r.pick([F.SYSLET_STOP_ON_NEGATIVE, F.SYSLET_STOP_ON_ZERO, F.SYSLET_STOP_ON_NON_POSITIVE]) : 0;
      writeAtom(k, atoms[i], { nr, args: words[i].slice(0, argc), flags, next: to < 0 ? 0 : atoms[to] });
    }
    const events0 = k.u32(L.KSTATE_BASE + L.KSTATE_EVENTS);
    const d = drive(k, ring, atoms[0], 1);
    calls += d.calls;
    times[s] = d.slowest;
    if (d.slowest > 250) over++;
    if (d.slowest > slowest) {
      slowest = d.slowest;
      slowestRan.set(ran);
      slowestAtoms = n;
      slowestAt = s;
      slowestEvents = k.u32(L.KSTATE_BASE + L.KSTATE_EVENTS) - events0;
    }
    // Now and then the fd table is emptied, so opens and pipes keep working.
    if (s % 1000 === 999) {
      for (let fd = 3; fd < L.NOFILE; fd++) k.syscall(S.SYS_close, fd);
      k.syscall(S.SYS_pipe, fds);
    }
  }
  const what = Array.from({ length: slowestAtoms }, (_, i) => {
    const a = slowestRan.subarray(i * 8, i * 8 + 8);
    return `${a[0]}(${Array.from(a.subarray(2, 2 + a[1]), hex).join(', ')})${a[7] ? ` next ${a[7] - 1}` : ''}`;
  }).join('; ');
  times.sort();
  const seconds = (performance.now() - t0) / 1000;
  report(`fuzz: ${FUZZ_SYSLETS.toLocaleString('en')} random syslets, trace on`, `${calls.toLocaleString('en')} calls in ${seconds.toFixed(1)} s: ${Math.round(calls / seconds).toLocaleString('en')} calls/s`);
  report('  slowest call of a syslet (median; 99.9th percentile)', `${ms(times[times.length >> 1])}; ${ms(times[Math.floor(times.length * 0.999)])}`);
  // Its events include those of the looped syslets still running in cachemiss threads: they run
  // in every async_wait until its budget is spent.
  report('  slowest call', `${ms(slowest)} (syslet ${slowestAt.toLocaleString('en')}, ${slowestEvents.toLocaleString('en')} events)`);
  report('    its atoms, syscall(args)', what);
  report('  cachemiss threads still running looped syslets', String(k.counters().liveThreads));
  report('  calls over 250 ms', String(over));

  // 3. The kernel is still correct: a known program gives its result after a reset.
  k.reset(1);
  const c = countdown(k);
  const ok = c.vars.count === 0 && c.vars.last === 0 && c.vars.done === c.vars.atom;
  report('  then the countdown scenario', ok ? `correct (${COUNTDOWN_FROM} atoms)` : `WRONG: ${JSON.stringify(c.vars)}`);
}, 900_000);
