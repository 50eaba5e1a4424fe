// Fault injection (docs/engine.md, "Fault injection"): an addition to the ABI.
// Per atom: an errno instead of the call, a block before it, a short count, a
// call that does not wait; per file or page: a disk latency. Each effect
// leaves an `inject` record; the tables survive kernel_reset like the options.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Kernel } from '../host/kernel.ts';
import { readFaults, readFiles } from '../host/records.ts';
import type { UserImage } from '../host/image.ts';
import * as F from '../abi/flags.ts';
import * as S from '../abi/syscall.ts';
import * as E from '../abi/errno.ts';
import {
  L, loadKernel, fresh, argWords, writeAtom, sleepAtom, getpidAtom, coldReadAtom, readAtom, openFd, makePipe,
  asyncExec, asyncWait, traceOf, trace, kinds, cachemiss, userSleep, MS, SEC,
} from './helpers.ts';
import { bootFile } from './vm-helpers.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernel();
});

const WORDS = '/usr/share/dict/words';
const run = (r: { aux: number }) => r.aux >>> L.INJ_RUN_SHIFT;
const injects = () => traceOf(k, 'inject');

/** One syslet of `atom`, submitted and waited for: async_exec's result and the ring's first slot. */
function runSyslet(img: UserImage, atom: number): { exec: number; slot: number } {
  const r = img.ring(4);
  const exec = asyncExec(k, atom, r.ahu);
  if (exec === 0) expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
  return { exec, slot: k.u32(r.ring) };
}

describe('kernel_fault_set and kernel_latency_set', () => {
  test('refuse a bad atom, kind or value (-1) and a full table (-2), and change nothing then', () => {
    const img = fresh(k);
    const a = getpidAtom(img);
    const set = (atom: number, kind: number, value: number, nth = 0) => k.exports.kernel_fault_set(atom, kind, value, nth);
    expect(set(0, L.FK_ERRNO, E.EIO)).toBe(-1); // NULL is never an atom
    expect(set(L.USER_END, L.FK_ERRNO, E.EIO)).toBe(-1);
    expect(set(a, L.FK_ERRNO, 0)).toBe(-1);
    expect(set(a, L.FK_ERRNO, L.MAX_ERRNO + 1)).toBe(-1);
    expect(set(a, L.FK_BLOCK, 0)).toBe(-1);
    expect(set(a, 99, 1)).toBe(-1);
    expect(readFaults(k).faults).toEqual([]);
    for (let i = 0; i < L.NFAULT; i++) expect(set(L.USER_BASE + 4 * i, L.FK_SHORT, 1)).toBe(0);
    expect(set(L.USER_END - 4, L.FK_SHORT, 1)).toBe(-2);
    expect(set(L.USER_BASE, L.FK_SHORT, 9)).toBe(0); // an atom already in the table is replaced
    expect(readFaults(k).faults).toHaveLength(L.NFAULT);
    expect(readFaults(k).faults[0]).toEqual({ atom: L.USER_BASE, kind: 'short', value: 9, nth: 0, runs: 0 });
    expect(set(L.USER_BASE, L.FK_NONE, 0)).toBe(0); // FK_NONE removes it
    expect(readFaults(k).faults.map((f) => f.atom)).not.toContain(L.USER_BASE);
    expect(() => k.setLatency('etc/motd', MS)).toThrow(RangeError); // absolute paths only
    expect(() => k.setLatency('/etc/motd', MS, L.NFILEBLOCK)).toThrow(RangeError);
    expect(() => k.setLatency('/' + 'x'.repeat(L.LAT_PATH_MAX), MS)).toThrow(RangeError);
    for (let i = 0; i < L.NLATENCY; i++) k.setLatency(`/f${i}`, MS);
    expect(() => k.setLatency('/g', MS)).toThrow(/at most 16/);
    k.setLatency('/f0', 3 * MS); // the same file and page: replaced
    expect(readFaults(k).latencies[0]).toEqual({ path: '/f0', ns: 3 * MS });
  });

  test('the tables survive kernel_reset, their run counters do not; kernel_fault_clear empties them; snapshots hold them', () => {
    let img = fresh(k);
    const a = getpidAtom(img, { flags: F.SYSLET_STOP_ON_NEGATIVE });
    k.setFault(a, L.FK_ERRNO, E.EIO);
    k.setLatency(WORDS, 20 * MS, 3);
    expect(runSyslet(img, a).exec).toBe(a);
    expect(readFaults(k).faults).toEqual([{ atom: a, kind: 'errno', value: E.EIO, nth: 0, runs: 1 }]);
    const snap = k.snapshot();
    k.reset(1);
    expect(readFaults(k)).toEqual({ faults: [{ atom: a, kind: 'errno', value: E.EIO, nth: 0, runs: 0 }], latencies: [{ path: WORDS, page: 3, ns: 20 * MS }] });
    k.restore(snap);
    expect(readFaults(k).faults[0].runs).toBe(1);
    k.clearFaults();
    expect(readFaults(k)).toEqual({ faults: [], latencies: [] });
    img = fresh(k);
    expect(runSyslet(img, getpidAtom(img)).exec).toBeGreaterThan(0);
    expect(injects()).toEqual([]);
  });
});

