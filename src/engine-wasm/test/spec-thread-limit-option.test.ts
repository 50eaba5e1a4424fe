// The playground's OPT_CACHEMISS_THREADS (docs/engine.md, Options): a program
// may limit how many cachemiss threads its hand-offs use. With none of them
// free the hand-off policy of contract §2 applies unchanged (atom.ts offload).
import { beforeAll, describe, expect, test } from 'vitest';
import type { Kernel } from '../host/kernel.ts';
import * as F from '../abi/flags.ts';
import { L, loadKernel, fresh, writeAtom, sleepAtom, asyncExec, asyncWait, slots, traceOf, cachemiss, MS, SEC } from './helpers.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernel();
});

describe('OPT_CACHEMISS_THREADS', () => {
  test('defaults to every cachemiss thread (256) and refuses more, keeping the old value', () => {
    fresh(k);
    expect(k.getOption(L.OPT_CACHEMISS_THREADS)).toBe(L.NCACHEMISS);
    expect(() => k.setOption(L.OPT_CACHEMISS_THREADS, L.NCACHEMISS + 1)).toThrow(RangeError);
    expect(k.getOption(L.OPT_CACHEMISS_THREADS)).toBe(L.NCACHEMISS);
    k.setOption(L.OPT_CACHEMISS_THREADS, 0);
    expect(k.getOption(L.OPT_CACHEMISS_THREADS)).toBe(0);
  });

  test('with a limit of 2, two syslets are handed off to threads 1 and 2; the third sleeps in place in the head', () => {
    const img = fresh(k);
    k.setOption(L.OPT_CACHEMISS_THREADS, 2);
    k.reset(1);
    const r = img.ring(8);
    const a1 = sleepAtom(img, SEC);
    const a2 = sleepAtom(img, SEC);
    expect(asyncExec(k, a1, r.ahu)).toBe(0);
    expect(asyncExec(k, a2, r.ahu)).toBe(0);
    expect(cachemiss(k).map((t) => t.tid)).toEqual([1, 2]);
    const y = writeAtom(img, 'y');
    const x = sleepAtom(img, 2 * MS, { next: y });
    expect(asyncExec(k, x, r.ahu)).toBe(y); // not 0: no thread was free within the limit
    expect(traceOf(k, 'block').filter((b) => b.atom === x).map((b) => b.tid)).toEqual([0]);
    expect(traceOf(k, 'cached').map((c) => [c.atom, c.aux])).toEqual([[y, L.CACHED_SLEPT_NOTHREAD]]);
    expect(traceOf(k, 'handoff').map((h) => h.aux)).toEqual([1, 2]);
    // Once they end, the same two tids are used again.
    expect(asyncWait(k, 2, 0, r.ahu)).toBe(2);
    expect(slots(k, r).slice(0, 2)).toEqual([a1, a2]);
    expect(asyncExec(k, sleepAtom(img, MS), r.ahu)).toBe(0);
    expect(traceOf(k, 'handoff').map((h) => h.aux)).toEqual([1, 2, 1]);
  });

  test('with a limit of 0, SYSLET_ASYNC runs in the head and a wait sleeps in place: async_exec is synchronous', () => {
    const img = fresh(k);
    k.setOption(L.OPT_CACHEMISS_THREADS, 0);
    k.reset(1);
    const r = img.ring(4);
    const y = writeAtom(img, 'y', { flags: F.SYSLET_ASYNC });
    const x = sleepAtom(img, MS, { next: y });
    expect(asyncExec(k, x, r.ahu)).toBe(y);
    expect(traceOf(k, 'handoff')).toEqual([]);
    expect(cachemiss(k)).toEqual([]);
    expect(k.consoleText()).toBe('y');
    expect(k.counters().posted).toBe(0);
  });

  test('the limit is part of the snapshot and survives kernel_reset; each value gives the same run every time', () => {
    const run = (limit: number) => {
      const img = fresh(k);
      k.setOption(L.OPT_CACHEMISS_THREADS, limit);
      k.reset(1);
      const r = img.ring(8);
      // Each handed-off syslet sleeps 10 s, longer than the head's waits, so no thread ends in between.
      const results = [0, 1, 2, 3].map(() => asyncExec(k, sleepAtom(img, 10 * SEC), r.ahu));
      return { results, handoffs: traceOf(k, 'handoff').length, clock: k.counters().clockNs };
    };
    expect(run(3)).toEqual(run(3));
    expect(run(3).handoffs).toBe(3);
    expect(run(1).handoffs).toBe(1);
    expect(run(3).results.filter((x) => x === 0)).toHaveLength(3);
    expect(run(1).results.filter((x) => x === 0)).toHaveLength(1);
  });
});
