import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadKernelNode } from '../../../engine-wasm/host/node.ts';
import type { Kernel } from '../../../engine-wasm/host/kernel.ts';
import { readThreads, type ThreadRec } from '../../../engine-wasm/host/records.ts';
import { parse } from '../../lang/parse.ts';
import { layout } from '../../lang/layout.ts';
import { Session } from '../../engine/session.ts';
import { buildTimeline, recentLanes, waitState, type Lane } from './timeline-model.ts';
import { formatNs, waitWords } from './thread-words.ts';
import * as L from '../../../engine-wasm/abi/layout.ts';
import { ticks } from './TimeAxis.tsx';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernelNode('release');
});

function runExample(name: string, events = Infinity): Session {
  const { program } = parse(readFileSync(new URL(`../../examples/${name}.syslet`, import.meta.url), 'utf8'));
  const s = new Session(k, program, layout(program));
  while (!s.finished && s.events < events) s.step();
  return s;
}

const timelineOf = (s: Session) => buildTimeline(s.recent(), readThreads(k), k.counters().clockNs);
const states = (l: Lane) => l.segments.map((g) => g.state);

describe('thread timeline', () => {
  test('parallel-reads: four cachemiss lanes sleep on the disk at once, post and exit', () => {
    const tl = timelineOf(runExample('parallel-reads'));
    expect(tl.t0).toBe(0);
    const [head, ...rest] = tl.lanes;
    expect(head.tid).toBe(0);
    expect(head.end).toBeNull();
    expect(states(head)).toContain('waiting');
    expect(rest.map((l) => l.tid)).toEqual([1, 2, 3, 4]);
    for (const lane of rest) {
      expect(lane.end).not.toBeNull();
      expect(states(lane)).toContain('sleeping');
      expect(lane.marks.map((m) => m.kind)).toEqual(['post', 'exit']);
    }
    const overlapFrom = Math.max(...rest.map((l) => l.segments.find((g) => g.state === 'sleeping')!.from));
    const overlapTo = Math.min(...rest.map((l) => l.segments.find((g) => g.state === 'sleeping')!.to));
    expect(overlapTo).toBeGreaterThan(overlapFrom);
  });

  test('full-ring: two completions are lost and marked on their lanes', () => {
    const tl = timelineOf(runExample('full-ring'));
    const lost = tl.lanes.flatMap((l) => l.marks.filter((m) => m.kind === 'lost'));
    expect(lost).toHaveLength(2);
  });

  test('mid-run: live lanes run up to the clock', () => {
    const s = runExample('parallel-reads', 20);
    const tl = timelineOf(s);
    const live = tl.lanes.filter((l) => l.end === null);
    expect(live.length).toBe(readThreads(k).length);
    for (const lane of live) expect(lane.segments.at(-1)?.to ?? lane.start).toBe(tl.now);
  });

  test('recentLanes keeps the head and the newest lanes', () => {
    const lane = (tid: number, start: number, end: number | null): Lane => ({ key: `${tid}@${start}`, tid, start, end, segments: [], marks: [], atom: 0 });
    const lanes = [lane(0, 0, null), ...Array.from({ length: 30 }, (_, i) => lane(i + 1, i * 10, i * 10 + 5))];
    const { shown, hidden } = recentLanes(lanes, 20);
    expect(shown).toHaveLength(20);
    expect(shown[0].tid).toBe(0);
    expect(shown[1].tid).toBe(12);
    expect(hidden).toBe(11);
  });

  test('time formatting and ticks', () => {
    expect(formatNs(850)).toBe('850 ns');
    expect(formatNs(12_400)).toBe('12.4 µs');
    expect(formatNs(2_271_469)).toBe('2.27 ms');
    expect(ticks(0, 2_400_000, 4)).toEqual([0, 1_000_000, 2_000_000]);
    expect(ticks(1_000, 1_900, 4)).toEqual([1_000, 1_500]);
    expect(ticks(0, 1, 4)).toEqual([0, 1]);
  });
});

test('an injected delay is a wait on time (the lane sleeps), and the words say it is injected', () => {
  expect(waitState(L.WHY_INJECTED)).toBe('sleeping');
  expect(waitState(L.WHY_PIPE_READ)).toBe('blocked');
  const t = { tid: 2, state: 'sleeping', why: 'injected', waitArg: 5_000_000 } as ThreadRec;
  expect(waitWords(t)).toBe('injected delay 5.00 ms');
  const disk = { tid: 1, state: 'sleeping', why: 'disk', waitArg: (5 << 16) | 3 } as ThreadRec;
  const ctx = { files: [{ ino: 5, path: '/usr/share/dict/words' }], latencies: [{ path: '/usr/share/dict/words', page: 3, ns: 20_000_000 }] };
  expect(waitWords(disk, ctx)).toBe('on disk, injected latency 20.0 ms (ino 5, page 3)');
  expect(waitWords({ ...disk, waitArg: 5 << 16 }, ctx)).toBe('on disk (ino 5, page 0)');
});
