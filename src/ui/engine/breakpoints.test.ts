import { describe, expect, test } from 'vitest';
import type { TraceRec, TraceKind } from '../../engine-wasm/host/records.ts';
import * as L from '../../engine-wasm/abi/layout.ts';
import { checkEvent, describeBreak, parseBreakpoints, type BreakNames, type Breakpoint } from './breakpoints.ts';

const A = 0x10100;
const B = 0x1012c;
const names: BreakNames = { atoms: new Map([[A, 'rd'], [B, 'cl']]), vars: new Map([['n', 0x10200]]) };
const rec = (kind: TraceKind, f: Partial<TraceRec> = {}): TraceRec => ({ seq: 0, event: 1, kind, time: 0n, tid: 0, atom: 0, nr: 0, result: 0, args: [], aux: 0, aux2: 0, ...f });
const none = new Map<number, number>();
const noWords = new Map<string, { before: number; after: number }>();
const check = (bps: Breakpoint[], records: TraceRec[], mid = none, words = noWords) => checkEvent(bps, records, names, mid, words)?.text ?? null;

describe('breakpoints', () => {
  test('runs: an atom record or a block starts the atom; the record that finishes a woken atom does not', () => {
    const bp: Breakpoint[] = [{ kind: 'atom', atom: 'rd', when: 'runs' }];
    expect(check(bp, [rec('atom', { atom: A, tid: 1 })])).toBe('paused at breakpoint: before `rd` runs');
    expect(check(bp, [rec('atom', { atom: A, tid: 1 })], new Map([[1, A]]))).toBe(null); // finished after a wake-up
    expect(check(bp, [rec('block', { atom: A, tid: 1 })])).toBe('paused at breakpoint: before `rd` runs');
    // The head runs it and must wait: hand-off plus the new thread's block are one start.
    expect(check(bp, [rec('handoff', { atom: A, tid: 0, aux: 3, aux2: L.WHY_DISK }), rec('block', { atom: A, tid: 3 })])).toBe('paused at breakpoint: before `rd` runs');
    // SYSLET_ASYNC hands off before running it: not a start.
    expect(check(bp, [rec('handoff', { atom: A, tid: 0, aux: 3, aux2: L.HANDOFF_ASYNC })])).toBe(null);
    expect(check(bp, [rec('atom', { atom: B, tid: 1 })])).toBe(null);
  });

  test('completes with and without a condition; blocks; posted; lost', () => {
    expect(check([{ kind: 'atom', atom: 'rd', when: 'completes' }], [rec('atom', { atom: A, result: 7 })])).toBe('paused at breakpoint: when `rd` completes');
    const neg: Breakpoint[] = [{ kind: 'atom', atom: 'rd', when: 'completes', cond: { op: '<', value: 0 } }];
    expect(check(neg, [rec('atom', { atom: A, result: 7 })])).toBe(null);
    expect(check(neg, [rec('atom', { atom: A, result: -2 })])).toBe('paused at breakpoint: when `rd` completes with a result < 0');
    expect(check([{ kind: 'atom', atom: 'rd', when: 'blocks' }], [rec('block', { atom: A, tid: 2 })])).toBe('paused at breakpoint: when `rd` blocks');
    expect(check([{ kind: 'atom', atom: 'cl', when: 'posted' }], [rec('post', { atom: B })])).toBe('paused at breakpoint: when the completion of `cl` is posted');
    expect(check([{ kind: 'atom', atom: 'cl', when: 'lost' }], [rec('post', { atom: B })])).toBe(null);
    expect(check([{ kind: 'atom', atom: 'cl', when: 'lost' }], [rec('lost', { atom: B })])).toBe('paused at breakpoint: when the completion of `cl` is lost');
  });

  test('a watch stops only when the word changes', () => {
    const w: Breakpoint[] = [{ kind: 'watch', name: 'n' }];
    expect(check(w, [], none, new Map([['n', { before: 3, after: 3 }]]))).toBe(null);
    expect(check(w, [], none, new Map([['n', { before: 3, after: -1 }]]))).toBe('paused at watch: `n` changed from 3 to -1');
  });

  test('from a link: well-formed breakpoints are kept, anything else dropped', () => {
    const raw = [
      { kind: 'atom', atom: 'rd', when: 'runs' },
      { kind: 'atom', atom: 'rd', when: 'completes', cond: { op: '>=', value: 4096 } },
      { kind: 'atom', atom: 'rd', when: 'sometimes' },
      { kind: 'atom', atom: '<img>', when: 'runs' },
      { kind: 'watch', name: 'n' },
      { kind: 'atom', atom: 'cl', when: 'completes', cond: { op: '<', value: 1.5 } },
      null, 'x', 42,
    ];
    expect(parseBreakpoints(raw)).toEqual([
      { kind: 'atom', atom: 'rd', when: 'runs' },
      { kind: 'atom', atom: 'rd', when: 'completes', cond: { op: '>=', value: 4096 } },
      { kind: 'watch', name: 'n' },
      { kind: 'atom', atom: 'cl', when: 'completes' },
    ]);
    expect(parseBreakpoints('nope')).toEqual([]);
    expect(describeBreak({ kind: 'atom', atom: 's3', when: 'runs' })).toBe('before `s3` runs');
  });
});
