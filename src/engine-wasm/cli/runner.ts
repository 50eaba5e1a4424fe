// Runs a compiled program to its end in the page's own Session (the same
// driver interpreter, the same kernel), handing on its console output and,
// if asked, its trace records as it goes.
//
// The kernel keeps the last CONSOLE_BYTES of the console and the last NTRACE
// trace records. Without a trace the run goes in batches of BATCH events and
// reads the console after each; a batch that wrote more than the window holds
// is taken back (Session.seek, as the page's step back) and run again one
// event at a time, so nothing is missed. Only bytes that one single event
// wrote beyond the window are lost, and counted. With a trace the run goes one
// event at a time: each record then gets its event on the page's timeline
// exactly (a batch mixes driver statements, which the kernel does not count,
// with kernel events), and each event's records come before its console bytes.
import type { Program } from '../../ui/lang/ast.ts';
import type { Layout } from '../../ui/lang/layout.ts';
import type { OptionSetting } from '../../ui/lang/options.ts';
import { Session, type Status } from '../../ui/engine/session.ts';
import type { RunSession } from '../../ui/engine/run-session.ts';
import type { Kernel, KernelCounters } from '../host/kernel.ts';
import { readTraceRange, type TraceRec } from '../host/records.ts';
import { consolePosition, consoleUnreadable, readConsoleSince, type ConsoleRun } from '../host/console-read.ts';
import * as L from '../abi/layout.ts';

const BATCH = 1024;

export interface Traced {
  readonly rec: TraceRec;
  /** The run's event the record belongs to (the page's timeline: driver statements and kernel events). */
  readonly event: number;
}

export interface RunSink {
  console(run: ConsoleRun): void;
  /** Given only when the trace is wanted (the run then goes one event at a time). */
  trace?(t: Traced): void;
}

export interface RunResult {
  readonly status: Exclude<Status, 'ready' | 'running'>;
  readonly error?: { readonly message: string; readonly line: number };
  /** Events the run took (driver statements and kernel events), as the page counts them. */
  readonly events: number;
  readonly counters: KernelCounters;
  /** Console bytes written beyond the kernel's window within one event, which no reader could see. */
  readonly consoleLost: number;
  /** Trace records one single event wrote beyond the trace ring (none seen in practice: an event writes a few). */
  readonly traceLost: number;
  readonly session: RunSession;
}

/** What runProgram runs: a program and its layout, and for a C file how to open its run. */
export interface Runnable {
  readonly program: Program;
  readonly layout: Layout;
  readonly open?: (k: Kernel, overrides: readonly OptionSetting[]) => RunSession;
}

export function runProgram(k: Kernel, what: Runnable, overrides: readonly OptionSetting[], sink: RunSink): RunResult {
  const s = what.open ? what.open(k, overrides) : new Session(k, what.program, what.layout, 1, overrides);
  let conPos = consolePosition(k);
  let tracePos = k.counters().traceSeq;
  let consoleLost = 0;
  let traceLost = 0;

  const overflowed = () => consoleUnreadable(k, conPos) > 0;

  const drain = () => {
    const seq = k.counters().traceSeq;
    if (sink.trace && seq !== tracePos) {
      const kev = k.u32(L.KSTATE_BASE + L.KSTATE_EVENTS);
      traceLost += Math.max(0, seq - tracePos - L.NTRACE);
      // One event ran since the last look: its records are all at the kernel's count now (kev), the session's event now.
      for (const rec of readTraceRange(k, tracePos, seq)) sink.trace({ rec, event: s.events - ((kev - rec.event) | 0) });
      tracePos = seq;
    }
    if (consolePosition(k) === conPos) return;
    const c = readConsoleSince(k, conPos);
    consoleLost += c.lost;
    conPos = c.next;
    for (const run of c.runs) sink.console(run);
  };

  const batch = sink.trace ? 1 : BATCH;
  while (!s.finished) {
    const start = s.events;
    s.run(batch);
    if (!overflowed()) {
      drain();
      continue;
    }
    const end = s.events;
    s.seek(start);
    while (s.events < end && !s.finished) {
      s.step();
      drain();
    }
  }
  drain();
  return { status: s.state === 'error' ? 'error' : 'done', error: s.failure, events: s.events, counters: k.counters(), consoleLost, traceLost, session: s };
}
