// contract §2: cached vs cachemiss runs, SYSLET_ASYNC / SYNC / NO_COMPLETE,
// new_thread_stack at hand-off, and the cachemiss thread limit.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Kernel } from '../host/kernel.ts';
import { readThread } from '../host/records.ts';
import * as F from '../abi/flags.ts';
import { SYS_getpid, SYS_read, SYS_pwrite64, SYS_open, SYS_lseek } from '../abi/syscall.ts';
import {
  L, loadKernel, fresh, argWords, writeAtom, getpidAtom, umemAtom, sleepAtom, coldReadAtom, readAtom, openFd,
  makePipe, userWrite, asyncExec, asyncWait, slots, kernelRingIdx, traceOf, kinds, cachemiss, MS, SEC,
} from './helpers.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernel();
});

const MOTD = 'Welcome to the Syslet Playground virtual machine.\n';

describe('§2 cached', () => {
  test('§2 cached: when nothing waits, async_exec returns the final atom and nothing is posted', () => {
    const img = fresh(k);
    const r = img.ring(4);
    // Warm /etc/motd's page with a direct read, so the atom's read is a cache hit.
    const fd = openFd(k, img, '/etc/motd');
    expect(k.syscall(SYS_read, fd, img.alloc(16), 16)).toBe(16);
    expect(k.syscall(SYS_lseek, fd, 0, F.SEEK_SET)).toBe(0);
    const path = img.string('/tmp/cached');
    const fdw = img.word(0);
    const data = img.string('page written by a syscall');
    const retRead = img.word(0);
    const retRead2 = img.word(0);
    const buf2 = img.alloc(8);
    const read2 = img.atom({ nr: SYS_read, args: [fdw, ...argWords(img, buf2, 8)], ret: retRead2 });
    const pw = img.atom({ nr: SYS_pwrite64, args: [fdw, ...argWords(img, data, 25, 0, 0)], next: read2 });
    const open = img.atom({ nr: SYS_open, args: argWords(img, path, F.O_CREAT | F.O_RDWR), ret: fdw, next: pw });
    const { atom: readMotd, buf } = readAtom(img, fd, 4096, { ret: retRead, next: open });
    const atoms0 = k.counters().atoms;
    expect(asyncExec(k, readMotd, r.ahu)).toBe(read2);
    expect(k.counters().atoms - atoms0).toBe(4);
    expect(k.i32(retRead)).toBe(440);
    expect(k.readString(buf, MOTD.length)).toBe(MOTD);
    expect(k.i32(retRead2)).toBe(8);
    expect(k.readString(buf2, 8)).toBe('page wri');
    expect(slots(k, r)).toEqual([0, 0, 0, 0]);
    expect(kernelRingIdx(k, r.ahu)).toBe(0);
    expect(k.counters().posted).toBe(0);
    expect(traceOf(k, 'post')).toEqual([]);
    expect(traceOf(k, 'handoff')).toEqual([]);
    expect(traceOf(k, 'cached').map((x) => x.atom)).toEqual([read2]);
    expect(cachemiss(k)).toEqual([]);
  });
});