describe('fault errno', () => {
  test('the call is not made: the result is -E, stored through ret_ptr and seen by the stop bits; an inject record comes first', () => {
    const img = fresh(k);
    const ret = img.word(7);
    const after = writeAtom(img, 'after');
    const w = writeAtom(img, 'never written', { ret, flags: F.SYSLET_STOP_ON_NEGATIVE, next: after });
    k.setFault(w, L.FK_ERRNO, E.EIO);
    expect(runSyslet(img, w).exec).toBe(w); // it stopped on -EIO: w is the final atom, cached
    expect(k.i32(ret)).toBe(-E.EIO);
    expect(k.consoleText()).toBe(''); // write never ran
    const t = trace(k).filter((r) => r.kind === 'inject' || r.kind === 'atom');
    expect(t.map((r) => [r.kind, r.atom, r.result])).toEqual([['inject', w, -E.EIO], ['atom', w, -E.EIO]]);
    expect(t[0]).toMatchObject({ nr: S.SYS_write, aux: L.INJ_ERRNO | (1 << L.INJ_RUN_SHIFT), aux2: E.EIO });
    expect(t[0].event).toBe(t[1].event); // the same kernel event as the atom
  });

  test('nth: only that run of the atom fails (the third read of a loop), the runs before it read data', () => {
    const img = fresh(k);
    const fd = openFd(k, img, '/etc/motd');
    const n = img.word();
    const buf = img.alloc(16);
    const rd = img.atom({ nr: S.SYS_read, args: argWords(img, fd, buf, 16), ret: n, flags: F.SYSLET_STOP_ON_NON_POSITIVE });
    k.setU32(rd + L.ATOM_NEXT, rd); // loops on itself until a result <= 0
    k.setFault(rd, L.FK_ERRNO, E.EIO, 3);
    runSyslet(img, rd);
    expect(traceOf(k, 'atom').filter((r) => r.atom === rd).map((r) => r.result)).toEqual([16, 16, -E.EIO]);
    expect(injects().map(run)).toEqual([3]);
    expect(k.i32(n)).toBe(-E.EIO);
    expect(readFaults(k).faults[0].runs).toBe(3);
  });

  test('an atom whose argument pointer is bad keeps its -EFAULT: the fault does not apply and the run is not counted', () => {
    const img = fresh(k);
    const a = img.atom({ nr: S.SYS_close, args: [L.USER_END] });
    k.setFault(a, L.FK_ERRNO, E.EIO);
    expect(runSyslet(img, a).exec).toBe(a);
    expect(traceOf(k, 'atom')[0].result).toBe(-E.EFAULT);
    expect(injects()).toEqual([]);
    expect(readFaults(k).faults[0].runs).toBe(0);
  });
});

