// The command line's C side: `syslet export c` and `syslet run prog.c` (the
// page's compiler and C run), their exit statuses and diagnostics, the round
// trip through the command line, and `export trace --format chrome`.
import { beforeAll, describe, expect, test } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { loadKernelNode } from '../host/node.ts';
import type { Kernel } from '../host/kernel.ts';
import { loadClang } from '../c/compile.ts';
import { SYSLET_H } from '../c/header.ts';
import { cli } from './test-helpers.ts';

setFlagsFromString('--liftoff-only'); // as the command itself does (bin.mjs)

let k: Kernel;
beforeAll(async () => {
  k = await loadKernelNode('release');
  await loadClang();
}, 120_000);

const EX = (name: string) => `src/ui/examples/${name}.syslet`;
const C_EX = (name: string) => `src/ui/examples/c/${name}`;

describe('syslet and C', () => {
  test('run hello.c: the console, exit 0', async () => {
    const r = await cli(k, ['run', C_EX('hello.c')]);
    expect(r).toMatchObject({ code: 0, out: 'Hello Syslet World!\ncompleted an cached syslet atom!\n', err: '' });
  });

  test('export c, then run the C file: the same console as the program, exit 0', async () => {
    const exported = await cli(k, ['export', 'c', EX('read-loop')]);
    expect(exported.code).toBe(0);
    expect(exported.out).toContain('#include "syslet.h"');
    const ran = await cli(k, ['run', 'read-loop.c'], { 'read-loop.c': exported.out });
    const page = await cli(k, ['run', EX('read-loop')]);
    expect(ran).toMatchObject({ code: 0, out: page.out, err: '' });
    const header = await cli(k, ['export', 'c', '--header']);
    expect(header).toMatchObject({ code: 0, out: SYSLET_H });
  });

  test('a failed assert in C: file:line:col on stderr, exit 1; a compile error: exit 2', async () => {
    const bad = await cli(k, ['run', 'bad.c'], { 'bad.c': '#include "syslet.h"\nint main(void) {\n  assert(getpid() == 9);\n  return 0;\n}\n' });
    expect(bad.code).toBe(1);
    expect(bad.err).toBe('bad.c:3:3: error: assertion failed: getpid() == 9\n');
    const err = await cli(k, ['run', 'err.c'], { 'err.c': 'int main(void) { return x; }\n' });
    expect(err.code).toBe(2);
    expect(err.err).toMatch(/^err\.c:1:25: error: use of undeclared identifier 'x'$/m);
    const pragma = await cli(k, ['run', 'p.c'], { 'p.c': '#pragma syslet option ring_policy = maybe\nint main(void) { return 0; }\n' });
    expect(pragma.code).toBe(2);
    expect(pragma.err).toMatch(/^p\.c:1:\d+: error: .*ring_policy/m);
    const usage = await cli(k, ['export', 'c', C_EX('hello.c')]);
    expect(usage.code).toBe(2);
  });

  test('export trace --format chrome: the trace-event JSON, records numbered by the run events', async () => {
    const r = await cli(k, ['export', 'trace', '--format', 'chrome', EX('cold-read')]);
    expect(r.code).toBe(0);
    const t = JSON.parse(r.out) as { traceEvents: { ph: string; name: string }[] };
    expect(t.traceEvents.some((e) => e.ph === 'M' && e.name === 'thread_name')).toBe(true);
    expect(t.traceEvents.some((e) => e.ph === 'X' || e.ph === 'B')).toBe(true);
    expect(t.traceEvents.some((e) => e.ph === 'i')).toBe(true);
  });
});