describe('§2 cachemiss', () => {
  test('§2 cachemiss: a syscall that must wait makes the head return 0 at once', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const retH = img.word(0);
    const retA = img.word(0x5a5a5a5a);
    const b = writeAtom(img, 'after');
    const { atom: a } = coldReadAtom(k, img, '/etc/motd', 4096, { ret: retA, next: b });
    const h = getpidAtom(img, { ret: retH, next: a });
    const t0 = k.counters().clockNs;
    expect(asyncExec(k, h, r.ahu)).toBe(0);
    expect(k.counters().clockNs - t0).toBeLessThan(BigInt(MS)); // no disk latency spent
    expect(k.i32(retH)).toBe(1); // the head ran h
    expect(k.u32(retA)).toBe(0x5a5a5a5a); // a has not finished
    expect(k.consoleText()).toBe('');
    expect(readThread(k, 0).state).toBe('user');
    const threads = cachemiss(k);
    expect(threads.map((t) => [t.state, t.why, t.atom])).toEqual([['sleeping', 'disk', a]]);
    const handoff = traceOf(k, 'handoff');
    expect(handoff.map((x) => [x.tid, x.atom, x.aux])).toEqual([[0, a, threads[0].tid]]);
    expect(traceOf(k, 'atom').map((x) => [x.atom, x.tid])).toEqual([[h, 0]]);
  });

  test('§2 cachemiss: the user task goes on while the syslet waits', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const retA = img.word(0x5a5a5a5a);
    const { atom: a } = coldReadAtom(k, img, '/usr/share/dict/words', 4096, { ret: retA });
    expect(asyncExec(k, a, r.ahu)).toBe(0);
    // Direct calls and a second, cached, syslet run while the first one waits.
    expect(k.syscall(SYS_getpid)).toBe(1);
    expect(userWrite(k, img, 1, 'user ')).toBe(5);
    const c = writeAtom(img, 'cached');
    expect(asyncExec(k, c, r.ahu)).toBe(c);
    expect(k.consoleText()).toBe('user cached');
    expect(k.u32(retA)).toBe(0x5a5a5a5a);
    expect(cachemiss(k).map((t) => t.state)).toEqual(['sleeping']);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
    expect(k.i32(retA)).toBe(4096);
    expect(slots(k, r)[0]).toBe(a);
  });

  test('§2 cachemiss: when the wait ends the thread finishes the atom from step 4 (store, stop, next)', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const retA = img.word(0);
    const b = writeAtom(img, 'must not run');
    const { atom: a, buf } = coldReadAtom(k, img, '/etc/motd', 4096, { ret: retA, next: b, flags: F.SYSLET_STOP_ON_NONZERO });
    expect(asyncExec(k, a, r.ahu)).toBe(0);
    const tid = cachemiss(k)[0].tid;
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
    expect(k.i32(retA)).toBe(440); // step 4
    expect(k.readString(buf, MOTD.length)).toBe(MOTD);
    expect(k.consoleText()).toBe(''); // step 5: 440 ≠ 0 stops, so a is final
    expect(slots(k, r)[0]).toBe(a);
    expect(traceOf(k, 'atom').map((x) => [x.atom, x.tid, x.result])).toEqual([[a, tid, 440]]);
    expect(k.counters().clockNs).toBeGreaterThanOrEqual(2_000_000n); // a disk latency went by
  });

  test('§2 cachemiss: the thread walks the rest of the chain, sleeping (not handing off again) on later waits', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const d = writeAtom(img, 'done');
    const retC = img.word(0);
    const { atom: c } = coldReadAtom(k, img, '/usr/share/dict/words', 8192, { ret: retC, next: d });
    const b = sleepAtom(img, 5 * MS, { next: c });
    const { atom: a } = coldReadAtom(k, img, '/etc/motd', 4096, { next: b });
    expect(asyncExec(k, a, r.ahu)).toBe(0);
    const tid = cachemiss(k)[0].tid;
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
    expect(k.consoleText()).toBe('done');
    expect(k.i32(retC)).toBe(8192);
    expect(slots(k, r)[0]).toBe(d);
    expect(traceOf(k, 'handoff')).toHaveLength(1);
    expect(traceOf(k, 'block').map((x) => [x.tid, x.atom, x.aux])).toEqual([
      [tid, a, L.WHY_DISK], [tid, b, L.WHY_TIMER], [tid, c, L.WHY_DISK],
    ]);
    expect(traceOf(k, 'atom').map((x) => [x.atom, x.tid])).toEqual([[a, tid], [b, tid], [c, tid], [d, tid]]);
    expect(k.counters().clockNs).toBeGreaterThanOrEqual(BigInt(9 * MS)); // 2 disk reads + 5 ms
  });

  test('§2 cachemiss: at the end the thread posts the final atom to the completion ring', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const c = writeAtom(img, 'not reached');
    const b = umemAtom(img, img.word(0), 0, { flags: F.SYSLET_STOP_ON_ZERO, next: c });
    const { atom: a } = coldReadAtom(k, img, '/etc/motd', 4096, { next: b });
    expect(asyncExec(k, a, r.ahu)).toBe(0);
    expect(slots(k, r)).toEqual([0, 0, 0, 0]); // nothing posted before the wait ends
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
    expect(slots(k, r)).toEqual([b, 0, 0, 0]);
    expect(kernelRingIdx(k, r.ahu)).toBe(1);
    expect(k.counters().posted).toBe(1);
    expect(k.consoleText()).toBe('');
    const tail = kinds(k).slice(-3);
    expect(tail).toEqual(['atom', 'post', 'exit']);
    expect(cachemiss(k)).toEqual([]);
  });

  test('§2 cachemiss: nanosleep with a non-zero time and read on an empty pipe wait too', () => {
    const img = fresh(k);
    const r = img.ring(4);
    // nanosleep(0) completes at once; nanosleep(1 ms) waits.
    const z = sleepAtom(img, 0);
    expect(asyncExec(k, z, r.ahu)).toBe(z);
    const s = sleepAtom(img, MS);
    expect(asyncExec(k, s, r.ahu)).toBe(0);
    expect(cachemiss(k).map((t) => [t.state, t.why])).toEqual([['sleeping', 'timer']]);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
    expect(consumeAll()).toEqual([s]);
    // read on an empty pipe waits until user space writes to it.
    const p = makePipe(k, img);
    const ret = img.word(0);
    const { atom, buf } = readAtom(img, p.r, 16, { ret });
    expect(asyncExec(k, atom, r.ahu)).toBe(0);
    expect(cachemiss(k).map((t) => [t.state, t.why])).toEqual([['blocked', 'pipe-read']]);
    expect(userWrite(k, img, p.w, 'hi')).toBe(2);
    expect(asyncWait(k, 1, 1, r.ahu)).toBe(1);
    expect(k.i32(ret)).toBe(2);
    expect(k.readString(buf, 2)).toBe('hi');
    expect(slots(k, r)[1]).toBe(atom);

    function consumeAll(): number[] {
      const out = slots(k, r).filter((x) => x !== 0);
      for (let i = 0; i < r.entries; i++) k.setU32(r.ring + 4 * i, 0);
      return out;
    }
  });
});

