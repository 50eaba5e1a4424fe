// A run of a C program compiled to WebAssembly (docs/c.md), with the same
// surface as the language's Session: the page steps, plays and seeks it alike.
//
// The C code runs natively and cannot be paused between two of its
// instructions, so time travel is deterministic re-execution: to stand at
// event N, reset the kernel, run main() again from the start, and stop it
// from inside its `env.syscall` import once N events have run (a private
// exception unwinds the wasm stack; the kernel stays exactly at event N).
// While the program waits inside one system call, later events are kernel
// events only, and the session steps the kernel itself; when that call
// returns, the C code must go on, and the run is executed again up to there.
//
// Events, as for a language program: entering a system call is one event (the
// program's own, told as "main() calls write(…)"), each kernel event is one,
// and the end of main() (or exit()) is one. C code between two calls takes no
// event: what it does belongs to the event that returned the last call.
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import { SYSCALLS, syscallName } from '../../engine-wasm/host/syscalls.ts';
import type { Layout } from '../lang/layout.ts';
import type { Knobs } from '../lang/options.ts';
import * as L from '../../engine-wasm/abi/layout.ts';
import { NarrationLog, type Narration } from '../engine/narration-log.ts';
import { TraceLog } from '../engine/trace-log.ts';
import type { TraceRec } from '../../engine-wasm/host/records.ts';
import type { RunSession, Status } from '../engine/run-session.ts';
import { MAX_EVENTS } from '../engine/session.ts';
import { failureRecord } from '../../engine-wasm/c/run.ts';

/** i386 `exit`: the kernel has no processes, so the host ends the program (docs/c.md). */
export const SYS_exit = 1;
const NARRATION_KEPT = 2_000;
/** Kernel events run per kstep call when no single events are asked for. */
const BATCH = 1 << 16;

/** Thrown out of the syscall import to stop the program at the target event. */
class Stop {}
const STOP = new Stop();
/** Thrown out of the syscall import by exit(). */
class Exit {
  constructor(readonly code: number) {}
}

export interface CProgram {
  readonly module: WebAssembly.Module;
  /** The module's bytes (the header's failure record is found through them). */
  readonly wasm: Uint8Array;
  /** The program's kernel options (its `option` pragmas) and seed. */
  readonly knobs: Knobs;
  /** The names of user memory, as far as the C program's symbols and its trace tell them. */
  readonly lay: Layout;
}

/** What one C system call looks like in the narration: `write(1, 0x11040, 20)`. */
export function callText(nr: number, args: readonly number[]): string {
  return `${syscallName(nr)}(${args.map((a) => (a >>> 0 >= 0x10000 ? '0x' + (a >>> 0).toString(16) : String(a | 0))).join(', ')})`;
}

export class CSession implements RunSession {
  readonly lay: Layout;
  private readonly narration: NarrationLog;
  /** The run's trace: kept across re-executions, which write the same records again. */
  private readonly traceLog: TraceLog;
  private instance: WebAssembly.Instance | null = null;
  /** main() has been called in the current execution (and not ended). */
  private started = false;
  /** main() returned (or exit() was called) but its end is the next event. */
  private ending: number | null = null;
  private target = 0;
  private exact = false;
  private status: Status = 'ready';
  private error: { message: string; line: number } | undefined;
  private traceCursor = 0;
  /** The exit code once the program ended. */
  exitCode: number | null = null;
  events = 0;
  horizon = 0;
  /** Executions from the start so far (for the docs' cost figures and tests). */
  executions = 0;
  readonly checkpointDue = false;
  readonly checkpointMs = 0;
  readonly checkpointTotalMs = 0;
  /** Called at every system call the program makes, with the call's arguments (discovery). */
  onCall: ((nr: number, args: readonly number[]) => void) | null = null;

  constructor(
    readonly k: Kernel,
    readonly program: CProgram,
  ) {
    this.lay = program.lay;
    this.narration = new NarrationLog(k, NARRATION_KEPT);
    this.traceLog = new TraceLog(k);
    this.reset();
  }

