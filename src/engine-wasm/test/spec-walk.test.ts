// contract §2: async_exec's checks and the walk of atoms (steps 1-6), loops,
// umem_add, recursion and faults. One test per rule.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Kernel } from '../host/kernel.ts';
import type { UserImage } from '../host/image.ts';
import * as F from '../abi/flags.ts';
import { EFAULT, EINVAL, ENOENT, ENOSYS } from '../abi/errno.ts';
import {
  SYS_getpid, SYS_umem_add, SYS_write, SYS_open, SYS_async_exec, SYS_async_wait, SYS_async_thread,
} from '../abi/syscall.ts';
import {
  L, loadKernel, fresh, argWords, ptrWord, writeArgs, writeAtom, getpidAtom, umemAtom, sleepAtom, coldReadAtom,
  asyncExec, asyncWait, slots, trace, traceOf, cachemiss, userMem, changedWords, rawAtom, userSleep, MS, SEC,
} from './helpers.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernel();
});

/** Addresses no user record may use: below, across and beyond the user region. */
function badAddrs(): number[] {
  return [0, 8, k.userBase - 4, k.userEnd, k.userEnd + 4096, 0xfffffff0];
}

/** Runs `u` as a stop-condition probe: umem_add reading `r`, then a getpid. */
function stopProbe(img: UserImage, flags: number, r: number): { u: number; next: number } {
  const next = getpidAtom(img);
  const u = umemAtom(img, img.word(r >>> 0), 0, { flags, next });
  return { u, next };
}

describe('§2 async_exec checks ahu, then walks in the head', () => {
  test('§2 async_exec: ahu outside user memory gives −EFAULT', () => {
    for (const ahu of [...badAddrs(), k.userEnd - 16]) {
      const img = fresh(k);
      const a = writeAtom(img, 'never');
      expect(asyncExec(k, a, ahu), `ahu ${ahu}`).toBe(-EFAULT);
      expect(k.consoleText()).toBe('');
    }
  });

  test('§2 async_exec: a ring outside user memory gives −EFAULT', () => {
    for (const ring of [0, 8, k.userEnd - 4, k.userEnd, 0xfffffffc]) {
      const img = fresh(k);
      const ahu = img.alloc(32);
      k.setU32(ahu + L.AHU_COMPLETION_RING, ring);
      k.setU32(ahu + L.AHU_RING_SIZE_BYTES, 8);
      const a = writeAtom(img, 'never');
      expect(asyncExec(k, a, ahu), `ring ${ring}`).toBe(-EFAULT);
      expect(k.consoleText()).toBe('');
    }
  });

  test('§2 async_exec: an insane ring (size not a positive multiple of 4, kernel_ring_idx past the end) gives −EINVAL', () => {
    const cases: [number, number][] = [[0, 0], [3, 0], [6, 0], [8, 2], [8, 7]]; // [ring_size_bytes, kernel_ring_idx]
    for (const [size, kidx] of cases) {
      const img = fresh(k);
      const ahu = img.alloc(32);
      k.setU32(ahu + L.AHU_COMPLETION_RING, img.alloc(16));
      k.setU32(ahu + L.AHU_RING_SIZE_BYTES, size);
      k.setU32(ahu + L.AHU_KERNEL_RING_IDX, kidx);
      const a = writeAtom(img, 'never');
      expect(asyncExec(k, a, ahu), `size ${size} idx ${kidx}`).toBe(-EINVAL);
      expect(k.consoleText()).toBe('');
      expect(k.counters().atoms).toBe(0);
    }
  });

  test('§2 async_exec walks the atoms in the calling (head) context', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const c = writeAtom(img, 'c');
    const b = writeAtom(img, 'b', { next: c });
    const a = writeAtom(img, 'a', { next: b });
    expect(asyncExec(k, a, r.ahu)).toBe(c);
    expect(k.consoleText()).toBe('abc');
    const atoms = traceOf(k, 'atom');
    expect(atoms.map((x) => [x.atom, x.tid, x.aux])).toEqual([[a, 0, 1], [b, 0, 1], [c, 0, 1]]);
    expect(cachemiss(k)).toEqual([]);
    expect(traceOf(k, 'handoff')).toEqual([]);
  });
});

