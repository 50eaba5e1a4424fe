// contract §2: posting to the completion ring, consuming, the full ring (lost,
// or RING_WAIT), and async_wait. One test per rule.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Kernel } from '../host/kernel.ts';
import type { Ring } from '../host/image.ts';
import { consume } from '../host/image.ts';
import { readRing } from '../host/records.ts';
import * as F from '../abi/flags.ts';
import { EFAULT, EINVAL } from '../abi/errno.ts';
import {
  L, loadKernel, fresh, writeAtom, umemAtom, sleepAtom, coldReadAtom, asyncExec, asyncWait, slots, kernelRingIdx,
  traceOf, cachemiss, userSleep, MS, SEC,
} from './helpers.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernel();
});

const clock = () => k.counters().clockNs;
const userIdx = (r: Ring) => k.u32(r.ahu + L.AHU_USER_RING_IDX);

describe('§2 posting', () => {
  test('§2 posting: the final atom goes to completion_ring[kernel_ring_idx], which then advances modulo the entry count', () => {
    const img = fresh(k);
    const r = img.ring(2);
    const a1 = sleepAtom(img, MS);
    const a2 = sleepAtom(img, MS);
    const a3 = sleepAtom(img, MS);
    expect(asyncExec(k, a1, r.ahu)).toBe(0);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
    expect([slots(k, r), kernelRingIdx(k, r.ahu)]).toEqual([[a1, 0], 1]);
    expect(asyncExec(k, a2, r.ahu)).toBe(0);
    expect(asyncWait(k, 1, 1, r.ahu)).toBe(2); // slot 1, then slot 0 (still unconsumed): two in a row
    expect([slots(k, r), kernelRingIdx(k, r.ahu)]).toEqual([[a1, a2], 0]);
    expect(consume(k, r)).toBe(a1);
    expect(consume(k, r)).toBe(a2);
    expect(asyncExec(k, a3, r.ahu)).toBe(0);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
    expect([slots(k, r), kernelRingIdx(k, r.ahu)]).toEqual([[a3, 0], 1]);
    expect(traceOf(k, 'post').map((p) => [p.atom, p.aux, p.aux2])).toEqual([[a1, 0, r.ahu], [a2, 1, r.ahu], [a3, 0, r.ahu]]);
    expect(k.counters().posted).toBe(3);
  });

  test('§2 posting: a full ring loses the completion — nothing overwritten, counted lost, shown in the trace', () => {
    const img = fresh(k);
    const r = img.ring(2);
    const atoms = [sleepAtom(img, 1 * MS), sleepAtom(img, 2 * MS), sleepAtom(img, 3 * MS)];
    for (const a of atoms) expect(asyncExec(k, a, r.ahu)).toBe(0);
    expect(asyncWait(k, 3, 0, r.ahu)).toBe(2); // returns once nothing is outstanding
    expect(slots(k, r)).toEqual([atoms[0], atoms[1]]);
    expect(kernelRingIdx(k, r.ahu)).toBe(0); // not advanced by the lost post
    expect(k.counters().lost).toBe(1);
    expect(k.counters().posted).toBe(2);
    const lost = traceOf(k, 'lost');
    expect(lost.map((x) => [x.atom, x.aux, x.aux2])).toEqual([[atoms[2], 0, atoms[0]]]); // aux2: the atom that still held the slot
    expect(cachemiss(k)).toEqual([]);
  });

  test('§2 posting: any non-zero slot counts as full', () => {
    const img = fresh(k);
    const r = img.ring(4);
    k.setU32(r.ring, 0x1234); // user space left something in slot 0
    const a = sleepAtom(img, MS);
    expect(asyncExec(k, a, r.ahu)).toBe(0);
    expect(asyncWait(k, 1, 1, r.ahu)).toBe(0);
    expect(slots(k, r)).toEqual([0x1234, 0, 0, 0]);
    expect(kernelRingIdx(k, r.ahu)).toBe(0);
    expect(k.counters().lost).toBe(1);
    expect(traceOf(k, 'lost').map((x) => x.atom)).toEqual([a]);
  });

  test('§2 posting: with OPT_RING_POLICY = RING_WAIT a full ring makes the thread wait for a free slot', () => {
    const img = fresh(k);
    k.setOption(L.OPT_RING_POLICY, L.RING_WAIT);
    expect(k.getOption(L.OPT_RING_POLICY)).toBe(L.RING_WAIT);
    const r = img.ring(1);
    const a = sleepAtom(img, 1 * MS);
    const b = sleepAtom(img, 2 * MS);
    expect(asyncExec(k, a, r.ahu)).toBe(0);
    expect(asyncExec(k, b, r.ahu)).toBe(0);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
    expect(slots(k, r)).toEqual([a]);
    // b finishes while the ring is still full: it waits rather than being lost.
    expect(userSleep(k, img, 10 * MS)).toBe(0);
    expect(slots(k, r)).toEqual([a]);
    expect(k.counters().lost).toBe(0);
    expect(traceOf(k, 'ringwait').map((x) => [x.atom, x.aux])).toEqual([[b, 0]]);
    expect(cachemiss(k).map((t) => [t.state, t.why])).toEqual([['blocked', 'ring']]);
    // User space frees the slot; at its next kernel entry b is posted.
    expect(consume(k, r)).toBe(a);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
    expect(slots(k, r)).toEqual([b]);
    expect(k.counters().lost).toBe(0);
    expect(k.counters().posted).toBe(2);
    expect(cachemiss(k)).toEqual([]);
  });
});

