// Golden traces. Each scenario in scenarios/ runs as user space on a freshly
// reset kernel; its whole trace, one formatTrace line per record, must equal
// scenarios/<name>.trace, and its key outcome is checked as well.
//   UPDATE_GOLDEN=1 npx vitest run src/engine-wasm/test/golden.test.ts   rewrites the files
//   npx vitest run src/engine-wasm/test/golden.test.ts -t read-loop      runs one
// A rewritten file is reviewed like code: it must tell the story of contract §2.
import { describe, test, expect, beforeAll } from 'vitest';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { loadKernelNode } from '../host/node.ts';
import type { Kernel } from '../host/kernel.ts';
import { readTrace } from '../host/records.ts';
import { formatTrace } from '../host/trace-format.ts';
import * as L from '../abi/layout.ts';
import type { Scenario, ScenarioResult } from './scenarios/libc.ts';
import { hello } from './scenarios/hello.ts';
import { coldRead } from './scenarios/cold-read.ts';
import { readLoop } from './scenarios/read-loop.ts';
import { countdown, COUNTDOWN_FROM } from './scenarios/countdown.ts';
import { parallelReads, CHAPTERS } from './scenarios/parallel-reads.ts';
import { fullRing } from './scenarios/full-ring.ts';
import { fioBatch, FIO_DEPTH, FIO_BLOCK, FIO_STRIDE } from './scenarios/fio-batch.ts';
import { pipe, PIPE_MESSAGE } from './scenarios/pipe.ts';
import { syncVsAsync, THREAD_STACK } from './scenarios/sync-vs-async.ts';

const SEED = 1;
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const boot = (path: string) => readFileSync(new URL(`../boot${path}`, import.meta.url), 'utf8');
const goldenUrl = (name: string) => new URL(`./scenarios/${name}.trace`, import.meta.url);

interface Golden {
  readonly name: string;
  readonly run: Scenario;
  /** The scenario's key outcome, stated on its own (the trace covers the rest). */
  readonly check: (r: ScenarioResult, k: Kernel) => void;
}

