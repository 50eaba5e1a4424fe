// Trace exports, pure and headless (no DOM): the page's download buttons and
// the command line call them with records from readTrace (or the session's
// trace log) and the program's atom names. This file holds the text export and
// gathers the rest: the Chrome trace event JSON (trace-chrome.ts) and what an
// export says about the records it holds (trace-window.ts). The formats:
// docs/traces.md.
import type { TraceRec } from './records.ts';
import { formatTraceLine, type AtomNames } from './trace-format.ts';
import { traceWindow, windowText } from './trace-window.ts';
import { withAtomContext } from './trace-context.ts';

export { traceChrome, chromeTraceJson, DEFAULT_ATOM_NS } from './trace-chrome.ts';
export type { ChromeTrace, ChromeEvent, ChromeOptions } from './trace-chrome.ts';
export { traceWindow, windowText } from './trace-window.ts';
export type { TraceWindow } from './trace-window.ts';

export interface TextOptions {
  /** What the trace is of (the example's name, a file name), for the header. */
  readonly title?: string;
}

/**
 * The text export: three header lines starting with `#` (what it is of, which
 * records it holds, the columns), then one line per record:
 * `e=<event> t=<virtual ns> thr=<thread> <what happened>` (trace-format.ts),
 * atoms as `0x110b0 <name>` when the program names them.
 */
export function traceText(records: readonly TraceRec[], names?: AtomNames, opts: TextOptions = {}): string {
  const head = [
    `# Syslet Playground trace${opts.title ? ` of ${opts.title}` : ''}`,
    `# ${windowText(traceWindow(records))}`,
    '# e = event, t = virtual time in ns, thr = thread (0 is the user task, N is cachemiss thread N)',
  ];
  return [...head, ...withAtomContext(records).map((r) => `e=${r.event} ${formatTraceLine(r, names)}`)].join('\n') + '\n';
}