describe('§2 consuming', () => {
  test('§2 consuming: read the slot at user_ring_idx, write 0 back, advance user_ring_idx; the kernel reuses the slot', () => {
    const img = fresh(k);
    const r = img.ring(2);
    const got: number[] = [];
    const atoms: number[] = [];
    for (let i = 0; i < 5; i++) {
      const ret = img.word(0);
      const a = umemAtom(img, img.word(i), 0, { ret });
      const atom = sleepAtom(img, MS, { next: a });
      atoms.push(a);
      expect(asyncExec(k, atom, r.ahu)).toBe(0);
      // fio: wait on ahu->user_ring_idx, then consume.
      expect(asyncWait(k, 1, userIdx(r), r.ahu)).toBe(1);
      const c = consume(k, r);
      got.push(c);
      expect(k.i32(k.u32(c + L.ATOM_RET_PTR))).toBe(i); // the atom's results are readable
      expect(userIdx(r)).toBe((i + 1) % 2);
      expect(slots(k, r)).toEqual([0, 0]);
    }
    expect(got).toEqual(atoms);
    expect(k.counters().lost).toBe(0);
    // Without the 0 written back the slot stays full.
    const x = sleepAtom(img, MS);
    const y = sleepAtom(img, MS);
    const z = sleepAtom(img, MS);
    for (const a of [x, y, z]) expect(asyncExec(k, a, r.ahu)).toBe(0);
    expect(asyncWait(k, 3, 1, r.ahu)).toBe(2);
    expect(slots(k, r)).toEqual([y, x]);
    expect(k.counters().lost).toBe(1);
    expect(traceOf(k, 'lost').map((l) => l.atom)).toEqual([z]);
  });
});

