// The run loop on a real session, with the frames and the clock in the test's hands.
import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadKernelNode } from '../../engine-wasm/host/node.ts';
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import { compileSource } from './source.ts';
import { Session } from './session.ts';
import { RunLoop } from './run-loop.ts';
import type { BreakNames, Breakpoint } from './breakpoints.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernelNode('release');
});

const example = (name: string) => readFileSync(new URL(`../examples/${name}.syslet`, import.meta.url), 'utf8');

/** A loop over a session of `text`, with frames run by hand and a clock that moves 0.01 ms per read. */
/** `behind`: panes a catchUp hook hands the end state to, one a call (none: no hook). */
function harness(text: string, speed = 16, bps: Breakpoint[] = [], behind = 0) {
  const c = compileSource(text);
  if (!c.program || !c.layout) throw new Error('the program does not compile');
  const s = new Session(k, c.program, c.layout);
  const vars = new Map([...c.layout.symbols].filter(([, v]) => v.kind === 'var').map(([n, v]) => [n, v.addr]));
  const names: BreakNames = { atoms: c.layout.names.atoms, vars };
  const frames = new Map<number, (t: number) => void>();
  let nextId = 1;
  let clock = 0;
  const h = {
    s,
    bps,
    speed,
    playing: false,
    paused: null as string | null,
    publishes: [] as boolean[],
    /** Panes still showing an older state, and the events each catchUp call saw. */
    behind,
    caughtUp: [] as number[],
    time: 0,
    /** Runs the pending frames once, 16 ms apart. */
    frame() {
      h.time += 16;
      clock = h.time;
      const due = [...frames];
      frames.clear();
      for (const [, cb] of due) cb(h.time);
      return due.length;
    },
    pending: () => frames.size,
  };
  const loop = new RunLoop({
    session: () => s,
    speed: () => h.speed,
    breakpoints: () => h.bps,
    names: () => names,
    setPlaying: (p) => (h.playing = p),
    setPaused: (r) => (h.paused = r),
    publish: (full) => h.publishes.push(full),
    catchUp: behind
      ? () => {
          h.caughtUp.push(s.events);
          h.behind--;
          return h.behind > 0;
        }
      : undefined,
    requestFrame: (cb) => {
      frames.set(nextId, cb);
      return nextId++;
    },
    cancelFrame: (id) => frames.delete(id),
    now: () => (clock += 0.01),
  });
  return { h, loop };
}

/** Plays until the loop stops on its own (end or breakpoint); returns the frames used. */
function runOut(h: ReturnType<typeof harness>['h'], max = 100_000): number {
  let n = 0;
  while (h.playing && h.pending() > 0 && n < max) {
    h.frame();
    n++;
  }
  return n;
}

