// `option NAME = VALUE`: each option's parsing, its diagnostics, the canonical
// print, and the knobs a session applies (checked against a fresh kernel's defaults).
import { describe, expect, test } from 'vitest';
import { parse } from './parse.ts';
import { print } from './print.ts';
import { options, withoutSpans } from './ast.ts';
import { OPTIONS, knobsOf } from './options.ts';
import { loadKernelNode } from '../../engine-wasm/host/node.ts';
import * as L from '../../engine-wasm/abi/layout.ts';

const errors = (text: string) => parse(text).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
const knobs = (text: string) => knobsOf(options(parse(text).program));
const kernelValue = (text: string, id: number) => knobs(text).kernel.find(([i]) => i === id)?.[1];

describe('option lines: each option parses to its kernel value', () => {
  test('ring_policy: lose or wait', () => {
    expect(kernelValue('option ring_policy = wait\n', L.OPT_RING_POLICY)).toBe(L.RING_WAIT);
    expect(kernelValue('option ring_policy = lose\n', L.OPT_RING_POLICY)).toBe(L.RING_LOSE);
    expect(errors('option ring_policy = block\n')).toEqual(['1:22 `ring_policy` is `lose` or `wait`, not `block`']);
    expect(errors('option ring_policy = 1\n')).toEqual(['1:22 `ring_policy` is `lose` or `wait`, not `1`']);
  });
  test('disk_latency and disk_jitter: durations with a unit, in ns', () => {
    expect(kernelValue('option disk_latency = 5ms\n', L.OPT_DISK_LATENCY_NS)).toBe(5_000_000);
    expect(kernelValue('option disk_latency = 250us\n', L.OPT_DISK_LATENCY_NS)).toBe(250_000);
    expect(kernelValue('option disk_latency = 1s\n', L.OPT_DISK_LATENCY_NS)).toBe(1_000_000_000);
    expect(kernelValue('option disk_jitter = 0ns\n', L.OPT_DISK_JITTER_NS)).toBe(0);
    expect(kernelValue('option disk_jitter = 70ns\n', L.OPT_DISK_JITTER_NS)).toBe(70);
    expect(errors('option disk_latency = 5\n')).toEqual(['1:23 `disk_latency` is a duration: give it a unit (ns, us, ms or s), as in `option disk_latency = 2ms`']);
    expect(errors('option disk_jitter = 2s\n')).toEqual(['1:22 `disk_jitter` is 0 to 1s, not 2s']);
    expect(errors('option disk_latency = 5min\n')).toEqual(['1:23 `5min` is not a number (write decimal digits, or 0x and hex digits)']);
  });
  test('seed: any 32-bit number, not a kernel option but kernel_reset\'s argument', () => {
    expect(knobs('option seed = 7\n').seed).toBe(7);
    expect(knobs('option seed = 0xffffffff\n').seed).toBe(0xffffffff);
    expect(knobs('ring 2\n').seed).toBe(1);
    expect(errors('option seed = 5ms\n')).toEqual(['1:15 `seed` is a plain number, without a unit, as in `option seed = 1`']);
  });
  test('cachemiss_threads: 0 to 256', () => {
    expect(kernelValue('option cachemiss_threads = 0\n', L.OPT_CACHEMISS_THREADS)).toBe(0);
    expect(kernelValue('option cachemiss_threads = 3\n', L.OPT_CACHEMISS_THREADS)).toBe(3);
    expect(errors('option cachemiss_threads = 257\n')).toEqual(['1:28 `cachemiss_threads` is 0 to 256, not 257']);
  });
  test('call_budget: at least 10,000 events', () => {
    expect(kernelValue('option call_budget = 20000\n', L.OPT_CALL_BUDGET)).toBe(20_000);
    expect(errors('option call_budget = 9999\n')).toEqual(['1:22 `call_budget` is 10,000 to 4,294,967,295, not 9,999']);
  });
});

describe('option lines: diagnostics', () => {
  test('an unknown option names the known ones and suggests the nearest', () => {
    expect(errors('option ring_polcy = wait\n')).toEqual([
      '1:8 `ring_polcy` is not a kernel option (ring_policy, disk_latency, disk_jitter, seed, cachemiss_threads, call_budget) — did you mean `ring_policy`?',
    ]);
  });
  test('an option set twice, inside a block, without `=` or value', () => {
    expect(errors('option seed = 1\noption seed = 2\n')).toEqual(['2:8 `option seed` is already set at line 1']);
    expect(errors('if 1 {\n    option seed = 1\n}\n')).toEqual(['2:5 declarations go at the top level, not inside a block']);
    expect(errors('option seed 3\n')).toEqual(['1:13 expected `=` after `option seed`, as in `option seed = 1`, found `3`']);
    expect(errors('option seed =\n')).toEqual(['1:14 expected the value of `seed`, as in `option seed = 1`; found the end of the line']);
  });
  test('`option` is a keyword; a duration is only for option lines', () => {
    expect(errors('var option = 1\n')[0]).toMatch(/`option` is a keyword/);
    expect(errors('var x = 2ms\n')).toEqual(['1:9 `2ms` is a duration: only an `option` line takes one, as in `option disk_latency = 2ms`; a value here is a plain number']);
  });
});

describe('option lines: print and apply', () => {
  test('canonical form keeps the value as written; parse(print(p)) is p', () => {
    const text = '# knobs\noption   ring_policy=wait  # the experiment\noption disk_latency = 2ms\nring 2\n';
    const p = parse(text).program;
    expect(print(p)).toBe('# knobs\noption ring_policy = wait  # the experiment\noption disk_latency = 2ms\nring 2\n');
    expect(withoutSpans(parse(print(p)).program)).toEqual(withoutSpans(p));
  });
  test('a program without option lines gets every default, and the defaults are the kernel\'s own', async () => {
    const k = await loadKernelNode('release');
    for (const [id, value] of knobs('ring 2\n').kernel) expect(k.getOption(id), `option ${id}`).toBe(value);
    expect(knobs('ring 2\n').kernel.map(([id]) => id).sort()).toEqual(
      OPTIONS.flatMap((o) => (o.target === 'seed' ? [] : [o.target])).sort(),
    );
  });
});
