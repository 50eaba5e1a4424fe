// contract §4 (syscall numbers, -ENOSYS, getpid, umem_add, async_thread,
// nanosleep, -EFAULT for every user pointer) and §5 (the console window,
// kernel_reset, determinism).
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { Vm } from './vm-helpers.ts';
import { UserImage, consume } from '../host/image.ts';
import { formatTrace } from '../host/trace-format.ts';
import * as L from '../abi/layout.ts';
import * as F from '../abi/flags.ts';
import * as S from '../abi/syscall.ts';
import * as E from '../abi/errno.ts';

let vm: Vm;
beforeAll(async () => {
  vm = await Vm.load();
});
beforeEach(() => vm.fresh());
afterEach(() => vm.restoreOptions());

describe('§4 syscall table', () => {
  test('§4 the required syscalls answer at their i386 numbers', () => {
    expect([S.SYS_read, S.SYS_write, S.SYS_open, S.SYS_close, S.SYS_unlink, S.SYS_lseek, S.SYS_getpid, S.SYS_pipe,
      S.SYS_fsync, S.SYS_nanosleep, S.SYS_pread64, S.SYS_pwrite64, S.SYS_async_exec, S.SYS_async_wait, S.SYS_umem_add,
      S.SYS_async_thread]).toEqual([3, 4, 5, 6, 10, 19, 20, 42, 118, 162, 180, 181, 320, 321, 322, 323]);
    const { k } = vm;
    const buf = vm.buf(16);
    const abc = vm.data('abc');
    expect(k.syscall(5, vm.str('/tmp/n'), F.O_CREAT | F.O_RDWR)).toBe(3); // open
    expect(k.syscall(4, 3, abc.ptr, 3)).toBe(3); // write
    expect(k.syscall(19, 3, 1, F.SEEK_SET)).toBe(1); // lseek
    expect(k.syscall(3, 3, buf, 16)).toBe(2); // read
    expect(vm.text(buf, 2)).toBe('bc');
    expect(k.syscall(181, 3, abc.ptr, 1, 2, 0)).toBe(1); // pwrite64
    expect(k.syscall(180, 3, buf, 16, 0, 0)).toBe(3); // pread64
    expect(vm.text(buf, 3)).toBe('aba');
    expect(k.syscall(118, 3)).toBe(0); // fsync
    expect(k.syscall(6, 3)).toBe(0); // close
    expect(k.syscall(10, vm.str('/tmp/n'))).toBe(0); // unlink
    expect(k.syscall(20)).toBe(S.PLAYGROUND_PID); // getpid
    const fds = vm.img.alloc(8);
    expect(k.syscall(42, fds)).toBe(0); // pipe
    expect([k.i32(fds), k.i32(fds + 4)]).toEqual([3, 4]);
    const ts = vm.img.alloc(8);
    k.setU32(ts + 4, 5000);
    expect(vm.timed(() => k.syscall(162, ts, 0))).toEqual({ r: 0, dt: vm.syscallNs + 5000n }); // nanosleep
    const w = vm.img.word(40);
    expect(k.syscall(322, w, 2)).toBe(42); // umem_add
    const r = vm.img.ring(2);
    const a = vm.atom({ nr: 20 });
    expect(k.syscall(320, a, r.ahu)).toBe(a); // async_exec
    expect(k.syscall(321, 1, 0, r.ahu)).toBe(0); // async_wait: nothing outstanding
    expect(k.syscall(323)).toBe(-E.ENOSYS); // async_thread: the playground does not offer it
  });

  test('§4 any other syscall number returns -ENOSYS, directly and as an atom', () => {
    const { k } = vm;
    for (const nr of [0, 1, 2, 7, 9, 11, 21, 41, 43, 117, 119, 161, 163, 179, 182, 319, 324, 4096, 0x7fffffff, 0xffffffff]) {
      expect(k.syscall(nr, 1, 2, 3, 4, 5, 6), `nr ${nr}`).toBe(-E.ENOSYS);
    }
    const r = vm.img.ring(2);
    const ret1 = vm.img.word(0);
    const ret2 = vm.img.word(0);
    const second = vm.atom({ nr: S.SYS_getpid, ret: ret2 });
    const first = vm.atom({ nr: 2, args: vm.args(0), ret: ret1, next: second });
    expect(k.syscall(S.SYS_async_exec, first, r.ahu)).toBe(second);
    expect(k.i32(ret1)).toBe(-E.ENOSYS);
    expect(k.i32(ret2)).toBe(S.PLAYGROUND_PID);
  });

  test('§4 getpid gives the one process id, in the user task and in cachemiss threads alike', () => {
    const { k } = vm;
    const pid = k.syscall(S.SYS_getpid);
    expect(pid).toBeGreaterThan(0);
    const r = vm.img.ring(2);
    const ret = vm.img.word(0);
    const a = vm.atom({ nr: S.SYS_getpid, ret, flags: F.SYSLET_ASYNC });
    expect(k.syscall(S.SYS_async_exec, a, r.ahu)).toBe(0);
    expect(k.syscall(S.SYS_async_wait, 1, 0, r.ahu)).toBe(1);
    expect(consume(k, r)).toBe(a);
    expect(k.i32(ret)).toBe(pid);
  });

  test('§4 async_thread returns -ENOSYS (allowed by the contract)', () => {
    expect(vm.k.syscall(S.SYS_async_thread, vm.img.alloc(64), 0)).toBe(-E.ENOSYS);
  });

  test('§4 umem_add adds with wrap-around and returns the new value; inc 0 only reads', () => {
    const { k } = vm;
    const w = vm.img.word(5);
    expect(k.syscall(S.SYS_umem_add, w, 3)).toBe(8);
    expect(k.syscall(S.SYS_umem_add, w, 0)).toBe(8);
    expect(k.u32(w)).toBe(8);
    expect(k.syscall(S.SYS_umem_add, w, 0xffffffff)).toBe(7);
    k.setU32(w, 0xffffffff);
    expect(k.syscall(S.SYS_umem_add, w, 2)).toBe(1);
    k.setU32(w, 0x7ffffffe);
    expect(k.syscall(S.SYS_umem_add, w, 0x80000003)).toBe(1);
    k.setU32(w, 0x40000000);
    expect(k.syscall(S.SYS_umem_add, w, 0x40000001)).toBe(-0x7fffffff); // results are signed: 0x80000001
    // Unaligned words are fine; the last word of user memory too.
    const odd = vm.img.alloc(8) + 1;
    expect(k.syscall(S.SYS_umem_add, odd, 0x01020304)).toBe(0x01020304);
    expect(k.u32(odd)).toBe(0x01020304);
    expect(k.syscall(S.SYS_umem_add, k.userEnd - 4, 9)).toBe(9);
  });

  test('§4 umem_add whose new value is 0x80000000 returns it like any other value', () => {
    const { k } = vm;
    const w = vm.img.word(0x7fffffff);
    expect(k.syscall(S.SYS_umem_add, w, 1)).toBe(-0x80000000);
    expect(k.u32(w)).toBe(0x80000000);
    expect(k.syscall(S.SYS_umem_add, w, 0)).toBe(-0x80000000);
    expect(k.u32(w)).toBe(0x80000000);
    // As an atom: the result is stored and the walk goes on, in the head.
    k.setU32(w, 0x7fffffff);
    const r = vm.img.ring(2);
    const ret = vm.img.word(0);
    const ret2 = vm.img.word(0);
    const second = vm.atom({ nr: S.SYS_getpid, ret: ret2 });
    const first = vm.atom({ nr: S.SYS_umem_add, args: vm.args(w, 1), ret, next: second });
    expect(k.syscall(S.SYS_async_exec, first, r.ahu)).toBe(second);
    expect(k.u32(ret)).toBe(0x80000000);
    expect(k.u32(w)).toBe(0x80000000);
    expect(k.i32(ret2)).toBe(S.PLAYGROUND_PID);
  });

  test('§4 nanosleep waits exactly its duration on the virtual clock', () => {
    for (const [sec, nsec] of [[0, 1], [0, 1_500_000], [1, 250], [2, 999_999_999]]) {
      expect(vm.timed(() => vm.nanosleep(sec, nsec))).toEqual({ r: 0, dt: vm.syscallNs + BigInt(sec) * 1_000_000_000n + BigInt(nsec) });
    }
    // A zero duration does not wait.
    expect(vm.timed(() => vm.nanosleep(0, 0))).toEqual({ r: 0, dt: vm.syscallNs });
    // Out-of-range timespecs are -EINVAL (Linux).
    expect(vm.nanosleep(0, 1_000_000_000)).toBe(-E.EINVAL);
    expect(vm.nanosleep(0, -1 >>> 0)).toBe(-E.EINVAL);
    expect(vm.nanosleep(-1 >>> 0, 0)).toBe(-E.EINVAL);
  });

  test('§4 a nanosleep atom in a cachemiss thread completes exactly its duration after it started', () => {
    const { k } = vm;
    const r = vm.img.ring(2);
    const ts = vm.img.alloc(8);
    k.setU32(ts + 4, 750_000);
    const ret = vm.img.word(0x5555);
    const a = vm.atom({ nr: S.SYS_nanosleep, args: vm.args(ts, 0), ret });
    const t0 = vm.clock();
    expect(k.syscall(S.SYS_async_exec, a, r.ahu)).toBe(0);
    expect(k.syscall(S.SYS_async_wait, 1, 0, r.ahu)).toBe(1);
    expect(k.i32(ret)).toBe(0);
    const done = vm.trace().find((t) => t.kind === 'atom' && t.atom === a);
    expect(done?.time).toBe(t0 + vm.syscallNs + 750_000n + vm.atomNs);
  });
});

