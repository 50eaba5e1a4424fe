// The round-trip proof (docs/c.md): every shipped example, exported to C (one
// that injects faults says in its file that they are not carried, and is not run),
// compiled with @yowasp/clang into the kernel's user region and run against a
// fresh kernel with the program's options and seed, does what the
// playground's run does: the same console, the same system calls of the user
// task with the same results, and the same kernel trace — every record's
// event, kind, thread, time, call, result and atom, addresses compared
// through the names they have (atom `hello` in both). Also the semantics of
// words and the run-time errors, and the C side's own tests
// (engine-wasm/c/toolchain-cases.ts): one clang load and one warm-up serve
// every compile of the test suite. The time each step takes is printed.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { loadKernelNode } from '../../../engine-wasm/host/node.ts';
import type { Kernel } from '../../../engine-wasm/host/kernel.ts';
import { readTrace, type TraceRec } from '../../../engine-wasm/host/records.ts';
import { compileC, loadClang } from '../../../engine-wasm/c/compile.ts';
import { C_MAX_EVENTS, cSymbols, runC } from '../../../engine-wasm/c/run.ts';
import { SYS_async_exec, SYS_close, SYS_open, SYS_write } from '../../../engine-wasm/abi/syscall.ts';
import { O_CREAT, O_WRONLY } from '../../../engine-wasm/abi/flags.ts';
import { parse } from '../parse.ts';
import { layout } from '../layout.ts';
import { atoms } from '../ast.ts';
import * as L from '../../../engine-wasm/abi/layout.ts';
import { MAX_EVENTS, MAX_LOOP_ITERATIONS, Session } from '../../engine/session.ts';
import { LOOP_LIMIT } from '../../../engine-wasm/c/header.ts';
import { EXAMPLE_NAMES } from '../../examples/index.ts';
import { exportC, injects } from './export.ts';
import { readOptionPragmas } from './pragma.ts';
import { toolchainTests } from '../../../engine-wasm/c/toolchain-cases.ts';
import { wordsProgram } from './words.test-helpers.ts';

// LLVM is 75 MB of wasm: V8 re-compiling its hot code with TurboFan costs more than it saves in a
// run of a dozen short compiles. Liftoff alone halves this file's time (docs/c.md, Cost); the
// flag holds for this test process only.
setFlagsFromString('--liftoff-only');

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
  timings.push(`this file (clang's load and every C test): ${((performance.now() - t0) / 1000).toFixed(1)} s`);
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

/** Exports, compiles and runs `text` beside the playground's run; everything they show must agree. */
async function roundTrip(name: string, text: string, warnings: 'none' | 'allowed' = 'none'): Promise<void> {
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
  // Not even a warning, but for random expressions: `b != 0` for a buffer b is always true, says clang.
  expect(compiled.diagnostics.filter((d) => warnings === 'none' || d.severity === 'error'), compiled.log).toEqual([]);
  const wasm = compiled.wasm!;

  const mine = playground(text);

  // The C file states the program's options; read back, they are the session's.
  const pragmas = readOptionPragmas(exported.text);
  expect(pragmas.diagnostics).toEqual([]);
  expect(pragmas.knobs).toEqual(new Session(k, program, lay).knobs);

  // C names back to program names, for the atoms' addresses in the trace.
  const programName = new Map([...exported.names].map(([p, c]) => [c, p]));
  const symbols = cSymbols(wasm);
  const byAddr = new Map<number, string>();
  for (const [c, addr] of symbols) {
    const p = programName.get(c);
    if (p !== undefined && lay.symbols.get(p)?.kind === 'atom') byAddr.set(addr, p);
  }
  const named = namer(byAddr);
  const theirs = collector(named);
  const t2 = performance.now();
  const run = await runC(k, wasm, { knobs: pragmas.knobs, onEvents: () => theirs.read() });
  const runMs = performance.now() - t2;
  expect(run.error).toBeUndefined();
  expect(run).toMatchObject({ status: 'exited', exitCode: 0 });

  expect(k.consoleText()).toBe(mine.console);
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
}

