// Every trace record names the kernel event it belongs to (TRACE.event =
// KSTATE.events while that event runs), so a host that runs the kernel in
// batches can still give each record its own event. Checked by stepping one
// event at a time: the records a kstep(1) writes all carry the event counted
// by that step, and a batched run writes the same records with the same events.
import { describe, test, expect, beforeAll } from 'vitest';
import type { Kernel } from '../host/kernel.ts';
import type { UserImage } from '../host/image.ts';
import { readTrace } from '../host/records.ts';
import { SYS_async_exec, SYS_async_wait } from '../abi/syscall.ts';
import { SYSLET_STOP_ON_ZERO } from '../abi/flags.ts';
import { L, loadKernel, fresh, coldReadAtom, sleepAtom, argWords } from './helpers.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernel();
});

const events = () => k.u32(L.KSTATE_BASE + L.KSTATE_EVENTS);

/** A cold read, a 1 ms sleep and a 50-step countdown, each its own syslet, then async_wait for all three. */
function setup(img: UserImage): { calls: [number, number[]][] } {
  const ring = img.ring(4);
  const read = coldReadAtom(k, img).atom;
  const sleep = sleepAtom(img, 1_000_000);
  const counter = img.word(50);
  const count = img.atom({ nr: 322, args: argWords(img, counter, -1), flags: SYSLET_STOP_ON_ZERO });
  k.setU32(count + L.ATOM_NEXT, count);
  return {
    calls: [
      [SYS_async_exec, [read, ring.ahu]],
      [SYS_async_exec, [sleep, ring.ahu]],
      [SYS_async_exec, [count, ring.ahu]],
      [SYS_async_wait, [3, 0, ring.ahu]],
    ],
  };
}

/** Runs the calls with kstep(limit) batches; returns every record's (seq, kind, event). */
function run(limit: number): { seq: number; kind: string; event: number }[] {
  const img = fresh(k);
  const { calls } = setup(img);
  const out: { seq: number; kind: string; event: number }[] = [];
  let seen = readTrace(k).next;
  for (const [nr, args] of calls) {
    expect(k.enter(nr, ...args)).toBe(0);
    while (k.busy) {
      const before = events();
      const n = k.step(limit);
      expect(events() - before).toBe(n); // kstep counts every event it runs in KSTATE.events
      const { records, next } = readTrace(k, seen);
      seen = next;
      for (const r of records) {
        if (limit === 1) expect(r.event, `${r.kind} #${r.seq}`).toBe(events());
        out.push({ seq: r.seq, kind: r.kind, event: r.event });
      }
    }
  }
  return out;
}

describe('trace records carry their kernel event', () => {
  test('each record written by a single kstep carries the event that step counted', () => {
    const stepped = run(1);
    expect(stepped.map((r) => r.kind)).toEqual(expect.arrayContaining(['atom', 'handoff', 'block', 'wake', 'post']));
  });
  test('a batched run gives every record the same event as single steps do', () => {
    expect(run(1_000)).toEqual(run(1));
  });
});
