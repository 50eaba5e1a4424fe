// CSession: a C program run by deterministic re-execution. Standing at event N
// by any road — stepping, seeking back, seeking forward, playing in batches —
// gives the same machine as a straight run to N; the events are the program's
// calls, the kernel's events and the end; atoms are found through the trace.
import { beforeAll, describe, expect, test } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { loadKernelNode } from '../../engine-wasm/host/node.ts';
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import { compileC, loadClang } from '../../engine-wasm/c/compile.ts';
import * as L from '../../engine-wasm/abi/layout.ts';
import { CSession, type CProgram } from './c-session.ts';
import { describe as describeC, moduleSymbols, type Found } from './discover.ts';
import { cKnobs, cProgramOf, discoverC } from './c-build.ts';
import { C_EXAMPLES } from '../examples/index.ts';

// LLVM's 75 MB of wasm compiles in half the time with V8's baseline tier only (as roundtrip.test.ts).
setFlagsFromString('--liftoff-only');

let k: Kernel;
beforeAll(async () => {
  k = await loadKernelNode('debug');
  await loadClang();
}, 120_000);

async function build(text: string): Promise<{ program: CProgram; found: Found }> {
  const r = await compileC(text, { fileName: 'test.c' });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const wasm = r.wasm!;
  const module = new WebAssembly.Module(wasm as BufferSource);
  const d = discoverC(k, module, wasm, cKnobs(text));
  return { program: cProgramOf(text, module, wasm, d).run, found: d.found };
}

/** What the machine is at a point: user memory, the kernel's counters and console, the session's view. */
function state(s: CSession): string {
  const c = k.counters();
  const user = k.bytes(L.USER_BASE, L.USER_END - L.USER_BASE);
  let h = 0;
  for (let i = 0; i < user.length; i++) h = (Math.imul(h, 31) + user[i]) | 0;
  return JSON.stringify({ e: s.events, st: s.state, busy: s.inKernel, clock: String(c.clockNs), kev: c.events, posted: c.posted, lost: c.lost, con: k.consoleText(), mem: h });
}

describe('CSession', () => {
  test('read-loop.c: every event reached by stepping equals the same event reached by seeking back, forward, or in batches', async () => {
    const { program, found } = await build(C_EXAMPLES['read-loop.c']);
    // The atoms are found, named from the C symbols, with their links.
    const { program: graph } = describeC(found, moduleSymbols(program.wasm, k));
    const atoms = graph.items.filter((i) => i.kind === 'atom');
    expect(atoms.map((a) => (a.kind === 'atom' ? `${a.name.name}=${a.syscall.name}->${a.next?.name ?? '-'}` : ''))).toEqual(['rd=read->add', 'add=umem_add->rd']);

    const s = new CSession(k, program);
    const seen: string[] = [state(s)];
    while (!s.finished) {
      expect(s.step()).toBe(1);
      seen.push(state(s));
    }
    const end = s.events;
    expect(s.state).toBe('done');
    expect(s.exitCode).toBe(0);
    expect(k.consoleText()).toMatch(/^async_exec returned NULL: a cachemiss thread runs the loop\nread \d+ bytes in all; the last read returned 0\n$/);
    // Back at every event, from the end: the same machine as when it was first reached.
    for (let e = end; e >= 0; e--) {
      s.seek(e);
      expect(state(s), `seek back to ${e}`).toBe(seen[e]);
    }
    // Forward jumps and batches land on the same events too.
    s.seek(0);
    for (let e = 3; e <= end; e += 7) {
      s.seek(e);
      expect(state(s), `seek forward to ${e}`).toBe(seen[e]);
    }
    s.reset();
    let at = 0;
    while (!s.finished) {
      at += s.run(5);
      expect(state(s), `batch to ${at}`).toBe(seen[at]);
    }
    expect(s.horizon).toBe(end);
  });

  test('exit() ends the program with its code, a failed assert names its C line, a program without calls ends at once', async () => {
    const exits = await build('#include "syslet.h"\nint main(void) { getpid(); exit(3); return 0; }\n');
    const a = new CSession(k, exits.program);
    a.run(100);
    expect([a.state, a.exitCode]).toEqual(['done', 3]);
    expect(a.recent().at(-1)?.text).toBe('the program has finished with exit code 3');

    const asserts = await build('#include "syslet.h"\nint main(void) {\n  long pid = getpid();\n  assert(pid == 12345);\n  return 0;\n}\n');
    const b = new CSession(k, asserts.program);
    b.run(100);
    expect(b.state).toBe('error');
    expect(b.failure?.message).toMatch(/^assertion failed: pid == 12345/);
    expect(b.failure?.line).toBe(4);
    expect(b.recent().at(-1)?.text).toMatch(/^line 4: assertion failed/);

    const quiet = await build('#include "syslet.h"\nint main(void) { return 0; }\n');
    const c = new CSession(k, quiet.program);
    expect(c.run(100)).toBe(1);
    expect(c.state).toBe('done');
  });
});