describe('§2.2 SYSLET_ASYNC', () => {
  test('§2.2 SYSLET_ASYNC on an atom met in the head hands off before running it', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const retH = img.word(0);
    const retA = img.word(0x77);
    const b = writeAtom(img, 'b');
    const a = getpidAtom(img, { ret: retA, next: b, flags: F.SYSLET_ASYNC });
    const h = getpidAtom(img, { ret: retH, next: a });
    expect(asyncExec(k, h, r.ahu)).toBe(0);
    expect(k.i32(retH)).toBe(1); // the head ran h
    expect(k.u32(retA)).toBe(0x77); // but not a
    expect(k.consoleText()).toBe('');
    const ho = traceOf(k, 'handoff');
    expect(ho.map((x) => [x.atom, x.aux2])).toEqual([[a, L.HANDOFF_ASYNC]]);
    expect(cachemiss(k).map((t) => [t.tid, t.atom, t.state])).toEqual([[ho[0].aux, a, 'runnable']]);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
    expect(k.i32(retA)).toBe(1);
    expect(k.consoleText()).toBe('b');
    expect(slots(k, r)[0]).toBe(b);
    expect(traceOf(k, 'atom').map((x) => [x.atom, x.tid === 0])).toEqual([[h, true], [a, false], [b, false]]);
  });

  test('§2.2 SYSLET_ASYNC only acts in the head: a cachemiss thread runs such an atom itself', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const retB = img.word(0);
    const b = getpidAtom(img, { ret: retB, flags: F.SYSLET_ASYNC });
    const { atom: a } = coldReadAtom(k, img, '/etc/motd', 4096, { next: b });
    expect(asyncExec(k, a, r.ahu)).toBe(0);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
    expect(k.i32(retB)).toBe(1);
    expect(slots(k, r)[0]).toBe(b);
    expect(traceOf(k, 'handoff')).toHaveLength(1);
    const tids = new Set(traceOf(k, 'atom').map((x) => x.tid));
    expect(tids.size).toBe(1);
    expect(tids.has(0)).toBe(false);
  });
});