describe('§2.1 fetching an atom', () => {
  test('§2.1 reading a header word (flags, nr, ret_ptr, next) outside user memory is a fault: −EFAULT', () => {
    const starts = [...badAddrs(), k.userEnd - 15, k.userEnd - 4];
    for (const at of starts) {
      const img = fresh(k);
      const r = img.ring(4);
      expect(asyncExec(k, at, r.ahu), `atom at ${at}`).toBe(-EFAULT);
      expect(traceOf(k, 'atom')).toEqual([]);
      expect(traceOf(k, 'fault')).toHaveLength(1);
    }
    // A fault after atoms ran: they ran (and stored), but async_exec still returns −EFAULT.
    const img = fresh(k);
    const r = img.ring(4);
    const ret = img.word(0);
    const a = getpidAtom(img, { ret, next: k.userEnd - 8 });
    expect(asyncExec(k, a, r.ahu)).toBe(-EFAULT);
    expect(k.i32(ret)).toBe(1);
    expect(traceOf(k, 'fault')[0].aux).toBe(k.userEnd - 8);
  });

  test('§2.1 reading an arg-pointer word outside user memory is a fault: −EFAULT', () => {
    const img = fresh(k);
    const r = img.ring(4);
    // Header inside, arg_ptr[0] at user_end.
    const a = k.userEnd - 16;
    rawAtom(k, a, { nr: SYS_getpid });
    expect(asyncExec(k, a, r.ahu)).toBe(-EFAULT);
    // arg_ptr[0..1] inside and non-zero, arg_ptr[2] at user_end.
    const wargs = writeArgs(img, 1, 'never');
    const b = k.userEnd - 24;
    rawAtom(k, b, { nr: SYS_write, args: [wargs[0], wargs[1]] });
    expect(asyncExec(k, b, r.ahu)).toBe(-EFAULT);
    expect(k.consoleText()).toBe('');
    expect(traceOf(k, 'atom')).toEqual([]);
    expect(traceOf(k, 'fault').map((f) => f.aux)).toEqual([k.userEnd, k.userEnd]);
  });

  test('§2.1 arg fetch stops at the first NULL arg pointer; later args are 0', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const w = argWords(img, 11, 22, 33, 44, 55);
    // Later arg_ptr[] entries point at words (and outside user memory): none is read.
    const a = img.atom({ nr: SYS_getpid, args: [w[0], 0, w[1], 8, 0xfffffff0, w[4]] });
    const b = img.atom({ nr: SYS_getpid, args: [0, w[0], w[1], w[2], w[3], w[4]], next: 0 });
    k.setU32(a + L.ATOM_NEXT, b);
    expect(asyncExec(k, a, r.ahu)).toBe(b);
    expect(traceOf(k, 'atom').map((x) => x.args)).toEqual([[11, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]]);
    expect(traceOf(k, 'atom').map((x) => x.result)).toEqual([1, 1]);
  });

  test('§2.1 nothing beyond the first NULL arg pointer is read: atoms may be packed tighter than 44 bytes', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const counter = img.word(100);
    const w = argWords(img, counter, 5);
    // B: umem_add with two args = 28 bytes; A: getpid, no args = 20 bytes, ending at user_end.
    const a = k.userEnd - 20;
    const b = k.userEnd - 48;
    rawAtom(k, b, { nr: SYS_umem_add, next: a, args: [w[0], w[1], 0] });
    rawAtom(k, a, { nr: SYS_getpid, args: [0] });
    expect(asyncExec(k, b, r.ahu)).toBe(a);
    expect(k.u32(counter)).toBe(105);
    expect(traceOf(k, 'fault')).toEqual([]);
    expect(traceOf(k, 'atom').map((x) => [x.atom, x.result])).toEqual([[b, 105], [a, 1]]);
  });

  test('§2.1 arguments are passed by pointer: the kernel reads the words arg_ptr[] points to', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const buf = img.string('by-pointer');
    const fdw = img.word(1);
    const bufw = ptrWord(img, buf);
    const cntw = img.word(2);
    const ret = img.word(0);
    const a = img.atom({ nr: SYS_write, args: [fdw, bufw, cntw], ret });
    expect(asyncExec(k, a, r.ahu)).toBe(a);
    expect(k.consoleText()).toBe('by');
    expect(traceOf(k, 'atom')[0].args.slice(0, 3)).toEqual([1, buf, 2]);
    // The same atom again after user space changed only the argument words.
    k.setU32(cntw, 10);
    k.setU32(bufw, img.string('0123456789'));
    expect(asyncExec(k, a, r.ahu)).toBe(a);
    expect(k.consoleText()).toBe('by0123456789');
    expect(k.i32(ret)).toBe(10);
  });

  test('§2.1 an arg pointer outside user memory gives −EFAULT without calling the syscall; the walk goes on at step 4', () => {
    for (const bad of [8, k.userBase - 2, k.userEnd - 2, k.userEnd, 0xfffffffe]) {
      const img = fresh(k);
      const r = img.ring(4);
      // open("/tmp/probe", O_CREAT|O_WRONLY, <bad>): had it run, the file would exist.
      const path = img.string('/tmp/probe');
      const ret = img.word(0x1234);
      const retNext = img.word(0);
      const next = getpidAtom(img, { ret: retNext });
      const a = img.atom({ nr: SYS_open, args: [ptrWord(img, path), img.word(F.O_CREAT | F.O_WRONLY), bad], ret, next });
      expect(asyncExec(k, a, r.ahu), `arg ptr ${bad}`).toBe(next);
      expect(k.i32(ret)).toBe(-EFAULT); // step 4: stored
      expect(k.i32(retNext)).toBe(1); // step 6: next followed
      expect(k.syscall(SYS_open, path, F.O_RDONLY)).toBe(-ENOENT); // never called
      expect(traceOf(k, 'fault')).toEqual([]); // not a fault
      // Step 5 sees −EFAULT too.
      const ret2 = img.word(0);
      const s = img.atom({ nr: SYS_getpid, args: [bad], ret: ret2, flags: F.SYSLET_STOP_ON_NEGATIVE, next });
      expect(asyncExec(k, s, r.ahu)).toBe(s);
      expect(k.i32(ret2)).toBe(-EFAULT);
    }
  });

  test('§2.1 atoms are read when reached: user space may change a later atom and the kernel sees it', () => {
    {
      // Cached: atom A rewrites atom B's nr from getpid to umem_add before B is reached.
      const img = fresh(k);
      const r = img.ring(4);
      const counter = img.word(0);
      const retB = img.word(0);
      const b = img.atom({ nr: SYS_getpid, args: argWords(img, counter, 10), ret: retB });
      const a = umemAtom(img, b + L.ATOM_NR, SYS_umem_add - SYS_getpid, { next: b });
      expect(asyncExec(k, a, r.ahu)).toBe(b);
      expect(k.u32(b + L.ATOM_NR)).toBe(SYS_umem_add);
      expect(k.u32(counter)).toBe(10);
      expect(k.i32(retB)).toBe(10);
    }
    {
      // Cachemiss: while A waits for the disk, user space edits B's arguments and B's next.
      const img = fresh(k);
      const r = img.ring(4);
      const bArgs = writeArgs(img, 1, 'before');
      const b = img.atom({ nr: SYS_write, args: bArgs });
      const { atom: a } = coldReadAtom(k, img, '/etc/motd', 4096, { next: b });
      expect(asyncExec(k, a, r.ahu)).toBe(0);
      k.setU32(bArgs[1], img.string('after'));
      k.setU32(bArgs[2], 5);
      const c = writeAtom(img, '+c');
      k.setU32(b + L.ATOM_NEXT, c);
      expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
      expect(k.consoleText()).toBe('after+c');
      expect(slots(k, r)[0]).toBe(c);
    }
  });
});

