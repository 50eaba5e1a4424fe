// contract §1: the records in user memory (struct syslet_uatom, struct
// async_head_user). One test per rule; each lays the record out by hand at
// the offsets the spec gives and checks what the kernel does with it.
import { beforeAll, describe, expect, test } from 'vitest';
import type { Kernel } from '../host/kernel.ts';
import type { UserImage } from '../host/image.ts';
import * as F from '../abi/flags.ts';
import { EFAULT, EINVAL, ENOSYS } from '../abi/errno.ts';
import { SYS_getpid, SYS_umem_add, SYS_write, SYS_read, SYS_open, SYS_async_wait } from '../abi/syscall.ts';
import {
  L, loadKernel, fresh, argWords, ptrWord, writeArgs, getpidAtom, umemAtom, sleepAtom, coldReadAtom,
  asyncExec, asyncWait, slots, kernelRingIdx, traceOf, userMem, changedWords, rawAtom, MS,
} from './helpers.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernel();
});

/** An ahu laid out by hand, field by field at the §1 offsets, with a ring of `entries`. */
function rawAhu(img: UserImage, entries: number, at = img.alloc(32), ring = img.alloc(entries * 4)): { ahu: number; ring: number; entries: number } {
  k.setU32(at + 0, 0); // kernel_ring_idx
  k.setU32(at + 4, 0); // user_ring_idx
  k.setU32(at + 8, ring); // completion_ring
  k.setU32(at + 12, entries * 4); // ring_size_bytes
  return { ahu: at, ring, entries };
}

/** `n` bytes at an address that is 1 mod 4 (deliberately unaligned). */
function odd(img: UserImage, n: number): number {
  return img.alloc(n + 4, 4) + 1;
}