describe('§4 user pointers', () => {
  test('§4 every user pointer a syscall receives is checked: outside user memory gives -EFAULT, never a trap', () => {
    const { k } = vm;
    const base = k.userBase;
    const end = k.userEnd;
    const fd = vm.open('/etc/motd');
    const wfd = vm.open('/tmp/e', F.O_CREAT | F.O_RDWR);
    // A path that runs to the end of user memory without its NUL.
    k.bytes(end - 16, 16).fill(0x61);
    k.setU32(end - 16, 0x6161612f); // "/aaa"
    const ring = vm.img.ring(2);
    const atom = vm.atom({ nr: S.SYS_getpid });
    const guard = end - 8;
    k.setU32(guard, 0xa5a5a5a5);
    k.setU32(guard + 4, 0xa5a5a5a5);
    const cases: [string, () => number][] = [
      ['read NULL', () => k.syscall(S.SYS_read, fd, 0, 4)],
      ['read below user memory', () => k.syscall(S.SYS_read, fd, base - 4, 4)],
      ['read across user_end', () => k.syscall(S.SYS_read, fd, end - 2, 4)],
      ['read into the kernel', () => k.syscall(S.SYS_read, fd, L.KSTATE_BASE, 8)],
      ['read count wraps', () => k.syscall(S.SYS_read, fd, base, 0xffffffff)],
      ['read buf wraps', () => k.syscall(S.SYS_read, fd, 0xfffffff0, 0x20)],
      ['write NULL', () => k.syscall(S.SYS_write, 1, 0, 4)],
      ['write across user_end', () => k.syscall(S.SYS_write, wfd, end - 1, 2)],
      ['write from the kernel', () => k.syscall(S.SYS_write, 1, L.CONSOLE_BASE, 16)],
      ['open NULL', () => k.syscall(S.SYS_open, 0, F.O_CREAT | F.O_RDWR)],
      ['open at user_end', () => k.syscall(S.SYS_open, end, F.O_CREAT | F.O_RDWR)],
      ['open of a path without NUL before user_end', () => k.syscall(S.SYS_open, end - 16, F.O_CREAT | F.O_RDWR)],
      ['open in the kernel', () => k.syscall(S.SYS_open, L.PATHS_BASE, 0)],
      ['unlink NULL', () => k.syscall(S.SYS_unlink, 0)],
      ['unlink of a path without NUL before user_end', () => k.syscall(S.SYS_unlink, end - 16)],
      ['pipe NULL', () => k.syscall(S.SYS_pipe, 0)],
      ['pipe array across user_end', () => k.syscall(S.SYS_pipe, end - 4)],
      ['nanosleep NULL', () => k.syscall(S.SYS_nanosleep, 0, 0)],
      ['nanosleep across user_end', () => k.syscall(S.SYS_nanosleep, end - 4, 0)],
      ['pread64 NULL', () => k.syscall(S.SYS_pread64, fd, 0, 4, 0, 0)],
      ['pread64 across user_end', () => k.syscall(S.SYS_pread64, fd, end - 1, 4, 0, 0)],
      ['pwrite64 NULL', () => k.syscall(S.SYS_pwrite64, wfd, 0, 4, 0, 0)],
      ['pwrite64 across user_end', () => k.syscall(S.SYS_pwrite64, wfd, end - 3, 4, 0, 0)],
      ['umem_add NULL', () => k.syscall(S.SYS_umem_add, 0, 1)],
      ['umem_add across user_end', () => k.syscall(S.SYS_umem_add, end - 2, 1)],
      ['umem_add in the kernel', () => k.syscall(S.SYS_umem_add, L.KSTATE_BASE, 1)],
      ['async_exec with ahu NULL', () => k.syscall(S.SYS_async_exec, atom, 0)],
      ['async_wait with ahu NULL', () => k.syscall(S.SYS_async_wait, 1, 0, 0)],
      ['async_exec with ahu across user_end', () => k.syscall(S.SYS_async_exec, atom, end - 16)],
    ];
    const before = k.counters();
    for (const [name, call] of cases) expect(call(), name).toBe(-E.EFAULT);
    // Nothing was changed: no fds made, no bytes written, the kernel still works.
    expect(k.u32(guard)).toBe(0xa5a5a5a5);
    expect(k.u32(guard + 4)).toBe(0xa5a5a5a5);
    expect(k.counters().seed).toBe(before.seed);
    expect(k.counters().liveThreads).toBe(0);
    expect(k.consoleText()).toBe('');
    expect(vm.open('/dev/null')).toBe(5);
    expect(vm.lseek(wfd, 0, F.SEEK_END)).toBe(0);
    expect(k.syscall(S.SYS_async_exec, atom, ring.ahu)).toBe(atom);
    // A path whose NUL is the very last byte of user memory is fine.
    k.bytes(end - 1, 1)[0] = 0;
    expect(k.syscall(S.SYS_open, end - 16, F.O_CREAT | F.O_RDWR)).toBe(6);
  });
});