describe('§2.3-2.4 running and storing', () => {
  test('§2.3 an unknown nr gives −ENOSYS', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const nrs = [0, 1, 2, 7, 319, 324, 999, 0x7fffffff, 0xffffffff];
    const rets = nrs.map(() => img.word(0));
    const atoms: number[] = [];
    let next = 0;
    for (let i = nrs.length - 1; i >= 0; i--) {
      next = img.atom({ nr: nrs[i], ret: rets[i], next });
      atoms.unshift(next);
    }
    expect(asyncExec(k, atoms[0], r.ahu)).toBe(atoms[atoms.length - 1]);
    expect(rets.map((p) => k.i32(p))).toEqual(nrs.map(() => -ENOSYS));
    expect(traceOf(k, 'atom')).toHaveLength(nrs.length);
    // async_thread (323) is allowed to be -ENOSYS; the known calls are not.
    const known = img.word(0);
    expect(asyncExec(k, getpidAtom(img, { ret: known }), r.ahu)).toBeGreaterThan(0);
    expect(k.i32(known)).toBe(1);
    expect(k.syscall(SYS_async_thread)).toBe(-ENOSYS);
  });

  test('§2.4 the result is stored at ret_ptr when it is non-zero', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const ret = k.userEnd - 4; // the last word of user memory is a fine ret_ptr
    const a = writeAtom(img, 'xyz', { ret });
    const before = userMem(k);
    expect(asyncExec(k, a, r.ahu)).toBe(a);
    expect(k.i32(ret)).toBe(3);
    expect(changedWords(k, before, userMem(k))).toEqual([ret]);
  });

  test('§2.4 a bad ret_ptr is a fault: the cached async_exec returns −EFAULT and the walk ends', () => {
    for (const bad of [8, k.userBase - 2, k.userEnd - 3, k.userEnd, 0xfffffffe]) {
      const img = fresh(k);
      const r = img.ring(4);
      const retNext = img.word(0x55);
      const next = getpidAtom(img, { ret: retNext });
      const a = writeAtom(img, 'ran', { ret: bad, next });
      expect(asyncExec(k, a, r.ahu), `ret_ptr ${bad}`).toBe(-EFAULT);
      expect(k.consoleText()).toBe('ran'); // the syscall ran (step 3) before the store faulted
      expect(k.u32(retNext)).toBe(0x55);
      const faults = traceOf(k, 'fault');
      expect(faults).toHaveLength(1);
      expect(faults[0].aux).toBe(bad);
      expect(faults[0].aux2).toBe(L.FAULT_RET);
    }
  });
});