describe('fault block', () => {
  test('in the head a call that never waits takes the cachemiss path: hand-off (injected), then the call runs after the delay', () => {
    const img = fresh(k);
    const a = getpidAtom(img, { ret: img.word() });
    k.setFault(a, L.FK_BLOCK, 5 * MS);
    const r = img.ring(4);
    expect(asyncExec(k, a, r.ahu)).toBe(0);
    const [h] = traceOf(k, 'handoff');
    expect(h).toMatchObject({ atom: a, aux: 1, aux2: L.WHY_INJECTED });
    expect(traceOf(k, 'block')[0]).toMatchObject({ tid: 1, atom: a, aux: L.WHY_INJECTED, aux2: 5 * MS });
    expect(cachemiss(k)[0]).toMatchObject({ tid: 1, state: 'sleeping', why: 'injected', waitArg: 5 * MS });
    const t0 = traceOf(k, 'inject')[0].time;
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
    const ran = traceOf(k, 'atom')[0];
    expect(ran).toMatchObject({ tid: 1, result: S.PLAYGROUND_PID });
    expect(ran.time - t0).toBe(BigInt(5 * MS + k.getOption(L.OPT_ATOM_NS)));
    expect(traceOf(k, 'wake')[0]).toMatchObject({ aux: L.WHY_INJECTED });
    expect(k.u32(r.ring)).toBe(a);
  });

  test('with SYSLET_SYNC the head sleeps in place for the delay and async_exec returns the atom', () => {
    const img = fresh(k);
    const a = getpidAtom(img, { flags: F.SYSLET_SYNC });
    k.setFault(a, L.FK_BLOCK, 2 * MS);
    const before = k.counters().clockNs;
    expect(runSyslet(img, a).exec).toBe(a);
    expect(traceOf(k, 'cached')[0].aux).toBe(L.CACHED_SLEPT_SYNC);
    expect(k.counters().clockNs - before).toBeGreaterThanOrEqual(BigInt(2 * MS));
  });

  test('the delay comes before the call: a cold read then still waits for the disk, in the same thread', () => {
    const img = fresh(k);
    k.setOption(L.OPT_DISK_JITTER_NS, 0);
    const { atom } = coldReadAtom(k, img, '/etc/motd', 64);
    k.setFault(atom, L.FK_BLOCK, 5 * MS);
    runSyslet(img, atom);
    expect(traceOf(k, 'block').map((b) => [b.tid, b.aux])).toEqual([[1, L.WHY_INJECTED], [1, L.WHY_DISK]]);
    const rec = traceOf(k, 'atom')[0];
    expect(rec.result).toBe(64);
    expect(rec.time).toBeGreaterThanOrEqual(BigInt(5 * MS + 2 * MS));
  });

  test('on a cachemiss thread a delayed atom sleeps in place: the thread never hands off', () => {
    const img = fresh(k);
    const b = getpidAtom(img);
    const a = sleepAtom(img, MS, { next: b });
    k.setFault(b, L.FK_BLOCK, 3 * MS);
    runSyslet(img, a);
    expect(traceOf(k, 'handoff')).toHaveLength(1);
    expect(traceOf(k, 'block').map((r) => [r.tid, r.aux])).toEqual([[1, L.WHY_TIMER], [1, L.WHY_INJECTED]]);
  });
});

describe('fault short', () => {
  test('read, write, pread64 and pwrite64 get their count clamped; the record keeps the asked count', () => {
    const img = fresh(k);
    const w = writeAtom(img, 'hello world');
    k.setFault(w, L.FK_SHORT, 5);
    expect(runSyslet(img, w).exec).toBe(w);
    expect(k.consoleText()).toBe('hello');
    const [inj] = injects();
    expect(inj).toMatchObject({ atom: w, nr: S.SYS_write, result: 11, aux2: 5, aux: L.INJ_SHORT | (1 << L.INJ_RUN_SHIFT) });
    expect(traceOf(k, 'atom')[0]).toMatchObject({ result: 5 });
    expect(traceOf(k, 'atom')[0].args[2]).toBe(5);

    const img2 = fresh(k);
    const fd = openFd(k, img2, '/etc/motd');
    const buf = img2.alloc(64);
    const pr = img2.atom({ nr: S.SYS_pread64, args: argWords(img2, fd, buf, 64, 10, 0) });
    k.setFault(pr, L.FK_SHORT, 16);
    runSyslet(img2, pr);
    expect(traceOf(k, 'atom')[0].result).toBe(16);
    const out = openFd(k, img2, '/tmp/out', F.O_RDWR | F.O_CREAT);
    const src = img2.string('abcdefgh');
    const pw = img2.atom({ nr: S.SYS_pwrite64, args: argWords(img2, out, src, 8, 0, 0) });
    k.setFault(pw, L.FK_SHORT, 3);
    runSyslet(img2, pw);
    expect(traceOf(k, 'atom').map((r) => r.result)).toEqual([16, 3]);
    expect(readFiles(k).find((f) => f.path === '/tmp/out')?.size).toBe(3);
  });

  test('a count already at most N, or a call without a count, is left alone and leaves no record', () => {
    const img = fresh(k);
    const w = writeAtom(img, 'hi');
    const p = getpidAtom(img);
    k.setFault(w, L.FK_SHORT, 5);
    k.setFault(p, L.FK_SHORT, 0);
    runSyslet(img, w);
    runSyslet(img, p);
    expect(k.consoleText()).toBe('hi');
    expect(traceOf(k, 'atom').map((r) => r.result)).toEqual([2, S.PLAYGROUND_PID]);
    expect(injects()).toEqual([]);
  });
});

