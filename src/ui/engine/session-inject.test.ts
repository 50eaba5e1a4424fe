// The session applies a program's `fault` clauses and `latency` lines at every
// reset (like its option lines): each override changes the run the way
// docs/engine.md says, a program without them runs as before, and step-back
// replays an injected run exactly.
import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadKernelNode } from '../../engine-wasm/host/node.ts';
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import { readFaults, readTrace } from '../../engine-wasm/host/records.ts';
import { parse } from '../lang/parse.ts';
import { layout } from '../lang/layout.ts';
import { Session } from './session.ts';
import * as L from '../../engine-wasm/abi/layout.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernelNode('release');
});

const example = (name: string) => readFileSync(new URL(`../examples/${name}.syslet`, import.meta.url), 'utf8');
const WORDS_BYTES = readFileSync(new URL('../../engine-wasm/boot/usr/share/dict/words', import.meta.url)).length;

/** The example with `clause` added to the line declaring atom `atom`. */
function withFault(name: string, atom: string, clause: string): string {
  const text = example(name);
  const re = new RegExp(`^(atom ${atom} = .*)$`, 'm');
  expect(text).toMatch(re);
  return text.replace(re, `$1 ${clause}`);
}

function run(text: string): { s: Session; console: string } {
  const { program, diagnostics } = parse(text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const s = new Session(k, program, layout(program));
  while (!s.finished) s.run(100_000);
  expect(s.failure).toBeUndefined();
  return { s, console: k.consoleText() };
}

const injects = () => readTrace(k).records.filter((r) => r.kind === 'inject');

describe('each override in a shipped example', () => {
  test('parallel-reads, one read blocks 5 ms first: it completes last', () => {
    const plain = run(example('parallel-reads')).console.split('\n').filter(Boolean);
    expect(plain[3]).not.toMatch(/^chapter 2/);
    const late = run(withFault('parallel-reads', 'r2', 'fault block 5ms')).console.split('\n').filter(Boolean);
    expect(late).toHaveLength(4);
    expect(late[3]).toBe('chapter 2: 4096 bytes');
  });

  test('read-loop, the third read fails (nth 3): the loop ends after two chunks and closes', () => {
    const { console } = run(withFault('read-loop', 'rd', 'fault EIO nth 3'));
    expect(console).toBe('read 2 chunks; the last read returned -5, close returned 0\n');
  });

  test('read-loop, short reads of 1000 bytes: more chunks, every byte still read', () => {
    const { console } = run(withFault('read-loop', 'rd', 'fault short 1000'));
    expect(console).toBe(`read ${Math.ceil(WORDS_BYTES / 1000)} chunks; the last read returned 0, close returned 0\n`);
  });

  test('cold-read with the read forced cached: async_exec returns the final atom, so the example\'s assert stops it', () => {
    const { program } = parse(withFault('cold-read', 'rd', 'fault cached'));
    const s = new Session(k, program, layout(program));
    while (!s.finished) s.run(100_000);
    expect(s.failure?.message).toBe('assertion failed: done == 0');
    expect(injects().map((r) => r.aux2)).toEqual([L.WHY_DISK]);
  });

  test('a 20 ms latency on the word list: each of its pages takes 20 ms and a bit of jitter', () => {
    const pages = Math.ceil(WORDS_BYTES / L.PAGE_BYTES);
    const plain = run(example('read-loop'));
    const plainClock = k.counters().clockNs;
    const { console } = run(`latency "/usr/share/dict/words" = 20ms\n${example('read-loop')}`);
    expect(console).toBe(plain.console);
    const slow = k.counters().clockNs;
    expect(slow).toBeGreaterThan(BigInt(pages * 20_000_000));
    expect(slow).toBeLessThan(BigInt(pages * 20_500_000 + 1_000_000)); // jitter below 500us a page
    expect(plainClock).toBeLessThan(BigInt(pages * 3_000_000));
    expect(injects().filter((r) => (r.aux & 0xff) === L.INJ_LATENCY)).toHaveLength(pages);
  });

  test('one page of the file only: only that page waits long', () => {
    run(`latency "/usr/share/dict/words" page 2 = 30ms\n${example('read-loop')}`);
    const waits = readTrace(k).records.filter((r) => r.kind === 'inject').map((r) => [r.result & 0xffff, r.aux2 >= 30_000_000]);
    expect(waits).toEqual([[2, true]]);
  });
});

describe('the session and the kernel tables', () => {
  test('the next program starts without the last one\'s faults, and reset applies them again', () => {
    const { s } = run(withFault('read-loop', 'rd', 'fault EIO nth 3'));
    expect(readFaults(k).faults).toMatchObject([{ kind: 'errno', nth: 3, runs: 3 }]);
    s.reset();
    expect(readFaults(k).faults).toMatchObject([{ kind: 'errno', nth: 3, runs: 0 }]);
    const plain = run(example('read-loop'));
    expect(readFaults(k)).toEqual({ faults: [], latencies: [] });
    expect(plain.console).toMatch(/^read 6 chunks/);
    expect(injects()).toEqual([]);
  });

  test('a step back into an injected run and forward again gives the same run (the run counters are in the checkpoints)', () => {
    const { s, console } = run(withFault('read-loop', 'rd', 'fault EIO nth 3'));
    const end = s.events;
    const trace = readTrace(k).records.map((r) => [r.kind, r.time, r.result]);
    for (const e of [Math.floor(end / 2), 3, end - 2]) {
      s.seek(e);
      s.seek(end);
      expect(k.consoleText()).toBe(console);
      expect(readTrace(k).records.map((r) => [r.kind, r.time, r.result])).toEqual(trace);
    }
  });
});