describe('§2.5 stop conditions', () => {
  const values = [-7, -1, 0, 1, 9, 0x7fffffff, -0x7fffffff];
  const cases: [string, number, (r: number) => boolean][] = [
    ['STOP_ON_NONZERO stops iff r ≠ 0', F.SYSLET_STOP_ON_NONZERO, (r) => r !== 0],
    ['STOP_ON_ZERO stops iff r = 0', F.SYSLET_STOP_ON_ZERO, (r) => r === 0],
    ['STOP_ON_NEGATIVE stops iff r < 0', F.SYSLET_STOP_ON_NEGATIVE, (r) => r < 0],
    ['STOP_ON_NON_POSITIVE stops iff r ≤ 0', F.SYSLET_STOP_ON_NON_POSITIVE, (r) => r <= 0],
    ['no stop flag never stops', 0, () => false],
  ];
  for (const [name, flag, stops] of cases) {
    test(`§2.5 ${name}`, () => {
      for (const v of values) {
        const img = fresh(k);
        const r = img.ring(4);
        const { u, next } = stopProbe(img, flag, v);
        expect(asyncExec(k, u, r.ahu), `r = ${v}`).toBe(stops(v) ? u : next);
      }
    });
  }

  test('§2.5 with several stop flags the walk stops if any set condition holds', () => {
    const combos: [number, (r: number) => boolean][] = [
      [F.SYSLET_STOP_ON_ZERO | F.SYSLET_STOP_ON_NEGATIVE, (r) => r <= 0],
      [F.SYSLET_STOP_ON_NONZERO | F.SYSLET_STOP_ON_ZERO, () => true],
      [F.SYSLET_STOP_ON_NEGATIVE | F.SYSLET_STOP_ON_NON_POSITIVE, (r) => r <= 0],
      [F.SYSLET_STOP_MASK, () => true],
    ];
    for (const [flags, stops] of combos) {
      for (const v of [-3, 0, 4]) {
        const img = fresh(k);
        const r = img.ring(4);
        const { u, next } = stopProbe(img, flags, v);
        expect(asyncExec(k, u, r.ahu), `flags ${flags} r = ${v}`).toBe(stops(v) ? u : next);
      }
    }
  });
});

