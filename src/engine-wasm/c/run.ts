// runC: runs a compiled C program (compileC's module) against the kernel, as
// its user task. Browser-safe, no node: imports.
//
//   const run = await runC(k, wasm, { knobs, stopAtEvent, maxEvents, onEvents });
//
// - The kernel is reset first (unless `reset: false`): the knobs' options are
//   set and kernel_reset(knobs.seed) is called; then the module is
//   instantiated with { env: { memory: k.memory, syscall } }, which writes its
//   data into the user region, and its `main` runs.
// - `syscall(nr, a0..a5)` enters the kernel with k.enter() and runs it with
//   k.step() in batches, so every kernel event is counted (`events`, kernel
//   events only), and `onEvents(k)` sees the kernel after each batch of at
//   most EVENT_BATCH events.
// - `stopAtEvent: N` stops the program right after kernel event N (or before
//   its first call, for 0): a private sentinel is thrown out of the wasm, so the
//   kernel is left exactly at event N, possibly in the middle of a call.
//   Status 'stopped'.
// - exit(status) (i386 call 1) and main's return end the program in the host:
//   neither is a kernel call. Status 'exited' with exitCode.
// - A trap (a failed assert, a playground check, an out-of-bounds access) is
//   status 'error' with what is known: the failure record the header left
//   (message and C line), else the trap's own message.
// - More than `maxEvents` kernel events (default C_MAX_EVENTS, the
//   playground's limit) is status 'error'.
// - `calls` lists the user task's kernel calls with their results (undefined
//   for a call a stop left unfinished); `symbols` names the module's data
//   (exported globals, the header's own `__` names left out).
import type { Kernel } from '../host/kernel.ts';
import { checkModuleMemory, type ModuleMemory } from './memory-check.ts';
import { wasmInfo } from './wasm-info.ts';
import { FAILURE_MESSAGE_BYTES } from './header.ts';

/** Kernel events a C run may take: the playground's limit for a run. */
export const C_MAX_EVENTS = 5_000_000;
/** At most this many kernel events run between two looks at the kernel (onEvents). */
export const EVENT_BATCH = 1024;
/** i386 exit: the host ends the program. */
export const NR_EXIT = 1;

/** What a reset applies (the shape of the language's Knobs): kernel options and the seed. */
export interface CKnobs {
  readonly seed: number;
  readonly kernel: readonly (readonly [id: number, value: number])[];
}

export interface RunCOptions {
  readonly knobs?: CKnobs;
  /** Reset the kernel before the run (default true); without a reset the kernel must be idle. */
  readonly reset?: boolean;
  readonly stopAtEvent?: number;
  readonly maxEvents?: number;
  readonly onEvents?: (k: Kernel) => void;
}

export interface CCall {
  readonly nr: number;
  readonly args: readonly number[];
  /** The signed result; undefined if the run stopped inside the call. */
  result: number | undefined;
}

export type CRunStatus = 'exited' | 'stopped' | 'error';

export interface CRunResult {
  readonly status: CRunStatus;
  readonly exitCode?: number;
  readonly error?: { readonly message: string; readonly line?: number };
  /** Kernel events since the reset. */
  readonly events: number;
  readonly calls: readonly CCall[];
  readonly symbols: ReadonlyMap<string, number>;
  readonly memory?: ModuleMemory;
}

class Exit {
  constructor(readonly code: number) {}
}
class Stop {}
class Failure {
  constructor(readonly message: string) {}
}

const modules = new WeakMap<Uint8Array, WebAssembly.Module>();

/**
 * The module's data symbols: name -> address. Exported globals (`__…` names are
 * the toolchain's and the header's), then file-scope statics, which compileC
 * links into data segments of their own, named `.data.NAME` / `.bss.NAME`
 * (string literals, `.rodata..L.str…`, are not names).
 */
export function cSymbols(wasm: Uint8Array): Map<string, number> {
  const out = new Map<string, number>();
  const info = wasmInfo(wasm);
  for (const [name, addr] of info.globals) if (!name.startsWith('__')) out.set(name, addr);
  const taken = new Set(out.values());
  for (const seg of info.segments) {
    const m = seg.name && /^\.(?:data|bss|rodata)\.([A-Za-z_]\w*)$/.exec(seg.name);
    if (!m || m[1].startsWith('__') || out.has(m[1]) || taken.has(seg.offset)) continue;
    out.set(m[1], seg.offset);
    taken.add(seg.offset);
  }
  return out;
}