describe('§5 console and kernel_reset', () => {
  test('§5 console_ptr/console_len keep only the most recent bytes when more than 64 KiB are written', () => {
    const { k } = vm;
    const N = 300_000;
    const src = vm.img.alloc(N);
    const all = new Uint8Array(N);
    for (let i = 0; i < N; i++) all[i] = (i * 7 + (i >> 8)) & 0xff;
    k.writeBytes(src, all);
    let total = 0;
    const chunks = [1, 100, 4000, 30_000, 40_000, 7, 65_536, 3, 70_000, 12_345, 65_535, 2, 1];
    for (const [i, n] of chunks.entries()) {
      expect(k.syscall(S.SYS_write, i % 2 === 0 ? 1 : 2, src + total, n)).toBe(n);
      total += n;
      const len = k.exports.console_len() >>> 0;
      expect(len).toBeGreaterThanOrEqual(Math.min(total, 65_536));
      expect(len).toBeLessThanOrEqual(total);
      const shown = k.bytes(k.exports.console_ptr() >>> 0, len);
      expect(Buffer.compare(Buffer.from(shown), Buffer.from(all.subarray(total - len, total))), `after ${total} bytes`).toBe(0);
    }
    expect(total).toBeGreaterThan(65_536);
  });

  test('§5 kernel_reset zeroes user memory, restarts the clock and brings back the boot image', () => {
    const { k } = vm;
    vm.fixedDisk(1_000_000);
    const fd = vm.open('/tmp/gone', F.O_CREAT | F.O_RDWR);
    expect(vm.write(fd, 'data')).toBe(4);
    expect(vm.read(vm.open('/etc/motd'), 10).r).toBe(10);
    expect(vm.write(1, 'console')).toBe(7);
    const r = vm.img.ring(2);
    const ts = vm.img.alloc(8);
    k.setU32(ts, 3);
    expect(k.syscall(S.SYS_async_exec, vm.atom({ nr: S.SYS_nanosleep, args: vm.args(ts) }), r.ahu)).toBe(0);
    k.bytes(k.userBase, k.userEnd - k.userBase).fill(0x5a);
    expect(vm.clock()).toBeGreaterThan(0n);

    k.reset(9);
    expect(k.counters()).toMatchObject({ clockNs: 0n, liveThreads: 0, atoms: 0, posted: 0, lost: 0, seed: 9 });
    expect(k.bytes(k.userBase, k.userEnd - k.userBase).every((b) => b === 0)).toBe(true);
    expect(k.exports.console_len()).toBe(0);
    expect(vm.file('/etc/motd').pages).toEqual(['cold']);
    // Options are kept across kernel_reset (playground choice).
    expect(k.getOption(L.OPT_DISK_LATENCY_NS)).toBe(1_000_000);
    vm.img = new UserImage(k);
    expect(vm.close(3)).toBe(-E.EBADF);
    expect(vm.open('/tmp/gone')).toBe(-E.ENOENT);
    expect(vm.open('/etc/motd')).toBe(3);
    expect(vm.clock()).toBe(3n * vm.syscallNs);
  });
});

