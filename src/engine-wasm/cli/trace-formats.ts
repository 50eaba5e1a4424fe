// The forms `syslet export trace --format NAME` writes a run's trace in, and
// the JSON form of one record (`syslet run --json --trace`). A format renders
// every record of the run at once; adding one is one entry in TRACE_FORMATS.
import { formatTrace, formatTraceLine } from '../host/trace-format.ts';
import { syscallByNr } from '../host/syscalls.ts';
import { chromeTraceJson, traceChrome } from '../host/trace-chrome.ts';
import type { Traced } from './runner.ts';

export interface TraceContext {
  /** The program file, as given. */
  readonly file: string;
  /** Atom addresses -> their names in the program. */
  readonly atoms: ReadonlyMap<number, string>;
}

export interface TraceFormat {
  readonly name: string;
  readonly summary: string;
  render(records: readonly Traced[], ctx: TraceContext): string;
}

export const TRACE_FORMATS: readonly TraceFormat[] = [
  {
    name: 'text',
    summary: 'one line per record, as the golden traces: t=TIME thr=THREAD EVENT',
    render: (records) => (records.length ? formatTrace(records.map((t) => t.rec)) : ''),
  },
  {
    name: 'chrome',
    summary: 'Chrome trace-event JSON for Perfetto and chrome://tracing: threads as tracks, atoms as slices (docs/traces.md)',
    // The page's export, records numbered by the run's events as the page's Trace tab numbers them.
    render: (records, ctx) => chromeTraceJson(traceChrome(records.map((t) => ({ ...t.rec, event: t.event })), ctx.atoms, { title: ctx.file })),
  },
];

export function traceFormat(name: string): TraceFormat | undefined {
  return TRACE_FORMATS.find((f) => f.name === name);
}

/** One record as a JSON object: its fields, named, plus the line of the text form. */
export function traceJson(t: Traced, atoms: ReadonlyMap<number, string>) {
  const r = t.rec;
  return {
    event: t.event,
    kernelEvent: r.event,
    seq: r.seq,
    timeNs: Number(r.time),
    thread: r.tid,
    kind: r.kind,
    atom: r.atom,
    ...(atoms.has(r.atom) ? { atomName: atoms.get(r.atom) } : {}),
    nr: r.nr,
    ...(syscallByNr(r.nr) ? { syscall: syscallByNr(r.nr)!.name } : {}),
    result: r.result,
    args: r.args,
    aux: r.aux,
    aux2: r.aux2,
    text: formatTraceLine(r),
  };
}