describe('run loop', () => {
  test('plays at the chosen speed: 16 events a second is about one event every 4 frames', () => {
    const { h, loop } = harness(example('cold-read'), 16);
    loop.play();
    for (let i = 0; i < 20; i++) h.frame();
    expect(h.s.events).toBeGreaterThanOrEqual(4);
    expect(h.s.events).toBeLessThanOrEqual(6);
    expect(h.playing).toBe(true);
    loop.pause();
    expect(h.playing).toBe(false);
    expect(h.pending()).toBe(0);
    const at = h.s.events;
    h.frame();
    expect(h.s.events).toBe(at);
  });

  test('speed max runs to the end and publishes every pane once more at the next frame', () => {
    const { h, loop } = harness(example('fio-batch'), Infinity);
    loop.play();
    runOut(h);
    expect(h.s.state).toBe('done');
    expect(h.publishes[h.publishes.length - 1]).toBe(false);
    expect(h.frame()).toBe(1);
    expect(h.publishes[h.publishes.length - 1]).toBe(true);
  });

  test('after a run at speed max the panes catch up one a frame, then the frames stop', () => {
    const { h, loop } = harness(example('fio-batch'), Infinity, [], 5);
    loop.play();
    runOut(h);
    expect(h.s.state).toBe('done');
    const end = h.s.events;
    const published = h.publishes.length;
    for (let i = 1; i <= 5; i++) {
      expect(h.frame()).toBe(1);
      expect(h.caughtUp).toHaveLength(i);
    }
    expect(h.behind).toBe(0);
    expect(h.frame()).toBe(0);
    expect(h.caughtUp).toEqual([end, end, end, end, end]);
    // The panes were handed the end state by the hook, not by a publish of every pane at once.
    expect(h.publishes).toHaveLength(published);
  });

  test('a new program stops the panes catching up after the old one', () => {
    const { h, loop } = harness(example('fio-batch'), Infinity, [], 5);
    loop.play();
    runOut(h);
    h.frame();
    loop.stop();
    expect(h.frame()).toBe(0);
    expect(h.caughtUp).toHaveLength(1);
  });

  test('a "runs" breakpoint stops once, just before the atom runs; Run again goes past it', () => {
    const { h, loop } = harness(example('cold-read'), Infinity, [{ kind: 'atom', atom: 'cl', when: 'runs' }]);
    loop.play();
    runOut(h);
    expect(h.playing).toBe(false);
    expect(h.paused).toBe('paused at breakpoint: before `cl` runs');
    expect(h.s.state).toBe('running');
    // The next event is the atom running.
    const before = h.s.recent().some((n) => n.trace?.kind === 'atom' && h.s.lay.names.atoms.get(n.trace.atom) === 'cl');
    expect(before).toBe(false);
    loop.step();
    expect(h.s.recent().some((n) => n.trace?.kind === 'atom' && n.event === h.s.events && h.s.lay.names.atoms.get(n.trace.atom) === 'cl')).toBe(true);
    loop.stepBack();
    loop.play();
    runOut(h);
    expect(h.s.state).toBe('done');
    expect(h.paused).toBe(null);
  });

  test('one stop per hit: a completion breakpoint on the final atom stops once per run', () => {
    const { h, loop } = harness(example('cold-read'), 64, [{ kind: 'atom', atom: 'cl', when: 'completes' }]);
    let stops = 0;
    const done = () => h.s.finished;
    loop.play();
    for (let guard = 0; guard < 10 && !done(); guard++) {
      runOut(h);
      if (h.paused) stops++;
      if (!h.playing && !done()) loop.play();
    }
    expect(h.s.state).toBe('done');
    expect(stops).toBe(1);
  });

  test('a condition on the result: only a completion that meets it stops the run', () => {
    const loopText = example('read-loop');
    for (const [cond, stopsAt] of [[{ op: '==', value: 0 } as const, 0], [{ op: '<', value: 0 } as const, null]] as const) {
      const { h, loop } = harness(loopText, Infinity, [{ kind: 'atom', atom: 'rd', when: 'completes', cond }]);
      loop.play();
      runOut(h);
      if (stopsAt === null) expect(h.s.state).toBe('done');
      else {
        expect(h.paused).toBe(`paused at breakpoint: when \`rd\` completes with a result ${cond.op} ${cond.value}`);
        const last = h.s.recent().filter((n) => n.trace?.kind === 'atom').pop()!.trace!;
        expect(last.result).toBe(stopsAt);
      }
    }
  });

  test('blocks, posted and lost breakpoints each stop at their record', () => {
    const cases: [string, Breakpoint, string][] = [
      ['cold-read', { kind: 'atom', atom: 'rd', when: 'blocks' }, 'block'],
      ['cold-read', { kind: 'atom', atom: 'cl', when: 'posted' }, 'post'],
      ['full-ring', { kind: 'atom', atom: 's3', when: 'lost' }, 'lost'],
    ];
    for (const [name, bp, kind] of cases) {
      const { h, loop } = harness(example(name), Infinity, [bp]);
      loop.play();
      runOut(h);
      expect(h.paused, name).toMatch(/^paused at breakpoint/);
      const here = h.s.recent().filter((n) => n.event === h.s.events).map((n) => n.trace?.kind);
      expect(here, `${name} ${kind}`).toContain(kind === 'block' ? 'handoff' : kind);
    }
  });

  test('a watch stops after the event that changed the var, and says from what to what', () => {
    const { h, loop } = harness(example('read-loop'), Infinity, [{ kind: 'watch', name: 'chunks' }]);
    loop.play();
    runOut(h);
    expect(h.paused).toBe('paused at watch: `chunks` changed from 0 to 1');
    loop.play();
    runOut(h);
    expect(h.paused).toBe('paused at watch: `chunks` changed from 1 to 2');
  });

  test('step, step back, seek and reset clear the pause reason', () => {
    const { h, loop } = harness(example('read-loop'), Infinity, [{ kind: 'watch', name: 'chunks' }]);
    loop.play();
    runOut(h);
    expect(h.paused).not.toBe(null);
    loop.stepBack();
    expect(h.paused).toBe(null);
    const at = h.s.events;
    loop.seek(at - 2);
    expect(h.s.events).toBe(at - 2);
    loop.reset();
    expect(h.s.events).toBe(0);
  });
});