describe('§2.6 next atom', () => {
  test('§2.6 on stop with SKIP_TO_NEXT_ON_STOP the walk goes on at u + 44, ignoring next', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const retNext = img.word(0x66);
    const next = getpidAtom(img, { ret: retNext });
    const u = img.alloc(88);
    rawAtom(k, u, { flags: F.SYSLET_STOP_ON_ZERO | F.SYSLET_SKIP_TO_NEXT_ON_STOP, nr: SYS_umem_add, next, args: [...argWords(img, img.word(0), 0), 0] });
    const retSkip = img.word(0);
    const after = writeAtom(img, 'skipped-to', { ret: retSkip });
    rawAtom(k, u + 44, { nr: SYS_getpid, next: after });
    expect(asyncExec(k, u, r.ahu)).toBe(after);
    expect(k.consoleText()).toBe('skipped-to');
    expect(k.u32(retNext)).toBe(0x66);
    expect(traceOf(k, 'atom').map((x) => x.atom)).toEqual([u, u + 44, after]);
  });

  test('§2.6 on stop without SKIP_TO_NEXT_ON_STOP u is the final atom', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const next = writeAtom(img, 'next');
    const u = img.alloc(88);
    rawAtom(k, u, { flags: F.SYSLET_STOP_ON_ZERO, nr: SYS_umem_add, next, args: [...argWords(img, img.word(0), 0), 0] });
    rawAtom(k, u + 44, { nr: SYS_write, args: [...writeArgs(img, 1, 'u+44'), 0] });
    expect(asyncExec(k, u, r.ahu)).toBe(u);
    expect(k.consoleText()).toBe('');
    expect(traceOf(k, 'atom').map((x) => x.atom)).toEqual([u]);
  });

  test('§2.6 without a stop the walk follows next; next 0 makes u the final atom', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const c = writeAtom(img, '3', { next: 0 });
    const b = writeAtom(img, '2', { next: c, flags: F.SYSLET_STOP_ON_ZERO }); // r = 1: no stop
    const a = writeAtom(img, '1', { next: b, flags: F.SYSLET_STOP_ON_NEGATIVE | F.SYSLET_SKIP_TO_NEXT_ON_STOP });
    rawAtom(k, a + 44, { nr: SYS_write, args: [...writeArgs(img, 1, 'X'), 0] }); // would run if skip applied
    expect(asyncExec(k, a, r.ahu)).toBe(c);
    expect(k.consoleText()).toBe('123');
  });

  test('§2.6 loops: next may point at u itself', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const counter = img.word(250);
    const u = img.alloc(44);
    img.atom({ nr: SYS_umem_add, args: argWords(img, counter, 0xffffffff), flags: F.SYSLET_STOP_ON_ZERO, next: u }, u);
    const atoms0 = k.counters().atoms;
    expect(asyncExec(k, u, r.ahu)).toBe(u);
    expect(k.u32(counter)).toBe(0);
    expect(k.counters().atoms - atoms0).toBe(250);
    expect(new Set(traceOf(k, 'atom').map((x) => x.atom))).toEqual(new Set([u]));
  });

  test('§2.6 loops: next may point backwards', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const counter = img.word(6);
    const sum = img.word(0);
    const a = umemAtom(img, sum, 7); // first in memory
    const b = umemAtom(img, counter, 0xffffffff, { flags: F.SYSLET_STOP_ON_ZERO, next: a }); // later in memory
    k.setU32(a + L.ATOM_NEXT, b);
    expect(b).toBeGreaterThan(a);
    expect(asyncExec(k, a, r.ahu)).toBe(b);
    expect(k.u32(sum)).toBe(42);
    expect(k.u32(counter)).toBe(0);
    expect(traceOf(k, 'atom')).toHaveLength(12);
  });
});