/** Differing bytes of two snapshots, counted per memory region of abi/layout.ts. */
function diffRegions(a: Uint8Array, b: Uint8Array): Record<string, number> {
  const regions = Object.entries(L)
    .filter(([name]) => name.endsWith('_BASE'))
    .sort((x, y) => x[1] - y[1]);
  const out: Record<string, number> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    let name = 'below USER_BASE';
    for (const [n, base] of regions) if (base <= i) name = n;
    out[name] = (out[name] ?? 0) + 1;
  }
  return out;
}

describe('§5 determinism', () => {
  /** A run that touches every source of variation: cold reads with jitter, timers, pipes, fsync, ring. */
  function scenario(seed: number, jitterNs?: number): { snap: Uint8Array; trace: string; clock: bigint } {
    vm.fresh(seed);
    const { k } = vm;
    if (jitterNs !== undefined) k.setOption(L.OPT_DISK_JITTER_NS, jitterNs);
    const r = vm.img.ring(8);
    const words = vm.open('/usr/share/dict/words');
    const p = vm.pipe();
    const ts = vm.img.alloc(8);
    k.setU32(ts + 4, 1_234_567);
    const rd3 = vm.atom({ nr: S.SYS_read, args: vm.args(p.rfd, vm.buf(16), 16) });
    const rd2 = vm.atom({ nr: S.SYS_pread64, args: vm.args(words, vm.buf(64), 64, 3 * L.PAGE_BYTES, 0), next: rd3 });
    const rd1 = vm.atom({ nr: S.SYS_pread64, args: vm.args(words, vm.buf(64), 64, L.PAGE_BYTES, 0), next: rd2 });
    expect(k.syscall(S.SYS_async_exec, rd1, r.ahu)).toBe(0);
    const sl = vm.atom({ nr: S.SYS_nanosleep, args: vm.args(ts) });
    expect(k.syscall(S.SYS_async_exec, sl, r.ahu)).toBe(0);
    expect(vm.read(words, 100).r).toBe(100);
    expect(vm.write(p.wfd, 'x')).toBe(1);
    expect(k.syscall(S.SYS_async_wait, 2, 0, r.ahu)).toBe(2);
    const f = vm.open('/tmp/d', F.O_CREAT | F.O_RDWR);
    expect(vm.write(f, 'determinism')).toBe(11);
    expect(k.syscall(S.SYS_fsync, f)).toBe(0);
    expect(vm.write(1, 'done\n')).toBe(5);
    return { snap: k.snapshot(), trace: formatTrace(vm.trace()), clock: vm.clock() };
  }

  test('§5 the same seed gives an identical trace and memory snapshot', () => {
    const a = scenario(7);
    const b = scenario(7);
    expect(b.clock).toBe(a.clock);
    expect(b.trace).toBe(a.trace);
    expect(a.snap.length).toBe(L.KERNEL_END);
    expect(diffRegions(a.snap, b.snap)).toEqual({});
  });

  test('§5 the snapshot after kernel_reset(seed) and a run does not depend on what ran before the reset', () => {
    const a = scenario(7);
    // Something else entirely: long paths, full pipes, a flood of console and trace records.
    vm.fresh(3);
    const { k } = vm;
    expect(vm.open('/' + 'q'.repeat(4000), F.O_CREAT | F.O_RDWR)).toBe(3);
    const p = vm.pipe();
    expect(k.syscall(S.SYS_write, p.wfd, vm.buf(L.PIPE_BYTES, 0x71), L.PIPE_BYTES)).toBe(L.PIPE_BYTES);
    const junk = vm.buf(100_000, 0x71);
    expect(k.syscall(S.SYS_write, 1, junk, 100_000)).toBe(100_000);
    const big = vm.open('/tmp/big', F.O_CREAT | F.O_RDWR);
    expect(k.syscall(S.SYS_write, big, junk, 100_000)).toBe(100_000);
    expect(vm.close(big)).toBe(0);
    expect(k.syscall(S.SYS_unlink, vm.str('/tmp/big'))).toBe(0);
    for (let i = 0; i < 20_000; i++) k.syscall(S.SYS_getpid);
    const b = scenario(7);
    expect(b.trace).toBe(a.trace);
    // Named by kernel region, so a failure says which memory kernel_reset left as it was.
    expect(diffRegions(a.snap, b.snap)).toEqual({});
  });

  test('§5 a different seed gives a different disk jitter timing', () => {
    const waits = new Map<number, bigint>();
    for (const seed of [1, 2, 7, 8]) {
      vm.fresh(seed);
      const fd = vm.open('/etc/motd');
      const { r, dt } = vm.timed(() => vm.read(fd, 10).r);
      expect(r).toBe(10);
      waits.set(seed, dt - vm.syscallNs);
    }
    const lat = BigInt(vm.defaults[L.OPT_DISK_LATENCY_NS]);
    const jit = BigInt(vm.defaults[L.OPT_DISK_JITTER_NS]);
    expect(jit).toBeGreaterThan(0n);
    for (const w of waits.values()) {
      expect(w).toBeGreaterThanOrEqual(lat);
      expect(w).toBeLessThan(lat + jit);
    }
    expect(waits.get(7)).not.toBe(waits.get(8));
    expect(new Set(waits.values()).size).toBe(4);
    expect(scenario(7).trace).not.toBe(scenario(8).trace);
  });

  test('§5 without disk jitter the seed changes nothing: the kernel has no other randomness', () => {
    const a = scenario(7, 0);
    const b = scenario(8, 0);
    expect(b.trace).toBe(a.trace);
    expect(b.clock).toBe(a.clock);
  });
});