  /** The exports of the current instance (its data symbols, for discovery). */
  get exports(): WebAssembly.Exports | null {
    return this.instance?.exports ?? null;
  }
  get knobs(): Knobs {
    return this.program.knobs;
  }
  get finished(): boolean {
    return this.status === 'done' || this.status === 'error';
  }
  get state(): Status {
    return this.status;
  }
  get failure(): { message: string; line: number } | undefined {
    return this.error;
  }
  /** C lines are not known at run time (the page shows 0: no line). */
  get line(): number {
    return 0;
  }
  get inKernel(): boolean {
    return this.k.busy;
  }
  recent(): readonly Narration[] {
    return this.narration.recent();
  }
  trace(): readonly TraceRec[] {
    return this.traceLog.records();
  }
  get traceWritten(): number {
    return this.traceLog.written;
  }

  /** Event 0: a fresh kernel with the program's options, and the module instantiated again (its data in user memory). */
  reset(): void {
    const { k } = this;
    this.traceLog.read(); // before the reset clears the kernel's trace ring
    for (const [id, value] of this.knobs.kernel) k.setOption(id, value);
    k.clearFaults(); // a syslet program's injected faults survive kernel_reset: a C run has none
    k.reset(this.knobs.seed);
    this.narration.clear();
    this.events = 0;
    this.status = 'ready';
    this.error = undefined;
    this.exitCode = null;
    this.started = false;
    this.ending = null;
    this.traceCursor = k.counters().traceSeq;
    try {
      this.instance = new WebAssembly.Instance(this.program.module, { env: { memory: k.memory, syscall: this.syscall } });
    } catch (e) {
      this.instance = null;
      this.fail(`the program could not be loaded: ${(e as Error).message}`);
    }
  }

  private say(n: Omit<Narration, 'time'>): void {
    this.narration.say({ ...n, time: this.k.view().getBigUint64(L.KSTATE_BASE + L.KSTATE_CLOCK, true) });
  }

  private collectTrace(): void {
    const seq = this.k.u32(L.KSTATE_BASE + L.KSTATE_TRACE_SEQ);
    if (seq === this.traceCursor) return;
    const kev = this.k.u32(L.KSTATE_BASE + L.KSTATE_EVENTS);
    this.narration.kernel(this.events, kev, this.traceCursor, seq);
    this.traceLog.note(this.events, kev, this.traceCursor, seq);
    this.traceCursor = seq;
  }

  /** The run stops with an error; `line`: the C line, when the header's failure record tells it. */
  private fail(message: string, line = 0): void {
    this.status = 'error';
    this.error = { message, line };
    this.say({ event: this.events, kind: 'error', line, text: line ? `line ${line}: ${message}` : message });
  }

  /** Runs kernel events of the call in progress until it returns or the target is reached. */
  private stepKernel(): void {
    while (this.k.busy && this.events < this.target) {
      const n = this.k.step(this.exact ? 1 : Math.min(BATCH, this.target - this.events));
      this.events += n;
      this.collectTrace();
      if (n === 0) break;
    }
  }

  /** `env.syscall`: the program enters the kernel (an arrow function: it is handed to the module). */
  private readonly syscall = (nr: number, a0: number, a1: number, a2: number, a3: number, a4: number, a5: number): number => {
    if (nr === SYS_exit) throw new Exit(a0 | 0);
    if (this.events >= this.target) throw STOP;
    if (this.events >= MAX_EVENTS) throw new Error(`the run stopped after ${MAX_EVENTS.toLocaleString('en')} events (the playground's limit)`);
    const args = [a0, a1, a2, a3, a4, a5];
    this.onCall?.(nr, args);
    this.events++;
    this.say({ event: this.events, kind: 'driver', line: 0, text: `the C program calls ${callText(nr, trimArgs(nr, args))}` });
    if (this.k.enter(nr, a0, a1, a2, a3, a4, a5) !== 0) throw new Error('the kernel is busy with another call');
    this.stepKernel();
    if (this.k.busy) throw STOP;
    return this.k.result;
  };