describe('§2 SYSLET_NO_COMPLETE', () => {
  test('§2 SYSLET_NO_COMPLETE on the final atom: the thread does not post it', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const retB = img.word(0);
    const b = getpidAtom(img, { ret: retB, flags: F.SYSLET_NO_COMPLETE });
    const { atom: a } = coldReadAtom(k, img, '/etc/motd', 4096, { next: b });
    expect(asyncExec(k, a, r.ahu)).toBe(0);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(0); // nothing outstanding any more, nothing filled
    expect(k.i32(retB)).toBe(1); // b ran
    expect(slots(k, r)).toEqual([0, 0, 0, 0]);
    expect(kernelRingIdx(k, r.ahu)).toBe(0);
    expect(k.counters().posted).toBe(0);
    expect(k.counters().lost).toBe(0);
    expect(traceOf(k, 'post')).toEqual([]);
    expect(traceOf(k, 'exit')).toHaveLength(1);
    expect(cachemiss(k)).toEqual([]);
  });

  test('§2 SYSLET_NO_COMPLETE on an atom that is not final has no effect', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const c = writeAtom(img, 'c');
    const b = getpidAtom(img, { next: c, flags: F.SYSLET_NO_COMPLETE });
    const { atom: a } = coldReadAtom(k, img, '/etc/motd', 4096, { next: b, flags: F.SYSLET_NO_COMPLETE });
    expect(asyncExec(k, a, r.ahu)).toBe(0);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
    expect(slots(k, r)[0]).toBe(c);
  });
});

describe('§2 SYSLET_SYNC', () => {
  test('§2 SYSLET_SYNC: an atom that must wait makes the head sleep in place instead of handing off', () => {
    const img = fresh(k);
    const r = img.ring(4);
    // Another syslet is outstanding: it makes progress while the head sleeps.
    const other = sleepAtom(img, MS);
    expect(asyncExec(k, other, r.ahu)).toBe(0);
    const retA = img.word(0);
    const b = writeAtom(img, 'b');
    const { atom: a } = coldReadAtom(k, img, '/etc/motd', 4096, { ret: retA, next: b, flags: F.SYSLET_SYNC });
    const mark = traceOf(k, 'handoff').length;
    const t0 = k.counters().clockNs;
    expect(asyncExec(k, a, r.ahu)).toBe(b); // the final atom, as on the cached path
    expect(k.counters().clockNs - t0).toBeGreaterThanOrEqual(2_000_000n);
    expect(k.i32(retA)).toBe(440);
    expect(k.consoleText()).toBe('b');
    expect(traceOf(k, 'handoff')).toHaveLength(mark);
    expect(traceOf(k, 'block').filter((x) => x.atom === a).map((x) => x.tid)).toEqual([0]);
    expect(traceOf(k, 'atom').filter((x) => x.atom === a || x.atom === b).map((x) => x.tid)).toEqual([0, 0]);
    expect(slots(k, r)).toEqual([other, 0, 0, 0]); // only the other syslet posted
    expect(cachemiss(k)).toEqual([]);
    // SYNC on an atom that does not wait changes nothing.
    const g = getpidAtom(img, { flags: F.SYSLET_SYNC });
    expect(asyncExec(k, g, r.ahu)).toBe(g);
  });

  test('§2 SYSLET_SYNC is per atom: a later wait without it hands off', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const { atom: b } = coldReadAtom(k, img, '/usr/share/dict/words', 4096);
    const { atom: a } = coldReadAtom(k, img, '/etc/motd', 4096, { next: b, flags: F.SYSLET_SYNC });
    expect(asyncExec(k, a, r.ahu)).toBe(0);
    expect(traceOf(k, 'handoff').map((x) => x.atom)).toEqual([b]);
    expect(traceOf(k, 'atom').map((x) => [x.atom, x.tid])).toEqual([[a, 0]]);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
    expect(slots(k, r)[0]).toBe(b);
  });
});