describe('§2 umem_add', () => {
  test('§2 umem_add adds inc (wrapping) to the word at uptr and returns the new value', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const cases: [number, number, number][] = [
      [40, 2, 42], [0xfffffffe, 5, 3], [0, 0xffffffff, 0xffffffff], [0x80000000, 0xffffffff, 0x7fffffff], [123, 0x100000000 - 23, 100],
    ];
    for (const [start, inc, end] of cases) {
      const p = img.word(start);
      expect(k.syscall(SYS_umem_add, p, inc), `direct ${start} + ${inc}`).toBe(end | 0);
      expect(k.u32(p)).toBe(end);
      // The same as an atom.
      const q = img.word(start);
      const ret = img.word(0);
      const a = umemAtom(img, q, inc, { ret });
      expect(asyncExec(k, a, r.ahu)).toBe(a);
      expect(k.u32(q)).toBe(end);
      expect(k.u32(ret)).toBe(end);
    }
  });

  test('§2 umem_add returns the new value even when it is 0x80000000 (INT_MIN), exactly once', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const p = img.word(0x7fffffff);
    expect(k.syscall(SYS_umem_add, p, 1)).toBe(-0x80000000);
    expect(k.u32(p)).toBe(0x80000000);
    const q = img.word(0x7fffffff);
    const ret = img.word(0);
    const a = umemAtom(img, q, 1, { ret });
    expect(asyncExec(k, a, r.ahu)).toBe(a); // never waits: cached
    expect(k.u32(q)).toBe(0x80000000);
    expect(k.u32(ret)).toBe(0x80000000);
    expect(traceOf(k, 'handoff')).toEqual([]);
  });

  test('§2 umem_add with inc 0 only reads the word', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const p = img.word(0xabcdef01);
    const before = userMem(k);
    expect(k.syscall(SYS_umem_add, p, 0)).toBe(0xabcdef01 | 0);
    expect(changedWords(k, before, userMem(k))).toEqual([]);
    const ret = img.word(0);
    const a = umemAtom(img, p, 0, { ret });
    const before2 = userMem(k);
    expect(asyncExec(k, a, r.ahu)).toBe(a);
    expect(changedWords(k, before2, userMem(k))).toEqual([ret]);
    expect(k.u32(ret)).toBe(0xabcdef01);
  });

  test('§2 umem_add gives −EFAULT on a bad uptr', () => {
    for (const bad of [...badAddrs(), k.userEnd - 3, k.userEnd - 1]) {
      const img = fresh(k);
      const r = img.ring(4);
      const before = userMem(k);
      expect(k.syscall(SYS_umem_add, bad, 1), `uptr ${bad}`).toBe(-EFAULT);
      expect(changedWords(k, before, userMem(k))).toEqual([]);
      const ret = img.word(0);
      const a = umemAtom(img, bad, 1, { ret });
      expect(asyncExec(k, a, r.ahu)).toBe(a);
      expect(k.i32(ret)).toBe(-EFAULT);
    }
  });

  test('§2 umem_add in an atom: arg_ptr[0] points at a word that holds uptr (double indirection)', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const counter = img.word(5);
    const uptrWord = ptrWord(img, counter);
    const incWord = img.word(3);
    const ret = img.word(0);
    const a = img.atom({ nr: SYS_umem_add, args: [uptrWord, incWord], ret });
    expect(asyncExec(k, a, r.ahu)).toBe(a);
    expect(k.u32(counter)).toBe(8);
    expect(k.u32(uptrWord)).toBe(counter); // the pointer word is not the target
    expect(k.i32(ret)).toBe(8);
    // Single indirection is a user bug: the counter's value (8) is taken as uptr.
    const wrong = img.atom({ nr: SYS_umem_add, args: [counter, incWord], ret });
    expect(asyncExec(k, wrong, r.ahu)).toBe(wrong);
    expect(k.i32(ret)).toBe(-EFAULT);
    expect(k.u32(counter)).toBe(8);
  });
});