  /** Runs the C code from where it stands (or from the start) until the target event or its end. */
  private runProgram(): void {
    const main = this.instance?.exports.main as ((argc: number, argv: number) => number) | undefined;
    if (!main) {
      if (!this.error) this.fail('the program has no main()');
      return;
    }
    this.started = true;
    this.status = 'running';
    try {
      this.ending = main(0, 0) | 0;
    } catch (e) {
      if (e === STOP) return;
      if (e instanceof Exit) this.ending = e.code;
      else {
        const t = this.trapText(e);
        this.fail(t.message, t.line);
      }
    }
  }

  /** A trap or error out of the C code, in words: the header's failure record (assert, checks) with its C line, else the trap's. */
  private trapText(e: unknown): { message: string; line: number } {
    if (e instanceof WebAssembly.RuntimeError) {
      const record = failureRecord(this.k, this.program.wasm);
      if (record) return { message: record.message, line: record.line ?? 0 };
    }
    return { message: trapWords(e instanceof Error ? e.message : String(e)), line: 0 };
  }

  private end(): void {
    const code = this.ending ?? 0;
    this.ending = null;
    this.events++;
    this.status = 'done';
    this.exitCode = code;
    this.say({ event: this.events, kind: 'done', line: 0, text: code === 0 ? 'the program has finished' : `the program has finished with exit code ${code}` });
  }

  /** Goes on to `target` from the current point: kernel events in place, C code by running again from the start. */
  private advance(target: number, exact: boolean): void {
    this.target = target;
    this.exact = exact;
    if (this.finished) return;
    if (this.ending !== null) {
      if (this.events < target) this.end();
      return;
    }
    if (this.k.busy) {
      this.stepKernel();
      if (this.k.busy || this.events >= target) {
        if (!this.k.busy && this.events >= target) this.resumeAt(this.events);
        return;
      }
      // The call returned before the target: the C code goes on, from a fresh start up to here.
      this.resumeAt(target);
    } else if (!this.started) this.runProgram();
    else this.resumeAt(target);
    if (this.ending !== null && this.events < target && !this.finished) this.end();
  }

  /**
   * Executes the program again from the start up to `target`. Used when C code
   * must run on past a point where it was stopped: the run is the same run
   * (deterministic), so it passes through the same events to where it was.
   */
  private resumeAt(target: number): void {
    const exact = this.exact;
    this.executions++;
    this.reset();
    this.target = target;
    this.exact = exact;
    this.runProgram();
  }

  run(max: number, exact = false): number {
    const before = this.events;
    if (max <= 0 || this.finished) return 0;
    this.advance(this.events + max, exact);
    this.horizon = Math.max(this.horizon, this.events);
    return this.events - before;
  }

  step(): number {
    return this.run(1, true);
  }

  seek(target: number): void {
    target = Math.max(0, Math.floor(target));
    if (target < this.events) {
      this.executions++;
      this.reset();
      if (target === 0) return;
      this.target = target;
      this.exact = false;
      this.runProgram();
      if (this.ending !== null && this.events < target && !this.finished) this.end();
    } else if (target > this.events) this.run(target - this.events);
  }
}

/** A call's arguments as far as its signature goes (write shows 3, getpid none). */
function trimArgs(nr: number, args: readonly number[]): readonly number[] {
  const n = PARAMS.get(nr);
  return n === undefined ? args : args.slice(0, n);
}
const PARAMS = new Map(SYSCALLS.map((s) => [s.nr, s.params.length]));

/** What a trap in the C code means, in words. */
function trapWords(msg: string): string {
  if (/unreachable/i.test(msg)) return 'the program trapped (__builtin_trap or unreachable code was reached)';
  if (/out of bounds/i.test(msg)) return 'the program trapped: a memory access outside the wasm memory';
  if (/call stack/i.test(msg)) return 'the program ran out of stack: a recursion too deep';
  if (/divide by zero|division by zero/i.test(msg)) return 'the program trapped: an integer division by zero';
  return `the program trapped: ${msg}`;
}