describe('§2 async_wait', () => {
  test('§2 async_wait blocks until at least min_events filled slots stand in a row from user_ring_idx', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const atoms = [sleepAtom(img, 10 * MS), sleepAtom(img, 20 * MS), sleepAtom(img, 30 * MS)];
    for (const a of atoms) expect(asyncExec(k, a, r.ahu)).toBe(0);
    expect(asyncWait(k, 2, 0, r.ahu)).toBe(2);
    expect(clock()).toBeGreaterThanOrEqual(BigInt(20 * MS));
    expect(clock()).toBeLessThan(BigInt(30 * MS));
    expect(slots(k, r)).toEqual([atoms[0], atoms[1], 0, 0]);
    expect(cachemiss(k).map((t) => [t.atom, t.state])).toEqual([[atoms[2], 'sleeping']]);
    expect(asyncWait(k, 3, 0, r.ahu)).toBe(3);
    expect(clock()).toBeGreaterThanOrEqual(BigInt(30 * MS));
  });

  test('§2 async_wait returns the number of filled slots in a row from user_ring_idx (it may exceed min_events)', () => {
    const img = fresh(k);
    const r = img.ring(8);
    const atoms = [sleepAtom(img, MS), sleepAtom(img, MS), sleepAtom(img, MS)];
    for (const a of atoms) expect(asyncExec(k, a, r.ahu)).toBe(0);
    expect(userSleep(k, img, 5 * MS)).toBe(0); // all three post meanwhile
    expect(slots(k, r).slice(0, 3)).toEqual(atoms);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(3);
    expect(asyncWait(k, 1, 1, r.ahu)).toBe(2);
    expect(asyncWait(k, 0, 2, r.ahu)).toBe(1);
  });

  test('§2 async_wait: while it blocks virtual time runs and cachemiss threads progress', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const d = writeAtom(img, '2');
    const c = sleepAtom(img, 40 * MS, { next: d });
    const b = writeAtom(img, '1', { next: c });
    const a = sleepAtom(img, 40 * MS, { next: b });
    expect(asyncExec(k, a, r.ahu)).toBe(0);
    const t0 = clock();
    expect(k.consoleText()).toBe('');
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
    expect(clock() - t0).toBeGreaterThanOrEqual(BigInt(80 * MS));
    expect(k.consoleText()).toBe('12');
    expect(slots(k, r)[0]).toBe(d);
  });

  test('§2 async_wait returns when no async syslet of this ahu is outstanding', () => {
    const img = fresh(k);
    const r = img.ring(4);
    // Nothing submitted: returns 0 at once.
    let t0 = clock();
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(0);
    expect(clock() - t0).toBeLessThan(BigInt(MS));
    // One syslet, three events wanted: returns when it is done, with what is there.
    const a = sleepAtom(img, 7 * MS);
    expect(asyncExec(k, a, r.ahu)).toBe(0);
    expect(asyncWait(k, 3, 0, r.ahu)).toBe(1);
    expect(clock()).toBeGreaterThanOrEqual(BigInt(7 * MS));
    expect(cachemiss(k)).toEqual([]);
    // A syslet that posts nothing (NO_COMPLETE): async_wait still returns when it ends.
    const n = sleepAtom(img, 9 * MS, { flags: F.SYSLET_NO_COMPLETE });
    expect(asyncExec(k, n, r.ahu)).toBe(0);
    t0 = clock();
    expect(asyncWait(k, 1, 1, r.ahu)).toBe(0);
    expect(clock() - t0).toBeGreaterThanOrEqual(BigInt(9 * MS));
    expect(cachemiss(k)).toEqual([]);
  });

  test('§2 async_wait only counts syslets of its own ahu as outstanding', () => {
    const img = fresh(k);
    const r1 = img.ring(4);
    const r2 = img.ring(4);
    const a = sleepAtom(img, SEC);
    expect(asyncExec(k, a, r2.ahu)).toBe(0);
    const t0 = clock();
    expect(asyncWait(k, 1, 0, r1.ahu)).toBe(0);
    expect(clock() - t0).toBeLessThan(BigInt(MS));
    expect(cachemiss(k).map((t) => t.state)).toEqual(['sleeping']);
    expect(asyncWait(k, 1, 0, r2.ahu)).toBe(1);
    expect(slots(k, r2)[0]).toBe(a);
    expect(slots(k, r1)).toEqual([0, 0, 0, 0]);
  });

  test('§2 async_wait: the user_ring_idx argument is what counts, not ahu->user_ring_idx', () => {
    const img = fresh(k);
    const r = img.ring(4);
    k.setU32(r.ahu + L.AHU_USER_RING_IDX, 0);
    const atoms = [sleepAtom(img, 1 * MS), sleepAtom(img, 2 * MS), sleepAtom(img, 30 * MS)];
    for (const a of atoms) expect(asyncExec(k, a, r.ahu)).toBe(0);
    // Slot 0 fills at 1 ms, but the wait is for slot 2 (filled by the third syslet at 30 ms).
    expect(asyncWait(k, 1, 2, r.ahu)).toBe(1);
    expect(clock()).toBeGreaterThanOrEqual(BigInt(30 * MS));
    expect(slots(k, r)).toEqual([...atoms, 0]);
    // The field says 3 (an empty slot); the argument 0 sees three filled slots.
    k.setU32(r.ahu + L.AHU_USER_RING_IDX, 3);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(3);
    expect(asyncWait(k, 0, 3, r.ahu)).toBe(0);
    expect(userIdx(r)).toBe(3);
  });

  test('§2 async_wait counts filled slots in a row across the end of the ring', () => {
    const img = fresh(k);
    const r = img.ring(4);
    k.setU32(r.ahu + L.AHU_KERNEL_RING_IDX, 3);
    const atoms = [sleepAtom(img, 1 * MS), sleepAtom(img, 2 * MS), sleepAtom(img, 3 * MS)];
    for (const a of atoms) expect(asyncExec(k, a, r.ahu)).toBe(0);
    expect(asyncWait(k, 3, 3, r.ahu)).toBe(3);
    expect(slots(k, r)).toEqual([atoms[1], atoms[2], 0, atoms[0]]);
    expect(kernelRingIdx(k, r.ahu)).toBe(2);
    expect(readRing(k, r.ahu)?.kernelIdx).toBe(2);
  });

  test('§2 async_wait with min_events 0 returns at once', () => {
    const img = fresh(k);
    const r = img.ring(4);
    expect(asyncExec(k, sleepAtom(img, SEC), r.ahu)).toBe(0);
    const t0 = clock();
    expect(asyncWait(k, 0, 0, r.ahu)).toBe(0);
    expect(clock() - t0).toBeLessThan(BigInt(MS));
    expect(cachemiss(k).map((t) => t.state)).toEqual(['sleeping']);
  });

  test('§2 async_wait: user_ring_idx ≥ entries gives −EINVAL', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const a = sleepAtom(img, SEC);
    expect(asyncExec(k, a, r.ahu)).toBe(0);
    const t0 = clock();
    for (const idx of [4, 5, 0x80000000, 0xffffffff]) expect(asyncWait(k, 1, idx, r.ahu), `idx ${idx}`).toBe(-EINVAL);
    expect(clock() - t0).toBeLessThan(BigInt(MS)); // no waiting
    expect(cachemiss(k).map((t) => t.state)).toEqual(['sleeping']);
    expect(asyncWait(k, 0, 3, r.ahu)).toBe(0); // the last valid index
  });

  test('§2 async_wait: ahu is checked as in async_exec — −EFAULT outside user memory', () => {
    const img = fresh(k);
    for (const ahu of [0, 8, k.userBase - 16, k.userEnd - 16, k.userEnd, 0xffffffe0]) {
      expect(asyncWait(k, 0, 0, ahu), `ahu ${ahu}`).toBe(-EFAULT);
    }
    for (const ring of [0, 8, k.userEnd - 4, 0xfffffffc]) {
      const ahu = img.alloc(32);
      k.setU32(ahu + L.AHU_COMPLETION_RING, ring);
      k.setU32(ahu + L.AHU_RING_SIZE_BYTES, 8);
      expect(asyncWait(k, 0, 0, ahu), `ring ${ring}`).toBe(-EFAULT);
    }
  });

  test('§2 async_wait: ahu is checked as in async_exec — −EINVAL for an insane ring', () => {
    const img = fresh(k);
    const cases: [number, number][] = [[0, 0], [2, 0], [6, 0], [8, 2]]; // [ring_size_bytes, kernel_ring_idx]
    for (const [size, kidx] of cases) {
      const ahu = img.alloc(32);
      k.setU32(ahu + L.AHU_COMPLETION_RING, img.alloc(16));
      k.setU32(ahu + L.AHU_RING_SIZE_BYTES, size);
      k.setU32(ahu + L.AHU_KERNEL_RING_IDX, kidx);
      const viaExec = asyncExec(k, writeAtom(img, 'x'), ahu);
      expect(viaExec, `exec size ${size} idx ${kidx}`).toBe(-EINVAL);
      expect(asyncWait(k, 0, 0, ahu), `wait size ${size} idx ${kidx}`).toBe(viaExec);
    }
    expect(k.consoleText()).toBe('');
  });

  test('§2 async_wait: an ahu made bad while it waits (by a running syslet) is checked — −EFAULT, never a trap', () => {
    const img = fresh(k);
    const r = img.ring(4);
    // A second syslet keeps the wait going after the first has spoiled the ring pointer.
    expect(asyncExec(k, sleepAtom(img, SEC), r.ahu)).toBe(0);
    const spoil = umemAtom(img, r.ahu + L.AHU_COMPLETION_RING, (0xfffffff0 - r.ring) >>> 0);
    const { atom } = coldReadAtom(k, img, '/etc/motd', 16, { next: spoil });
    expect(asyncExec(k, atom, r.ahu)).toBe(0);
    let res = NaN;
    expect(() => {
      res = asyncWait(k, 1, 0, r.ahu);
    }).not.toThrow();
    expect(k.u32(r.ahu + L.AHU_COMPLETION_RING)).toBe(0xfffffff0);
    expect(res).toBe(-EFAULT);
  });
});
