// A run of one syslet program: the kernel plus the driver interpreter, stepped
// one event at a time (a driver statement, or one kernel event) or run in
// batches. The run is deterministic, so any earlier point is reached exactly
// by restoring a checkpoint and replaying from it (seek).
import { options, type Program } from '../lang/ast.ts';
import { knobsOf, type Knobs, type OptionSetting } from '../lang/options.ts';
import { injectionsOf, type Injections } from '../lang/faults.ts';
import type { Layout } from '../lang/layout.ts';
import { printExpr } from '../lang/print.ts';
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import * as L from '../../engine-wasm/abi/layout.ts';
import { compileDriver, type Op } from './compile.ts';
import { execute, evaluate, RunError, Suspend, type CallLog, type Env } from './interp.ts';
import { captureBase, captureDelta, releaseBase, restoreDelta, type MemoryDelta } from './checkpoint.ts';
import { NarrationLog, type Narration } from './narration-log.ts';
import type { RunSession, Status } from './run-session.ts';
import { TraceLog } from './trace-log.ts';
import type { TraceRec } from '../../engine-wasm/host/records.ts';

export type { Narration };

export const MAX_LOOP_ITERATIONS = 100_000;
export const MAX_EVENTS = 5_000_000;
const CHECKPOINT_EVERY = 5_000;
const MAX_CHECKPOINTS = 64;
const NARRATION_KEPT = 2_000;

export type { Status };

export interface DriverState {
  /** Index of the op to run next (or being run, while its system call is in the kernel). */
  readonly pc: number;
  /** Results of the calls the current statement has made. */
  readonly memo: readonly number[];
  readonly loops: readonly number[];
  readonly status: Status;
  readonly error?: { readonly message: string; readonly line: number };
}

interface Checkpoint {
  readonly event: number;
  readonly delta: MemoryDelta;
  readonly state: DriverState;
}

function opText(op: Op): string {
  switch (op.kind) {
    case 'stmt': {
      const s = op.stmt;
      if (s.kind === 'assign') return `${printExpr(s.target)} = ${printExpr(s.value)}`;
      if (s.kind === 'expr') return printExpr(s.expr);
      if (s.kind === 'assert') return `assert ${printExpr(s.cond)}`;
      return `print ${s.args.map((a) => printExpr(a)).join(', ')}`;
    }
    case 'init': return `var ${op.name} = ${printExpr(op.value)}`;
    case 'branch': return `${op.loop === undefined ? 'if' : 'while'} ${printExpr(op.cond)}`;
    case 'jump': return op.loop === undefined ? 'else' : 'loop';
    case 'end': return 'end of program';
  }
}

export class Session implements RunSession {
  readonly ops: readonly Op[];
  /** Each op's text for the narration, made once. */
  private readonly opTexts: readonly string[];
  readonly env: Env;
  private base: Uint8Array = new Uint8Array(0);
  private pc = 0;
  private memo: number[] = [];
  private loops: number[];
  private status: Status = 'ready';
  private error: DriverState['error'];
  private checkpoints: Checkpoint[] = [];
  private traceCursor = 0;
  private readonly narration: NarrationLog;
  /** The run's trace as far as it has gone (the Trace view, the exports). */
  private readonly traceLog: TraceLog;
  /** Events run since the start. */
  events = 0;
  /** The furthest event this run has reached (a step back does not lower it). */
  horizon = 0;
  /** The checkpoint the last backward seek restored (the event replay started from). */
  replayedFrom = 0;
  /** Time the latest checkpoint took, and all of them, in ms (for pacing frames). */
  checkpointMs = 2;
  checkpointTotalMs = 0;
  /** The program's `option` lines (defaults for the rest): applied at every reset. */
  readonly knobs: Knobs;
  /** The program's `fault` clauses and `latency` lines: applied at every reset, like the knobs. */
  readonly injections: Injections;

  /**
   * `seed` is the seed when the program sets none; `overrides` (the command
   * line's `--option`) take the place of the program's own lines of the same name.
   */
  constructor(
    readonly k: Kernel,
    readonly program: Program,
    readonly lay: Layout,
    readonly seed = 1,
    overrides: readonly OptionSetting[] = [],
  ) {
    this.knobs = knobsOf([...overrides, ...options(program)], seed);
    this.injections = injectionsOf(program, lay);
    this.narration = new NarrationLog(k, NARRATION_KEPT);
    this.traceLog = new TraceLog(k);
    const compiled = compileDriver(program, lay);
    this.ops = compiled.ops;
    this.opTexts = compiled.ops.map(opText);
    this.loops = new Array<number>(compiled.loops).fill(0);
    this.env = { k, lay };
    this.reset();
  }

