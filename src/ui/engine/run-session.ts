// What the page needs of a run, whatever drives it: the language's interpreter
// (session.ts) or a C program compiled to WebAssembly (c-session.ts). The run
// loop, the snapshots, breakpoints and lessons see only this.
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import type { Layout } from '../lang/layout.ts';
import type { Narration } from './narration-log.ts';
import type { TraceRec } from '../../engine-wasm/host/records.ts';

export type Status = 'ready' | 'running' | 'done' | 'error';

export interface RunSession {
  readonly k: Kernel;
  /** Where the program's records are in user memory and what they are called. */
  readonly lay: Layout;
  /** Events run since the start. */
  readonly events: number;
  /** The furthest event this run has reached (a step back does not lower it). */
  readonly horizon: number;
  readonly finished: boolean;
  readonly state: Status;
  readonly failure: { readonly message: string; readonly line: number } | undefined;
  /** The program line being run (or about to run); 0 when it is not known. */
  readonly line: number;
  /** True while the program waits in a system call (kernel events run). */
  readonly inKernel: boolean;
  /** A checkpoint is due before the next event, and what the last one / all of them cost (ms): the run loop paces frames with it. */
  readonly checkpointDue: boolean;
  readonly checkpointMs: number;
  readonly checkpointTotalMs: number;
  /** The most recent narration, oldest first. */
  recent(): readonly Narration[];
  /** The run's newest trace records (at most the kernel ring's), each with the run's event number (trace-log.ts). */
  trace(): readonly TraceRec[];
  /** Trace records the run has written so far (also those too old to be held). */
  readonly traceWritten: number;
  /** Runs at most `max` events (`exact`: one kernel event at a time); returns how many ran. */
  run(max: number, exact?: boolean): number;
  /** One event. */
  step(): number;
  /** Goes to event `target` exactly (back or forward). */
  seek(target: number): void;
  /** Back to event 0. */
  reset(): void;
}