describe('fault cached', () => {
  test('a cold read does not wait: its pages count as cached for it (they stay cold), and async_exec returns the atom', () => {
    const img = fresh(k);
    const { atom, buf } = coldReadAtom(k, img, '/etc/motd', 32);
    k.setFault(atom, L.FK_CACHED, 0);
    expect(runSyslet(img, atom).exec).toBe(atom);
    expect(traceOf(k, 'cached')[0].aux).toBe(L.CACHED_NOTHING_BLOCKED);
    expect(kinds(k)).not.toContain('block');
    expect(k.readString(buf, 32)).toBe(new TextDecoder().decode(bootFile('/etc/motd').slice(0, 32)));
    expect(readFiles(k).find((f) => f.path === '/etc/motd')?.pages).toEqual(['cold']);
    const [inj] = injects();
    const ino = readFiles(k).find((f) => f.path === '/etc/motd')!.ino;
    expect(inj).toMatchObject({ atom, aux: L.INJ_CACHED | (1 << L.INJ_RUN_SHIFT), aux2: L.WHY_DISK, result: ino << 16 });
  });

  test('nanosleep returns at once, fsync returns at once and clears the dirty count, a pipe that would wait gives -EAGAIN', () => {
    const img = fresh(k);
    const sl = sleepAtom(img, SEC);
    k.setFault(sl, L.FK_CACHED, 0);
    const before = k.counters().clockNs;
    expect(runSyslet(img, sl).exec).toBe(sl);
    expect(k.counters().clockNs - before).toBeLessThan(BigInt(MS));
    expect(injects()[0]).toMatchObject({ aux2: L.WHY_TIMER, result: SEC }); // the sleep it skipped, in ns

    const fd = openFd(k, img, '/tmp/dirty', F.O_RDWR | F.O_CREAT);
    const data = img.string('x');
    expect(k.syscall(S.SYS_write, fd, data, 1)).toBe(1);
    const fs = img.atom({ nr: S.SYS_fsync, args: argWords(img, fd) });
    k.setFault(fs, L.FK_CACHED, 0);
    expect(runSyslet(img, fs).exec).toBe(fs);
    expect(traceOf(k, 'atom').at(-1)?.result).toBe(0);
    expect(readFiles(k).find((f) => f.path === '/tmp/dirty')?.dirtyPages).toBe(0);

    const { r } = makePipe(k, img);
    const { atom: pr } = readAtom(img, r, 8);
    k.setFault(pr, L.FK_CACHED, 0);
    expect(runSyslet(img, pr).exec).toBe(pr);
    expect(traceOf(k, 'atom').at(-1)?.result).toBe(-E.EAGAIN);
    expect(injects().map((x) => x.aux2)).toEqual([L.WHY_TIMER, L.WHY_FSYNC, L.WHY_PIPE_READ]);
  });

  test('a call that would not wait anyway is unchanged and leaves no record', () => {
    const img = fresh(k);
    const w = writeAtom(img, 'ok');
    k.setFault(w, L.FK_CACHED, 0);
    expect(runSyslet(img, w).exec).toBe(w);
    expect(injects()).toEqual([]);
    // The flag lasts one call only: the next direct read of a cold file waits as usual.
    const fd = openFd(k, img, WORDS);
    const buf = img.alloc(8);
    const t = k.counters().clockNs;
    expect(k.syscall(S.SYS_read, fd, buf, 8)).toBe(8);
    expect(k.counters().clockNs - t).toBeGreaterThan(BigInt(MS));
  });
});