  /** The page replaced this session for good: its memory copy goes to the next one (checkpoint.ts). */
  retire(): void {
    releaseBase(this.base);
    this.base = new Uint8Array(0);
    this.checkpoints = [];
    this.status = 'error';
    this.error = { message: 'this run was replaced by a newer program', line: 0 };
  }

  /** Back to event 0: a fresh kernel with the program's options and memory image. */
  reset(): void {
    const { k, lay } = this;
    this.traceLog.read(); // before the reset clears the kernel's trace ring (the run repeats: the records stay true)
    // Options survive kernel_reset and the kernel is shared: every one is set, the program's or its default.
    for (const [id, value] of this.knobs.kernel) k.setOption(id, value);
    // Injected faults survive kernel_reset too: the table is emptied, then holds this program's only.
    k.clearFaults();
    for (const f of this.injections.faults) k.setFault(f.atom, f.kind, f.value, f.nth);
    for (const l of this.injections.latencies) k.setLatency(l.path, l.ns, l.page);
    k.reset(this.knobs.seed);
    for (const w of lay.writes) k.writeBytes(w.addr, w.bytes);
    releaseBase(this.base); // the checkpoints that refer to it go below
    this.base = captureBase(k.memory);
    this.pc = 0;
    this.memo = [];
    this.loops.fill(0);
    this.status = 'ready';
    this.error = undefined;
    this.events = 0;
    this.traceCursor = k.counters().traceSeq;
    this.narration.clear();
    this.checkpoints = [{ event: 0, delta: { pages: new Map(), bytes: 0 }, state: this.driverState() }];
    if (lay.print.bytes === 0) this.fail('no room is left in user memory for print', 1);
  }

  driverState(): DriverState {
    return { pc: this.pc, memo: [...this.memo], loops: [...this.loops], status: this.status, error: this.error };
  }
  get finished(): boolean {
    return this.status === 'done' || this.status === 'error';
  }
  get state(): Status {
    return this.status;
  }
  get failure(): DriverState['error'] {
    return this.error;
  }
  /** The driver line being run (or about to run). */
  get line(): number {
    return this.ops[Math.min(this.pc, this.ops.length - 1)]?.line ?? 1;
  }
  get inKernel(): boolean {
    return this.k.busy;
  }
  /** The most recent narration, oldest first. */
  recent(): readonly Narration[] {
    return this.narration.recent();
  }

  /**
   * The run's newest trace records (at most the kernel ring's 16,384) as far
   * as it has gone — past the current event after a step back — oldest first;
   * each record's `event` is this session's event number. The same array until
   * the run goes further.
   */
  trace(): readonly TraceRec[] {
    return this.traceLog.records();
  }

  /** Trace records the run has written so far (also those too old to be held). */
  get traceWritten(): number {
    return this.traceLog.written;
  }

  private say(n: Narration): void {
    this.narration.say({ ...n, time: this.k.view().getBigUint64(L.KSTATE_BASE + L.KSTATE_CLOCK, true) });
  }

  /** Notes the trace records the kernel wrote since the last look (read when someone asks). */
  private collectTrace(): void {
    const seq = this.k.u32(L.KSTATE_BASE + L.KSTATE_TRACE_SEQ);
    if (seq === this.traceCursor) return;
    const kev = this.k.u32(L.KSTATE_BASE + L.KSTATE_EVENTS);
    this.narration.kernel(this.events, kev, this.traceCursor, seq);
    this.traceLog.note(this.events, kev, this.traceCursor, seq);
    this.traceCursor = seq;
  }

  private fail(message: string, line: number): void {
    this.status = 'error';
    this.error = { message, line };
    this.say({ event: this.events, kind: 'error', line, text: message });
  }

