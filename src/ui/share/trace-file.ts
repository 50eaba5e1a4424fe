// "Export trace as text" and "… as Chrome trace JSON": the session's trace
// (as far as the run has gone, at most the kernel ring's 16,384 records) as a
// file in one of the two formats of engine-wasm/host/trace-export.ts. Pure;
// the download itself is share/actions.ts's downloadTrace.
import type { TraceRec } from '../../engine-wasm/host/records.ts';
import { chromeTraceJson, traceChrome, traceText } from '../../engine-wasm/host/trace-export.ts';

export type TraceFormat = 'text' | 'chrome';

export interface TraceFile {
  readonly name: string;
  readonly type: string;
  readonly text: string;
}

/** The export of `records` as a file: `<title>-trace.txt` or `<title>-trace.json`. */
export function traceFile(records: readonly TraceRec[], names: ReadonlyMap<number, string>, format: TraceFormat, title: string, atomNs?: number): TraceFile {
  const base = `${title.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'program'}-trace`;
  if (format === 'text') return { name: `${base}.txt`, type: 'text/plain;charset=utf-8', text: traceText(records, names, { title }) };
  return { name: `${base}.json`, type: 'application/json', text: chromeTraceJson(traceChrome(records, names, { title, atomNs })) };
}
