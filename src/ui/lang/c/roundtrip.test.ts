// The round-trip proof (docs/c.md): every shipped example, exported to C (one
// that injects faults says in its file that they are not carried, and is not run),
// compiled with @yowasp/clang into the kernel's user region and run against a
// fresh kernel with the program's options and seed, does what the
// playground's run does: the same console, the same system calls of the user
// task with the same results, and the same kernel trace — every record's
// event, kind, thread, time, call, result and atom, addresses compared
// through the names they have (atom `hello` in both). One clang load serves
// all examples; the time each step takes is printed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadKernelNode } from '../../../engine-wasm/host/node.ts';
import type { Kernel } from '../../../engine-wasm/host/kernel.ts';
import { readTrace, type TraceRec } from '../../../engine-wasm/host/records.ts';
import { compileC, loadClang } from '../../../engine-wasm/c/compile.ts';
import { cSymbols, runC } from '../../../engine-wasm/c/run.ts';
import { SYS_async_exec } from '../../../engine-wasm/abi/syscall.ts';
import { parse } from '../parse.ts';
import { layout } from '../layout.ts';
import { atoms } from '../ast.ts';
import * as L from '../../../engine-wasm/abi/layout.ts';
import { Session } from '../../engine/session.ts';
import { EXAMPLE_NAMES } from '../../examples/index.ts';
import { exportC, injects } from './export.ts';
import { readOptionPragmas } from './pragma.ts';

let k: Kernel;
const timings: string[] = [];
let t0 = 0;

beforeAll(async () => {
  t0 = performance.now();
  k = await loadKernelNode('debug');
  await loadClang();
  timings.push(`clang loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}, 120_000);

afterAll(() => {
  timings.push(`round trip of ${EXAMPLE_NAMES.length} examples: ${((performance.now() - t0) / 1000).toFixed(1)} s in all`);
  console.log(timings.join('\n'));
});

interface Seen {
  readonly console: string;
  readonly calls: readonly (readonly [nr: number, result: string | number])[];
  readonly trace: readonly string[];
}

/** A trace record with its addresses told by name (`atom` is 0 for a direct call). */
function describeRecord(r: TraceRec, atomName: (addr: number) => string): string {
  const result = (r.nr === SYS_async_exec && r.kind === 'sysret') || r.kind === 'cached' ? atomName(r.result >>> 0) : r.result;
  const aux = r.kind === 'fault' ? '-' : r.aux;
  return `${r.event} ${r.kind} t${r.tid} @${r.time} nr${r.nr} =${result} ${atomName(r.atom)} aux${aux}`;
}

function namer(byAddr: ReadonlyMap<number, string>): (addr: number) => string {
  return (addr) => (addr === 0 ? '0' : (byAddr.get(addr) ?? `?${addr.toString(16)}`));
}

/** Reads the trace as it grows, from the last reset on (a reset starts the count at 0). */
function collector(name: (addr: number) => string) {
  const trace: string[] = [];
  let seq = 0;
  return {
    trace,
    read() {
      const { records, next, dropped } = readTrace(k, seq);
      expect(dropped, 'trace records were overwritten before they were read').toBe(0);
      for (const r of records) trace.push(describeRecord(r, name));
      seq = next;
    },
  };
}

function playground(text: string): Seen {
  const { program } = parse(text);
  const lay = layout(program);
  const byAddr = new Map<number, string>();
  for (const [n, sym] of lay.symbols) if (sym.kind === 'atom') byAddr.set(sym.addr, n);
  const s = new Session(k, program, lay); // resets the kernel with the program's options
  const seen = collector(namer(byAddr));
  while (!s.finished) {
    s.run(1000);
    seen.read();
  }
  expect(s.failure).toBeUndefined();
  const calls = seen.trace.filter((t) => / sysret t0 /.test(t)).map((t) => {
    const m = / nr(\d+) =(\S+) /.exec(t)!;
    return [Number(m[1]), Number(m[1]) === SYS_async_exec ? m[2] : Number(m[2])] as const;
  });
  return { console: k.consoleText(), calls, trace: seen.trace };
}

describe('every example exported to C does what the playground does', () => {
  for (const name of EXAMPLE_NAMES) {
    test(name, async () => {
      const text = readFileSync(new URL(`../../examples/${name}.syslet`, import.meta.url), 'utf8');
      const { program, diagnostics } = parse(text);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const lay = layout(program);
      const exported = exportC(program, lay, { name });
      if (injects(program)) {
        // The fault and latency lab is not carried into C: the file says so, and there is nothing to compare.
        expect(exported.text).toContain("Not carried into C: this program's injected faults");
        return;
      }

      const t1 = performance.now();
      const compiled = await compileC(exported.text, { fileName: exported.fileName });
      const compileMs = performance.now() - t1;
      expect(compiled.diagnostics, compiled.log).toEqual([]); // not even a warning
      const wasm = compiled.wasm!;

      const mine = playground(text);

      // The C file states the program's options; read back, they are the session's.
      const pragmas = readOptionPragmas(exported.text);
      expect(pragmas.diagnostics).toEqual([]);
      const session = new Session(k, program, lay);
      expect(pragmas.knobs).toEqual(session.knobs);

      // C names back to program names, for the atoms' addresses in the trace.
      const program_ = new Map([...exported.names].map(([p, c]) => [c, p]));
      const symbols = cSymbols(wasm);
      const byAddr = new Map<number, string>();
      for (const [c, addr] of symbols) {
        const p = program_.get(c);
        if (p !== undefined && lay.symbols.get(p)?.kind === 'atom') byAddr.set(addr, p);
      }
      const theirs = collector(namer(byAddr));
      const t2 = performance.now();
      const run = await runC(k, wasm, { knobs: pragmas.knobs, onEvents: () => theirs.read() });
      const runMs = performance.now() - t2;
      expect(run.error).toBeUndefined();
      expect(run.status).toBe('exited');
      expect(run.exitCode).toBe(0);

      expect(k.consoleText()).toBe(mine.console);
      const named = namer(byAddr);
      expect(run.calls.map((c) => [c.nr, c.nr === SYS_async_exec ? named((c.result ?? 0) >>> 0) : c.result])).toEqual(mine.calls);
      expect(theirs.trace).toEqual(mine.trace);

      // The layout the program relies on: atoms 44 bytes apart and vars 4 apart, in the program's order.
      const place = (items: readonly { name: { name: string } }[], bytes: number) => {
        const addrs = items.map((i) => symbols.get(exported.names.get(i.name.name)!)!);
        addrs.slice(1).forEach((a, i) => expect(a - addrs[i], `${items[i + 1].name.name} after ${items[i].name.name}`).toBe(bytes));
      };
      place(atoms(program), L.ATOM_BYTES);
      place(program.items.filter((i) => i.kind === 'var'), 4);

      timings.push(`${name}: compile ${(compileMs / 1000).toFixed(1)} s, run ${runMs.toFixed(0)} ms, ${run.events.toLocaleString('en')} kernel events, ${run.calls.length} calls, ${theirs.trace.length} trace records`);
    }, 120_000);
  }
});