  /** Runs the op at pc until it ends or enters the kernel. */
  private runOp(): void {
    const op = this.ops[this.pc];
    const log: CallLog = { memo: this.memo, next: 0 };
    try {
      switch (op.kind) {
        case 'end':
          this.status = 'done';
          this.say({ event: this.events, kind: 'done', line: op.line, text: 'the program has finished' });
          return;
        case 'stmt':
          execute(op.stmt, this.env, log);
          this.advance(this.pc + 1);
          return;
        case 'init': {
          const value = evaluate(op.value, this.env, log);
          const sym = this.lay.symbols.get(op.name);
          if (sym) this.k.view().setInt32(sym.addr, value, true);
          this.advance(this.pc + 1);
          return;
        }
        case 'branch': {
          const c = evaluate(op.cond, this.env, log);
          if (c === 0 && op.loop !== undefined) this.loops[op.loop] = 0;
          this.advance(c !== 0 ? this.pc + 1 : op.ifFalse);
          return;
        }
        case 'jump':
          if (op.loop !== undefined && ++this.loops[op.loop] > MAX_LOOP_ITERATIONS) {
            throw new RunError(`the loop ran ${MAX_LOOP_ITERATIONS.toLocaleString('en')} times and was stopped`, op.line);
          }
          this.advance(op.to);
          return;
      }
    } catch (e) {
      if (e instanceof Suspend) {
        if (this.k.enter(e.nr, ...e.args) !== 0) this.fail('the kernel is busy with another call', op.line);
        return;
      }
      if (e instanceof RunError) {
        this.fail(e.message, e.line);
        return;
      }
      this.fail(`internal error: ${(e as Error).message}`, op.line);
    }
  }

  private advance(pc: number): void {
    this.pc = pc;
    this.memo = [];
  }

  /** A checkpoint is due: the next run takes it before its first event. */
  get checkpointDue(): boolean {
    const last = this.checkpoints[this.checkpoints.length - 1];
    return this.events - last.event >= CHECKPOINT_EVERY && !this.finished;
  }

  private checkpoint(): void {
    if (!this.checkpointDue) return;
    const t0 = performance.now();
    this.checkpoints.push({ event: this.events, delta: captureDelta(this.k.memory, this.base), state: this.driverState() });
    this.checkpointMs = performance.now() - t0;
    this.checkpointTotalMs += this.checkpointMs;
    if (this.checkpoints.length > MAX_CHECKPOINTS) {
      // Keep the first, the newest, and every other one between: older history gets sparser.
      this.checkpoints = this.checkpoints.filter((_, i, all) => i === 0 || i === all.length - 1 || i % 2 === 0);
    }
  }

  /**
   * Runs at most `max` events (1 = a single step). A kernel call in progress
   * runs in batches unless `exact` asks for single events (breakpoints).
   * Returns the events run.
   */
  run(max: number, exact = false): number {
    let done = 0;
    while (done < max && !this.finished) {
      this.checkpoint(); // before the next event, so a checkpoint due at the end of a call waits for the next one
      if (this.events >= MAX_EVENTS) {
        this.fail(`the run stopped after ${MAX_EVENTS.toLocaleString('en')} events (the playground's limit)`, this.line);
        break;
      }
      if (this.status === 'ready') this.status = 'running';
      if (this.k.busy) {
        const room = Math.min(max - done, CHECKPOINT_EVERY - (this.events % CHECKPOINT_EVERY));
        const n = this.k.step(exact ? 1 : room);
        this.events += n;
        done += n;
        if (!this.k.busy) {
          this.memo.push(this.k.result);
          this.runOp(); // the statement goes on in the same event
        }
        this.collectTrace();
      } else {
        const op = this.ops[this.pc];
        this.events++;
        done++;
        this.say({ event: this.events, kind: 'driver', line: op.line, text: this.opTexts[this.pc] });
        this.runOp();
        this.collectTrace();
      }
    }
    this.horizon = Math.max(this.horizon, this.events);
    return done;
  }

  /** One event. */
  step(): number {
    return this.run(1, true);
  }

  /** Goes to event `target` exactly: back by restoring a checkpoint and replaying, forward by running. */
  seek(target: number): void {
    target = Math.max(0, Math.floor(target));
    if (target < this.events) {
      let cp = this.checkpoints[0];
      for (const c of this.checkpoints) if (c.event <= target && c.event >= cp.event) cp = c;
      this.narration.read(); // while the trace ring still holds the records it noted
      this.traceLog.read();
      restoreDelta(this.k.memory, this.base, cp.delta);
      this.replayedFrom = cp.event;
      this.pc = cp.state.pc;
      this.memo = [...cp.state.memo];
      this.loops = [...cp.state.loops];
      this.status = cp.state.status;
      this.error = cp.state.error;
      this.events = cp.event;
      this.traceCursor = this.k.counters().traceSeq;
      // What was said up to the checkpoint still holds; replay says the rest again.
      this.narration.truncate(cp.event);
    }
    while (this.events < target && !this.finished) this.run(target - this.events);
  }
}