describe('§1 new_thread_stack at hand-off', () => {
  test('§1 new_thread_stack: the kernel writes 0 at each hand-off (a wait or SYSLET_ASYNC)', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const nts = r.ahu + L.AHU_NEW_THREAD_STACK;
    k.setU32(nts, 0x1000);
    const g = getpidAtom(img);
    expect(asyncExec(k, g, r.ahu)).toBe(g);
    expect(k.u32(nts)).toBe(0x1000); // cached: left alone
    expect(asyncExec(k, getpidAtom(img, { flags: F.SYSLET_ASYNC }), r.ahu)).toBe(0);
    expect(k.u32(nts)).toBe(0);
    k.setU32(nts, 0x2000);
    expect(asyncExec(k, sleepAtom(img, MS), r.ahu)).toBe(0);
    expect(k.u32(nts)).toBe(0);
    k.setU32(nts, 0x3000);
    expect(asyncExec(k, coldReadAtom(k, img).atom, r.ahu)).toBe(0);
    expect(k.u32(nts)).toBe(0);
    // A SYNC wait is no hand-off.
    k.setU32(nts, 0x4000);
    const s = sleepAtom(img, MS, { flags: F.SYSLET_SYNC });
    expect(asyncExec(k, s, r.ahu)).toBe(s);
    expect(k.u32(nts)).toBe(0x4000);
    expect(traceOf(k, 'handoff')).toHaveLength(3);
  });
});

describe('§2 thread limit', () => {
  const N = 256;

  test('§2 thread limit: the kernel keeps at least 256 cachemiss threads', () => {
    const img = fresh(k);
    const r = img.ring(N + 4);
    const atoms: number[] = [];
    for (let i = 0; i < N; i++) atoms.push(sleepAtom(img, SEC + i * MS));
    for (const a of atoms) expect(asyncExec(k, a, r.ahu)).toBe(0);
    const threads = cachemiss(k);
    expect(threads).toHaveLength(N);
    expect(new Set(threads.map((t) => t.tid)).size).toBe(N);
    expect(threads.every((t) => t.state === 'sleeping' && t.why === 'timer')).toBe(true);
    expect(traceOf(k, 'handoff')).toHaveLength(N);
    expect(asyncWait(k, N, 0, r.ahu)).toBe(N);
    expect(slots(k, r).slice(0, N)).toEqual(atoms);
  });

  test('§2 thread limit: with none free, an atom that must wait sleeps in place in the head, as with SYSLET_SYNC', () => {
    const img = fresh(k);
    const r = img.ring(N + 4);
    for (let i = 0; i < N; i++) expect(asyncExec(k, sleepAtom(img, SEC), r.ahu)).toBe(0);
    expect(cachemiss(k)).toHaveLength(N);
    const retX = img.word(0x99);
    const y = writeAtom(img, 'y');
    const x = sleepAtom(img, 2 * MS, { ret: retX, next: y });
    const t0 = k.counters().clockNs;
    expect(asyncExec(k, x, r.ahu)).toBe(y); // not 0: the head slept through the wait
    const dt = k.counters().clockNs - t0;
    expect(dt).toBeGreaterThanOrEqual(BigInt(2 * MS));
    expect(dt).toBeLessThan(BigInt(SEC));
    expect(k.i32(retX)).toBe(0);
    expect(k.consoleText()).toBe('y');
    expect(traceOf(k, 'handoff')).toHaveLength(N);
    expect(traceOf(k, 'block').filter((b) => b.atom === x).map((b) => b.tid)).toEqual([0]);
    // The cached record says how the head got there: it slept in place, no thread was free.
    expect(traceOf(k, 'cached').map((c) => [c.atom, c.aux])).toEqual([[y, L.CACHED_SLEPT_NOTHREAD]]);
    expect(cachemiss(k)).toHaveLength(N);
    expect(slots(k, r).every((s) => s === 0)).toBe(true);
    // Once the threads are done, hand-offs work again.
    expect(asyncWait(k, N, 0, r.ahu)).toBe(N);
    expect(cachemiss(k)).toEqual([]);
    expect(asyncExec(k, sleepAtom(img, MS), r.ahu)).toBe(0);
    expect(traceOf(k, 'handoff')).toHaveLength(N + 1);
  });
});