/** The message and C line a failed check of the header's left in memory (assert, a playground check), if any. */
export function failureRecord(k: Kernel, wasm: Uint8Array): { message: string; line?: number } | undefined {
  const at = wasmInfo(wasm).globals.get('__syslet_failure');
  if (at === undefined || at + 4 + FAILURE_MESSAGE_BYTES > k.userEnd) return undefined;
  const bytes = k.bytes(at + 4, FAILURE_MESSAGE_BYTES);
  const len = bytes.indexOf(0);
  if (len <= 0) return undefined;
  const line = k.i32(at);
  return { message: new TextDecoder().decode(bytes.slice(0, len)), ...(line > 0 ? { line } : {}) };
}

export async function runC(k: Kernel, wasm: Uint8Array, opts: RunCOptions = {}): Promise<CRunResult> {
  const symbols = cSymbols(wasm);
  const calls: CCall[] = [];
  let events = 0;
  const fail = (message: string, line?: number): CRunResult => ({ status: 'error', error: { message, ...(line ? { line } : {}) }, events, calls, symbols });
  const fit = checkModuleMemory(wasm, k.userBase, k.userEnd);
  if (!fit.ok) return fail(fit.message);
  const memory: ModuleMemory = { dataStart: fit.dataStart, dataEnd: fit.dataEnd, stackLow: fit.stackLow, stackHigh: fit.stackHigh };
  if (opts.reset !== false) {
    const knobs = opts.knobs ?? { seed: 1, kernel: [] };
    for (const [id, value] of knobs.kernel) k.setOption(id, value);
    k.clearFaults(); // injected faults survive kernel_reset: a C run has none
    k.reset(knobs.seed);
  } else if (k.busy) {
    return fail('the kernel is inside a call: reset it before running a program');
  }
  const stopAt = opts.stopAtEvent;
  const limit = opts.maxEvents ?? C_MAX_EVENTS;
  const limitMessage = `the run stopped after ${limit.toLocaleString('en')} events (the playground's limit)`;

  const syscall = (nr: number, ...args: number[]): number => {
    if (nr === NR_EXIT) throw new Exit(args[0] | 0);
    if (stopAt !== undefined && events >= stopAt) throw new Stop();
    if (events >= limit) throw new Failure(limitMessage);
    if (k.enter(nr, ...args) !== 0) throw new Failure('the kernel is busy with another call');
    const call: CCall = { nr, args: args.map((a) => a >>> 0), result: undefined };
    calls.push(call);
    while (k.busy) {
      const room = Math.min(EVENT_BATCH, limit - events, stopAt === undefined ? Infinity : stopAt - events);
      if (room <= 0) throw stopAt !== undefined && events >= stopAt ? new Stop() : new Failure(limitMessage);
      const n = k.step(room);
      events += n;
      opts.onEvents?.(k);
      if (n === 0 && k.busy) throw new Failure('the kernel made no progress inside a call');
    }
    call.result = k.result;
    if (stopAt !== undefined && events >= stopAt) throw new Stop();
    return call.result;
  };

  let instance: WebAssembly.Instance;
  try {
    let module = modules.get(wasm);
    if (!module) modules.set(wasm, (module = await WebAssembly.compile(wasm as BufferSource)));
    instance = await WebAssembly.instantiate(module, { env: { memory: k.memory, syscall } });
  } catch (e) {
    return fail(`the module cannot be loaded: ${(e as Error).message}`);
  }
  const main = instance.exports.main;
  if (typeof main !== 'function') return fail('the program has no main function');
  const done = (status: CRunStatus, extra: Partial<CRunResult> = {}): CRunResult => ({ status, events, calls, symbols, memory, ...extra });
  try {
    const code = (main as (argc: number, argv: number) => number)(0, 0);
    return done('exited', { exitCode: code | 0 });
  } catch (e) {
    if (e instanceof Exit) return done('exited', { exitCode: e.code });
    if (e instanceof Stop) return done('stopped');
    if (e instanceof Failure) return done('error', { error: { message: e.message } });
    if (e instanceof WebAssembly.RuntimeError) {
      const record = failureRecord(k, wasm);
      if (record) return done('error', { error: record });
      return done('error', { error: { message: `the program trapped (${e.message}) after ${events.toLocaleString('en')} kernel events` } });
    }
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      return done('error', { error: { message: 'the program ran out of stack: a recursion too deep' } });
    }
    throw e;
  }
}
