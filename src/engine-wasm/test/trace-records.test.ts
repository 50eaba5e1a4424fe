// What the trace records tell beyond the bare event, so the UI can say only
// what the trace shows: an atom record names the atom's flags and what the
// walk does next (on to `next`, stop, skip to u + 44, or the end of the chain);
// a cached return says whether the head slept in place on the way.
import { describe, test, expect, beforeAll } from 'vitest';
import type { Kernel } from '../host/kernel.ts';
import * as F from '../abi/flags.ts';
import { SYS_getpid, SYS_umem_add } from '../abi/syscall.ts';
import { L, loadKernel, fresh, argWords, asyncExec, traceOf, writeAtom, getpidAtom, coldReadAtom, MS } from './helpers.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernel();
});

const then = (aux2: number) => aux2 >>> L.ATOM_THEN_SHIFT;
const flagsOf = (aux2: number) => aux2 & 0xff;

describe('atom records: flags and what the walk does next', () => {
  test('next, stop, skip to u + 44 and the end of the chain are each recorded', () => {
    const img = fresh(k);
    const r = img.ring(4);
    // countdown from 2 with STOP_ON_ZERO | SKIP: 1 (next: itself), 0 (stop, skip to the atom right after), then `last`.
    const counter = img.word(2);
    const args = argWords(img, counter, -1);
    const base = img.alloc(2 * L.ATOM_BYTES);
    const loop = img.atom({ nr: SYS_umem_add, args, flags: F.SYSLET_STOP_ON_ZERO | F.SYSLET_SKIP_TO_NEXT_ON_STOP, next: base }, base);
    const after = img.atom({ nr: SYS_getpid }, base + L.ATOM_BYTES);
    expect(asyncExec(k, loop, r.ahu)).toBe(after);
    const recs = traceOf(k, 'atom').map((a) => [a.atom, then(a.aux2), flagsOf(a.aux2)]);
    const f = F.SYSLET_STOP_ON_ZERO | F.SYSLET_SKIP_TO_NEXT_ON_STOP;
    expect(recs).toEqual([
      [loop, L.ATOM_THEN_NEXT, f], // 2 - 1 = 1: no stop, on to next (itself)
      [loop, L.ATOM_THEN_SKIP, f], // 0: STOP_ON_ZERO held, SKIP goes on at loop + 44
      [after, L.ATOM_THEN_LAST, 0], // next = 0: the final atom
    ]);
  });

  test('a stop condition without SKIP_TO_NEXT_ON_STOP makes the atom final', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const y = writeAtom(img, 'y');
    const g = getpidAtom(img, { flags: F.SYSLET_STOP_ON_NONZERO | F.SYSLET_NO_COMPLETE, next: y });
    expect(asyncExec(k, g, r.ahu)).toBe(g);
    const [rec] = traceOf(k, 'atom');
    expect([rec.atom, then(rec.aux2), flagsOf(rec.aux2)]).toEqual([g, L.ATOM_THEN_STOP, F.SYSLET_STOP_ON_NONZERO | F.SYSLET_NO_COMPLETE]);
  });
});

describe('cached records: how the head reached the final atom', () => {
  test('nothing blocked', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const g = getpidAtom(img);
    expect(asyncExec(k, g, r.ahu)).toBe(g);
    expect(traceOf(k, 'cached').map((c) => c.aux)).toEqual([L.CACHED_NOTHING_BLOCKED]);
  });

  test('the head slept in place for a SYSLET_SYNC atom (and the next call starts clean)', () => {
    const img = fresh(k);
    const r = img.ring(4);
    const { atom } = coldReadAtom(k, img, '/etc/motd', 4096, { flags: F.SYSLET_SYNC });
    expect(asyncExec(k, atom, r.ahu)).toBe(atom);
    expect(k.counters().clockNs).toBeGreaterThan(BigInt(MS)); // it really waited for the disk
    const g = getpidAtom(img);
    expect(asyncExec(k, g, r.ahu)).toBe(g);
    expect(traceOf(k, 'cached').map((c) => [c.atom, c.aux])).toEqual([
      [atom, L.CACHED_SLEPT_SYNC],
      [g, L.CACHED_NOTHING_BLOCKED],
    ]);
  });
});