describe('§1 struct syslet_uatom', () => {
  test('§1 syslet_uatom is 44 bytes: flags@0 nr@4 ret_ptr@8 next@12 arg_ptr[6]@16 private@40', () => {
    const img = fresh(k);
    expect([L.ATOM_BYTES, L.ATOM_FLAGS, L.ATOM_NR, L.ATOM_RET_PTR, L.ATOM_NEXT, L.ATOM_ARG_PTR, L.ATOM_PRIVATE, L.NATOMARG])
      .toEqual([44, 0, 4, 8, 12, 16, 40, 6]);
    const r = img.ring(4);
    const counter = img.word(0);
    const args = argWords(img, counter, 0);
    const retA = img.word(0x5a5a5a5a);
    const retB = img.word(0x5a5a5a5a);
    const retC = img.word(0x5a5a5a5a);
    const c = img.alloc(44);
    rawAtom(k, c, { nr: SYS_getpid, ret: retC });
    // Two atoms back to back: a stop with SKIP_TO_NEXT_ON_STOP must land exactly 44 bytes on.
    const a = img.alloc(88);
    const b = a + 44;
    rawAtom(k, a, { flags: 0x10 | 0x80, nr: SYS_umem_add, ret: retA, next: c, args: [args[0], args[1], 0], priv: 0xcafebabe });
    rawAtom(k, b, { nr: SYS_getpid, ret: retB });
    expect(asyncExec(k, a, r.ahu)).toBe(b);
    expect(k.i32(retA)).toBe(0); // umem_add(counter, 0) read 0, stored through ret_ptr@8
    expect(k.i32(retB)).toBe(1); // getpid at a + 44 ran
    expect(k.u32(retC)).toBe(0x5a5a5a5a); // next@12 was ignored by the skip
    expect(k.u32(a + 40)).toBe(0xcafebabe);
    const ran = traceOf(k, 'atom');
    expect(ran.map((x) => [x.atom, x.nr])).toEqual([[a, SYS_umem_add], [b, SYS_getpid]]);
    expect(ran[0].args).toEqual([counter, 0, 0, 0, 0, 0]); // arg_ptr[]@16 pointed at these words
  });

  test('§1 flag values are the patch values (ASYNC 0x01 … SKIP_TO_NEXT_ON_STOP 0x80)', () => {
    expect([F.SYSLET_ASYNC, F.SYSLET_SYNC, F.SYSLET_NO_COMPLETE, F.SYSLET_STOP_ON_NONZERO, F.SYSLET_STOP_ON_ZERO,
      F.SYSLET_STOP_ON_NEGATIVE, F.SYSLET_STOP_ON_NON_POSITIVE, F.SYSLET_STOP_MASK, F.SYSLET_SKIP_TO_NEXT_ON_STOP])
      .toEqual([0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x78, 0x80]);

    // The kernel honours the literal values: each stop bit stops on its condition.
    const stopCases: [number, number][] = [[0x08, 1], [0x10, 0], [0x20, -1], [0x40, 0], [0x40, -3]];
    for (const [flag, value] of stopCases) {
      const img = fresh(k);
      const r = img.ring(4);
      const next = getpidAtom(img);
      const u = umemAtom(img, img.word(value), 0, { flags: flag, next });
      expect(asyncExec(k, u, r.ahu), `flag ${flag} r=${value}`).toBe(u);
    }
    {
      // 0x80: on stop go to u + 44.
      const img = fresh(k);
      const r = img.ring(4);
      const u = umemAtom(img, img.word(0), 0, { flags: 0x10 | 0x80, next: getpidAtom(img) });
      const after = img.atom({ nr: SYS_getpid }, u + 44);
      expect(asyncExec(k, u, r.ahu)).toBe(after);
    }
    {
      // 0x01: hand off before running, even a call that never waits.
      const img = fresh(k);
      const r = img.ring(4);
      const u = getpidAtom(img, { flags: 0x01 });
      expect(asyncExec(k, u, r.ahu)).toBe(0);
      expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
      expect(slots(k, r)[0]).toBe(u);
    }
    {
      // 0x02: the head sleeps in place instead of handing off.
      const img = fresh(k);
      const r = img.ring(4);
      const { atom } = coldReadAtom(k, img, '/etc/motd', 4096, { flags: 0x02 });
      expect(asyncExec(k, atom, r.ahu)).toBe(atom);
    }
    {
      // 0x04: the final atom is not posted.
      const img = fresh(k);
      const r = img.ring(4);
      const { atom } = coldReadAtom(k, img, '/etc/motd', 4096, { flags: 0x04 });
      expect(asyncExec(k, atom, r.ahu)).toBe(0);
      expect(asyncWait(k, 1, 0, r.ahu)).toBe(0);
      expect(slots(k, r)).toEqual([0, 0, 0, 0]);
    }
  });

  test('§1 unknown flag bits are ignored', () => {
    const unknown = 0xffffff00;
    {
      // Cached: behaves as flags 0 (no stop, no hand-off): the walk goes on to next.
      const img = fresh(k);
      const r = img.ring(4);
      const ret = img.word(0x77);
      const next = getpidAtom(img, { ret });
      const u = umemAtom(img, img.word(0), 0, { flags: unknown, next });
      expect(asyncExec(k, u, r.ahu)).toBe(next);
      expect(k.i32(ret)).toBe(1);
      expect(traceOf(k, 'handoff')).toHaveLength(0);
    }
    {
      // A wait still hands off, and the final atom is still posted (no NO_COMPLETE).
      const img = fresh(k);
      const r = img.ring(4);
      const ret = img.word(0);
      const { atom } = coldReadAtom(k, img, '/etc/motd', 4096, { flags: unknown, ret });
      expect(asyncExec(k, atom, r.ahu)).toBe(0);
      expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
      expect(slots(k, r)[0]).toBe(atom);
      expect(k.i32(ret)).toBe(440);
    }
  });

  test('§1 ret_ptr receives the raw signed result (−errno on failure)', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const retBad = img.word(0);
    const retPid = img.word(0);
    const retBig = img.word(0);
    const big = img.word(0xfffffffa);
    const c = umemAtom(img, big, 1, { ret: retBig }); // 0xfffffffa + 1: -5 as a raw word
    const b = getpidAtom(img, { ret: retPid, next: c });
    const a = img.atom({ nr: 9999, ret: retBad, next: b });
    expect(asyncExec(k, a, r.ahu)).toBe(c);
    expect(k.i32(retBad)).toBe(-ENOSYS);
    expect(k.u32(retBad)).toBe(0x100000000 - ENOSYS);
    expect(k.i32(retPid)).toBe(1);
    expect(k.u32(retBig)).toBe(0xfffffffb);
    expect(k.i32(retBig)).toBe(-5);
  });

  test('§1 ret_ptr 0 means the result is not stored', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const b = img.atom({ nr: 9999 }); // fails: -ENOSYS, nowhere to store it
    const a = getpidAtom(img, { next: b });
    const before = userMem(k);
    expect(asyncExec(k, a, r.ahu)).toBe(b);
    expect(changedWords(k, before, userMem(k))).toEqual([]);
    expect(traceOf(k, 'atom').map((x) => x.result)).toEqual([1, -ENOSYS]);
    // Contrast: with a ret_ptr exactly that word changes.
    const ret = img.word(0);
    const c = getpidAtom(img, { ret });
    const before2 = userMem(k);
    expect(asyncExec(k, c, r.ahu)).toBe(c);
    expect(changedWords(k, before2, userMem(k))).toEqual([ret]);
  });

  test('§1 next 0 marks the last atom', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const retAfter = img.word(0x33);
    const b = img.alloc(88);
    rawAtom(k, b, { nr: SYS_getpid, next: 0 });
    rawAtom(k, b + 44, { nr: SYS_getpid, ret: retAfter }); // right behind b: must not run
    const a = getpidAtom(img, { next: b });
    const atomsBefore = k.counters().atoms;
    expect(asyncExec(k, a, r.ahu)).toBe(b);
    expect(k.counters().atoms - atomsBefore).toBe(2);
    expect(k.u32(retAfter)).toBe(0x33);
  });

  test('§1 arg_ptr[] points to argument words; the first 0 ends the list, later args are 0', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const w = argWords(img, 7, 8, 9, 10, 11);
    const a = img.atom({ nr: SYS_getpid, args: [w[0], w[1], 0, w[2], w[3], w[4]] });
    expect(asyncExec(k, a, r.ahu)).toBe(a);
    expect(traceOf(k, 'atom')[0].args).toEqual([7, 8, 0, 0, 0, 0]);

    // write(1, buf, <no count>): count is 0 although arg_ptr[3] points at a word holding 5.
    const buf = img.string('hello');
    const ret = img.word(0x99);
    const wr = img.atom({ nr: SYS_write, ret, args: [img.word(1), ptrWord(img, buf), 0, img.word(5), 8, 8] });
    expect(asyncExec(k, wr, r.ahu)).toBe(wr);
    expect(k.i32(ret)).toBe(0);
    expect(k.consoleText()).toBe('');
  });

  test('§1 private is never read or written by the kernel', () => {
    {
      // An atom with six args ends its reads at byte 40: private may lie outside user memory.
      const img = fresh(k);
      const r = img.ring(4);
      const w = argWords(img, 1, 2, 3, 4, 5, 6);
      const at = k.userEnd - 40;
      rawAtom(k, at, { nr: SYS_getpid, args: w });
      expect(asyncExec(k, at, r.ahu)).toBe(at);
      expect(traceOf(k, 'fault')).toHaveLength(0);
      expect(traceOf(k, 'atom')[0].args).toEqual([1, 2, 3, 4, 5, 6]);
    }
    {
      // Cached and cachemiss runs leave private as user space set it.
      const img = fresh(k);
      const r = img.ring(4);
      const b = getpidAtom(img, { priv: 0x01020304 });
      const { atom } = coldReadAtom(k, img, '/etc/motd', 4096, { next: b, priv: 0xfeedface });
      const c = getpidAtom(img, { priv: 0xa5a5a5a5 });
      expect(asyncExec(k, c, r.ahu)).toBe(c);
      expect(asyncExec(k, atom, r.ahu)).toBe(0);
      expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
      expect(slots(k, r)[0]).toBe(b);
      expect([k.u32(atom + 40), k.u32(b + 40), k.u32(c + 40)]).toEqual([0xfeedface, 0x01020304, 0xa5a5a5a5]);
    }
  });
});