describe('every example exported to C does what the playground does', () => {
  afterAll(() => {
    timings.push(`round trip of the ${EXAMPLE_NAMES.length} examples, clang's load included: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  });
  for (const name of EXAMPLE_NAMES) {
    test(name, async () => {
      await roundTrip(name, readFileSync(new URL(`../../examples/${name}.syslet`, import.meta.url), 'utf8'));
    }, 120_000);
  }
});

// Words in C as in the playground: signed division and compares, 32-bit
// wrapping, masked shift counts, unsigned ring indices and lengths read as
// signed words, pointers compared as words, atom fields.
const SEMANTICS = String.raw`ring 2
var a = 7
var b = -3
var z = 0
var big = 0x7fffffff
var u = 0xffffffff
var s = 33
buffer buf[8]
var p = buf
atom at = getpid() ret a
print a / b, " ", a % b, " ", b / a, " ", b % a, " ", -2147483648 / -1, " ", -2147483648 % -1, "\n"
print big + 1, " ", big * 2, " ", u, " ", u + 1, " ", u < 0, " ", u >> 1, " ", u >> s, " ", 1 << s, " ", -b << 30, "\n"
print user_idx < 0, " ", user_idx - 1 < 0, " ", kernel_idx, " ", len("abc") - 4 < 0, " ", ~a, " ", !a, " ", a && 0, " ", z || b, "\n"
print p == buf, " ", at == at.next, " ", at.nr, " ", at.flags, " ", at.ret == &a, " ", at.ret == &b, "\n"
at.flags = SYSLET_STOP_ON_ZERO | SYSLET_SYNC
at.next = at
print at.flags, " ", at.next == at, " ", at.next - at, "\n"
at.next = 0
print async_exec(at) == at, " ", a, " ", "100% \x01\xff\0end", "\n"
`;

test('the semantics of words are the playground\'s', async () => {
  await roundTrip('semantics', SEMANTICS);
}, 120_000);

test('random expressions over words give what the playground gives', async () => {
  await roundTrip('words', wordsProgram(240, 20261202), 'allowed');
}, 120_000);

// The playground's run-time errors, one chosen by the word in /case: in the
// playground the read fails (there is no /case) and `which` keeps its start.
const ERRORS = `ring 2
var which = 0
var zero = 0
var i = 0
var fd = open("/case", O_RDONLY)
read(fd, &which, 4)
if which == 1 {
    assert which == 2
} else if which == 2 {
    print 7 / zero
} else if which == 3 {
    print 7 % zero
} else if which == 4 {
    print ring[which + 1]
} else if which == 5 {
    while 1 {
        i = i + 1
    }
}
`;

test('the C side\'s limits are the playground\'s', () => {
  expect(LOOP_LIMIT).toBe(MAX_LOOP_ITERATIONS);
  expect(C_MAX_EVENTS).toBe(MAX_EVENTS);
});

test('the run-time errors are the playground\'s, word for word', async () => {
  const { program } = parse(ERRORS);
  const exported = exportC(program, layout(program), { name: 'errors' });
  const compiled = await compileC(exported.text, { fileName: exported.fileName });
  expect(compiled.diagnostics).toEqual([]);
  for (const which of [1, 2, 3, 4, 5]) {
    // The playground's run of 100,000 rounds is slow (every round is driver events): its message is known.
    const loopMessage = `the loop ran ${MAX_LOOP_ITERATIONS.toLocaleString('en')} times and was stopped`;
    let message = loopMessage;
    let console = '';
    if (which !== 5) {
      const { program: p } = parse(ERRORS.replace('var which = 0', `var which = ${which}`));
      const s = new Session(k, p, layout(p));
      while (!s.finished) s.run(100_000);
      expect(s.state).toBe('error');
      message = s.failure!.message;
      console = k.consoleText();
    }

    k.reset(1);
    const at = k.userBase;
    k.writeString(at, '/case');
    k.setU32(at + 8, which);
    const fd = k.syscall(SYS_open, at, O_CREAT | O_WRONLY, 0o644);
    k.syscall(SYS_write, fd, at + 8, 4);
    k.syscall(SYS_close, fd);
    const run = await runC(k, compiled.wasm!, { reset: false });
    expect(run.status).toBe('error');
    expect(run.error?.message, `case ${which}`).toBe(message);
    expect(k.consoleText()).toBe(console);
  }
}, 120_000);

toolchainTests(() => k);
