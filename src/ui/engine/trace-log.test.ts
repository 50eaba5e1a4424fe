// The session's trace log: every record with the session's event number (the
// same one the narration gives it), as far as the run has gone, the same after
// a step back, a replay or a reset, and at most the kernel ring's worth.
import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadKernelNode } from '../../engine-wasm/host/node.ts';
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import { readTrace } from '../../engine-wasm/host/records.ts';
import { NTRACE } from '../../engine-wasm/abi/layout.ts';
import { compileSource } from './source.ts';
import { Session } from './session.ts';
import { TraceLog } from './trace-log.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernelNode('debug');
});

function session(name: string, edit = (t: string) => t): Session {
  const c = compileSource(edit(readFileSync(new URL(`../examples/${name}.syslet`, import.meta.url), 'utf8')));
  return new Session(k, c.program!, c.layout!);
}

/** seq → event as the narration gives it. */
function narrated(s: Session): Map<number, number> {
  return new Map(s.recent().flatMap((n) => (n.trace ? [[n.trace.seq, n.event] as const] : [])));
}

describe('the session\'s trace log', () => {
  test('every record carries the event the narration gives it, stepped or run in one batch', () => {
    const stepped = session('full-ring');
    while (!stepped.finished) stepped.step();
    const records = stepped.trace();
    expect(records.map((r) => r.seq)).toEqual(records.map((_, i) => i));
    const told = narrated(stepped);
    for (const r of records) expect(r.event, `record ${r.seq} (${r.kind})`).toBe(told.get(r.seq));
    const batched = session('full-ring');
    batched.run(1_000_000);
    expect(batched.finished).toBe(true);
    expect(batched.trace().map((r) => [r.seq, r.event])).toEqual(records.map((r) => [r.seq, r.event]));
  });

  test('it holds the run as far as it has gone: after a step back, a replay and a reset, the same records', () => {
    const s = session('cold-read');
    while (!s.finished) s.step();
    const whole = s.trace();
    const kernel = readTrace(k).records;
    expect(whole.map((r) => [r.seq, r.kind, r.time])).toEqual(kernel.map((r) => [r.seq, r.kind, r.time]));
    s.seek(5);
    expect(s.trace()).toBe(whole); // nothing new: the very same array
    expect(readTrace(k).records.length).toBeLessThan(whole.length); // while the kernel holds only the records up to event 5
    s.seek(s.horizon);
    expect(s.trace()).toBe(whole);
    s.reset();
    expect(s.trace()).toBe(whole);
    while (!s.finished) s.run(3);
    expect(s.trace()).toBe(whole);
  });

  test('a step forward past the horizon adds its records, and only those', () => {
    const s = session('cold-read');
    s.seek(6);
    const before = s.trace();
    s.seek(3);
    s.seek(8);
    const after = s.trace();
    expect(after).not.toBe(before);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.map((r) => r.seq)).toEqual(after.map((_, i) => i));
    expect(after[after.length - 1].event).toBeLessThanOrEqual(8);
  });

  test('a run longer than the kernel\'s ring keeps its newest NTRACE records, consecutive', () => {
    const s = session('stress');
    s.run(40_000);
    s.seek(20_000); // the records are read before the kernel goes back
    s.run(60_000);
    const records = s.trace();
    expect(s.traceWritten).toBeGreaterThan(NTRACE);
    expect(records).toHaveLength(NTRACE);
    expect(records[0].seq).toBe(s.traceWritten - NTRACE);
    expect(records.every((r, i) => r.seq === records[0].seq + i)).toBe(true);
    expect(records.every((r, i) => i === 0 || r.event >= records[i - 1].event)).toBe(true);
  });

  test('with fewer kept than were written between reads, what it keeps is still consecutive', () => {
    const s = session('stress');
    const log = new TraceLog(k, 100);
    let from = k.counters().traceSeq;
    for (let i = 0; i < 40; i++) {
      s.run(i % 3 === 0 ? 7 : 300);
      const to = k.counters().traceSeq;
      log.note(s.events, k.counters().events, from, to);
      from = to;
      if (i % 5 === 0) log.read();
    }
    const records = log.records();
    expect(records).toHaveLength(100);
    expect(records[records.length - 1].seq).toBe(from - 1);
    expect(records.every((r, i) => r.seq === records[0].seq + i)).toBe(true);
  });
});