describe('§1 struct async_head_user', () => {
  test('§1 async_head_user is 32 bytes: kernel_ring_idx@0 user_ring_idx@4 completion_ring@8 ring_size_bytes@12 …@16-28', () => {
    expect([L.AHU_BYTES, L.AHU_KERNEL_RING_IDX, L.AHU_USER_RING_IDX, L.AHU_COMPLETION_RING, L.AHU_RING_SIZE_BYTES,
      L.AHU_HEAD_STACK, L.AHU_HEAD_EIP, L.AHU_NEW_THREAD_STACK, L.AHU_NEW_THREAD_EIP]).toEqual([32, 0, 4, 8, 12, 16, 20, 24, 28]);
    const img = fresh(k);
    // The whole 32 bytes must be inside user memory: the last 32 bytes are fine, 31 are not.
    const ring = img.alloc(8);
    const last = rawAhu(img, 2, k.userEnd - 32, ring);
    const a = sleepAtom(img, MS);
    expect(asyncExec(k, a, last.ahu)).toBe(0);
    expect(asyncWait(k, 1, 0, last.ahu)).toBe(1);
    expect(k.u32(ring)).toBe(a); // completion_ring@8 with ring_size_bytes@12 = 8
    expect(k.u32(last.ahu + 0)).toBe(1); // kernel_ring_idx@0 advanced
    expect(k.u32(last.ahu + 4)).toBe(0); // user_ring_idx@4 untouched
    const g = getpidAtom(img);
    k.setU32(k.userEnd - 31 + 8, ring);
    k.setU32(k.userEnd - 31 + 12, 8);
    expect(asyncExec(k, g, k.userEnd - 31)).toBe(-EFAULT);
  });

  test('§1 kernel_ring_idx is the next ring slot the kernel fills', () => {
    const img = fresh(k);
    const r = rawAhu(img, 4);
    k.setU32(r.ahu + 0, 2);
    const a1 = sleepAtom(img, 1 * MS);
    const a2 = sleepAtom(img, 2 * MS);
    expect(asyncExec(k, a1, r.ahu)).toBe(0);
    expect(asyncExec(k, a2, r.ahu)).toBe(0);
    expect(asyncWait(k, 1, 2, r.ahu)).toBe(1);
    expect(slots(k, r)).toEqual([0, 0, a1, 0]);
    expect(kernelRingIdx(k, r.ahu)).toBe(3);
    expect(asyncWait(k, 2, 2, r.ahu)).toBe(2);
    expect(slots(k, r)).toEqual([0, 0, a1, a2]);
    expect(kernelRingIdx(k, r.ahu)).toBe(0);
  });

  test('§1 user_ring_idx is written by user space only', () => {
    const img = fresh(k);
    const r = rawAhu(img, 4);
    k.setU32(r.ahu + 4, 3);
    const a = sleepAtom(img, MS);
    expect(asyncExec(k, a, r.ahu)).toBe(0);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
    expect(slots(k, r)[0]).toBe(a);
    expect(k.u32(r.ahu + 4)).toBe(3);
  });

  test('§1 completion_ring is an array of 4-byte atom pointers', () => {
    const img = fresh(k);
    const guardBefore = img.word(0xaaaaaaaa);
    const ring = img.alloc(12);
    const guardAfter = img.word(0xbbbbbbbb);
    const r = rawAhu(img, 3, img.alloc(32), ring);
    const atoms = [sleepAtom(img, 1 * MS), sleepAtom(img, 2 * MS), sleepAtom(img, 3 * MS)];
    for (const a of atoms) expect(asyncExec(k, a, r.ahu)).toBe(0);
    expect(asyncWait(k, 3, 0, r.ahu)).toBe(3);
    expect([k.u32(r.ring), k.u32(r.ring + 4), k.u32(r.ring + 8)]).toEqual(atoms);
    expect(k.u32(guardBefore)).toBe(0xaaaaaaaa);
    expect(k.u32(guardAfter)).toBe(0xbbbbbbbb);
  });

  test('§1 ring_size_bytes: entries = ring_size_bytes / 4, a multiple of 4, at least one entry', () => {
    for (const size of [0, 1, 2, 3, 5, 6, 7, 13]) {
      const img = fresh(k);
      const ahu = img.alloc(32);
      k.setU32(ahu + 8, img.alloc(16));
      k.setU32(ahu + 12, size);
      const g = getpidAtom(img);
      expect(asyncExec(k, g, ahu), `ring_size_bytes ${size}`).toBe(-EINVAL);
      expect(asyncWait(k, 0, 0, ahu), `async_wait ring_size_bytes ${size}`).toBe(-EINVAL);
      expect(traceOf(k, 'atom')).toHaveLength(0);
    }
    {
      // One entry (4 bytes): posts go to slot 0 and kernel_ring_idx wraps to 0.
      const img = fresh(k);
      const r = rawAhu(img, 1);
      const guard = img.word(0xcccccccc);
      const a = sleepAtom(img, MS);
      expect(asyncExec(k, a, r.ahu)).toBe(0);
      expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
      expect(k.u32(r.ring)).toBe(a);
      expect(kernelRingIdx(k, r.ahu)).toBe(0);
      expect(k.u32(guard)).toBe(0xcccccccc);
      expect(asyncWait(k, 0, 1, r.ahu)).toBe(-EINVAL); // index 1 is beyond one entry
    }
    {
      // 12 bytes: three entries, the index wraps after the third post.
      const img = fresh(k);
      const r = rawAhu(img, 3);
      const guard = img.word(0xdddddddd);
      const atoms = [sleepAtom(img, 1 * MS), sleepAtom(img, 2 * MS), sleepAtom(img, 3 * MS)];
      for (const a of atoms) expect(asyncExec(k, a, r.ahu)).toBe(0);
      expect(asyncWait(k, 3, 0, r.ahu)).toBe(3);
      expect(kernelRingIdx(k, r.ahu)).toBe(0);
      expect(k.u32(guard)).toBe(0xdddddddd);
    }
  });

  test('§1 head_stack, head_eip and new_thread_eip are kept for fidelity and unused', () => {
    const img = fresh(k);
    const r = rawAhu(img, 4);
    k.setU32(r.ahu + 16, 0xffffffff);
    k.setU32(r.ahu + 20, 0x00000003);
    k.setU32(r.ahu + 28, 0xfffffffd);
    const c = getpidAtom(img);
    expect(asyncExec(k, c, r.ahu)).toBe(c);
    const { atom } = coldReadAtom(k, img);
    expect(asyncExec(k, atom, r.ahu)).toBe(0);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
    expect(slots(k, r)[0]).toBe(atom);
    expect([k.u32(r.ahu + 16), k.u32(r.ahu + 20), k.u32(r.ahu + 28)]).toEqual([0xffffffff, 3, 0xfffffffd]);
  });

  test('§1 new_thread_stack: the kernel writes 0 at each hand-off, the cached path leaves it alone', () => {
    const img = fresh(k);
    const r = rawAhu(img, 4);
    k.setU32(r.ahu + 24, 0xdeadbeef);
    const c = getpidAtom(img);
    expect(asyncExec(k, c, r.ahu)).toBe(c);
    expect(k.u32(r.ahu + 24)).toBe(0xdeadbeef);
    const { atom } = coldReadAtom(k, img);
    expect(asyncExec(k, atom, r.ahu)).toBe(0);
    expect(k.u32(r.ahu + 24)).toBe(0);
    // The user refills it; the next hand-off clears it again.
    k.setU32(r.ahu + 24, 0x12345678);
    const s = sleepAtom(img, MS);
    expect(asyncExec(k, s, r.ahu)).toBe(0);
    expect(k.u32(r.ahu + 24)).toBe(0);
  });
});