describe('§2 recursion', () => {
  test('§2 recursion: async_exec run as an atom returns −ENOSYS for that atom', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const inner = writeAtom(img, 'inner');
    const ret = img.word(0);
    const retNext = img.word(0);
    const next = getpidAtom(img, { ret: retNext });
    const a = img.atom({ nr: SYS_async_exec, args: argWords(img, inner, r.ahu), ret, next });
    expect(asyncExec(k, a, r.ahu)).toBe(next);
    expect(k.i32(ret)).toBe(-ENOSYS);
    expect(k.i32(retNext)).toBe(1);
    expect(k.consoleText()).toBe('');
    // As a direct call it works.
    expect(asyncExec(k, inner, r.ahu)).toBe(inner);
    expect(k.consoleText()).toBe('inner');
  });

  test('§2 recursion: async_wait run as an atom returns −ENOSYS for that atom', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const s = sleepAtom(img, SEC);
    expect(asyncExec(k, s, r.ahu)).toBe(0); // an outstanding syslet that ends in 1 s
    const ret = img.word(0);
    const a = img.atom({ nr: SYS_async_wait, args: argWords(img, 1, 0, r.ahu), ret });
    const t0 = k.counters().clockNs;
    expect(asyncExec(k, a, r.ahu)).toBe(a);
    expect(k.i32(ret)).toBe(-ENOSYS);
    expect(k.counters().clockNs - t0).toBeLessThan(BigInt(MS)); // it did not wait
    expect(slots(k, r)).toEqual([0, 0, 0, 0]);
    expect(cachemiss(k).map((t) => t.state)).toEqual(['sleeping']);
  });
});

