import { describe, expect, it } from 'vitest';
import type { Narration } from '../../engine/session.ts';
import type { ThreadRec, TraceKind } from '../../../engine-wasm/host/records.ts';
import { badgeText, deriveLive, takenEdgeId } from './live.ts';
import * as L from '../../../engine-wasm/abi/layout.ts';

const RD = 0x10040;
const CNT = 0x1006c;
const rec = (event: number, kind: TraceKind, atom: number, result = 0, tid = 1, then: number = L.ATOM_THEN_NEXT): Narration => ({
  event, kind: 'kernel', text: kind,
  trace: { seq: event, event, kind, time: 0n, tid, atom, nr: 0, result, args: [], aux: 0, aux2: then << L.ATOM_THEN_SHIFT },
});
const thread = (tid: number, state: ThreadRec['state'], atom: number, why: ThreadRec['why'] = 'none'): ThreadRec => ({
  tid, state, mode: 0, ahu: 0, atom, last: 0, nr: 0, why, waitArg: 0, wakeAt: 0n, since: 0n, syslets: 0, resumed: false,
});
const fmt = (r: number) => String(r);

describe('deriveLive: badges say only what the records show at this event', () => {
  it('an atom that completed at the current event is running (with its result); earlier ones are done', () => {
    const live = deriveLive([rec(3, 'atom', RD, 4096), rec(4, 'atom', CNT, 1)], [thread(0, 'user', 0)], 4);
    expect(live.badges.get(CNT)).toEqual({ kind: 'running', result: 1 });
    expect(live.badges.get(RD)).toEqual({ kind: 'done', result: 4096, event: 3, fault: false });
    expect(badgeText(live.badges.get(CNT)!, fmt)).toBe('returns 1');
    expect(badgeText(live.badges.get(RD)!, fmt)).toBe('done = 4096');
  });

  it('RUNNING only at its own event: one event later the same atom is done', () => {
    const n = [rec(4, 'atom', CNT, 1)];
    expect(deriveLive(n, [], 4).badges.get(CNT)?.kind).toBe('running');
    expect(deriveLive(n, [], 5).badges.get(CNT)?.kind).toBe('done');
  });

  it('a record after the current event is ignored (the view is at an earlier event)', () => {
    const live = deriveLive([rec(2, 'atom', RD, 10), rec(7, 'atom', RD, 0)], [], 3);
    expect(live.badges.get(RD)).toMatchObject({ kind: 'done', result: 10 });
    expect(live.taken).toEqual({ atom: RD, result: 10, event: 2, then: L.ATOM_THEN_NEXT });
  });

  it('a blocked atom shows what its thread waits on, from the thread records', () => {
    const live = deriveLive([rec(2, 'atom', RD, 4096), rec(5, 'block', RD)], [thread(0, 'user', 0), thread(1, 'blocked', RD, 'disk')], 6);
    expect(live.badges.get(RD)).toEqual({ kind: 'waiting', why: 'disk', tid: 1 });
    expect(badgeText(live.badges.get(RD)!, fmt)).toBe('waits: disk');
    // The head sleeping in place (SYSLET_SYNC) counts too.
    expect(deriveLive([], [thread(0, 'sleeping', CNT, 'timer')], 1).badges.get(CNT)).toMatchObject({ kind: 'waiting', why: 'timer' });
  });

  it('a wake or a hand-off is not the atom running (it has not run yet); a fault is shown as a fault', () => {
    expect(deriveLive([rec(9, 'wake', RD)], [thread(1, 'runnable', RD)], 9).badges.get(RD)?.kind).not.toBe('running');
    expect(deriveLive([rec(9, 'handoff', RD)], [], 9).badges.get(RD)?.kind).not.toBe('running');
    const f = deriveLive([rec(3, 'fault', RD, -14)], [], 5).badges.get(RD)!;
    expect(badgeText(f, fmt)).toBe('fault -14');
  });

  it('no records about an atom: no badge; records without an atom are skipped', () => {
    const live = deriveLive([rec(1, 'syscall', 0), { event: 1, kind: 'driver', text: 'x = 1' }], [], 1);
    expect(live.badges.size).toBe(0);
    expect(live.taken).toBeUndefined();
  });
});

describe('takenEdgeId: the edge the walk took, as the atom record says', () => {
  it('next, the end of the chain, the skip edge (u + 44) and the stop edge', () => {
    expect(takenEdgeId('rd', L.ATOM_THEN_NEXT)).toBe('next:rd');
    expect(takenEdgeId('cl', L.ATOM_THEN_LAST)).toBe('done:cl');
    expect(takenEdgeId('rd', L.ATOM_THEN_SKIP)).toBe('skip:rd');
    expect(takenEdgeId('op', L.ATOM_THEN_STOP)).toBe('stop:op');
  });
  it('the newest completion is the one taken, with what its record says the walk did', () => {
    expect(deriveLive([rec(1, 'atom', RD, 4096), rec(2, 'atom', CNT, 0, 1, L.ATOM_THEN_SKIP), rec(3, 'block', RD)], [], 3).taken).toEqual({ atom: CNT, result: 0, event: 2, then: L.ATOM_THEN_SKIP });
  });
});