const GOLDEN: readonly Golden[] = [
  {
    name: 'hello',
    run: hello,
    check: ({ console, vars }) => {
      expect(vars.done).toBe(vars.atom);
      expect(console).toBe('Hello Syslet World!\ncompleted an cached syslet atom!\n');
    },
  },
  {
    name: 'cold-read',
    run: coldRead,
    check: ({ console, ring, vars }, k) => {
      const motd = boot('/etc/motd');
      expect(vars).toMatchObject({ exec: 0, wait: 1, completed: vars.close, fd: 3, nread: motd.length, closed: 0, text: motd });
      expect(console).toBe(motd);
      expect(ring).toEqual([0, 0, 0, 0]);
      expect(k.counters()).toMatchObject({ posted: 1, lost: 0, liveThreads: 0 });
    },
  },
  {
    name: 'read-loop',
    run: readLoop,
    check: ({ vars }, k) => {
      const words = boot('/usr/share/dict/words');
      expect(words.length).toBeGreaterThan(4 * 4096);
      expect(vars.close).toBe((vars.read as number) + 44);
      expect(vars).toMatchObject({ exec: 0, wait: 1, completed: vars.close, lastRead: 0, closed: 0 });
      expect(vars.chunks).toBe(Math.ceil(words.length / 4096));
      expect(vars.bytes).toBe(words.length);
      expect(vars.text).toBe(words);
      expect(k.counters()).toMatchObject({ posted: 1, lost: 0 });
    },
  },
  {
    name: 'countdown',
    run: countdown,
    check: ({ vars, ring }, k) => {
      expect(vars).toMatchObject({ done: vars.atom, count: 0, last: 0 });
      expect(ring).toEqual([0, 0, 0, 0]);
      expect(k.counters()).toMatchObject({ atoms: COUNTDOWN_FROM, posted: 0, liveThreads: 0 });
    },
  },
  {
    name: 'parallel-reads',
    run: parallelReads,
    check: ({ vars, ring }, k) => {
      expect(vars.execs).toEqual([0, 0, 0, 0]);
      expect(vars.wait).toBe(4);
      expect([...(vars.full as number[])].sort()).toEqual([...(vars.closes as number[])].sort()); // the ring filled
      expect([...(vars.order as number[])].sort()).toEqual([1, 2, 3, 4]);
      expect(vars.fds).toEqual([3, 4, 5, 6]);
      expect(vars.texts).toEqual(CHAPTERS.map(boot));
      expect(ring).toEqual([0, 0, 0, 0]);
      expect(k.counters()).toMatchObject({ posted: 4, lost: 0, liveThreads: 0 });
    },
  },
  {
    name: 'full-ring',
    run: fullRing,
    check: ({ vars, ring }, k) => {
      const atoms = vars.atoms as number[];
      expect(vars).toMatchObject({ execs: [0, 0, 0, 0], wait: 2, rets: [0, 0, 0, 0], posted: 2, lost: 2 });
      expect(ring).toEqual([atoms[0], atoms[1]]); // 1 ms and 2 ms finish first; 3 and 4 ms are lost
      expect(k.counters()).toMatchObject({ posted: 2, lost: 2, liveThreads: 0 });
    },
  },
  {
    name: 'fio-batch',
    run: fioBatch,
    check: ({ vars, ring }) => {
      const words = boot('/usr/share/dict/words');
      expect(vars.fd).toBe(3);
      expect(vars.execs).toEqual(new Array(FIO_DEPTH).fill(0));
      expect([...(vars.order as number[])].sort((a, b) => a - b)).toEqual([...Array(FIO_DEPTH).keys()]);
      expect(vars.results).toEqual(new Array(FIO_DEPTH).fill(FIO_BLOCK));
      expect(vars.data).toEqual(Array.from({ length: FIO_DEPTH }, (_, i) => words.slice(i * FIO_STRIDE, i * FIO_STRIDE + FIO_BLOCK)));
      expect((vars.waits as number[]).every((w) => w >= 1)).toBe(true);
      expect(vars.closed).toBe(0);
      expect(ring.every((s) => s === 0)).toBe(true);
    },
  },
  {
    name: 'pipe',
    run: pipe,
    check: ({ console, vars }) => {
      expect(vars).toMatchObject({
        piped: 0, fds: [3, 4], readerExec: 0, writerExec: vars.write, wait: 1, completed: vars.echo, closes: [0, 0],
        n: PIPE_MESSAGE.length, echoed: PIPE_MESSAGE.length, wrote: PIPE_MESSAGE.length, data: PIPE_MESSAGE,
      });
      expect(console).toBe(PIPE_MESSAGE);
    },
  },
  {
    name: 'sync-vs-async',
    run: syncVsAsync,
    check: ({ vars }, k) => {
      const n = boot('/etc/motd').length;
      expect(vars).toMatchObject({
        fd: 3, dropFd: 4, closed: 0, dropClosed: 0,
        'sync.drop': 1, 'sync.exec': vars['sync.atom'], 'sync.res': n, 'sync.stack': THREAD_STACK,
        'plain.drop': 1, 'plain.exec': 0, 'plain.wait': 1, 'plain.completed': vars['plain.atom'], 'plain.res': n, 'plain.stack': 0,
        'async.drop': 1, 'async.exec': 0, 'async.wait': 1, 'async.completed': vars['async.atom'], 'async.res': n, 'async.stack': 0,
      });
      expect(vars['sync.wait']).toBeUndefined();
      expect(k.counters()).toMatchObject({ posted: 2, lost: 0 });
    },
  },
];

describe('golden traces', () => {
  let k: Kernel;
  beforeAll(async () => {
    k = await loadKernelNode('debug', SEED);
  });

  for (const g of GOLDEN) {
    test(g.name, () => {
      k.reset(SEED);
      const r = g.run(k);
      const { records, dropped } = readTrace(k);
      expect(dropped).toBe(0);
      const trace = formatTrace(records);
      const file = goldenUrl(g.name);
      if (UPDATE) writeFileSync(file, trace);
      else if (!existsSync(file)) throw new Error(`no golden file ${g.name}.trace: run with UPDATE_GOLDEN=1 and review it`);
      expect(trace).toBe(readFileSync(file, 'utf8'));
      expect(k.busy).toBe(false);
      g.check(r, k);
    });
  }
});

// The walk has two instances (assembly/atom.ts: walkGeneral, walkPlain), and the trace-off path
// writes no records: with the trace off, each scenario must leave the same machine behind.
describe('the same run with the trace off (release kernel)', () => {
  let k: Kernel;
  beforeAll(async () => {
    k = await loadKernelNode('release', SEED);
  });
  const state = (r: ScenarioResult) => {
    const counters = { ...k.counters(), traceSeq: 0 }; // the only counter the trace changes
    return { vars: r.vars, console: r.console, ring: r.ring, counters, user: Buffer.from(k.bytes(k.userBase, k.userEnd - k.userBase)).toString('base64') };
  };
  for (const g of GOLDEN) {
    test(g.name, () => {
      k.setOption(L.OPT_TRACE, 1);
      k.reset(SEED);
      const on = state(g.run(k));
      k.setOption(L.OPT_TRACE, 0);
      k.reset(SEED);
      const off = state(g.run(k));
      k.setOption(L.OPT_TRACE, 1);
      expect(off.counters.events).toBeGreaterThan(0);
      expect(off).toEqual(on);
    });
  }
});