describe('§2 faults', () => {
  test('§2 faults on the cached path: async_exec returns −EFAULT (unreadable atom, bad ret_ptr, bad ring)', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const ok = getpidAtom(img, { next: 8 });
    expect(asyncExec(k, ok, r.ahu)).toBe(-EFAULT);
    expect(asyncExec(k, getpidAtom(img, { ret: k.userEnd }), r.ahu)).toBe(-EFAULT);
    const bad = img.alloc(32);
    k.setU32(bad + L.AHU_COMPLETION_RING, k.userEnd);
    k.setU32(bad + L.AHU_RING_SIZE_BYTES, 4);
    expect(asyncExec(k, getpidAtom(img), bad)).toBe(-EFAULT);
    expect(slots(k, r)).toEqual([0, 0, 0, 0]);
    expect(k.counters().posted).toBe(0);
  });

  test('§2 faults on the async path: the syslet ends, the last completed atom is posted, the fault is traced', () => {
    const nexts = (): number[] => [8, k.userEnd - 8, k.userEnd - 16 /* arg_ptr[0] slot at user_end */];
    for (const bad of nexts()) {
      const img = fresh(k);
      const r = img.ring(4);
      if (bad === k.userEnd - 16) rawAtom(k, bad, { nr: SYS_getpid });
      const ret = img.word(0);
      const { atom } = coldReadAtom(k, img, '/etc/motd', 4096, { ret, next: bad });
      expect(asyncExec(k, atom, r.ahu)).toBe(0);
      expect(asyncWait(k, 1, 0, r.ahu), `next ${bad}`).toBe(1);
      expect(slots(k, r)).toEqual([atom, 0, 0, 0]);
      expect(k.i32(ret)).toBe(440);
      const faults = traceOf(k, 'fault');
      expect(faults).toHaveLength(1);
      expect(faults[0].tid).not.toBe(0);
      expect(faults[0].aux2).toBe(L.FAULT_ATOM);
      expect(cachemiss(k)).toEqual([]);
    }
  });

  test('§2 faults on the async path: an atom whose ret_ptr store faulted did not complete', () => {
    {
      // H (head) completed, A's store faulted: H is posted.
      const img = fresh(k);
      const r = img.ring(4);
      const { atom: a } = coldReadAtom(k, img, '/etc/motd', 4096, { ret: 8 });
      const h = getpidAtom(img, { next: a });
      expect(asyncExec(k, h, r.ahu)).toBe(0);
      expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
      expect(slots(k, r)[0]).toBe(h);
      expect(traceOf(k, 'fault').map((f) => [f.aux, f.aux2])).toEqual([[8, L.FAULT_RET]]);
    }
    {
      // A completed in the thread, B's store faulted (B even has NO_COMPLETE): A is posted.
      const img = fresh(k);
      const r = img.ring(4);
      const b = getpidAtom(img, { ret: k.userEnd, flags: F.SYSLET_NO_COMPLETE });
      const { atom: a } = coldReadAtom(k, img, '/etc/motd', 4096, { next: b });
      expect(asyncExec(k, a, r.ahu)).toBe(0);
      expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
      expect(slots(k, r)[0]).toBe(a);
    }
  });

  test('§2 faults on the async path: if no atom completed, nothing is posted', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const { atom } = coldReadAtom(k, img, '/etc/motd', 4096, { ret: k.userEnd - 2 });
    expect(asyncExec(k, atom, r.ahu)).toBe(0);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(0);
    expect(slots(k, r)).toEqual([0, 0, 0, 0]);
    expect(k.counters().posted).toBe(0);
    expect(traceOf(k, 'post')).toEqual([]);
    expect(traceOf(k, 'fault')).toHaveLength(1);
    expect(cachemiss(k)).toEqual([]);
  });

  test('§2 faults on the async path: SYSLET_NO_COMPLETE on the atom to be posted still suppresses the post', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const { atom } = coldReadAtom(k, img, '/etc/motd', 4096, { flags: F.SYSLET_NO_COMPLETE, next: 8 });
    expect(asyncExec(k, atom, r.ahu)).toBe(0);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(0);
    expect(slots(k, r)).toEqual([0, 0, 0, 0]);
    expect(traceOf(k, 'post')).toEqual([]);
    expect(traceOf(k, 'fault')).toHaveLength(1);
  });

  test('§2 faults on the async path: a ring made bad before the post is a fault; nothing is posted', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const { atom } = coldReadAtom(k, img);
    expect(asyncExec(k, atom, r.ahu)).toBe(0);
    k.setU32(r.ahu + L.AHU_COMPLETION_RING, k.userEnd - 4); // ring now straddles user_end
    expect(userSleep(k, img, 10 * MS)).toBe(0); // the thread finishes meanwhile
    expect(cachemiss(k)).toEqual([]);
    expect(traceOf(k, 'post')).toEqual([]);
    const faults = traceOf(k, 'fault');
    expect(faults).toHaveLength(1);
    expect(faults[0].aux2).toBe(L.FAULT_RING);
    expect(faults[0].tid).not.toBe(0);
    expect(k.u32(k.userEnd - 4)).toBe(0);
    k.setU32(r.ahu + L.AHU_COMPLETION_RING, r.ring);
    expect(slots(k, r)).toEqual([0, 0, 0, 0]);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(0);
    expect(trace(k).filter((x) => x.kind === 'atom' && x.atom === atom)).toHaveLength(1);
  });
});