describe('latency per file or page', () => {
  test('a cold read of the file waits its latency plus the seeded jitter, told by an inject record; other files keep the default', () => {
    const img = fresh(k);
    k.setOption(L.OPT_DISK_JITTER_NS, 1000);
    k.setLatency(WORDS, 20 * MS);
    const fd = openFd(k, img, WORDS);
    const buf = img.alloc(8);
    const t = k.counters().clockNs;
    expect(k.syscall(S.SYS_read, fd, buf, 8)).toBe(8);
    const dt = k.counters().clockNs - t;
    expect(dt).toBeGreaterThanOrEqual(BigInt(20 * MS));
    expect(dt).toBeLessThan(BigInt(20 * MS + 1000 + 1000));
    const [inj] = injects();
    const ino = readFiles(k).find((f) => f.path === WORDS)!.ino;
    expect(inj).toMatchObject({ atom: 0, nr: S.SYS_read, aux: L.INJ_LATENCY, result: ino << 16 });
    expect(traceOf(k, 'wake')[0].time - traceOf(k, 'block')[0].time).toBe(BigInt(inj.aux2)); // the record holds the wait itself
    expect(inj.aux2).toBeGreaterThanOrEqual(20 * MS);
    expect(inj.aux2).toBeLessThan(20 * MS + 1000);
    const motd = openFd(k, img, '/etc/motd');
    const t2 = k.counters().clockNs;
    k.syscall(S.SYS_read, motd, buf, 8);
    expect(k.counters().clockNs - t2).toBeLessThan(BigInt(3 * MS));
    expect(injects()).toHaveLength(1);
  });

  test('a page entry wins over the file entry; the same seed gives the same waits, another seed other jitter', () => {
    const waits = (seed: number) => {
      const img = fresh(k, seed);
      k.setLatency(WORDS, 20 * MS);
      k.setLatency(WORDS, 7 * MS, 1);
      const fd = openFd(k, img, WORDS);
      const buf = img.alloc(4);
      return [0, 1, 2].map((pg) => {
        const t = k.counters().clockNs;
        k.syscall(S.SYS_pread64, fd, buf, 4, pg * L.PAGE_BYTES, 0);
        return Number(k.counters().clockNs - t);
      });
    };
    const a = waits(1);
    expect(a[0]).toBeGreaterThanOrEqual(20 * MS);
    expect(a[1]).toBeGreaterThanOrEqual(7 * MS);
    expect(a[1]).toBeLessThan(8 * MS);
    expect(a[2]).toBeGreaterThanOrEqual(20 * MS);
    expect(waits(1)).toEqual(a);
    expect(waits(2)).not.toEqual(a);
  });

  test('fsync takes the file\'s latency', () => {
    const img = fresh(k);
    k.setOption(L.OPT_DISK_JITTER_NS, 0);
    k.setLatency('/tmp/log', 9 * MS);
    const fd = openFd(k, img, '/tmp/log', F.O_RDWR | F.O_CREAT);
    expect(k.syscall(S.SYS_write, fd, img.string('x'), 1)).toBe(1);
    const t = k.counters().clockNs;
    expect(k.syscall(S.SYS_fsync, fd)).toBe(0);
    expect(k.counters().clockNs - t).toBe(BigInt(9 * MS + k.getOption(L.OPT_SYSCALL_NS)));
    expect(injects()[0].result & 0xffff).toBe(0xffff);
  });
});

test('a run with every kind of fault is the same run every time', () => {
  const once = () => {
    const img = fresh(k, 3);
    k.setLatency(WORDS, 4 * MS);
    const a = coldReadAtom(k, img, WORDS, 100).atom;
    const b = writeAtom(img, 'abcdef');
    const c = getpidAtom(img);
    k.setFault(a, L.FK_BLOCK, MS);
    k.setFault(b, L.FK_SHORT, 2);
    k.setFault(c, L.FK_ERRNO, E.EPERM);
    const r = img.ring(8);
    const out = [a, b, c].map((x) => asyncExec(k, x, r.ahu));
    asyncWait(k, 1, 0, r.ahu);
    userSleep(k, img, 50 * MS);
    return { out, trace: trace(k), console: k.consoleText(), mem: k.snapshot().slice(L.USER_BASE, L.USER_BASE + 4096) };
  };
  const x = once();
  // a's delay comes first; b and c run cached meanwhile; a's read then starts the disk read of its page.
  expect(x.trace.filter((r) => r.kind === 'inject').map((r) => r.aux & 0xff)).toEqual([L.INJ_BLOCK, L.INJ_SHORT, L.INJ_ERRNO, L.INJ_LATENCY]);
  expect(once()).toEqual(x);
  expect(x.console).toBe('ab');
});