describe('§1 NULL and alignment', () => {
  test('§1 address 0 is never inside the user region, so NULL is unambiguous', () => {
    const img = fresh(k);
    expect(k.userBase).toBeGreaterThan(0);
    const r = img.ring(4);
    expect(asyncExec(k, 0, r.ahu)).toBe(-EFAULT); // atom NULL: unreadable
    expect(asyncExec(k, getpidAtom(img), 0)).toBe(-EFAULT); // ahu NULL
    expect(asyncWait(k, 0, 0, 0)).toBe(-EFAULT);
    expect(traceOf(k, 'atom')).toHaveLength(0);
    // NULL in the ring is a free slot: the kernel posts into it.
    const s = sleepAtom(img, MS);
    expect(asyncExec(k, s, r.ahu)).toBe(0);
    expect(asyncWait(k, 1, 0, r.ahu)).toBe(1);
    expect(slots(k, r)).toEqual([s, 0, 0, 0]);
  });

  test('§1 records need no particular alignment: unaligned words are read as i386 did', () => {
    const img = fresh(k);
    // ahu and ring at odd addresses
    const ahu = odd(img, 32);
    const ring = odd(img, 8);
    k.setU32(ahu + 8, ring);
    k.setU32(ahu + 12, 8);
    // read(fd, buf, 4096) -> umem_add(counter, 5), every word unaligned
    const fd = k.syscall(SYS_open, img.string('/etc/motd'), 0);
    expect(fd).toBeGreaterThanOrEqual(3);
    const buf = odd(img, 4096);
    const word = (v: number) => {
      const p = odd(img, 4);
      k.setU32(p, v);
      return p;
    };
    const counter = word(37);
    const retRead = odd(img, 4);
    const retAdd = odd(img, 4);
    const b = odd(img, 44);
    rawAtom(k, b, { nr: SYS_umem_add, ret: retAdd, args: [word(counter), word(5), 0] });
    const a = odd(img, 44);
    rawAtom(k, a, { nr: SYS_read, ret: retRead, next: b, args: [word(fd), word(buf), word(4096), 0] });
    expect(asyncExec(k, a, ahu)).toBe(0);
    expect(k.syscall(SYS_async_wait, 1, 0, ahu)).toBe(1);
    expect(k.u32(ring)).toBe(b);
    expect(k.u32(ahu)).toBe(1);
    expect(k.i32(retRead)).toBe(440);
    expect(k.readString(buf, 7)).toBe('Welcome');
    expect(k.u32(counter)).toBe(42);
    expect(k.i32(retAdd)).toBe(42);
    // The cached path too: write(1, "odd", 3) with its atom at an odd address.
    const w = odd(img, 44);
    const wargs = writeArgs(img, 1, 'odd');
    rawAtom(k, w, { nr: SYS_write, args: [...wargs, 0] });
    expect(asyncExec(k, w, ahu)).toBe(w);
    expect(k.consoleText()).toBe('odd');
  });
});
